"""Follow buttons, the notification settings page and permissions, without JavaScript."""

import pytest

from consultations.following import services
from consultations.following.models import Follow, NotificationMode
from tests.factories import UserFactory
from tests.pages.helpers import assert_one_h1

pytestmark = pytest.mark.django_db

SETTINGS_URL = "/en/accounts/notifications/"


def follow_url(consultation):
    return f"/en/accounts/notifications/follow/{consultation.pk}/"


def unfollow_url(consultation):
    return f"/en/accounts/notifications/unfollow/{consultation.pk}/"


def test_resident_follows_and_unfollows_from_the_consultation_page(client, consultation, resident):
    client.force_login(resident)
    page = client.get(consultation.url).content.decode()
    assert f'action="{follow_url(consultation)}"' in page
    assert "Follow this consultation" in page

    response = client.post(follow_url(consultation), {"next": consultation.url})
    assert response.status_code == 302
    assert response.url == consultation.url
    assert Follow.objects.filter(user=resident, consultation=consultation).exists()
    page = client.get(consultation.url).content.decode()
    assert "You follow this consultation." in page
    assert f'action="{unfollow_url(consultation)}"' in page

    client.post(follow_url(consultation))  # twice: still one
    assert Follow.objects.count() == 1

    response = client.post(unfollow_url(consultation), {"next": consultation.url})
    assert response.status_code == 302
    assert not Follow.objects.exists()


def test_anonymous_visitor_is_sent_to_log_in(client, consultation):
    response = client.post(follow_url(consultation))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url
    assert not Follow.objects.exists()


def test_unverified_person_is_told_to_verify_first(client, consultation):
    person = UserFactory(verified=False)
    client.force_login(person)
    response = client.post(follow_url(consultation), follow=True)
    assert "Please verify your email address first" in response.content.decode()
    assert not Follow.objects.exists()


def test_following_an_unpublished_consultation_is_404(client, consultation, resident):
    consultation.unpublish()
    client.force_login(resident)
    assert client.post(follow_url(consultation)).status_code == 404
    assert not Follow.objects.exists()


def test_follow_only_by_post(client, consultation, resident):
    client.force_login(resident)
    assert client.get(follow_url(consultation)).status_code == 405


def test_next_to_another_site_is_ignored(client, consultation, resident):
    client.force_login(resident)
    response = client.post(follow_url(consultation), {"next": "https://evil.example/"})
    assert response.url == consultation.url


def test_settings_page_needs_log_in(client):
    response = client.get(SETTINGS_URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_settings_page_saves_the_choice_and_lists_follows(client, consultation, resident):
    services.follow(resident, consultation)
    client.force_login(resident)
    response = client.get(SETTINGS_URL)
    assert_one_h1(response, "Notifications")
    html = response.content.decode()
    assert 'name="mode" value="immediate"' in html
    assert "Safer streets" in html
    assert f'action="{unfollow_url(consultation)}"' in html
    assert 'aria-label="Stop following Safer streets"' in html

    response = client.post(SETTINGS_URL, {"mode": "daily"})
    assert response.status_code == 302
    preference = services.preference_for(resident)
    assert preference.mode == NotificationMode.DAILY
    assert preference.follow_when_commenting is False  # an unticked box


def test_settings_page_explains_a_bad_choice(client, resident):
    client.force_login(resident)
    response = client.post(SETTINGS_URL, {"mode": "hourly"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'aria-invalid="true"' in html
    assert services.preference_for(resident).pk is None  # nothing saved


def test_arabic_settings_page_is_right_to_left(client, resident):
    client.force_login(resident)
    response = client.get("/ar/accounts/notifications/")
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()
