"""The consultation page carries what live.js needs, and no inline script code."""

import json
import re

import pytest

pytestmark = pytest.mark.django_db


def test_page_loads_live_js_deferred_with_translated_strings(client, consultation):
    html = client.get(consultation.url).content.decode()
    assert re.search(r'<script src="/static/consultations/live\.js" defer></script>', html)
    assert f'data-live-consultation="{consultation.pk}"' in html
    assert f'data-live-socket="/ws/consultations/{consultation.pk}/"' in html
    assert re.search(
        r'<div class="visually-hidden" aria-live="polite"[^>]*data-live-announcer>', html
    )
    strings = json.loads(
        re.search(
            r'<script id="live-strings" type="application/json">(.*?)</script>', html, re.S
        ).group(1)
    )
    assert strings["new_comment"] == "New comment by %(author)s"
    assert strings["languages"]["ar"] == "Arabic"
    # Every <script> either loads a file or carries JSON data: no inline code.
    for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
        assert "src=" not in attributes or not body.strip()


def test_live_strings_follow_the_page_language(client, consultation):
    html = client.get(consultation.url.replace("/en/", "/fr/", 1)).content.decode()
    strings = json.loads(
        re.search(
            r'<script id="live-strings" type="application/json">(.*?)</script>', html, re.S
        ).group(1)
    )
    # Language names come from Django's own French catalogue.
    assert strings["languages"]["ar"] == "Arabe"
