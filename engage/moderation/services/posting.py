"""The posting gate: may this account write, and with which status does its content start.

Content services (consultations, forums) call these before their own writes:

    check_can_post(user)                       # suspended or banned: ValidationError
    status = initial_status(user, pre_moderated=...)
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from engage.accounts.rules import is_city_staff, is_moderator

from ..content import ContentStatus
from ..models import ModerationProfile
from .common import local_moment


def check_can_post(user):
    """None when `user` may write content; ValidationError (code "banned" or
    "suspended", the message giving the end of the suspension) when they may not."""
    if user is None or not user.is_authenticated:
        return None
    profile = ModerationProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    if profile.is_banned:
        raise ValidationError(
            _(
                "Your account has been banned by the moderators, so you can no longer "
                "post. If you think this is a mistake, you can appeal from the email we sent you."
            ),
            code="banned",
        )
    if profile.is_suspended():
        raise ValidationError(
            _(
                "Your account is suspended until %(until)s, so you cannot post until then. "
                "You can still read everything."
            ),
            code="suspended",
            params={"until": local_moment(profile.suspended_until)},
        )
    return None


def initial_status(user, *, pre_moderated):
    """The status new content by `user` starts with.

    Moderators and city staff publish at once. Otherwise content waits for a moderator
    when the place is pre-moderated or when `user` has fewer than
    settings.MODERATION_TRUSTED_AFTER published contributions.
    """
    if is_moderator(user) or is_city_staff(user):
        return ContentStatus.PUBLISHED
    if pre_moderated:
        return ContentStatus.PENDING
    trusted_after = settings.MODERATION_TRUSTED_AFTER
    if trusted_after <= 0:
        return ContentStatus.PUBLISHED
    approved = (
        ModerationProfile.objects.filter(user=user).values_list("approved_count", flat=True).first()
        or 0
    )
    return ContentStatus.PUBLISHED if approved >= trusted_after else ContentStatus.PENDING
