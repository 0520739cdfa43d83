"""The project's URLs with the translation endpoint mounted where the lead mounts it
(inside i18n_patterns, at machine-translation/, before Wagtail's catch-all), for these
tests only."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from engage.urls import urlpatterns as project_patterns

urlpatterns = [*project_patterns]
if not any(getattr(p, "namespace", None) == "machine_translation" for p in project_patterns):
    urlpatterns = [
        *i18n_patterns(path("machine-translation/", include("engage.machine_translation.urls"))),
        *project_patterns,
    ]
