"""URLs of hate incident reports, mounted in engage/urls.py (/<lang>/report-an-incident/)."""

from django.urls import path

from . import views

app_name = "monitoring_incidents"

urlpatterns = [
    path("", views.report, name="report"),
    path("thank-you/", views.submitted, name="submitted"),
    path("status/<str:reference>/<str:secret>/", views.status, name="status"),
    path(
        "status/<str:reference>/<str:secret>/delete/", views.delete_by_link, name="delete_by_link"
    ),
    path("mine/", views.mine, name="mine"),
    path("mine/<str:reference>/delete/", views.delete_mine, name="delete_mine"),
    path("referred/", views.referred, name="referred"),
    path("referred/<str:reference>/", views.referred_detail, name="referred_detail"),
]
