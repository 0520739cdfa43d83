"""The "About me" page: consent first, then one's own self-declarations, withdrawal
deletes them at once, and nobody else's answers are ever shown."""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from engage.communities import services
from engage.communities.forms import PREFER_NOT_TO_SAY
from engage.communities.models import Declaration, DeclarationConsent
from tests.factories import CategoryFactory, DimensionFactory, UserFactory

pytestmark = pytest.mark.django_db

ABOUT_ME = "/en/accounts/about-me/"
CONSENT = "/en/accounts/about-me/consent/"
WITHDRAW = "/en/accounts/about-me/withdraw/"


@pytest.fixture
def dimensions(db):
    """Two dimensions, each with two categories (names in English and Arabic)."""
    age = DimensionFactory(slug="age-band", name="Age band", name_ar="الفئة العمرية", sort_order=2)
    language = DimensionFactory(
        slug="main-language", name="Main language", name_ar="اللغة الرئيسية", sort_order=1
    )
    return {
        "age": age,
        "language": language,
        "young": CategoryFactory(
            dimension=age, slug="16-24", name="16 to 24", name_ar="من 16 إلى 24"
        ),
        "older": CategoryFactory(
            dimension=age, slug="65-plus", name="65 and over", name_ar="65 فأكثر"
        ),
        "somali": CategoryFactory(
            dimension=language, slug="somali", name="Somali", name_ar="الصومالية"
        ),
        "english": CategoryFactory(
            dimension=language, slug="english", name="English", name_ar="الإنجليزية"
        ),
    }


@pytest.fixture
def consented(client, resident, dimensions):
    """The resident, signed in, with active consent."""
    services.give_consent(resident)
    client.force_login(resident)
    return resident


def field(dimension):
    return f"dimension_{dimension.pk}"


def checked_values(html, dimension):
    """The values of the checked radios in `dimension`'s group."""
    name = re.escape(field(dimension))
    return re.findall(rf'<input type="radio" name="{name}" value="([^"]*)"[^>]*\bchecked\b', html)


class HeadingCounter(HTMLParser):
    def __init__(self):
        super().__init__()
        self.h1 = 0

    def handle_starttag(self, tag, attrs):
        self.h1 += tag == "h1"


def h1_count(response):
    counter = HeadingCounter()
    counter.feed(response.content.decode())
    return counter.h1


def test_anonymous_visitor_is_sent_to_log_in(client):
    for url in (ABOUT_ME, CONSENT, WITHDRAW):
        response = client.get(url) if url != CONSENT else client.post(url, {"agree": "on"})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert not DeclarationConsent.objects.exists()


def test_unverified_resident_may_use_the_page(client, dimensions):
    client.force_login(UserFactory(verified=False))
    response = client.get(ABOUT_ME)
    assert response.status_code == 200
    assert 'name="agree"' in response.content.decode()


def test_before_consent_the_purpose_and_an_unticked_box_are_shown(client, resident, dimensions):
    client.force_login(resident)
    html = client.get(ABOUT_ME).content.decode()
    assert "hear from every part of the community" in html
    assert "never shown to anyone" in html
    assert "never exported person by person" in html
    assert f"{settings.DECLARATION_RETENTION_DAYS} days" in html
    assert "withdraw your consent at any time" in html
    box = re.search(r'<input type="checkbox" name="agree"[^>]*>', html).group(0)
    assert "checked" not in box
    # No question is asked before consent.
    assert field(dimensions["age"]) not in html
    assert "16 to 24" not in html


def test_consent_needs_the_box_ticked(client, resident, dimensions):
    client.force_login(resident)
    response = client.post(CONSENT, {})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tick the box to agree" in html
    assert "data-error-summary" in html
    assert 'aria-invalid="true"' in html
    assert not DeclarationConsent.objects.exists()


def test_declarations_without_consent_are_refused(client, resident, dimensions):
    client.force_login(resident)
    response = client.post(ABOUT_ME, {field(dimensions["age"]): dimensions["young"].pk})
    assert response.status_code == 302
    assert not Declaration.objects.exists()
    assert "not agreed" in client.get(response["Location"]).content.decode()


def test_ticking_the_box_records_consent_with_versions(client, resident, dimensions):
    client.force_login(resident)
    response = client.post(CONSENT, {"agree": "on"})
    assert response.status_code == 302
    consent = DeclarationConsent.objects.get(user=resident)
    assert consent.is_active
    assert consent.privacy_notice_version == settings.DECLARATION_PRIVACY_NOTICE_VERSION
    assert consent.purpose_version == settings.DECLARATION_PURPOSE_VERSION
    html = client.get(response["Location"]).content.decode()
    assert "You gave your consent on" in html
    # One group per dimension, in order, each a fieldset with a legend.
    assert html.index("Main language") < html.index("Age band")
    assert html.count("<fieldset") == 2
    assert "<legend>Age band" in html
    assert "Prefer not to say" in html
    assert "No answer" in html


def test_declaring_prefer_not_to_say_and_clearing(client, consented, dimensions):
    age, language = dimensions["age"], dimensions["language"]
    response = client.post(
        ABOUT_ME, {field(age): dimensions["older"].pk, field(language): PREFER_NOT_TO_SAY}
    )
    assert response.status_code == 302
    declarations = {
        d.dimension_id: d.category_id for d in Declaration.objects.filter(user=consented)
    }
    assert declarations == {age.pk: dimensions["older"].pk, language.pk: None}

    html = client.get(ABOUT_ME).content.decode()
    assert "Your answers have been saved" in html
    assert checked_values(html, age) == [str(dimensions["older"].pk)]
    assert checked_values(html, language) == [PREFER_NOT_TO_SAY]

    # "No answer" (and a group left out of the POST) clears the declaration.
    client.post(ABOUT_ME, {field(age): "", field(language): PREFER_NOT_TO_SAY})
    assert list(Declaration.objects.values_list("dimension_id", "category_id")) == [
        (language.pk, None)
    ]
    client.post(ABOUT_ME, {})
    assert not Declaration.objects.exists()


@pytest.mark.parametrize(
    "tampered",
    ["other-dimension", "unknown-id", "not-a-number"],
)
def test_invalid_choices_are_refused_and_nothing_is_saved(client, consented, dimensions, tampered):
    age, language = dimensions["age"], dimensions["language"]
    services.declare(consented, age, dimensions["young"])
    value = {
        "other-dimension": dimensions["somali"].pk,  # a language, offered as an age band
        "unknown-id": 999999,
        "not-a-number": "<script>",
    }[tampered]
    response = client.post(ABOUT_ME, {field(age): value, field(language): dimensions["english"].pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "That answer is not one of the choices for “Age band”" in html
    assert "data-error-summary" in html
    assert "<script>" not in html
    # Nothing saved: the valid answer in the other group was not written either.
    assert list(Declaration.objects.values_list("dimension_id", "category_id")) == [
        (age.pk, dimensions["young"].pk)
    ]


def test_withdrawing_needs_confirmation_then_deletes_every_declaration(
    client, consented, dimensions
):
    services.declare(consented, dimensions["age"], dimensions["young"])
    services.declare(consented, dimensions["language"], None)

    confirm = client.get(WITHDRAW)
    assert confirm.status_code == 200
    assert h1_count(confirm) == 1
    assert 'action="/en/accounts/about-me/withdraw/"' in confirm.content.decode()
    assert Declaration.objects.filter(user=consented).count() == 2  # nothing yet

    response = client.post(WITHDRAW)
    assert response.status_code == 302
    assert not Declaration.objects.filter(user=consented).exists()
    consent = DeclarationConsent.objects.get(user=consented)
    assert consent.withdrawn_at is not None
    assert services.active_consent(consented) is None

    html = client.get(response["Location"]).content.decode()
    assert "everything you told us about yourself has been deleted" in html
    assert "You withdrew your consent on" in html
    assert 'name="agree"' in html  # asked again from the start
    assert (
        client.post(ABOUT_ME, {field(dimensions["age"]): dimensions["older"].pk}).status_code == 302
    )
    assert not Declaration.objects.exists()


def test_the_page_never_shows_anyone_elses_declarations(client, consented, dimensions):
    other = UserFactory(display_name="Neighbour Nadia")
    services.give_consent(other)
    services.declare(other, dimensions["age"], dimensions["older"])
    services.declare(other, dimensions["language"], dimensions["somali"])

    html = client.get(ABOUT_ME).content.decode()
    assert checked_values(html, dimensions["age"]) == [""]
    assert checked_values(html, dimensions["language"]) == [""]
    assert "Neighbour Nadia" not in html
    assert other.email not in html
    # Saving one's own answers leaves the neighbour's untouched.
    client.post(ABOUT_ME, {field(dimensions["age"]): dimensions["young"].pk})
    assert (
        Declaration.objects.get(user=other, dimension=dimensions["age"]).category
        == dimensions["older"]
    )


def test_responses_are_not_cached(client, consented, dimensions):
    response = client.get(ABOUT_ME)
    assert "no-store" in response["Cache-Control"]


def test_account_settings_link_to_about_me(client, resident):
    client.force_login(resident)
    html = client.get("/en/accounts/profile/").content.decode()
    assert 'href="/en/accounts/about-me/"' in html


@pytest.mark.parametrize("language", ["en", "ar"])
def test_one_h1_in_english_and_arabic(client, resident, dimensions, language):
    client.force_login(resident)
    before = client.get(f"/{language}/accounts/about-me/")
    assert before.status_code == 200
    assert h1_count(before) == 1
    with translation.override("en"):
        services.give_consent(resident)
    after = client.get(f"/{language}/accounts/about-me/")
    assert h1_count(after) == 1
    html = after.content.decode()
    assert f'lang="{language}"' in html
    if language == "ar":
        assert 'dir="rtl"' in html
        assert "الفئة العمرية" in html
        assert "الصومالية" in html


def test_the_page_does_not_query_per_dimension(client, consented, dimensions):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(ABOUT_ME).status_code == 200
        return len(captured)

    before = queries()
    for n in range(3):
        extra = DimensionFactory(slug=f"extra-{n}", name=f"Extra {n}")
        CategoryFactory(dimension=extra, slug="a", name="A")
        services.declare(consented, extra, None)
    assert queries() == before
