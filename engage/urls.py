"""URL routing. Everything residents see is inside i18n_patterns (/en/…, /ar/…);
the admin, the API, health checks and media are outside it."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from engage import csp, health, workflow_actions
from engage.accounts.privacy import views as privacy_views
from engage.api import api

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("csp-report/", csp.report_view, name="csp_report"),
    path("i18n/setlang/", set_language, name="set_language"),
    # Ahead of Wagtail's own: the same URL with Engage's hook in front.
    path(
        f"admin/{workflow_actions.URL}",
        workflow_actions.workflow_action,
        name="engage_workflow_action",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
    path("exchange/", include("engage.exchange.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("accounts/about-me/", include("engage.communities.urls")),
    path("accounts/notifications/", include("consultations.following.urls")),
    path("accounts/privacy/", include("engage.accounts.privacy.urls")),
    path("privacy/", privacy_views.notice, name="privacy_notice"),
    path("reports/representation/", include("engage.communities.report_urls")),
    path("reports/consultations/", include("consultations.exports.report_urls")),
    path("reports/cohesion/", include("consultations.cohesion.urls")),
    path("accounts/", include("engage.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("moderation/", include("engage.moderation.urls")),
    path("co-design/", include("consultations.codesign.urls")),
    path("", include("consultations.urls")),
    path("forums/", include("forums.urls")),
    path("opinions/", include("engage.opinions.urls")),
    path("report-an-incident/", include("engage.monitoring.incidents.urls")),
    path("pulse/", include("engage.monitoring.pulse.urls")),
    path("tension/", include("engage.monitoring.tension.urls")),
    path("monitoring/", include("engage.monitoring.alerts.urls")),
    path("impact/", include("engage.impact.urls")),
    path("glossary/", include("engage.policy.glossary.urls")),
    path("search/", include("home.search.urls")),
    path("agreements/", include("engage.policy.urls")),
    path("machine-translation/", include("engage.machine_translation.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
