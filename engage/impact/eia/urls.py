"""The EIA download, included by engage/impact/urls.py at
/<lang>/impact/assessments/<pk>/eia/ (route "impact:eia", formats pdf and docx)."""

from django.urls import path

from . import views

urlpatterns = [path("<str:fmt>/", views.eia_export, name="eia")]
