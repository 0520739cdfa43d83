"""Reads that build the comment threads shown on a consultation page.

Each thread (a proposal, or the general discussion when there are no proposals) is one
page of first-level comments with their reply counts: two queries per thread, however
many comments there are.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator

from .engagement.models import with_reaction_counts
from .forms import CommentForm
from .models import Comment, Proposal

COMMENTS_PER_PAGE = 20


@dataclass
class CommentThread:
    """One page of first-level comments on a proposal (or on the consultation)."""

    proposal: Proposal | None
    page_obj: Page
    page_param: str
    form: CommentForm | None

    @property
    def comments(self):
        return self.page_obj.object_list

    @property
    def anchor(self):
        return f"proposal-{self.proposal.pk}" if self.proposal else "discussion"


def thread_comments(user, consultation, proposal):
    """First-level comments `user` may see, newest first, ready to render."""
    comments = (
        Comment.objects.visible_to(user)
        .for_consultation(consultation)
        .for_proposal(proposal)
        .top_level()
        .with_reply_counts(user)
        .select_related("author")
        .newest_first()
    )
    # Reaction counts and the reader's own reaction: subqueries of the same query.
    return with_reaction_counts(comments, user, "comment")


def replies_of(user, comment):
    """Direct replies to `comment` that `user` may see, oldest first (a conversation)."""
    replies = (
        Comment.objects.visible_to(user)
        .filter(parent=comment)
        .with_reply_counts(user)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    return with_reaction_counts(replies, user, "comment")


def comment_threads(request, consultation, *, can_comment):
    """The threads of a consultation page: one per proposal, or one general discussion."""
    proposals = list(
        with_reaction_counts(consultation.proposals.all(), request.user, "proposal")
    ) or [None]
    threads = []
    for proposal in proposals:
        page_param = f"p{proposal.pk}-page" if proposal else "comments-page"
        paginator = Paginator(
            thread_comments(request.user, consultation, proposal), COMMENTS_PER_PAGE
        )
        threads.append(
            CommentThread(
                proposal=proposal,
                page_obj=paginator.get_page(request.GET.get(page_param)),
                page_param=page_param,
                form=CommentForm(prefix=f"p{proposal.pk}" if proposal else None)
                if can_comment
                else None,
            )
        )
    return threads
