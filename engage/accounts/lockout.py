"""Failed sign-ins: limits that stop guessing without locking people out from elsewhere.

Counted in the cache (Redis), in three scopes:

1. Account + address pair (allauth's `login_failed` "key" limit, whose key
   `AccountAdapter` makes of the email address *and* the client address): a few wrong
   passwords for one account from one address pause sign-in to that account from that
   address for a few minutes. Nobody guessing elsewhere, nor anyone at the same library
   or mobile network guessing *other* accounts, locks the owner out.
2. Address (`ENGAGE_RATE_LIMITS["login_failed"]["address"]`): a much higher ceiling on
   failures from one address, against password spraying.
3. Account, from every address (`ENGAGE_RATE_LIMITS["login_failed"]["user"]`): against
   guessing one account's password from many addresses.

Limits 2 and 3 never apply to a *familiar* address: one the account has signed in from
successfully before (remembered for `ENGAGE_LOGIN_FAMILIAR_DAYS`). So whatever others
do from a shared address, or to one account from everywhere, people who have used
their account from an address before can still sign in from it with the right password.

When limit 1 or 3 pauses sign-in to an account, its owner gets an email in their
language (at most once per lockout window) naming the address.
"""

import logging

from allauth.core.internal.ratelimit import get_rates
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction

from engage.links import base_url
from engage.ratelimit import (
    address_fingerprint,
    client_address,
    count_attempt,
    reset_rate,
    seconds_limited,
)
from engage.tasks import send_email_in_language

logger = logging.getLogger(__name__)

ACTION = "login_failed"
DEFAULT_WINDOW_SECONDS = 300


def _familiar_key(user, address):
    return f"login-familiar:{user.pk}:{address_fingerprint(address)}"


def account_for(credentials):
    """The active account the sign-in form names, or None."""
    email = (credentials.get("email") or credentials.get("username") or "").strip()
    if not email:
        return None
    return get_user_model().objects.filter(email__iexact=email, is_active=True).first()


def is_familiar(user, address):
    """True when `user` has signed in successfully from `address` recently."""
    try:
        return bool(cache.get(_familiar_key(user, address)))
    except Exception:
        logger.warning("Familiar sign-in addresses unavailable.", exc_info=True)
        return False


def remember_address(request, user):
    """Record a successful sign-in from the request's address."""
    days = int(getattr(settings, "ENGAGE_LOGIN_FAMILIAR_DAYS", 90))
    try:
        cache.set(_familiar_key(user, client_address(request)), 1, timeout=days * 86400)
    except Exception:
        logger.warning("Could not remember a sign-in address.", exc_info=True)


def refusal(request, user):
    """Why an attempt must be refused before its password is checked, or None:
    "address" (spraying from this address) or "account" (guessing from everywhere)."""
    address = client_address(request)
    if user is not None and is_familiar(user, address):
        return None
    if seconds_limited(ACTION, address=address):
        return "address"
    if user is not None and seconds_limited(ACTION, user=user):
        return "account"
    return None


def record_failure(request, user):
    """Count a wrong password (or unknown email) for the address and the account."""
    count_attempt(ACTION, address=client_address(request))
    if user is not None:
        count_attempt(ACTION, user=user)


def forget_failures(user):
    """Forget the failures counted against `user` from every address (after a
    password reset)."""
    if user is not None:
        try:
            reset_rate(ACTION, user=user)
        except Exception:
            logger.warning("Could not reset sign-in failure counters.", exc_info=True)


def lockout_window_seconds():
    """How long allauth's per-key (account + address) failure limit lasts."""
    from allauth.account import app_settings

    rates = [
        rate
        for rate in get_rates(app="allauth.account", action=ACTION, config=app_settings.RATE_LIMITS)
        if rate.per == "key"
    ]
    return int(max((rate.duration for rate in rates), default=DEFAULT_WINDOW_SECONDS))


def notify_owner(request, user, *, everywhere=False):
    """Email `user` that sign-in from this address (or, with `everywhere`, from every
    address they have not used before) is paused; at most once per account per lockout
    window. Failures are logged, never raised: the sign-in form must answer
    whatever happens to the email. Returns True when a notice was scheduled."""
    if user is None:
        return False
    try:
        if everywhere:
            window = max(60, int(seconds_limited(ACTION, user=user)))
        else:
            window = lockout_window_seconds()
        scope = "account" if everywhere else "pair"
        if not cache.add(f"login-lockout-notice:{scope}:{user.pk}", 1, timeout=window):
            return False
        context = {
            "address": client_address(request),
            "minutes": max(1, -(-window // 60)),
            "everywhere": everywhere,
            "site_url": base_url(),
        }
    except Exception:
        logger.warning("Could not prepare the sign-in lockout notice.", exc_info=True)
        return False

    def send():
        try:
            send_email_in_language.enqueue(
                user.pk,
                "account/email/login_locked_subject.txt",
                "account/email/login_locked_message.txt",
                context,
            )
        except Exception:
            logger.warning("Could not send the sign-in lockout notice.", exc_info=True)

    transaction.on_commit(send)
    return True


def pair_key(base_key, request):
    """allauth's per-login key, narrowed to the client address (hashed)."""
    return f"{base_key}:{address_fingerprint(client_address(request))}"
