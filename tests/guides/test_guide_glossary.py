"""Guides link the agreed glossary: key terms to their definitions (in the reader's
language, else English), and the first use of an agreed term in the guide's text."""

import pytest

from engage.policy.glossary import terms_cache
from engage.policy.glossary.models import TermStatus
from tests.glossary.conftest import make_term, wording

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_glossary_cache():
    terms_cache.bump()
    yield
    terms_cache.bump()


@pytest.fixture
def terms(db):
    make_term(
        "polarisation",
        {"en": wording("polarisation"), "ar": wording("الاستقطاب", "تعريف.")},
    )
    make_term("cohesion", {"en": wording("community cohesion")}, status=TermStatus.PROPOSED)


def test_key_terms_link_to_agreed_terms_only(client, guide, terms):
    html = client.get(guide.url).content.decode()
    terms_section = html.split('id="guide-terms"')[1].split("</section>")[0]
    assert 'href="/en/glossary/polarisation/">polarisation</a>' in terms_section
    # Proposed, not agreed: shown as plain text.
    assert "<li>community cohesion</li>" in terms_section


def test_the_guide_text_links_the_first_use_of_an_agreed_term(client, guide, terms):
    html = client.get(guide.url).content.decode()
    purpose = html.split('id="guide-purpose"')[1].split("</section>")[0]
    assert "/en/glossary/polarisation/" in purpose


def test_in_arabic_key_terms_fall_back_to_the_english_wording(client, guide, terms):
    html = client.get(f"/ar{guide.url[3:]}").content.decode()
    terms_section = html.split('id="guide-terms"')[1].split("</section>")[0]
    assert "/ar/glossary/polarisation/" in terms_section
