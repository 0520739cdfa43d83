"""Resident pages of moderation, mounted at /<lang>/moderation/ (engage/urls.py)."""

from django.urls import path

from . import views

app_name = "moderation"

urlpatterns = [
    path("report/<slug:kind>/<int:pk>/", views.report, name="report"),
    path("appeals/", views.my_decisions, name="my_decisions"),
    path("appeals/new/<int:action_id>/", views.appeal_new, name="appeal_new"),
]
