"""URLs of impact assessments, mounted in engage/urls.py at /<lang>/impact/."""

from django.urls import include, path

from . import views

app_name = "impact"

urlpatterns = [
    path("matrix/", include("engage.impact.matrix.urls")),
    path("register/", include("engage.impact.register.urls")),
    path("policy-areas/", include("engage.impact.policy_areas.urls")),
    path("assessments/", views.assessment_list, name="assessments"),
    path("assessments/new/", views.assessment_create, name="assessment_create"),
    path("assessments/<int:pk>/", views.assessment_edit, name="assessment_edit"),
    path("assessments/<int:pk>/review/", views.assessment_review, name="assessment_review"),
    path("assessments/<int:pk>/summary/", views.assessment_summary, name="assessment_summary"),
    path("assessments/<int:pk>/eia/", include("engage.impact.eia.urls")),
]
