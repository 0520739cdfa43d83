"""Reads that build the comment threads shown on a consultation page, and their cards.

Each thread (a proposal, or the general discussion when there are no proposals) is one
page of first-level comments with their reply counts. Three layers of cache keep the
page's cost flat however many comments there are (docs/consultations.md):

- `consultations.page_context.page` and `consultations.comment_section`: the whole
  rendered article with its comment section, shared by readers who see it alike, with
  each signed-in reader's own cards laid over it (no comment query for most readers);
- `comment_threads`: which comments each thread page shows, as snapshots
  (`thread_cache`), then one query by primary key for the comments of all threads;
- `render_cards` / `_card_parts`: each comment card, as below.

Rendering the comment cards was most of the page's time, so each card is cached as a
rendered fragment (`render_cards`). The cache key is a digest of everything the card
shows: the comment's text, status, edit time, author name, reply and reaction counts,
the reader's relation to it (own comment, may react, their reaction, may still edit,
have they reported it), the language, time zone and date format, and the templates as
deployed (`consultations.card_keys`). An edit, a moderation decision, a new reaction or
a deploy that changes a template therefore changes the key: there is nothing to
invalidate, and a stale card can never be shown. What differs per request and per person, the CSRF token
and the return address of the reaction form, is rendered as a placeholder and filled in
after the cache. Comments awaiting moderation are rendered each time (only their author
and moderators see them). Cache outages are misses (engage.cache.TolerantRedisCache).
"""

import re
from dataclasses import dataclass
from functools import cached_property

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from engage.accounts.rules import is_moderator

from . import thread_cache
from .card_keys import card_key
from .engagement.models import with_reaction_counts
from .forms import CommentForm
from .models import Comment, CommentStatus, Proposal

COMMENTS_PER_PAGE = 20
#: Replies go two levels deep (MAX_COMMENT_DEPTH); climbing to a first-level comment
#: takes at most this many steps.
MAX_ANCESTORS = 3

CARD_CACHE_SECONDS = 24 * 60 * 60
CARD_TEMPLATE = "consultations/includes/comment.html"
# Placeholders: ASCII that escaping leaves alone and no comment can produce (bodies are
# sanitised HTML, in which "\x00" cannot occur; names and dates are escaped).
CSRF_PLACEHOLDER = "\x00csrf\x00"
PATH_PLACEHOLDER = "\x00path\x00"
#: Brackets the parts of a section that differ for a reader (`card_marks`).
MARK = "\x00"
MARK_CLOSE = mark_safe(f"{MARK}]{MARK}")  # noqa: S308 - plain ASCII


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
    def reactions_mark(self):
        """Opens the proposal's reaction buttons as a part of the section that a reader's
        own reaction replaces (`card_marks`); `MARK_CLOSE` closes it."""
        return mark_safe(f"{MARK}[p{self.proposal.pk}{MARK}")  # noqa: S308 - plain ASCII

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
        .with_reported(user)
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
        .with_reported(user)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    return with_reaction_counts(replies, user, "comment")


def comment_threads(request, consultation, *, can_comment, pages=None, shared=False):
    """The threads of a consultation page: one per proposal, or one general discussion.

    Which comments each page shows comes from `thread_cache` snapshots; the comments
    themselves from one query by primary key for all threads (see `thread_cache`).
    Moderators, and a reader with a comment of their own awaiting moderation here, see
    more than the snapshots hold and get `uncached_comment_threads`, as does a preview of
    a draft (its proposals may not be saved yet).

    `shared`: the threads as everyone sees them (read as an anonymous visitor would,
    cards rendered for `shared_reader`), for the section that readers share
    (`consultations.comment_section`); nothing of the reader's own is read."""
    user = AnonymousUser() if shared else request.user
    reader = shared_reader(request.user) if shared else request.user
    if pages is None:
        pages = requested_pages(request, consultation)
    proposals = list(with_reaction_counts(consultation.proposals.all(), user, "proposal")) or [None]
    if not shared and (is_moderator(user) or getattr(request, "is_preview", False)):
        return uncached_comment_threads(request, consultation, proposals, pages, can_comment)
    snapshots = _snapshots(consultation, proposals, pages)
    ids = [pk for snapshot in snapshots for pk in snapshot["ids"]]
    rows = {}
    if ids or user.is_authenticated:
        shown = Q(pk__in=ids)
        if user.is_authenticated:
            # In the same query: does the reader have a first-level comment of their
            # own awaiting moderation here? Only they see it, so no snapshot has it.
            shown |= Q(
                consultation_id=consultation.pk,
                author_id=user.pk,
                status=CommentStatus.PENDING,
                parent__isnull=True,
            )
        query = (
            Comment.objects.visible_to(user)
            .filter(shown)
            .with_reply_counts(user)
            .with_reported(user)
        )
        rows = {
            comment.pk: comment
            for comment in with_reaction_counts(query.select_related("author"), user, "comment")
        }
        if rows.keys() - set(ids):
            return uncached_comment_threads(request, consultation, proposals, pages, can_comment)
    threads = []
    for proposal, snapshot in zip(proposals, snapshots, strict=True):
        paginator = Paginator([], COMMENTS_PER_PAGE)
        paginator.count = snapshot["count"]
        # A comment hidden since the snapshot was taken simply drops out of its page.
        comments = [rows[pk] for pk in snapshot["ids"] if pk in rows]
        threads.append(
            _thread(
                request,
                proposal,
                Page(comments, snapshot["number"], paginator),
                can_comment=can_comment,
            )
        )
    _prerender_cards(request, threads, can_react=can_comment, reader=reader)
    return threads


def _page_param(proposal):
    return f"p{proposal.pk}-page" if proposal else "comments-page"


def requested_pages(request, consultation):
    """{page parameter: page number} of the threads: as the query string asks
    (`p12-page=3`, `comments-page=2`) and, with `?comment=<id>`, the page of the thread
    where that comment (or, for a reply, the comment it answers) is, so that a link to an
    older comment lands on the page that shows it."""
    pages = {
        name: _page_number(value)
        for name, value in request.GET.items()
        if name == "comments-page" or (name.startswith("p") and name.endswith("-page"))
    }
    target = request.GET.get("comment", "")
    if target.isdigit() and len(target) < 12:
        located = _locate(consultation, int(target))
        if located:
            pages[located[0]] = located[1]
    return pages


def _locate(consultation, pk):
    """(page parameter, page number) of the thread page showing comment `pk` (or its
    first-level ancestor), as everyone sees the thread; None when not shown."""
    public = AnonymousUser()
    shown = Comment.objects.visible_to(public).filter(consultation_id=consultation.pk)
    fields = ("pk", "parent_id", "proposal_id", "created_at")
    comment = shown.filter(pk=pk).values(*fields).first()
    for _level in range(MAX_ANCESTORS):
        if comment is None or comment["parent_id"] is None:
            break
        comment = shown.filter(pk=comment["parent_id"]).values(*fields).first()
    if comment is None or comment["parent_id"] is not None:
        return None
    newer = (
        shown.top_level()
        .for_proposal(comment["proposal_id"])
        .filter(
            Q(created_at__gt=comment["created_at"])
            | Q(created_at=comment["created_at"], pk__gt=comment["pk"])
        )
        .count()
    )
    param = f"p{comment['proposal_id']}-page" if comment["proposal_id"] else "comments-page"
    return param, newer // COMMENTS_PER_PAGE + 1


def _page_number(raw):
    """A page number as Paginator.get_page reads it (not a number: 1)."""
    try:
        number = int(float(raw))
    except (TypeError, ValueError, OverflowError):
        return 1
    return max(min(number, 10**6), 0)


def _snapshots(consultation, proposals, pages):
    """{"count", "number", "ids"} of the requested page of each thread, from the cache
    or (missing ones) from two queries: the sizes of every thread and the page's ids."""
    token = thread_cache.version(consultation)
    keys = [
        thread_cache.snapshot_key(
            consultation,
            token,
            proposal.pk if proposal else "discussion",
            pages.get(_page_param(proposal), 1),
        )
        for proposal in proposals
    ]
    cached = thread_cache.get_snapshots(keys)
    missing = [n for n, key in enumerate(keys) if key not in cached]
    if missing:
        public = AnonymousUser()
        sizes = thread_sizes(public, consultation)
        fresh = {}
        for n in missing:
            proposal = proposals[n]
            paginator = Paginator(
                Comment.objects.visible_to(public)
                .for_consultation(consultation)
                .for_proposal(proposal)
                .top_level()
                .newest_first()
                .values_list("pk", flat=True),
                COMMENTS_PER_PAGE,
            )
            paginator.count = sizes.get(proposal.pk if proposal else None, 0)
            page = paginator.get_page(pages.get(_page_param(proposal), 1))
            fresh[keys[n]] = {
                "count": paginator.count,
                "number": page.number,
                "ids": list(page.object_list),
            }
        thread_cache.set_snapshots(fresh)
        cached.update(fresh)
    return [cached[key] for key in keys]


def uncached_comment_threads(request, consultation, proposals, pages, can_comment):
    """The threads read straight from the database, as the reader may see them."""
    user = request.user
    # One grouped count for every thread instead of one COUNT per proposal.
    sizes = thread_sizes(user, consultation) if len(proposals) > 1 else None
    threads = []
    for proposal in proposals:
        paginator = Paginator(thread_comments(user, consultation, proposal), COMMENTS_PER_PAGE)
        if sizes is not None:
            paginator.count = sizes.get(proposal.pk if proposal else None, 0)
        page_obj = paginator.get_page(pages.get(_page_param(proposal), 1))
        threads.append(_thread(request, proposal, page_obj, can_comment=can_comment))
    _prerender_cards(request, threads, can_react=can_comment, reader=request.user)
    return threads


def _thread(request, proposal, page_obj, *, can_comment):
    return CommentThread(
        proposal=proposal,
        page_obj=page_obj,
        page_param=_page_param(proposal),
        form=CommentForm(prefix=f"p{proposal.pk}" if proposal else None) if can_comment else None,
        request=request,
        can_react=can_comment,
    )


def _prerender_cards(request, threads, *, can_react, reader):
    """Render the cards of every thread at once: one cache round trip for all of them.

    The placeholders stay in, and each card is bracketed by `card_marks` (so that the
    shared article can swap a reader's own cards in): `consultations.page_context.page`
    fills the placeholders in and drops or uses the marks, once for the whole section."""
    comments = [comment for thread in threads for comment in thread.comments]
    parts = iter(_card_parts(request, comments, can_react=can_react, reader=reader))
    for thread in threads:
        # Rendered by the card template (autoescaped); placeholders are plain ASCII.
        thread.cards = mark_safe(  # noqa: S308
            "".join(card_marks("c", comment.pk, next(parts)) for comment in thread.comments)
        )


def card_marks(kind, pk, html):
    """`html` bracketed as the part `kind` ("c": a comment card, "p": a proposal's
    reactions) number `pk` of a section (see `consultations.comment_section`)."""
    return f"{MARK}[{kind}{pk}{MARK}{html}{MARK_CLOSE}"


class SharedReader:
    """Whom the section shared by signed-in readers is rendered for: signed in, but no
    one in particular (no comment is theirs; no account has this primary key)."""

    pk = id = 0
    is_authenticated = True
    is_anonymous = False


def shared_reader(user):
    """The reader a shared section is rendered for: anonymous, or `SharedReader`."""
    return SharedReader() if user.is_authenticated else AnonymousUser()


class PlaceholderRequest:
    """The request as cached fragments see it: the full path (with its query string) as
    a placeholder, the user given (`shared_reader`), and the rest the real request's
    (`path` is part of the consultation article's cache key)."""

    def __init__(self, request, user=None):
        self.user = user if user is not None else request.user
        self._request = request

    def get_full_path(self):
        return PATH_PLACEHOLDER

    def __getattr__(self, name):
        return getattr(self._request, name)


def render_cards(request, comments, *, can_react):
    """`comments` (annotated as `thread_comments` does) rendered as `<li>` cards.

    Cached cards come from one `get_many`; the others are rendered and stored with one
    `set_many`. No database query either way."""
    return fill_placeholders(request, "".join(_card_parts(request, comments, can_react=can_react)))


def _card_parts(request, comments, *, can_react, reader=None):
    """One `<li>` card per comment, with the CSRF and path placeholders still in, for
    `reader` (the request's user unless given: see `shared_reader`)."""
    comments = list(comments)
    if not comments:
        return []
    user = reader if reader is not None else request.user
    keys = [
        None if comment.is_pending else card_key(comment, user, can_react) for comment in comments
    ]
    cached = cache.get_many([key for key in keys if key])
    template = get_template(CARD_TEMPLATE)
    placeholder_request = PlaceholderRequest(request, user)
    fresh = {}
    parts = []
    for comment, key in zip(comments, keys, strict=True):
        card = cached.get(key) if key else None
        if card is None:
            card = _squeeze(
                template.render(
                    {
                        "comment": comment,
                        "request": placeholder_request,
                        "take_part_blocker": None if can_react else "may_not_react",
                        "csrf_token": CSRF_PLACEHOLDER,
                    }
                )
            )
            if key:
                fresh[key] = card
        parts.append(f"<li>{card}</li>")
    if fresh:
        cache.set_many(fresh, CARD_CACHE_SECONDS)
    return parts


_LINE_BREAK_WITH_SPACES = re.compile(r"\s*\n\s*")


def _squeeze(html):
    """One line break for each run of white space that holds one: the indentation and
    blank lines of the templates were a third of a card's bytes. Rendering is the same,
    since cards hold no white-space-preserving element (no <pre> or <textarea>; comment
    bodies are sanitised paragraphs, lists and links) and no attribute spans lines."""
    return _LINE_BREAK_WITH_SPACES.sub("\n", html).strip()


def fill_placeholders(request, html):
    """The reader's CSRF token and return address in place of the placeholders."""
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    html = html.replace(PATH_PLACEHOLDER, escape(request.get_full_path()))
    # Every part was rendered by the card template (autoescaped); placeholders are
    # replaced by a CSRF token (URL-safe characters) and an escaped path.
    return mark_safe(html)  # noqa: S308
