"""URLs of the exchange pages (filled as the feature grows)."""

app_name = "exchange"

urlpatterns = []
