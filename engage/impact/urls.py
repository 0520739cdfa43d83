"""URLs of impact assessments, mounted in engage/urls.py at /<lang>/impact/."""

from django.urls import include, path

app_name = "impact"

urlpatterns = [
    path("matrix/", include("engage.impact.matrix.urls")),
    path("register/", include("engage.impact.register.urls")),
]
