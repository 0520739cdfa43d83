"""Reads that build the comment threads shown on a consultation page, and their cards.

Each thread (a proposal, or the general discussion when there are no proposals) is one
page of first-level comments with their reply counts: two queries per thread, however
many comments there are.

Rendering the comment cards was most of the page's time, so each card is cached as a
rendered fragment (`render_cards`). The cache key is a digest of everything the card
shows: the comment's text, status, edit time, author name, reply and reaction counts,
the reader's relation to it (own comment, may react, their reaction, may still edit),
the language and time zone, and `CARD_TEMPLATE_VERSION`. An edit, a moderation decision
or a new reaction therefore changes the key: there is nothing to invalidate, and a
stale card can never be shown. What differs per request and per person, the CSRF token
and the return address of the reaction form, is rendered as a placeholder and filled in
after the cache. Comments awaiting moderation are rendered each time (only their author
and moderators see them). Cache outages are misses (engage.cache.TolerantRedisCache).
"""

import hashlib
from dataclasses import dataclass
from functools import cached_property

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .engagement.models import with_reaction_counts
from .forms import CommentForm
from .models import Comment, Proposal

COMMENTS_PER_PAGE = 20

#: Part of every card's cache key: change it when comment.html or reactions.html change
#: in a way that the key material below does not capture (deploys then start afresh).
CARD_TEMPLATE_VERSION = "1"
CARD_CACHE_SECONDS = 24 * 60 * 60
CARD_TEMPLATE = "consultations/includes/comment.html"
# Placeholders: ASCII that escaping leaves alone and no comment can produce (bodies are
# sanitised HTML, in which "\x00" cannot occur; names and dates are escaped).
_CSRF_PLACEHOLDER = "\x00csrf\x00"
_PATH_PLACEHOLDER = "\x00path\x00"


@dataclass
class CommentThread:
    """One page of first-level comments on a proposal (or on the consultation)."""

    proposal: Proposal | None
    page_obj: Page
    page_param: str
    form: CommentForm | None
    request: object = None
    can_react: bool = False

    @property
    def comments(self):
        return self.page_obj.object_list

    @cached_property
    def cards(self):
        """The comments of this page as `<li>` cards (see `render_cards`)."""
        return render_cards(self.request, self.comments, can_react=self.can_react)

    @property
    def anchor(self):
        return f"proposal-{self.proposal.pk}" if self.proposal else "discussion"

    @property
    def page_range(self):
        """The page links to show: the first and last, and two either side of this one.

        Every page would be one link per 20 comments (500 links, 80 KB of markup for
        10,000 comments on three proposals); this stays about ten links whatever the size.
        """
        return list(
            self.page_obj.paginator.get_elided_page_range(
                self.page_obj.number, on_each_side=2, on_ends=1
            )
        )


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


def thread_sizes(user, consultation):
    """{proposal id (None: general discussion): first-level comments `user` may see}."""
    return dict(
        Comment.objects.visible_to(user)
        .for_consultation(consultation)
        .top_level()
        .order_by()
        .values("proposal_id")
        .annotate(size=Count("pk"))
        .values_list("proposal_id", "size")
    )


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
    # One grouped count for every thread instead of one COUNT per proposal.
    sizes = thread_sizes(request.user, consultation) if len(proposals) > 1 else None
    threads = []
    for proposal in proposals:
        page_param = f"p{proposal.pk}-page" if proposal else "comments-page"
        paginator = Paginator(
            thread_comments(request.user, consultation, proposal), COMMENTS_PER_PAGE
        )
        if sizes is not None:
            paginator.count = sizes.get(proposal.pk if proposal else None, 0)
        threads.append(
            CommentThread(
                proposal=proposal,
                page_obj=paginator.get_page(request.GET.get(page_param)),
                page_param=page_param,
                form=CommentForm(prefix=f"p{proposal.pk}" if proposal else None)
                if can_comment
                else None,
                request=request,
                can_react=can_comment,
            )
        )
    return threads


class _PlaceholderRequest:
    """What the card templates read from the request, with the path as a placeholder."""

    def __init__(self, request):
        self.user = request.user

    def get_full_path(self):
        return _PATH_PLACEHOLDER


def _card_key(comment, user, can_react):
    """The cache key of one card: a digest of everything the card shows."""
    is_author = user.is_authenticated and comment.author_id == user.pk
    material = (
        comment.pk,
        comment.consultation_id,
        comment.status,
        comment.depth,
        str(comment.author_name),
        comment.created_at.isoformat(),
        comment.edited_at.isoformat() if comment.edited_at else "",
        comment.language,
        hashlib.sha256(comment.body_html.encode()).hexdigest(),
        comment.reply_count,
        getattr(comment, "reaction_support", None),
        getattr(comment, "reaction_oppose", None),
        getattr(comment, "reaction_unsure", None),
        getattr(comment, "my_reaction", None),
        user.is_authenticated,
        is_author,
        is_author and comment.can_still_edit(),
        can_react,
        translation.get_language(),
        timezone.get_current_timezone_name(),
    )
    digest = hashlib.sha256(repr(material).encode()).hexdigest()[:32]
    return f"comment-card:{CARD_TEMPLATE_VERSION}:{comment.pk}:{digest}"


def render_cards(request, comments, *, can_react):
    """`comments` (annotated as `thread_comments` does) rendered as `<li>` cards.

    Cached cards come from one `get_many`; the others are rendered and stored with one
    `set_many`. No database query either way."""
    comments = list(comments)
    if not comments:
        return mark_safe("")
    user = request.user
    keys = [
        None if comment.is_pending else _card_key(comment, user, can_react) for comment in comments
    ]
    cached = cache.get_many([key for key in keys if key])
    template = get_template(CARD_TEMPLATE)
    placeholder_request = _PlaceholderRequest(request)
    fresh = {}
    parts = []
    for comment, key in zip(comments, keys, strict=True):
        card = cached.get(key) if key else None
        if card is None:
            card = template.render(
                {
                    "comment": comment,
                    "request": placeholder_request,
                    "take_part_blocker": None if can_react else "may_not_react",
                    "csrf_token": _CSRF_PLACEHOLDER,
                }
            )
            if key:
                fresh[key] = card
        parts.append(f"<li>{card}</li>")
    if fresh:
        cache.set_many(fresh, CARD_CACHE_SECONDS)
    html = "".join(parts)
    if _CSRF_PLACEHOLDER in html:
        html = html.replace(_CSRF_PLACEHOLDER, get_token(request))
    html = html.replace(_PATH_PLACEHOLDER, escape(request.get_full_path()))
    # Every part was rendered by the card template (autoescaped); placeholders are
    # replaced by a CSRF token (URL-safe characters) and an escaped path.
    return mark_safe(html)  # noqa: S308
