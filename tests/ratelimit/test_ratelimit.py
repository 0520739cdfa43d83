"""engage.ratelimit: counters, messages, client addresses, the 429 page."""

from unittest import mock

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from engage.ratelimit import RateLimited, RateLimitMiddleware, check_rate, client_address

pytestmark = [pytest.mark.redis, pytest.mark.django_db]


class User:
    """Enough of an account for check_rate (no database needed)."""

    is_authenticated = True

    def __init__(self, pk):
        self.pk = pk


def exhaust(action, n, **who):
    for _attempt in range(n):
        check_rate(action, **who)


def test_account_limit_refuses_the_next_attempt_with_retry_after():
    user = User(1)
    exhaust("comment", 2, user=user)
    with pytest.raises(RateLimited) as caught:
        check_rate("comment", user=user)
    assert 1 <= caught.value.retry_after <= 60
    assert "try again" in caught.value.message


def test_limit_is_per_account():
    exhaust("comment", 2, user=User(1))
    check_rate("comment", user=User(2))  # someone else is not affected


def test_limit_is_per_address_whoever_is_signed_in():
    exhaust("reaction", 1, user=User(1), address="203.0.113.5")
    exhaust("reaction", 1, user=User(2), address="203.0.113.5")
    exhaust("reaction", 1, address="203.0.113.5")
    with pytest.raises(RateLimited):
        check_rate("reaction", user=User(3), address="203.0.113.5")
    check_rate("reaction", user=User(3), address="198.51.100.7")


def test_ipv6_addresses_count_per_64_network():
    # An IPv6 device picks any address in its /64: it is one "address" for limits.
    exhaust("reaction", 3, address="2001:db8:1:2::1")
    with pytest.raises(RateLimited):
        check_rate("reaction", address="2001:db8:1:2:ffff:eeee:dddd:cccc")
    check_rate("reaction", address="2001:db8:1:3::1")


def test_actions_are_counted_separately():
    exhaust("comment", 2, user=User(1))
    check_rate("reaction", user=User(1))


def test_refused_attempts_do_not_use_up_the_longer_window():
    user = User(1)
    with mock.patch("engage.ratelimit.time.time", return_value=1_000_000.0):
        exhaust("comment", 2, user=user)
        for _attempt in range(5):
            with pytest.raises(RateLimited):
                check_rate("comment", user=user)
    # A minute later the short window is fresh, and the hourly one counted only 2.
    with mock.patch("engage.ratelimit.time.time", return_value=1_000_060.0):
        exhaust("comment", 2, user=user)
        with pytest.raises(RateLimited) as caught:
            check_rate("comment", user=user)
    # Now the hourly limit (4) is what refuses: the wait is longer than a minute.
    assert caught.value.retry_after > 60
    assert "minutes" in caught.value.message


def test_message_names_seconds_when_under_a_minute():
    with mock.patch("engage.ratelimit.time.time", return_value=1_000_070.0):
        exhaust("reaction", 2, user=User(1))
        with pytest.raises(RateLimited) as caught:
            check_rate("reaction", user=User(1))
    assert caught.value.retry_after == 10  # 1_000_080 is the next minute boundary
    assert "10 seconds" in caught.value.message


def test_disabled_limits_never_refuse(settings):
    settings.ENGAGE_RATE_LIMITS_ENABLED = False
    exhaust("comment", 10, user=User(1))


def test_unknown_action_and_anonymous_without_address_pass():
    exhaust("something-else", 10, user=User(1))
    exhaust("comment", 10)


def test_cache_failure_lets_the_attempt_through():
    with mock.patch("engage.ratelimit.cache.add", side_effect=ConnectionError("down")):
        exhaust("comment", 5, user=User(1))


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "expected"),
    [
        ([], "203.0.113.5", "198.51.100.1", "203.0.113.5"),  # header ignored: no proxy trusted
        (["10.0.0.0/8"], "203.0.113.5", "198.51.100.1", "203.0.113.5"),  # not from our proxy
        (["10.0.0.0/8"], "10.0.0.2", "198.51.100.1", "198.51.100.1"),
        (["10.0.0.0/8"], "10.0.0.2", "1.2.3.4, 198.51.100.1, 10.0.0.9", "198.51.100.1"),
        (["10.0.0.2"], "10.0.0.2", "", "10.0.0.2"),
    ],
)
def test_client_address(settings, trusted, remote, forwarded, expected):
    settings.ENGAGE_TRUSTED_PROXIES = trusted
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_middleware_renders_429_page_with_retry_after(rf):
    def view(request):
        exhaust("comment", 3, user=User(1))
        return HttpResponse("saved")

    request = rf.post("/en/comments/new/1/", HTTP_REFERER="http://testserver/en/somewhere/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    middleware = RateLimitMiddleware(view)
    try:
        view(request)
    except RateLimited as exc:
        response = middleware.process_exception(request, exc)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    body = response.content.decode()
    assert "Please wait a moment" in body
    assert "You have posted a lot of comments in a short time." in body
    assert "try again in about 1 minute" in body
    assert 'href="http://testserver/en/somewhere/"' in body
    assert body.count("<h1") == 1
