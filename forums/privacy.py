"""What the forums hold about a person (claims, posts, fact-checks, helpful marks,
guidelines accepted), for "download my data" and account deletion.

If the person chooses to delete their content, their threads' openings and posts are
withdrawn through `services.withdraw_content`, and their helpful marks go; fact-checks
(published by the city's reviewers) stay. Guideline acceptances always go.
"""

from django.utils.translation import gettext_lazy as _

from engage.accounts.privacy import registry
from engage.moderation.content import ContentStatus

from .models import (
    FactCheck,
    FactCheckRevision,
    GuidelinesAcceptance,
    HelpfulMark,
    Post,
    Thread,
)


def erase(user, keep_content):
    GuidelinesAcceptance.objects.filter(user=user).delete()
    if keep_content:
        return
    from .services import withdraw_content

    for model in (Post, Thread):
        for content in model.objects.filter(author=user).exclude(status=ContentStatus.WITHDRAWN):
            withdraw_content(user, content)
    HelpfulMark.objects.filter(user=user).delete()


def register():
    registry.register_section(
        "forums",
        _("Forums: claims, posts and fact-checks"),
        order=70,
        tables=[
            registry.Table("threads", lambda user: Thread.objects.filter(author=user)),
            registry.Table("posts", lambda user: Post.objects.filter(author=user)),
            registry.Table("fact_checks", lambda user: FactCheck.objects.filter(author=user)),
            registry.Table(
                "fact_check_revisions",
                lambda user: FactCheckRevision.objects.filter(author=user),
                exclude=("reviewed_by",),
            ),
            registry.Table("helpful_marks", lambda user: HelpfulMark.objects.filter(user=user)),
            registry.Table(
                "guidelines_accepted",
                lambda user: GuidelinesAcceptance.objects.filter(user=user),
            ),
        ],
        erase=erase,
    )
