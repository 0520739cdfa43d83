"""Template context shared by every page."""

from django.conf import settings


def engage(request):
    """Languages for the switcher and the site name."""
    return {
        "ENGAGE_LANGUAGES": settings.LANGUAGES,
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
    }
