"""The public glossary (A–Z, search, term pages, revisions) in every language, the
partners' review pages, the staff workflow buttons, and who may open what."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from engage.policy.glossary import services
from engage.policy.glossary.models import Decision, Endorsement, TermStatus, TermTranslation
from tests.factories.accounts import UserFactory

from .conftest import make_term, wording

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def terms(db):
    cohesion = make_term(
        "community-cohesion",
        {
            "en": wording("community cohesion", "People feel they belong."),
            "ar": wording("التماسك المجتمعي", "يشعر الناس بالانتماء."),
            "ur": wording("سماجی ہم آہنگی", "لوگ وابستگی محسوس کرتے ہیں۔"),
        },
        discouraged=[
            {
                "language": "en",
                "phrase": "hard-to-reach",
                "preferred": "seldom heard",
                "reason": "It blames residents.",
            }
        ],
    )
    cohesion.translations.filter(language="ur").update(agreed_in="en")
    polarisation = make_term("polarisation", {"en": wording("polarisation", "A widening gap.")})
    draft = make_term(
        "community-tension", {"en": wording("community tension")}, status=TermStatus.UNDER_REVIEW
    )
    return cohesion, polarisation, draft


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"glossary:{name}", kwargs=kwargs)


def h1_count(response):
    return len(re.findall(r"<h1[\s>]", response.content.decode()))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_glossary_and_its_terms_open_in_every_language(client, terms, language):
    response = client.get(url("index", language))
    assert response.status_code == 200 and h1_count(response) == 1
    body = response.content.decode()
    assert f'href="/{language}/glossary/community-cohesion/"' in body
    assert "community-tension" not in body  # not agreed: not public
    detail = client.get(url("term", language, term_slug="community-cohesion"))
    assert detail.status_code == 200 and h1_count(detail) == 1
    text = detail.content.decode()
    expected = {"ar": "التماسك المجتمعي", "ur": "سماجی ہم آہنگی"}.get(
        language, "community cohesion"
    )
    assert expected in text
    if language in ("ar", "ur"):
        assert 'dir="rtl"' in text


def test_a_term_page_shows_the_language_each_translation_was_agreed_in(client, terms):
    body = client.get(url("term", "en", term_slug="community-cohesion")).content.decode()
    assert "Agreed in English." in body
    assert re.search(
        r"<th scope=\"row\">Urdu</th>.*?English <span class=\"muted\">\(translated\)", body, re.S
    )
    urdu = client.get(url("term", "ur", term_slug="community-cohesion")).content.decode()
    assert 'lang="ur" dir="rtl"' in urdu


def test_search_finds_terms_in_any_language_and_discouraged_words(client, terms):
    for query in ("التماسك", "hard-to-reach", "belong"):
        body = client.get(url("index"), {"q": query}).content.decode()
        assert "/en/glossary/community-cohesion/" in body, query
        assert "/en/glossary/polarisation/" not in body
    body = client.get(url("index"), {"q": "nothing like this"}).content.decode()
    assert "No term matches your search" in body


def test_the_letters_filter_the_list(client, terms):
    body = client.get(url("index"), {"letter": "P"}).content.decode()
    assert "/en/glossary/polarisation/" in body and "/en/glossary/community-cohesion/" not in body
    assert 'aria-current="page">P<' in body


def test_terms_under_review_are_hidden_from_the_public_and_residents(client, terms):
    assert client.get(url("term", term_slug="community-tension")).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url("term", term_slug="community-tension")).status_code == 404
    assert client.get(url("review", term_slug="community-tension")).status_code == 403
    assert client.get(url("review_list")).status_code == 403


def test_revisions_show_what_changed(client, terms, staff):
    cohesion = terms[0]
    # The Urdu wording is a translation of the agreed English: editing it keeps the term agreed.
    TermTranslation.objects.filter(term=cohesion, language="ur").update(definition="نئی تعریف")
    services.record_edit(cohesion, by=staff)
    body = client.get(url("revisions", term_slug="community-cohesion")).content.decode()
    assert "Removed:</span> Definition (Urdu): لوگ وابستگی محسوس کرتے ہیں۔" in body
    assert "Added:</span> Definition (Urdu): نئی تعریف" in body
    assert "Unchanged:</span> Definition (English): People feel they belong." in body
    assert staff.email not in body  # who edited is for the review, not the public


def test_a_partner_member_records_their_organisations_decision(client, terms, partners):
    organisation, member = partners[0]
    client.force_login(member)
    page = client.get(url("review", term_slug="community-tension"))
    assert page.status_code == 200 and h1_count(page) == 1
    assert b"Record the decision" in page.content
    listing = client.get(url("review_list")).content.decode()
    assert "/en/glossary/community-tension/review/" in listing
    refused = client.post(
        url("review", term_slug="community-tension"),
        {"organisation": organisation.pk, "decision": "object"},
    )
    assert refused.status_code == 400 and b"aria-invalid" in refused.content
    response = client.post(
        url("review", term_slug="community-tension"),
        {"organisation": organisation.pk, "decision": "object", "comment": "Name the partnership."},
    )
    assert response.status_code == 302
    decision = Endorsement.objects.get()
    assert (decision.organisation, decision.member, decision.decision) == (
        organisation,
        member,
        Decision.OBJECT,
    )


def test_a_member_cannot_decide_for_another_organisation(client, terms, partners):
    (_police, officer), (schools, _teacher), _ = partners
    client.force_login(officer)
    response = client.post(
        url("review", term_slug="community-tension"),
        {"organisation": schools.pk, "decision": "endorse"},
    )
    assert response.status_code == 400
    assert not Endorsement.objects.exists()


def test_partners_without_two_factor_read_nothing_under_review(client, terms):
    from tests.factories.policy import partner_member

    client.force_login(partner_member())
    assert client.get(url("review", term_slug="community-tension")).status_code == 403


def test_staff_move_terms_through_the_workflow(client, terms, staff):
    client.force_login(staff)
    response = client.post(url("transition", term_slug="community-cohesion", transition="retire"))
    assert response.status_code == 302
    terms[0].refresh_from_db()
    assert terms[0].status == TermStatus.RETIRED
    # A move that does not fit the status is refused with a message, nothing changes.
    response = client.post(
        url("transition", term_slug="community-cohesion", transition="start-review"), follow=True
    )
    assert b"Only a proposed term can be sent for review." in response.content
    assert (
        client.post(
            url("transition", term_slug="community-cohesion", transition="explode")
        ).status_code
        == 404
    )


def test_only_staff_move_terms(client, terms, partners):
    client.force_login(partners[0][1])
    assert (
        client.post(
            url("transition", term_slug="community-cohesion", transition="retire")
        ).status_code
        == 403
    )
    assert (
        client.get(
            url("transition", term_slug="community-cohesion", transition="retire")
        ).status_code
        == 405
    )
