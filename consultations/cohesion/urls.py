"""URLs of the cohesion report, mounted at /<lang>/reports/cohesion/."""

from django.urls import path

from . import views

app_name = "cohesion"

urlpatterns = [
    path("", views.report, name="report"),
    path("report.csv", views.report_csv_download, name="report_csv"),
]
