"""Absolute links for places without a request: emails, background tasks, commands.

Everything that writes a link into an email calls `absolute_url`, so that links follow
the BASE_URL setting (the site's public address; `make demo` sets it from PORT) and
never a default host or port. Wagtail pages go through `page_url`: with one site a page
URL is a path and gets BASE_URL in front; with several sites Wagtail gives the page's
own site's root URL (its `Site` hostname and port), which is kept.
"""

from django.conf import settings


def base_url():
    """The site's public address, without a trailing slash."""
    return settings.BASE_URL.rstrip("/")


def absolute_url(url):
    """`url` (a path such as reverse() gives) as an absolute link on BASE_URL; a URL
    that already has a scheme is returned as it is."""
    url = str(url or "/")
    if url.startswith(("http://", "https://")):
        return url
    if not url.startswith("/"):
        url = "/" + url
    return base_url() + url


def page_url(page):
    """The absolute link to a Wagtail page (see the module docstring)."""
    return absolute_url(page.get_url() or "/")


def list_unsubscribe_headers(unsubscribe_url, one_click=False):
    """The List-Unsubscribe header (RFC 2369) for an email with an unsubscribe link,
    and List-Unsubscribe-Post (RFC 8058) when the link unsubscribes with one POST."""
    if not unsubscribe_url:
        return {}
    headers = {"List-Unsubscribe": f"<{absolute_url(unsubscribe_url)}>"}
    if one_click:
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return headers
