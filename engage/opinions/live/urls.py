"""URLs of the live opinion map (included by engage/opinions/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<int:map_id>/map/", views.map_view, name="map"),
    path("<int:map_id>/map/fragment/", views.map_fragment_view, name="map_fragment"),
]
