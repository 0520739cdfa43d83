"""Template tags for the site shell: language alternates for the switcher and hreflang."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """The current page in every configured language: code, local name, URL, direction."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    alternates = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        alternates.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "url": translate_url(path, code),
                "bidi": info["bidi"],
            }
        )
    return alternates


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """Live pages directly below the site's home page marked "show in menus"."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    return list(site.root_page.get_children().live().in_menu().specific())
