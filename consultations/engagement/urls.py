"""Reaction and survey URLs, included from consultations/urls.py (inside i18n_patterns,
before Wagtail's catch-all): "reactions" and "surveys" are reserved top-level slugs."""

from django.urls import path

from . import views

app_name = "engagement"

urlpatterns = [
    path("reactions/<str:kind>/<int:pk>/", views.react_view, name="react"),
    path("surveys/<int:pk>/", views.survey_view, name="survey"),
]
