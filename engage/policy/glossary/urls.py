"""URLs of the glossary pages (filled as the feature grows)."""

app_name = "glossary"

urlpatterns = []
