"""Key terms of a guide, linked to the agreed glossary (engage.policy.glossary).

The guide's own text is linked by the glossary's `{% glossary %}` tag in the template
(first use of each agreed term, with its popover). The key terms are listed by name;
`key_term_links(names)` pairs each with the address of its definition when an agreed
term has that wording (label or other form) in the reader's language or in English.
"""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language

logger = logging.getLogger(__name__)


def _agreed_forms(language):
    """{form.casefold(): term slug} of the agreed terms worded in `language`."""
    from engage.policy.glossary.terms_cache import linkable_terms

    forms = {}
    for term in linkable_terms(language):
        for form in term["forms"]:
            forms.setdefault(form.casefold(), term["key"])
    return forms


def key_term_links(names):
    """[(name, url)] for the key terms; url "" when no agreed term has that wording."""
    if not names:
        return []
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    try:
        forms = _agreed_forms(language)
        if language != settings.LANGUAGE_CODE:
            forms = {**_agreed_forms(settings.LANGUAGE_CODE), **forms}
    except Exception:  # a glossary failure must not take the guide down
        logger.exception("glossary: could not link the key terms of a guide")
        forms = {}
    links = []
    for name in names:
        slug = forms.get(name.casefold())
        url = reverse("glossary:term", kwargs={"term_slug": slug}) if slug else ""
        links.append((name, url))
    return links
