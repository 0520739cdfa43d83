"""The EIA download, included by engage/impact/urls.py at
/<lang>/impact/assessments/<pk>/eia/: routes "impact:eia_pdf" and "impact:eia_docx"."""

from django.urls import path

from . import views

urlpatterns = [
    path("pdf/", views.eia_export, {"fmt": "pdf"}, name="eia_pdf"),
    path("docx/", views.eia_export, {"fmt": "docx"}, name="eia_docx"),
]
