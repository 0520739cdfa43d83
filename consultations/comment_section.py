"""The comment section of a consultation page: one rendering shared by all readers who
see it alike, with each signed-in reader's own state laid over it.

The section (proposals, forms, twenty cards per thread, page links) is rendered
(`threads_html`) as part of the page's article, which `consultations.page_context.page`
caches per consultation version, language, time zone, page numbers and kind of reader
(anonymous, or signed in and allowed to take part or not); a new, edited or hidden
comment or a new reaction bumps the version after commit, and a cache outage is a miss.
It is rendered as *nobody in particular* reads it: comments and counts as an anonymous
visitor sees them, cards for `SharedReader` (signed in, author of nothing, reacted to
nothing, reported nothing).

What is a reader's own is then read in **one** query (`reader_state`): their reactions
to the comments shown and to the proposals, which of the shown comments they wrote,
reported, or have a reply awaiting moderation under, whether they have a first-level
comment of their own awaiting moderation here, and whether they follow the
consultation. Only the parts that differ are rendered again: each card and each
proposal's reaction buttons is bracketed by marks (`comments.card_marks`), and a
reader's own version of a card comes from a second small query for those comments alone
(and the card cache). A reader with a first-level comment awaiting moderation (only
they see it) and moderators get the threads read for them alone
(`comments.comment_threads`), as does a preview of a draft.

So nothing personal is ever stored in the shared rendering: another reader's reaction,
edit links or "reported" can never show, and a reader's own state is read live at
every request, never from a cache.
"""

import re
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import CharField, F, Value
from django.template.loader import get_template, render_to_string
from django.utils.safestring import mark_safe

from .comments import (
    CSRF_PLACEHOLDER,
    MARK,
    MARK_CLOSE,
    PlaceholderRequest,
    _card_parts,
    comment_threads,
    shared_reader,
)
from .engagement.models import Reaction, ReactionValue, with_reaction_counts
from .following.models import Follow
from .models import Comment, CommentStatus, Proposal
from .models.comments import reports_by

SECTION_TEMPLATE = "consultations/includes/comment_threads.html"
PROPOSAL_REACTIONS_TEMPLATE = "engagement/reactions.html"

_PARTS = re.compile(f"{MARK}\\[([cpfb])(\\d+){MARK}(.*?){MARK_CLOSE}", re.S)


@dataclass
class ReaderState:
    """What of a section is a signed-in reader's own (`reader_state`)."""

    following: bool = False
    #: A first-level comment of theirs awaits moderation here: only they see it.
    pending: bool = False
    #: {comment id: their reaction} among the comments shown.
    comment_reactions: dict = field(default_factory=dict)
    #: {proposal id: their reaction}.
    proposal_reactions: dict = field(default_factory=dict)
    #: Shown comments whose card differs for them: written or reported by them, reacted
    #: to, or with a reply of theirs awaiting moderation (counted for them alone).
    own_cards: set = field(default_factory=set)


def reader_state(user, consultation, shown):
    """`user`'s own state on a consultation page whose section shows the comments
    `shown` (ids): one query, a UNION ALL of small indexed lookups of their own rows in
    this consultation (no list of ids in the SQL: its text stays the same), kept to the
    comments shown here. The SQL is compiled once per process (`_reader_state_sql`):
    building the seven-part union through the ORM at each request cost more than
    running it."""
    sql, slots = _reader_state_sql()
    values = {_USER: user.pk, _CONSULTATION: consultation.pk}
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [values.get(slot, slot) if type(slot) is int else slot for slot in slots]
        )
        rows = cursor.fetchall()
    shown = set(shown)
    state = ReaderState()
    for what, pk, value in rows:
        if what == "follow":
            state.following = True
        elif what == "rp":
            state.proposal_reactions[pk] = value
        elif what == "pending":
            state.pending = True
        elif pk in shown:
            if what == "rc":
                state.comment_reactions[pk] = value
            state.own_cards.add(pk)
    return state


#: Stand-ins for the reader's and the consultation's ids while the SQL is compiled.
_USER, _CONSULTATION = -0x7E57_0001, -0x7E57_0002
_compiled = {}


def _reader_state_sql():
    """(SQL, parameters) of `reader_state`'s union, the reader's and the consultation's
    ids as `_USER` / `_CONSULTATION` among the parameters: compiled once per process and
    content type of comments (which a recreated test database may renumber)."""
    content_type = ContentType.objects.get_for_model(Comment).pk
    if content_type not in _compiled:
        _compiled[content_type] = _compile_reader_state()
    return _compiled[content_type]


def _compile_reader_state():
    user = SimpleNamespace(pk=_USER, is_authenticated=True)
    consultation = SimpleNamespace(pk=_CONSULTATION)
    comments = Comment.objects.order_by().filter(consultation_id=consultation.pk, author_id=user.pk)
    reactions = Reaction.objects.filter(user_id=user.pk, consultation_id=consultation.pk)
    parts = [
        # (what, id, value)
        (reactions.filter(comment__isnull=False), "rc", "comment_id", "value"),
        (reactions.filter(proposal__isnull=False), "rp", "proposal_id", "value"),
        (comments, "own", "pk", None),
        (
            comments.filter(status=CommentStatus.PENDING, parent__isnull=True),
            "pending",
            "pk",
            None,
        ),
        (
            comments.filter(status=CommentStatus.PENDING, parent__isnull=False),
            "reply",
            "parent_id",
            None,
        ),
        # All their reports of comments: a handful, kept to the shown ones below.
        (reports_by(user), "reported", "object_id", None),
        (Follow.objects.of(user).for_consultation(consultation), "follow", "consultation_id", None),
    ]
    queries = [
        queryset.order_by()
        .annotate(
            _what=Value(what, output_field=CharField()),
            _id=F(id_field),
            _value=F(value_field) if value_field else Value("", output_field=CharField()),
        )
        .values_list("_what", "_id", "_value")
        for queryset, what, id_field, value_field in parts
    ]
    union = queries[0].union(*queries[1:], all=True)
    sql, params = union.query.sql_with_params()
    if _USER not in params or _CONSULTATION not in params:
        raise ImproperlyConfigured("reader_state: the query no longer names the reader.")
    return sql, tuple(params)


class Section:
    """A rendered section: its parts (text, then (kind, id, html) for each part a
    reader may have their own version of), and each proposal's reaction counts."""

    def __init__(self, parts, proposal_counts):
        self.parts = parts
        self.proposal_counts = proposal_counts

    @classmethod
    def split(cls, html, proposal_counts):
        """`html` with marked parts (`comments.card_marks`) as a Section."""
        pieces = _PARTS.split(html)
        parts = [pieces[0]]
        for n in range(1, len(pieces), 4):
            kind, pk, inner, text = pieces[n : n + 4]
            parts += [(kind, int(pk), inner), text]
        return cls(parts, proposal_counts)

    def part(self, kind, pk):
        """The shared HTML of part (kind, pk), or None."""
        for part in self.parts:
            if isinstance(part, tuple) and part[:2] == (kind, pk):
                return part[2]
        return None

    @classmethod
    def from_cache(cls, value):
        """The section stored by `to_cache`, or None (a miss, or something else)."""
        if isinstance(value, tuple) and len(value) == 2:
            return cls(*value)
        return None

    def to_cache(self):
        # Plain lists, tuples and dicts: nothing a new release could fail to unpickle.
        return (self.parts, self.proposal_counts)

    def shown_comments(self):
        return [part[1] for part in self.parts if isinstance(part, tuple) and part[0] == "c"]

    def join(self, own=None):
        """The section's HTML, with `own[(kind, id)]` in place of those parts."""
        own = own or {}
        return "".join(
            own.get(part[:2], part[2]) if isinstance(part, tuple) else part for part in self.parts
        )


def threads_html(request, consultation, *, take_part_blocker, pages, shared):
    """(the comment section's HTML, with its marks and placeholders still in, and each
    proposal's reaction counts): as readers share it (`shared`), or for the reader alone."""
    user = request.user
    threads = comment_threads(
        request,
        consultation,
        can_comment=take_part_blocker is None,
        pages=pages,
        shared=shared,
    )
    html = get_template(SECTION_TEMPLATE).render(
        {
            "page": consultation,
            "comment_threads": threads,
            "take_part_blocker": take_part_blocker,
            "request": PlaceholderRequest(request, shared_reader(user) if shared else user),
            "csrf_token": CSRF_PLACEHOLDER,
            "mark_close": MARK_CLOSE,
        }
    )
    counts = {
        thread.proposal.pk: {
            value: getattr(thread.proposal, f"reaction_{value}", 0) or 0
            for value in ReactionValue.values
        }
        for thread in threads
        if thread.proposal
    }
    return mark_safe(html), counts  # noqa: S308 - rendered by an autoescaping template


def own_parts(request, consultation, section, state, take_part_blocker):
    """{(kind, id): the reader's own version} of the parts of `section` that differ for
    them: cards (one query for those comments) and proposals' reaction buttons."""
    user = request.user
    can_react = take_part_blocker is None
    own = {}
    if state.own_cards:
        rows = with_reaction_counts(
            Comment.objects.visible_to(user)
            .filter(pk__in=state.own_cards)
            .with_reply_counts(user)
            .with_reported(user)
            .select_related("author"),
            user,
            "comment",
        )
        rows = list(rows)
        # Read live: one of theirs that they may no longer see (hidden by a write the
        # shared section has not caught up with yet) leaves their page at once.
        own = dict.fromkeys((("c", pk) for pk in state.own_cards), "")
        for comment, card in zip(
            rows, _card_parts(request, rows, can_react=can_react, reader=user), strict=True
        ):
            own[("c", comment.pk)] = card
    placeholder_request = PlaceholderRequest(request, user)
    for pk, value in state.proposal_reactions.items():
        counts = section.proposal_counts.get(pk)
        if counts is None:
            continue
        proposal = Proposal(pk=pk, page_id=consultation.pk)
        for name, count in counts.items():
            setattr(proposal, f"reaction_{name}", count)
        proposal.my_reaction = value
        own[("p", pk)] = mark_safe(  # noqa: S308 - rendered by an autoescaping template
            render_to_string(
                PROPOSAL_REACTIONS_TEMPLATE,
                {
                    "target": proposal,
                    "kind": "proposal",
                    "take_part_blocker": take_part_blocker,
                    "request": placeholder_request,
                    "csrf_token": CSRF_PLACEHOLDER,
                },
            )
        )
    return own
