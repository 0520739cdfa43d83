"""Languages, time zone and translated content (wagtail-modeltranslation)."""

from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

from .environment import BASE_DIR, env

# Internationalisation
LANGUAGE_CODE = "en"
TIME_ZONE = env("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

LANG_INFO["so"] = {
    "bidi": False,
    "code": "so",
    "name": "Somali",
    "name_local": "Soomaali",
}
LANGUAGES = [
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("fr", _("French")),
    ("de", _("German")),
    ("nl", _("Dutch")),
    ("es", _("Spanish")),
    ("pl", _("Polish")),
    ("tr", _("Turkish")),
    ("ur", _("Urdu")),
    ("so", _("Somali")),
]
LANGUAGES_BIDI = ["ar", "ur", "he", "fa"]
LOCALE_PATHS = [BASE_DIR / "locale"]
# British dates and 24-hour times in English (engage/formats/en/formats.py).
FORMAT_MODULE_PATH = ["engage.formats"]

# django-modeltranslation / wagtail-modeltranslation: one page, a field per language.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
WAGTAILMODELTRANSLATION_TRANSLATE_SLUGS = False
