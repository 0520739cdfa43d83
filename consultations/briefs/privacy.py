"""A person's work on co-authored briefs, for "download my data" and account deletion,
and the retention of the live-editing log.

On deletion, comments and suggestions go if the person chose to delete their content;
contribution counts and sign-offs stay (they are the record of how the brief was made),
but a sign-off never names a deleted account.
"""

from django.utils.translation import gettext_lazy as _

from engage.accounts.privacy import bases, registry

from .models import BriefComment, BriefSuggestion, BriefUpdate, Contribution, SignOff


def erase(user, keep_content):
    SignOff.objects.filter(user=user).update(agree_to_be_named=False)
    if not keep_content:
        BriefComment.objects.filter(author=user).delete()
        BriefSuggestion.objects.filter(author=user).delete()


def register():
    registry.register_section(
        "briefs",
        _("Co-authored briefs"),
        order=65,
        tables=[
            registry.Table("comments", lambda user: BriefComment.objects.filter(author=user)),
            registry.Table(
                "suggestions",
                lambda user: BriefSuggestion.objects.filter(author=user),
                exclude=("decided_by",),
            ),
            registry.Table("contributions", lambda user: Contribution.objects.filter(user=user)),
            registry.Table("sign_offs", lambda user: SignOff.objects.filter(user=user)),
        ],
        erase=erase,
    )
    registry.register_retention(
        "brief_updates",
        _("Live-editing log of briefs (who typed each change)"),
        BriefUpdate,
        holds=_("the account behind each edit"),
        lawful_basis=bases.PUBLIC_TASK,
        apply=lambda cutoff: BriefUpdate.objects.filter(
            created_at__lt=cutoff, author__isnull=False
        ).update(author=None),
        action="anonymise",
    )
