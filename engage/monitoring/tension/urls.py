"""URLs of tension assessments, mounted in engage/urls.py."""

app_name = "monitoring_tension"

urlpatterns = []
