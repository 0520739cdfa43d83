"""The consultation summaries and exports outside the admin, for partner organisations
with a data-sharing grant (they cannot open the staff workspace). Mounted in
engage/urls.py inside i18n_patterns:
``path("reports/consultations/", include("consultations.exports.report_urls"))``."""

from django.urls import path

from .admin_views import PARTNER, views_for

app_name = PARTNER

_views = views_for(PARTNER)

urlpatterns = [
    path("<int:pk>/", _views["summary"], name="summary"),
    path("<int:pk>/export/", _views["export"], name="export"),
    path("exports/<uuid:job_id>/", _views["job"], name="job"),
    path("exports/<uuid:job_id>/status.json", _views["job_status"], name="job_status"),
    path("exports/<uuid:job_id>/download/", _views["download"], name="download"),
]
