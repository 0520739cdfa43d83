"""Rate limits for writes residents make often: comments, reactions, survey answers,
forum posts and reports.

Limits live in `settings.ENGAGE_RATE_LIMITS` (environment: `ENGAGE_RATE_LIMITS_JSON`):

    {"comment": {"user": [(5, 60), (50, 3600)], "address": [(20, 60)]}, ...}

meaning at most 5 comments a minute and 50 an hour per account, and 20 a minute per
network address. Each `(count, seconds)` pair is a fixed-window counter in the Django
cache (Redis in production and CI), so every worker process shares it.

Call `check_rate("comment", user=request.user, address=client_address(request))` before
the write. It raises `RateLimited` when a limit is exhausted; `RateLimitMiddleware` turns
that into a 429 page (engage/templates/429.html) with a `Retry-After` header, and the API
(engage/api.py) into a 429 JSON answer with the same message. A refused attempt does not
use up any allowance.

`seconds_limited(...)` reads the counters without counting, and `count_attempt(...)`
counts without refusing: the failed sign-in limits (engage/accounts/lockout.py) use them
to decide themselves what an exhausted limit means.

allauth's own limits (sign-in, sign-up, password reset, email confirmation:
ACCOUNT_RATE_LIMITS) render the same 429.html, without any of its variables; the page
then says to wait a few minutes.

When the cache cannot be reached, writes are let through (and logged): a broken Redis
must not stop residents from taking part.
"""

import datetime
import hashlib
import ipaddress
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils import formats, timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

logger = logging.getLogger(__name__)

# What the resident was doing, for the first sentence of the message.
ACTION_SENTENCES = {
    "comment": _("You have posted a lot of comments in a short time."),
    "reaction": _("You have reacted a lot in a short time."),
    "survey": _("You have sent a lot of survey answers in a short time."),
    "forum_post": _("You have posted a lot in the forums in a short time."),
    "report": _("You have sent a lot of reports in a short time."),
    "opinion_vote": _("You have voted on a lot of statements in a short time."),
    "opinion_statement": _("You have added a lot of statements in a short time."),
    "search": _("You have searched a lot in a short time."),
}
DEFAULT_SENTENCE = _("You have done this a lot in a short time.")


class RateLimited(Exception):
    """A rate limit is exhausted.

    `retry_after`: whole seconds until the attempt will be accepted again;
    `message`: a translated sentence, in the language active when it was raised, that
    says when to try again (in minutes or seconds, and at what local time).
    """

    def __init__(self, action, retry_after, *, now=None):
        self.action = action
        self.retry_after = max(1, int(math.ceil(retry_after)))
        now = now if now is not None else time.time()
        self.retry_at = datetime.datetime.fromtimestamp(now + self.retry_after, tz=datetime.UTC)
        self.message = rate_limited_message(action, self.retry_after, self.retry_at)
        super().__init__(self.message)

    @property
    def retry_minutes(self):
        return max(1, math.ceil(self.retry_after / 60))


def rate_limited_message(action, retry_after, retry_at):
    """The resident-facing sentence: what happened, and when to try again."""
    local_time = formats.time_format(timezone.localtime(retry_at), "TIME_FORMAT")
    if retry_after < 60:
        when = ngettext(
            "Please try again in %(count)s second (at %(time)s).",
            "Please try again in %(count)s seconds (at %(time)s).",
            retry_after,
        ) % {"count": retry_after, "time": local_time}
    else:
        minutes = math.ceil(retry_after / 60)
        when = ngettext(
            "Please try again in %(count)s minute (at %(time)s).",
            "Please try again in %(count)s minutes (at %(time)s).",
            minutes,
        ) % {"count": minutes, "time": local_time}
    return f"{ACTION_SENTENCES.get(action, DEFAULT_SENTENCE)} {when}"


def limits_for(action):
    """`{"user": [(count, seconds), ...], "address": [...]}` for `action` (may be empty)."""
    if not getattr(settings, "ENGAGE_RATE_LIMITS_ENABLED", True):
        return {}
    return getattr(settings, "ENGAGE_RATE_LIMITS", {}).get(action, {})


def address_subject(address):
    """What limits count per "address": the address itself, except that an IPv6
    address stands for its /64 network (`ENGAGE_RATE_LIMIT_IPV6_PREFIX`), which one
    household or device usually holds whole and can pick any address from."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        prefix = int(getattr(settings, "ENGAGE_RATE_LIMIT_IPV6_PREFIX", 64))
        return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))
    return str(ip)


def address_fingerprint(address):
    """A salted hash of `address` (IPv6: of its network, see `address_subject`), for
    cache keys."""
    # Keys name a salted hash, not the address itself: nobody reading Redis learns who
    # took part from where.
    subject = address_subject(address)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{subject}".encode()).hexdigest()
    return digest[:32]


def _counters(action, user, address):
    """(cache key, limit, window seconds) for every counter this attempt touches."""
    limits = limits_for(action)
    subjects = []
    if user is not None and getattr(user, "is_authenticated", False):
        subjects.append(("user", str(user.pk)))
    if address:
        subjects.append(("address", address_fingerprint(address)))
    counters = []
    for scope, ident in subjects:
        for count, seconds in limits.get(scope, ()):
            counters.append((f"ratelimit:{action}:{scope}:{ident}:{int(seconds)}", count, seconds))
    return counters


def _increment(key, timeout):
    """Add one to the counter at `key` atomically; create it (expiring) when missing."""
    if cache.add(key, 1, timeout=timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:
        # The counter expired between add() and incr(): start a new one.
        cache.add(key, 0, timeout=timeout)
        return cache.incr(key)


def check_rate(action, *, user=None, address=None):
    """Count one attempt at `action` by `user` (signed in) and from `address`.

    Raises `RateLimited` (and counts nothing) when any limit for the action is exhausted.
    Unknown actions and actions without limits always pass.
    """
    counters = _counters(action, user, address)
    if not counters:
        return
    now = time.time()
    counted = []
    retry_after = 0
    try:
        for base_key, count, seconds in counters:
            window = int(now // seconds)
            key = f"{base_key}:{window}"
            value = _increment(key, timeout=int(seconds) + 1)
            counted.append(key)
            if value > count:
                retry_after = max(retry_after, (window + 1) * seconds - now)
        if retry_after:
            # Give the refused attempt back, so hammering the button does not extend
            # the wait or use up the longer windows.
            for key in counted:
                cache.decr(key)
    except Exception:  # any cache failure: let the resident through
        logger.warning("Rate limit counters unavailable for %s; allowing.", action, exc_info=True)
        return
    if retry_after:
        raise RateLimited(action, retry_after, now=now)


def seconds_limited(action, *, user=None, address=None):
    """Seconds until `action` by `user` / from `address` is below every limit again, or
    0 when it is below them now. Reads the counters without counting anything (a cache
    failure reads as 0)."""
    counters = _counters(action, user, address)
    if not counters:
        return 0
    now = time.time()
    keys = {f"{key}:{int(now // seconds)}": (count, seconds) for key, count, seconds in counters}
    try:
        values = cache.get_many(list(keys))
    except Exception:
        logger.warning("Rate limit counters unavailable for %s.", action, exc_info=True)
        return 0
    waits = [
        (int(now // seconds) + 1) * seconds - now
        for key, (count, seconds) in keys.items()
        if int(values.get(key) or 0) >= count
    ]
    return max(waits, default=0)


def count_attempt(action, *, user=None, address=None):
    """Count one attempt at `action` without refusing it (for limits that slow down
    rather than refuse, such as failed sign-ins per address)."""
    now = time.time()
    try:
        for key, _count, seconds in _counters(action, user, address):
            _increment(f"{key}:{int(now // seconds)}", timeout=int(seconds) + 1)
    except Exception:
        logger.warning("Rate limit counters unavailable for %s.", action, exc_info=True)


def reset_rate(action, *, user=None, address=None):
    """Forget the current counters for `action` (used by staff tools and tests)."""
    now = time.time()
    cache.delete_many(
        [
            f"{key}:{int(now // seconds)}"
            for key, _count, seconds in _counters(action, user, address)
        ]
    )


def _trusted_networks():
    networks = []
    for entry in getattr(settings, "ENGAGE_TRUSTED_PROXIES", ()) or ():
        try:
            networks.append(ipaddress.ip_network(str(entry).strip(), strict=False))
        except ValueError:
            logger.warning("ENGAGE_TRUSTED_PROXIES: %r is not an address or network.", entry)
    return networks


def _is_trusted(address, networks):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request):
    """The address the request came from.

    `REMOTE_ADDR`, unless it is one of `settings.ENGAGE_TRUSTED_PROXIES` (addresses or
    networks of our own reverse proxies): then the right-most address in
    `X-Forwarded-For` that is not itself a trusted proxy. A client can put anything in
    that header, so it is never read when the request did not come through a proxy we
    trust.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    networks = _trusted_networks()
    if not networks or not _is_trusted(remote, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, networks):
            return hop
    return hops[0] if hops else remote


def rate_limited_response(request, exc):
    """The 429 page for `exc`, with a `Retry-After` header."""
    referer = request.META.get("HTTP_REFERER", "")
    back_is_previous = bool(referer) and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    response = render(
        request,
        "429.html",
        {
            "message": exc.message,
            "retry_after": exc.retry_after,
            "retry_minutes": exc.retry_minutes,
            "retry_at": exc.retry_at,
            "back_url": referer if back_is_previous else f"/{translation.get_language() or 'en'}/",
            "back_is_previous": back_is_previous,
        },
        status=429,
    )
    response["Retry-After"] = str(exc.retry_after)
    return response


class RateLimitMiddleware:
    """Turns a `RateLimited` raised by a view into the 429 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RateLimited):
            return rate_limited_response(request, exception)
        return None
