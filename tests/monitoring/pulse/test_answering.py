"""Answering a wave: once per person signed in, once per one-time link, without
JavaScript and in Arabic."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from engage.monitoring.pulse.models import Answer, LinkBatch, OneTimeLink, Response
from engage.monitoring.pulse.services import (
    PulseError,
    issue_links,
    link_from_token,
    links_csv,
    submit_answers,
)
from engage.policy.models import ExportRecord
from tests.factories.accounts import UserFactory, city_staff

from .conftest import make_wave

pytestmark = pytest.mark.django_db


def _url(name, **kwargs):
    with translation.override("en"):
        return reverse(f"monitoring_pulse:{name}", kwargs=kwargs)


def test_a_signed_in_resident_answers_once_and_is_told_so_the_second_time(client, wave, wards):
    resident = UserFactory()
    client.force_login(resident)
    url = _url("answer", pk=wave.pk)
    page = client.get(url)
    assert page.status_code == 200
    assert 'type="radio"' in page.text and "<script" not in page.text.split("<main")[1]
    sent = client.post(
        url, {"trust": "tend_to_agree", "q-parks": "definitely_agree", "area": str(wards[1].pk)}
    )
    assert sent.status_code == 200 and "Thank you" in sent.text
    response = Response.objects.get(wave=wave, user=resident)
    assert response.area == wards[1] and response.channel == "signed_in"
    assert set(Answer.objects.filter(response=response).values_list("value", flat=True)) == {
        "tend_to_agree",
        "definitely_agree",
    }
    again = client.post(url, {"trust": "definitely_disagree"})
    assert "already answered" in again.text
    assert Response.objects.filter(wave=wave, user=resident).count() == 1


def test_the_service_refuses_a_second_answer_from_the_same_person(wave):
    resident = UserFactory()
    submit_answers(wave, {"trust": "tend_to_agree"}, user=resident)
    with pytest.raises(PulseError) as refused:
        submit_answers(wave, {"trust": "tend_to_agree"}, user=resident)
    assert refused.value.code == "already_answered"


def test_an_empty_form_is_refused_with_an_error_summary(client, wave):
    client.force_login(UserFactory())
    page = client.post(_url("answer", pk=wave.pk), {})
    assert page.status_code == 400
    assert "error-summary" in page.text and "at least one question" in page.text
    assert not Response.objects.exists()


def test_a_value_off_the_scale_is_refused(client, wave):
    client.force_login(UserFactory())
    page = client.post(_url("answer", pk=wave.pk), {"trust": "very_safe"})
    assert page.status_code == 400 and 'aria-invalid="true"' in page.text


def test_anonymous_visitors_are_asked_to_log_in_and_cannot_post(client, wave):
    page = client.get(_url("answer", pk=wave.pk))
    assert page.status_code == 200 and "Log in to answer" in page.text
    sent = client.post(_url("answer", pk=wave.pk), {"trust": "tend_to_agree"})
    assert sent.status_code == 302 and "/accounts/login/" in sent["Location"]
    assert not Response.objects.exists()


def test_an_unverified_account_cannot_answer(client, wave):
    client.force_login(UserFactory(verified=False))
    assert client.post(_url("answer", pk=wave.pk), {"trust": "tend_to_agree"}).status_code == 403
    assert not Response.objects.exists()


def test_a_closed_wave_takes_no_answers(client, wards):
    closed = make_wave(days=(-20, -10))
    client.force_login(UserFactory())
    page = client.post(_url("answer", pk=closed.pk), {"trust": "tend_to_agree"})
    assert "not taking answers" in page.text and not Response.objects.exists()


def test_issued_links_are_audited_hashed_and_work_once_without_an_account(client, wave):
    staff = city_staff()
    batch, tokens = issue_links(wave, 3, "Riverside co-design session", staff)
    assert batch.links == 3 and OneTimeLink.objects.filter(batch=batch).count() == 3
    record = ExportRecord.objects.get(kind="pulse_answer_links")
    assert record.user == staff and record.parameters["links"] == "3"
    stored = set(OneTimeLink.objects.values_list("secret_hash", flat=True))
    assert not any(token.split(":")[0] in hashed for token in tokens for hashed in stored)
    rows = list(csv.reader(io.StringIO(links_csv(tokens, lambda t: f"https://x/{t}"))))
    assert rows[0] == ["number", "url"] and len(rows) == 4

    url = _url("answer_with_link", token=tokens[0])
    assert client.get(url).status_code == 200
    assert client.post(url, {"belonging": "tend_to_agree"}).status_code == 200
    response = Response.objects.get(wave=wave)
    assert response.user is None and response.channel == "link"
    reused = client.post(url, {"belonging": "definitely_disagree"})
    assert reused.status_code == 410 and "already been used" in reused.text
    assert client.get(url).status_code == 410
    assert Response.objects.count() == 1


def test_the_service_refuses_a_used_link(wave):
    _batch, tokens = issue_links(wave, 1, "A partner", city_staff())
    link = link_from_token(tokens[0])
    submit_answers(wave, {"trust": "tend_to_agree"}, link=link)
    with pytest.raises(PulseError) as refused:
        submit_answers(wave, {"trust": "tend_to_agree"}, link=link)
    assert refused.value.code == "link_used"


def test_a_forged_or_altered_link_is_not_found(client, wave):
    _batch, tokens = issue_links(wave, 1, "A partner", city_staff())
    assert link_from_token(tokens[0][:-2] + "xx") is None
    assert link_from_token("nonsense") is None
    assert client.get(_url("answer_with_link", token="nonsense")).status_code == 404
    assert LinkBatch.objects.count() == 1


def test_the_answer_form_in_arabic_is_right_to_left_and_translated(client, wave, wards):
    client.force_login(UserFactory())
    with translation.override("ar"):
        url = reverse("monitoring_pulse:answer", kwargs={"pk": wave.pk})
    assert url.startswith("/ar/")
    page = client.get(url)
    assert page.status_code == 200
    assert 'lang="ar"' in page.text and 'dir="rtl"' in page.text
    sent = client.post(url, {"trust": "tend_to_agree"})
    assert sent.status_code == 200
    assert Response.objects.get().language == "ar"


def test_the_list_shows_only_open_waves_in_the_readers_language(client, wards):
    make_wave(title="Open in English", languages=["en"])
    make_wave(title="Open in Arabic only", languages=["ar"])
    make_wave(title="Closed", days=(-20, -10))
    page = client.get(_url("index"))
    assert "Open in English" in page.text
    assert "Open in Arabic only" not in page.text and "Closed" not in page.text
