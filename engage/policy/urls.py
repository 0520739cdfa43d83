"""URLs of the agreements pages (filled as the feature grows)."""

app_name = "agreements"

urlpatterns = []
