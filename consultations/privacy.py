"""What consultations hold about a person (comments and their earlier versions), for
"download my data" and account deletion (`engage.accounts.privacy.registry`).

If the person chooses to delete their content, each comment is withdrawn through
`services.withdraw_comment` (text and earlier versions deleted, a placeholder keeps
replies in context, open pages told); otherwise the comments stay, shown as by a
"former participant".
"""

from django.utils.translation import gettext_lazy as _

from engage.accounts.privacy import registry

from .models import Comment, CommentRevision, CommentStatus


def erase(user, keep_content):
    if keep_content:
        return
    from .services import withdraw_comment

    for comment in Comment.objects.filter(author=user).exclude(status=CommentStatus.WITHDRAWN):
        withdraw_comment(user, comment)


def register():
    registry.register_section(
        "comments",
        _("Comments on consultations"),
        order=40,
        tables=[
            registry.Table("comments", lambda user: Comment.objects.filter(author=user)),
            registry.Table(
                "earlier_versions",
                lambda user: CommentRevision.objects.filter(comment__author=user),
            ),
        ],
        erase=erase,
    )
