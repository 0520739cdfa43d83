"""The people's rights pages, mounted at /<lang>/accounts/privacy/ (namespace "privacy")."""

from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("download/", views.download, name="download"),
    path("download/<uuid:job_id>/", views.download_file, name="download_file"),
    path("delete/", views.request_deletion, name="deletion_request"),
    path("delete/cancel/", views.cancel_own_deletion, name="deletion_cancel_own"),
    path("delete/confirm/<str:token>/", views.confirm_deletion, name="deletion_confirm"),
    path("delete/cancel/<str:token>/", views.cancel_deletion, name="deletion_cancel"),
]
