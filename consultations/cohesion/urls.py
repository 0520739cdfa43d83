"""URLs of the cohesion pages (filled as the feature grows)."""

app_name = "cohesion"

urlpatterns = []
