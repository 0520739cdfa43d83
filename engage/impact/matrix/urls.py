"""URLs of the city matrix, included by engage/impact/urls.py at /<lang>/impact/matrix/
(namespace "impact:matrix")."""

from django.urls import path

from . import views

app_name = "matrix"

urlpatterns = [
    path("", views.matrix_view, name="index"),
    path("matrix.csv", views.export_csv, name="export_csv"),
    path("matrix.pdf", views.export_pdf, name="export_pdf"),
]
