"""URLs of the community sentiment dashboard, included by engage/monitoring/alerts/urls.py."""

urlpatterns = []
