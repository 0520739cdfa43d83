"""Comments as moderated content: registration with the moderation registry, and live
updates when a moderator's decision changes what readers of a consultation see.

Imported by `ConsultationsConfig.ready()`. Events (see docs/websockets.md):
`comment.hidden`, `comment.removed` (a visible comment disappears), `comment.published`
(approved from pending, or restored), `comment.edited` (a visible comment was redacted).
"""

from engage.moderation.content import ContentStatus
from engage.moderation.registry import register
from engage.moderation.signals import content_moderated
from engage.realtime.broadcast import broadcast_after_commit
from engage.realtime.groups import consultation_group

from .models import Comment

VISIBLE = (ContentStatus.PUBLISHED,)


def comment_place(comment):
    """`(scope, title, url)` of a comment: its consultation, at the page of the thread
    that shows it (`?comment=`, consultations.comments.requested_pages), and an anchor."""
    consultation = comment.consultation
    url = consultation.get_url() or ""
    return (
        f"consultation:{comment.consultation_id}",
        consultation.title,
        f"{url}?comment={comment.pk}#comment-{comment.pk}",
    )


def purge_revisions(comment):
    """Earlier versions of a redacted comment may hold the personal data: delete them."""
    comment.revisions.all().delete()


register(Comment, kind="comment", place=comment_place, purge_history=purge_revisions)


def removal_payload(comment):
    return {"id": comment.pk, "parent_id": comment.parent_id, "proposal_id": comment.proposal_id}


def broadcast_moderated_comment(sender, instance, action, old_status, new_status, **kwargs):
    """Tell open pages of the consultation what a moderator's decision changed."""
    from .services import comment_payload

    group = consultation_group(instance.consultation_id)
    was_visible, is_visible = old_status in VISIBLE, new_status in VISIBLE
    if was_visible and not is_visible:
        event = "comment.removed" if new_status == ContentStatus.REMOVED else "comment.hidden"
        broadcast_after_commit(group, event, removal_payload(instance))
    elif is_visible and not was_visible:
        broadcast_after_commit(group, "comment.published", comment_payload(instance))
    elif is_visible and action.before_text != action.after_text:
        broadcast_after_commit(group, "comment.edited", comment_payload(instance))


content_moderated.connect(
    broadcast_moderated_comment, sender=Comment, dispatch_uid="consultations-comment-moderated"
)
