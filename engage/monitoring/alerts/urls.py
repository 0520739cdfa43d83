"""URLs of early warning, mounted in engage/urls.py at /<lang>/monitoring/."""

from django.urls import include, path

from . import views

app_name = "monitoring_alerts"

urlpatterns = [
    path("dashboard/", include("engage.monitoring.alerts.dashboard.urls")),
    path("alerts/", views.alert_list, name="alerts"),
    path("alerts/subscription/", views.subscription, name="subscription"),
    path("alerts/responses.csv", views.response_log_csv, name="responses_csv"),
    path("alerts/<int:pk>/", views.alert_detail, name="alert"),
    path("alerts/<int:pk>/respond/", views.alert_respond, name="respond"),
]
