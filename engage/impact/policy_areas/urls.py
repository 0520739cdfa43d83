"""URLs of the policy-area pages, included by engage/impact/urls.py at
/<lang>/impact/policy-areas/ (namespace "impact:policy_areas")."""

from django.urls import path

from . import views

app_name = "policy_areas"

urlpatterns = [
    path("", views.policy_area_list, name="index"),
    path("<slug:area_slug>/", views.policy_area_detail, name="detail"),
]
