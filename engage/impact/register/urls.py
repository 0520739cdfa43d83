"""URLs of the register, included by engage/impact/urls.py at /<lang>/impact/register/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.register_list, name="register"),
    path("overdue/", views.register_overdue, name="register_overdue"),
    path("new/", views.register_create, name="register_create"),
    path("<int:pk>/", views.register_edit, name="register_edit"),
]
