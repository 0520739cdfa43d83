"""URLs of the community sentiment dashboard, included by engage/monitoring/alerts/urls.py
at /<lang>/monitoring/dashboard/ (namespace "monitoring_alerts:dashboard")."""

from django.urls import path

from . import exports, views

app_name = "dashboard"

urlpatterns = [
    path("", views.dashboard_view, name="index"),
    path("sentiment.csv", exports.export_csv, name="export_csv"),
    path("sentiment.pdf", exports.export_pdf, name="export_pdf"),
]
