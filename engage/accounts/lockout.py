"""Failed sign-ins: limits that stop guessing without locking people out from elsewhere.

Three layers, all counted in the cache (Redis):

1. Per account and address pair (allauth's `login_failed` "key" limit, with the key
   made of the email address *and* the client address by `AccountAdapter`): a handful
   of wrong passwords for one account from one address refuses further tries for that
   account from that address for a few minutes. Someone guessing from elsewhere, or
   from the same library or mobile network for other accounts, does not lock the owner
   out. When it trips, the owner gets an email (in their language, at most once per
   lockout window) saying that sign-in was paused and from which address.
2. Per address, a much higher ceiling (`ENGAGE_RATE_LIMITS["login_failed"]["address"]`):
   above it every sign-in attempt from that address waits `ENGAGE_LOGIN_SLOWDOWN_SECONDS`
   before the password is checked. It slows password spraying down and never refuses
   a correct password.
3. allauth's `login` limit on the sign-in form itself (ACCOUNT_RATE_LIMITS), a flood
   guard set high enough that ordinary shared addresses never meet it.
"""

import logging
import time

from allauth.core.internal.ratelimit import get_rates
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction

from engage.ratelimit import address_fingerprint, client_address, count_attempt, seconds_limited

logger = logging.getLogger(__name__)

ACTION = "login_failed"
DEFAULT_WINDOW_SECONDS = 300


def slow_down_busy_address(request):
    """Wait before checking a password sent from an address over its failure ceiling.

    Returns the seconds waited (0 when the address is below the ceiling).
    """
    if not seconds_limited(ACTION, address=client_address(request)):
        return 0
    delay = float(getattr(settings, "ENGAGE_LOGIN_SLOWDOWN_SECONDS", 2))
    if delay > 0:
        time.sleep(delay)
    return delay


def record_failure(request):
    """Count a wrong password (or unknown email) against the client address."""
    count_attempt(ACTION, address=client_address(request))


def lockout_window_seconds():
    """How long allauth's per-key (account + address) failure limit lasts."""
    rates = [
        rate
        for rate in get_rates(app="allauth.account", action=ACTION, config=account_rate_limits())
        if rate.per == "key"
    ]
    return int(max((rate.duration for rate in rates), default=DEFAULT_WINDOW_SECONDS))


def account_rate_limits():
    from allauth.account import app_settings

    return app_settings.RATE_LIMITS


def notify_owner(request, email):
    """Email the owner of `email` (if there is one) that sign-in from this address is
    paused; at most once per account per lockout window. Failures are logged, never
    raised: the sign-in form must answer whatever happens to the email."""
    try:
        user = (
            get_user_model()
            .objects.filter(email__iexact=(email or "").strip(), is_active=True)
            .first()
        )
        if user is None:
            return False
        window = lockout_window_seconds()
        if not cache.add(f"login-lockout-notice:{user.pk}", 1, timeout=window):
            return False
        context = {
            "address": client_address(request),
            "minutes": max(1, window // 60),
            "site_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
        }
    except Exception:
        logger.warning("Could not prepare the sign-in lockout notice.", exc_info=True)
        return False

    def send():
        from engage.tasks import send_email_in_language

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
