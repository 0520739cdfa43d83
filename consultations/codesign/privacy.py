"""Co-design invitations, RSVPs and session notes of a person, for "download my data"
and account deletion, and the invitations' retention.

On deletion invitations go; RSVPs stay (attendance figures stay true) but lose the
access needs and interpretation language, which may be health data; notes the person
wrote go if they chose to delete their content.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from engage.accounts.privacy import bases, registry
from engage.accounts.privacy.retention import deleted

from .models import Invitation, Rsvp, SessionNote


def _invitations(user):
    return Invitation.objects.filter(Q(user=user) | Q(email__iexact=user.email))


def erase(user, keep_content):
    _invitations(user).delete()
    Rsvp.objects.filter(user=user).update(access_needs="", interpretation_language="")
    if not keep_content:
        SessionNote.objects.filter(author=user).delete()


def register():
    registry.register_section(
        "codesign",
        _("Co-design sessions: invitations, replies and notes"),
        order=60,
        tables=[
            registry.Table("invitations", _invitations, exclude=("token", "invited_by")),
            registry.Table("rsvps", lambda user: Rsvp.objects.filter(user=user)),
            registry.Table("notes", lambda user: SessionNote.objects.filter(author=user)),
        ],
        erase=erase,
    )
    registry.register_retention(
        "codesign_invitations",
        _("Co-design invitations"),
        Invitation,
        holds=_("the invited email address or account, who invited them"),
        lawful_basis=bases.PUBLIC_TASK,
        apply=lambda cutoff: deleted(Invitation.objects.filter(created_at__lt=cutoff)),
    )
