"""What moderation holds about a person, for "download my data" and account deletion
(`engage.accounts.privacy.registry`), and its retention rules.

The download holds the reports the person made, the decisions about them and their
content (without the moderator's identity or the reason written for moderators only),
their appeals and their standing (warnings, suspension). Moderators' private notes about
an account are not included, and are deleted with the account.

The audit trail (`ModerationAction`) is append-only for everyone; retention is the one
sanctioned exception: past its period the texts it quoted are emptied.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from engage.accounts.privacy import bases, registry
from engage.accounts.privacy.retention import deleted

from .models import AccountNote, Appeal, ModerationAction, ModerationProfile, QueueItem, Report


def erase(user, keep_content):
    AccountNote.objects.filter(account=user).delete()
    ModerationProfile.objects.filter(user=user).delete()
    if not keep_content:
        # Decided items still quote the text; the person asked for it to go.
        QueueItem.objects.filter(author=user).update(excerpt="")


def _scrub_actions(cutoff):
    # The model's own queryset refuses updates (append-only); retention bypasses it here.
    old = ModerationAction.objects.filter(created_at__lt=cutoff).exclude(
        before_text="", after_text="", reason=""
    )
    return models.QuerySet.update(old, before_text="", after_text="", reason="")


def _queue(cutoff):
    return (
        QueueItem.objects.filter(decided_at__lt=cutoff)
        .exclude(excerpt="", author=None)
        .update(excerpt="", author=None)
    )


def register():
    registry.register_section(
        "moderation",
        _("Reports, moderation decisions and appeals"),
        order=20,
        tables=[
            registry.Table("reports_you_made", lambda user: Report.objects.filter(reporter=user)),
            registry.Table(
                "decisions_about_you",
                lambda user: ModerationAction.objects.filter(account=user),
                exclude=("moderator", "reason", "queue_item"),
            ),
            registry.Table(
                "your_content_in_moderation",
                lambda user: QueueItem.objects.filter(author=user),
                fields=(
                    "kind",
                    "scope",
                    "place_title",
                    "excerpt",
                    "source",
                    "opened_at",
                    "decided_at",
                    "decision",
                ),
            ),
            registry.Table(
                "appeals",
                lambda user: Appeal.objects.filter(appellant=user),
                exclude=("decided_by",),
            ),
            registry.Table("standing", lambda user: ModerationProfile.objects.filter(user=user)),
        ],
        erase=erase,
    )
    rule = registry.register_retention
    rule(
        "moderation_reports",
        _("Reports of content"),
        Report,
        holds=_("who reported what, why, their note"),
        lawful_basis=bases.LEGITIMATE_INTERESTS,
        apply=lambda cutoff: deleted(Report.objects.filter(created_at__lt=cutoff)),
    )
    rule(
        "moderation_queue",
        _("Decided moderation queue items (days after the decision)"),
        QueueItem,
        holds=_("an excerpt of the content and its author"),
        lawful_basis=bases.LEGITIMATE_INTERESTS,
        apply=_queue,
        action="anonymise",
    )
    rule(
        "moderation_appeals",
        _("Decided appeals (days after the decision)"),
        Appeal,
        holds=_("the appeal's text and its outcome"),
        lawful_basis=bases.LEGAL_OBLIGATION,
        apply=lambda cutoff: models.QuerySet.update(
            Appeal.objects.filter(decided_at__lt=cutoff).exclude(text=""), text=""
        ),
        action="anonymise",
    )
    rule(
        "moderation_actions",
        _("Moderation audit trail (texts quoted)"),
        ModerationAction,
        holds=_("the content's text before and after a decision, the moderators' reason"),
        lawful_basis=bases.LEGAL_OBLIGATION,
        apply=_scrub_actions,
        action="anonymise",
    )
    rule(
        "moderation_account_notes",
        _("Moderators' notes about accounts"),
        AccountNote,
        holds=_("what a moderator noted about an account"),
        lawful_basis=bases.LEGITIMATE_INTERESTS,
        apply=lambda cutoff: deleted(AccountNote.objects.filter(created_at__lt=cutoff)),
    )
