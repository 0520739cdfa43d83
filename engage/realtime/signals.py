"""Live events that Wagtail's page signals trigger.

Any page with a `live_group_name()` method (ConsultationPage, later forum threads)
tells its open pages when it is republished, so they can offer a reload, and when it is
unpublished. Connected in `RealtimeConfig.ready()`.
"""

import logging

from django.conf import settings
from django.utils import translation

from .broadcast import broadcast_after_commit

logger = logging.getLogger("engage.realtime")

PAGE_UPDATED = "page.updated"
PAGE_UNPUBLISHED = "page.unpublished"


def page_summary(page):
    """`{"id", "title", "url"}` in the site's default language (URL may be None)."""
    with translation.override(settings.LANGUAGE_CODE):
        try:
            url = page.get_url()
        except Exception as error:  # noqa: BLE001 - a URL is a nicety; the event still goes out
            logger.warning("No URL for page %s in live update: %s", page.pk, error)
            url = None
        return {"id": page.pk, "title": str(page.title), "url": url}


def live_group(page):
    group_name = getattr(page, "live_group_name", None)
    return group_name() if callable(group_name) else None


def announce_page_published(sender, instance, **kwargs):
    """After commit, tell the page's open pages that a new version is live."""
    group = live_group(instance)
    if group:
        broadcast_after_commit(group, PAGE_UPDATED, page_summary(instance))


def announce_page_unpublished(sender, instance, **kwargs):
    """After commit, tell the page's open pages that it was taken down."""
    group = live_group(instance)
    if group:
        broadcast_after_commit(group, PAGE_UNPUBLISHED, {"id": instance.pk})
