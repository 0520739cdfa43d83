"""URLs of cohesion pulse surveys, mounted at /<lang>/pulse/ in engage/urls.py."""

from django.urls import path

from . import views

app_name = "monitoring_pulse"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.answer, name="answer"),
    path("<int:pk>/results/", views.results, name="results"),
    path("link/<str:token>/", views.answer_with_link, name="answer_with_link"),
]
