"""URLs of the public search, mounted at `/<lang>/search/`."""

from django.urls import path

from . import views

app_name = "home_search"
urlpatterns = [path("", views.search, name="search")]
