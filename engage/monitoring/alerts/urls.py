"""URLs of early warning, mounted in engage/urls.py at /<lang>/monitoring/."""

from django.urls import include, path

app_name = "monitoring_alerts"

urlpatterns = [
    path("dashboard/", include("engage.monitoring.alerts.dashboard.urls")),
]
