"""The representation dashboard outside the admin, for partner organisations with a
data-sharing grant (they cannot open the staff workspace). Mounted in engage/urls.py:
``path("reports/representation/", include("engage.communities.report_urls"))``."""

from django.urls import path

from . import admin_views, pdf

app_name = admin_views.PUBLIC_NAMESPACE

urlpatterns = [
    path("", admin_views.partner_dashboard, name="dashboard"),
    path("report.csv", admin_views.partner_export_csv, name="export_csv"),
    path("report.pdf", pdf.partner_report_pdf, name="export_pdf"),
]
