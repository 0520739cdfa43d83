"""URLs of early warning, mounted in engage/urls.py."""

app_name = "monitoring_alerts"

urlpatterns = []
