"""Wagtail admin hooks of the engage app itself.

wagtail-modeltranslation hands its settings to its editor scripts in an inline
`<script>` (`translation_settings`, hook `insert_editor_js`), which the admin's
Content-Security-Policy blocks. Here that hook is swapped, in place (its order among the
editor scripts is kept), for one that passes the same settings in a data- attribute of
a static script, engage/js/modeltranslation-settings.js.
"""

import json

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.urls import re_path
from django.utils.html import format_html
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from modeltranslation import settings as mt_settings
from wagtail import hooks
from wagtail.models import Page
from wagtail_modeltranslation import settings as wmt_settings
from wagtail_modeltranslation import wagtail_hooks as modeltranslation_hooks


def modeltranslation_settings():
    """wagtail-modeltranslation's editor settings, without an inline script."""
    default = wmt_settings.LOCALE_PICKER_DEFAULT
    data = {
        "languages": [code for code, _name in settings.LANGUAGES],
        "defaultLanguage": mt_settings.DEFAULT_LANGUAGE,
        "viewEditString": gettext("View / edit fields for"),
        "translate_slugs": bool(wmt_settings.TRANSLATE_SLUGS),
        "locale_picker_default": list(default)
        if default is not None
        else [mt_settings.DEFAULT_LANGUAGE],
        "locale_picker_restore": bool(wmt_settings.LOCALE_PICKER_RESTORE),
    }
    return format_html(
        '<script src="{}" data-settings="{}"></script>',
        static("engage/js/modeltranslation-settings.js"),
        json.dumps(data),
    )


def replace_hook(name, old, new):
    """Put `new` where `old` was registered for hook `name` (same order)."""
    registered = hooks._hooks.get(name, [])
    hooks._hooks[name] = [(new if fn is old else fn, order) for fn, order in registered]


replace_hook(
    "insert_editor_js", modeltranslation_hooks.translation_settings, modeltranslation_settings
)


@csrf_exempt  # as upstream: it only renders what is posted, and its script sends no token
@require_POST
def copy_translation_content(request, page_id):
    """wagtail-modeltranslation's "copy content between languages" view, guarded.

    Upstream answers 500 to a missing page, a request that is not its own script's
    (no `X-Requested-With`) or malformed fields, and asks no page permission. Here a
    missing page is a 404, a page the person may not edit a 403, anything else the
    script would never send a 400, and only then the upstream view renders the field.
    """
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if request.headers.get("X-Requested-With") != "XMLHttpRequest":
        return HttpResponseBadRequest(gettext("This address is only for the page editor."))
    try:
        return modeltranslation_hooks.return_translation_target_field_rendered_html(
            request, page_id
        )
    except (ValueError, TypeError, KeyError, LookupError, FieldDoesNotExist, AttributeError):
        return HttpResponseBadRequest(gettext("Those fields cannot be copied."))


def copy_translation_urls():
    """The upstream URL, pointing at the guarded view."""
    return [
        re_path(
            r"pages/(?P<page_id>\d+)/edit/copy_translation_content/$",
            copy_translation_content,
            name="",
        ),
    ]


replace_hook(
    "register_admin_urls", modeltranslation_hooks.copy_streamfields_content, copy_translation_urls
)
