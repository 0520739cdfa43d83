"""URLs of cohesion pulse surveys, mounted in engage/urls.py."""

app_name = "monitoring_pulse"

urlpatterns = []
