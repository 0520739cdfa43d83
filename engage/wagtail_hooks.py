"""Wagtail admin hooks of the engage app itself.

wagtail-modeltranslation hands its settings to its editor scripts in an inline
`<script>` (`translation_settings`, hook `insert_editor_js`), which the admin's
Content-Security-Policy blocks. Here that hook is swapped, in place (its order among the
editor scripts is kept), for one that passes the same settings in a data- attribute of
a static script, engage/js/modeltranslation-settings.js.
"""

import json

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext
from modeltranslation import settings as mt_settings
from wagtail import hooks
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
