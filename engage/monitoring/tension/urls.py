"""URLs of tension assessments, mounted at /<lang>/tension/ in engage/urls.py."""

from django.urls import path

from . import views

app_name = "monitoring_tension"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
]
