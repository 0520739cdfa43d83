"""URLs of the live opinion map (included by engage/opinions/urls.py)."""

urlpatterns = []
