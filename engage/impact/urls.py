"""URLs of impact assessments, mounted in engage/urls.py."""

app_name = "impact"

urlpatterns = []
