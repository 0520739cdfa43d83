"""allauth adapter: emails go out in the recipient's language, people are shown by
their public name, never their email address, and failed sign-ins are limited per
account and address (engage/accounts/lockout.py) so that nobody can lock others out."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from engage.accounts import lockout
from engage.links import base_url
from engage.ratelimit import client_address


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        language = getattr(user, "preferred_language", "") or translation.get_language()
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        with translation.override(language):
            super().send_mail(template_prefix, email, on_base_url(context))

    def user_display(self, user):
        return user.public_name

    def get_client_ip(self, request):
        """The address allauth's "ip" limits count: the same one as ours, so both follow
        ENGAGE_TRUSTED_PROXIES."""
        return client_address(request) or super().get_client_ip(request)

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth's per-"key" failed-login limit counts per email address; counting per
        # email address *and* client address means a stranger guessing elsewhere
        # cannot lock the owner out.
        return lockout.pair_key(
            super()._get_login_attempts_cache_key(request, **credentials), request
        )

    def pre_authenticate(self, request, **credentials):
        user = lockout.account_for(credentials)
        reason = lockout.refusal(request, user)
        if reason == "account":
            lockout.notify_owner(request, user, everywhere=True)
        if reason is not None:
            raise self.validation_error("too_many_login_attempts")
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            lockout.notify_owner(request, user)
            raise

    def authentication_failed(self, request, **credentials):
        lockout.record_failure(request, lockout.account_for(credentials))
        super().authentication_failed(request, **credentials)

    def _delete_login_attempts_cached_email(self, request, **credentials):
        # After a password reset allauth forgets the failures for this email (here: from
        # this address); forget the failures for the account from everywhere too.
        super()._delete_login_attempts_cached_email(request, **credentials)
        lockout.forget_failures(lockout.account_for(credentials))

    def login(self, request, user):
        super().login(request, user)
        lockout.remember_address(request, user)


def on_base_url(context):
    """The email context with allauth's links (built from the request's host) moved onto
    BASE_URL, so that every email links to the site's public address alike."""
    request = allauth_context.request
    if request is None:
        return context
    origin = request.build_absolute_uri("/").rstrip("/")
    rebased = {}
    for key, value in context.items():
        if isinstance(value, str) and (value == origin or value.startswith(origin + "/")):
            value = base_url() + value[len(origin) :]
        rebased[key] = value
    return rebased
