"""Consultation URLs outside the Wagtail page tree, inside i18n_patterns."""

from django.urls import path

from . import views

app_name = "consultations"

urlpatterns = [
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
]
