"""URLs of hate incident reports, mounted in engage/urls.py."""

app_name = "monitoring_incidents"

urlpatterns = []
