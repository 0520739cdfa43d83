from django.urls import path

from . import views

app_name = "machine_translation"

urlpatterns = [
    path("<slug:kind>/<int:pk>/", views.translation, name="translation"),
]
