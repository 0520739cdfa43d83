"""Staff work in the admin (a wave with its indicators and an extra question; a batch
of one-time links as CSV, audited) and who sees a wave's results page."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from engage.monitoring.pulse.models import LinkBatch, OneTimeLink, Wave
from engage.policy.models import ExportRecord, PartnerGrant
from tests.factories.accounts import UserFactory, city_staff, with_totp
from tests.factories.policy import partner_member

from .conftest import answers

pytestmark = pytest.mark.django_db

VIEW = PartnerGrant.Access.VIEW_REPORTS


@pytest.fixture
def staff_client(client):
    client.force_login(with_totp(city_staff()))
    return client


def test_staff_create_a_wave_with_chosen_indicators_and_an_extra_question(staff_client, wards):
    page = staff_client.get(reverse("pulse_waves:add"))
    assert page.status_code == 200 and 'value="fair_treatment"' in page.text
    sent = staff_client.post(
        reverse("pulse_waves:add"),
        {
            "title_en": "Autumn pulse",
            "title_ar": "نبض الخريف",
            "starts_on": "2026-10-01",
            "ends_on": "2026-10-21",
            "areas": [str(wards[0].pk), str(wards[1].pk)],
            "languages": ["en", "ar"],
            "indicators": ["trust", "feel_safe"],
            "questions-TOTAL_FORMS": "1",
            "questions-INITIAL_FORMS": "0",
            "questions-MIN_NUM_FORMS": "0",
            "questions-MAX_NUM_FORMS": "1000",
            "questions-0-code": "parks",
            "questions-0-text_en": "The parks are well kept.",
            "questions-0-scale": "agreement",
            "questions-0-ORDER": "1",
        },
    )
    assert sent.status_code == 302, sent.context["form"].errors if sent.context else sent
    wave = Wave.objects.get(title_en="Autumn pulse")
    assert wave.indicators == ["trust", "feel_safe"] and wave.languages == ["en", "ar"]
    assert set(wave.areas.values_list("code", flat=True)) == {"TC-W01", "TC-W02"}
    assert wave.questions.get().code == "parks"
    with translation.override("ar"):
        assert str(Wave.objects.get(pk=wave.pk).title) == "نبض الخريف"


def test_a_wave_that_ends_before_it_starts_is_refused(staff_client):
    sent = staff_client.post(
        reverse("pulse_waves:add"),
        {
            "title_en": "Backwards",
            "starts_on": "2026-10-21",
            "ends_on": "2026-10-01",
            "indicators": ["trust"],
            "questions-TOTAL_FORMS": "0",
            "questions-INITIAL_FORMS": "0",
        },
    )
    assert sent.status_code == 200 and not Wave.objects.filter(title_en="Backwards").exists()


def test_staff_download_one_time_links_as_csv_and_the_issue_is_recorded(staff_client, wave):
    url = reverse("monitoring_pulse_issue_links", args=[wave.pk])
    assert staff_client.get(url).status_code == 200
    sent = staff_client.post(url, {"count": "5", "issued_to": "Dockside youth session"})
    assert sent.status_code == 200 and sent["Content-Type"].startswith("text/csv")
    assert "no-store" in sent["Cache-Control"]
    rows = list(csv.reader(io.StringIO(sent.content.decode())))
    assert len(rows) == 6 and "/pulse/link/" in rows[1][1]
    assert LinkBatch.objects.get().issued_to == "Dockside youth session"
    assert OneTimeLink.objects.count() == 5
    assert ExportRecord.objects.filter(kind="pulse_answer_links").count() == 1


def test_only_staff_issue_links(client, wave):
    client.force_login(with_totp(partner_member([("city", VIEW)])))
    url = reverse("monitoring_pulse_issue_links", args=[wave.pk])
    assert client.post(url, {"count": "5", "issued_to": "x"}).status_code in (302, 403)
    assert not OneTimeLink.objects.exists()


def test_results_page_for_staff_and_partners_with_a_grant_for_the_waves_areas(client, wave, wards):
    answers(wave, "trust", 20, 10, area=wards[0])
    answers(wave, "trust", 3, 1, area=wards[1])
    wave.areas.set([wards[0], wards[1]])
    wave.save()
    with translation.override("en"):
        url = reverse("monitoring_pulse:results", args=[wave.pk])
    readers = {
        "staff": with_totp(city_staff()),
        "city partner": with_totp(partner_member([("city", VIEW)], organisation="City P")),
        "both wards": with_totp(
            partner_member([("area:TC-W01", VIEW), ("area:TC-W02", VIEW)], organisation="Both")
        ),
    }
    refused = {
        "one ward only": with_totp(partner_member([("area:TC-W01", VIEW)], organisation="One")),
        "resident": UserFactory(),
        "staff without TOTP": city_staff(),
    }
    for name, user in readers.items():
        client.force_login(user)
        page = client.get(url, {"dimension": "", "weight": ""})
        assert page.status_code == 200, name
        assert "fewer than 10" in page.text and "Ward 1" in page.text
    for name, user in refused.items():
        client.force_login(user)
        assert client.get(url).status_code in (302, 403), name
    client.logout()
    assert "/accounts/login/" in client.get(url)["Location"]


def test_the_results_page_reads_the_same_number_of_queries_whatever_the_answers(client, wards):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from engage.communities.models import BaselineShare
    from tests.factories.communities import dimension_with_groups

    from .conftest import make_wave

    dimension = dimension_with_groups("Kind", {"x": "X", "y": "Y"})
    x, y = dimension.categories.order_by("sort_order")
    for category in (x, y):
        BaselineShare.objects.create(area=wards[0].parent, category=category, share="0.5")
    small, large = make_wave(title="Small"), make_wave(title="Large")
    answers(small, "trust", 12, 3, area=wards[0], declarations=[x])
    for ward in wards:
        answers(large, "trust", 14, 6, area=ward, declarations=[x])
        answers(large, "belonging", 11, 2, area=ward, declarations=[y])
    client.force_login(with_totp(city_staff()))
    counts = []
    for wave in (small, large):
        with translation.override("en"):
            url = reverse("monitoring_pulse:results", args=[wave.pk])
        client.get(url, {"dimension": "kind", "weight": "kind"})  # warm caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, {"dimension": "kind", "weight": "kind"}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
