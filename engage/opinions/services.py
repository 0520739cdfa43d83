"""Writes and computations on opinion maps: a vote (the latest replaces the earlier),
the vote matrix of a map, a computed result and its stored snapshot; residents' votes
and statements (`vote`, `submit_statement`, `withdraw_statement`) and staff's seed
statements (`add_seed_statements`)."""

import numpy as np
import rules as django_rules
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from threadpoolctl import threadpool_limits

from engage.accounts.rules import is_verified
from engage.communities.models import Action
from engage.communities.scopes import Scope, scope_kind
from engage.communities.services import record_participation
from engage.insights.language import detect_language
from engage.moderation.content import ContentStatus, ModerationMode
from engage.moderation.sanitise import sanitise
from engage.moderation.services import (
    check_can_post,
    content_created,
    initial_status,
    withdraw_own_content,
)
from engage.moderation.text import clean_comment_text, clean_language
from engage.ratelimit import check_rate

from . import rules
from .maths import build_matrix
from .maths import compute_opinion_map as _compute_opinion_map
from .models import (
    STATE_FOR_STATUS,
    STATEMENT_MAX_LENGTH,
    MapStatus,
    OpinionMap,
    Participant,
    Snapshot,
    Statement,
    StatementState,
    Vote,
)
from .signals import votes_changed


def _id_order(public_id):
    return (0, int(public_id), "") if public_id.isdigit() else (1, 0, public_id)


def _positions(keys, position_of):
    """The position of each primary key in `keys` (an int array), by a sorted lookup."""
    if not position_of:
        return np.zeros(0, dtype=np.intp)
    known = np.array(sorted(position_of), dtype=np.int64)
    places = np.array([position_of[k] for k in known], dtype=np.intp)
    return places[np.searchsorted(known, keys)]


VOTES_SQL = (
    "SELECT v.participant_id, v.statement_id, v.value FROM opinions_vote v "
    "JOIN opinions_statement s ON s.id = v.statement_id WHERE s.map_id = %s"
)
# PostgreSQL packs every vote into one bytea (8 + 8 + 2 bytes, big-endian), which numpy
# decodes in one step: half a million votes arrive as one value instead of as half a
# million rows (or COPY messages), each costing Python work.
PACKED_VOTES_SQL = (
    "SELECT string_agg(int8send(v.participant_id::int8) || int8send(v.statement_id::int8)"
    " || int2send(v.value::int2), ''::bytea) FROM opinions_vote v "
    "JOIN opinions_statement s ON s.id = v.statement_id WHERE s.map_id = %s"
)
PACKED_VOTE = np.dtype([("participant", ">i8"), ("statement", ">i8"), ("value", ">i2")])


def _read_votes(map_id):
    """The map's votes as a structured array (participant, statement, value)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(PACKED_VOTES_SQL, [map_id])
            packed = cursor.fetchone()[0]
            return np.frombuffer(bytes(packed or b""), dtype=PACKED_VOTE)
        cursor.execute(VOTES_SQL, [map_id])
        rows = cursor.fetchall()
    result = np.zeros(len(rows), dtype=PACKED_VOTE)
    if rows:
        columns = np.array(rows, dtype=np.int64)
        result["participant"], result["statement"], result["value"] = columns.T
    return result


def compute_opinion_map(matrix, seed, **options):
    """`maths.compute_opinion_map` with the linear algebra on one thread.

    The maths run in the web process (the opinion_map command, exports) or in the task
    worker, beside the servers on the same cores. With one BLAS thread per core the
    threads spin against each other and against the servers: on a busy two-core machine
    a 5,000 × 500 map took 6.5-13 s with OpenBLAS' two threads and 3-4.5 s with one."""
    with threadpool_limits(limits=1, user_api="blas"):
        return _compute_opinion_map(matrix, seed, **options)


def read_votes(opinion_map):
    """Every vote of the map, read once: a structured array (participant pk, statement
    pk, value) that `vote_matrix` and `live.counts.vote_counts` both accept."""
    return _read_votes(opinion_map.pk)


def vote_matrix(opinion_map, *, votes=None):
    """The `VoteMatrix` of a map: every participant (rows) and statement (columns) in
    id order (numeric ids numerically), the latest vote of each participant on each
    statement, moderated-out statements zeroed. `votes`: the map's votes when the
    caller has already read them (`read_votes`)."""
    statements = sorted(
        Statement.objects.filter(map=opinion_map).values_list("pk", "external_id", "state"),
        key=lambda row: _id_order(row[1] or str(row[0])),
    )
    participants = sorted(
        Participant.objects.filter(map=opinion_map).values_list("pk", "external_id"),
        key=lambda row: _id_order(row[1] or str(row[0])),
    )
    column_of = {pk: index for index, (pk, _e, _s) in enumerate(statements)}
    row_of = {pk: index for index, (pk, _e) in enumerate(participants)}
    fetched = _read_votes(opinion_map.pk) if votes is None else votes
    rows = _positions(fetched["participant"], row_of)
    columns = _positions(fetched["statement"], column_of)
    values = fetched["value"].astype(float)
    out = [
        i for i, (_pk, _e, state) in enumerate(statements) if state == StatementState.MODERATED_OUT
    ]
    return build_matrix(
        [external or str(pk) for pk, external in participants],
        [external or str(pk) for pk, external, _s in statements],
        rows,
        columns,
        values,
        out=out,
    )


def compute_result(opinion_map, *, seed=None, groups=None):
    """The computed result (see `maths.compute_opinion_map`) of the map's current votes.

    `groups`: {group id: [participant ids]} to use instead of clustering; participants
    the map does not have raise KeyError. `seed` defaults to the map's seed.
    """
    matrix = vote_matrix(opinion_map)
    seed = opinion_map.seed if seed is None else seed
    grouping = None
    if groups is not None:
        row_of = {pid: index for index, pid in enumerate(matrix.participant_ids)}
        grouping = [
            (gid, sorted(row_of[pid] for pid in members)) for gid, members in groups.items()
        ]
    return compute_opinion_map(matrix, seed, groups=grouping)


def snapshot_result(opinion_map, *, seed=None, votes=None):
    """(result, seed): the map computed from its votes (`votes` when already read).

    Participants in the previous snapshot's conversation stay in (Pol.is' permanent
    membership), even if moderation has since lowered their vote count."""
    seed = opinion_map.seed if seed is None else seed
    matrix = vote_matrix(opinion_map, votes=votes)
    previous = opinion_map.snapshots.only("result").first()
    keep = ()
    if previous is not None:
        row_of = {pid: index for index, pid in enumerate(matrix.participant_ids)}
        keep = [row_of[pid] for pid in previous.result.get("in_conversation", []) if pid in row_of]
    return compute_opinion_map(matrix, seed, keep=keep), seed


def compute_snapshot(opinion_map, *, seed=None):
    """Compute the map from its votes and store the result as a new `Snapshot`."""
    result, seed = snapshot_result(opinion_map, seed=seed)
    return Snapshot.objects.create(
        map=opinion_map, computed_at=timezone.now(), seed=seed, result=result
    )


@transaction.atomic
def cast_vote(participant, statement, value, *, when=None):
    """Record `participant`'s vote on `statement` (1 agree, -1 disagree, 0 pass); a
    vote on a statement already voted replaces the earlier one. Returns the Vote."""
    if value not in (-1, 0, 1):
        raise ValueError(value)
    if participant.map_id != statement.map_id:
        raise ValueError("The participant and the statement belong to different maps.")
    vote, _created = Vote.objects.update_or_create(
        participant=participant,
        statement=statement,
        defaults={"value": value, "voted_at": when or timezone.now()},
    )
    return vote


# --- Residents: voting and statements ---------------------------------------------------
#
# The write path of comments (consultations.services.post_comment): permission and
# posting gate, then the text checks and `sanitise()`, then one transaction with the
# participation record and the moderation queue, and after-commit steps that log and
# swallow their failures.

VOTE_RATE = "opinion_vote"
STATEMENT_RATE = "opinion_statement"

REFUSALS = {
    "log_in": _("Please log in or create a free account to take part in this opinion map."),
    "verify_email": _(
        "Please verify your email address before taking part. Follow the link in the email "
        "we sent you, or ask for a new one."
    ),
    "draft": _("This opinion map is not open yet."),
    "closed": _("This opinion map has closed, so it no longer takes votes or statements."),
    "no_statements": _(
        "This opinion map does not take new statements. You can still vote on the ones here."
    ),
}


def refusal(user, opinion_map, *, submitting=False):
    """The code of `REFUSALS` that explains why `user` may not vote on (or, when
    `submitting`, add statements to) `opinion_map`; None when they may."""
    rule = rules.SUBMIT_STATEMENT if submitting else rules.VOTE
    if django_rules.test_rule(rule, user, opinion_map):
        return None
    if user is None or not user.is_authenticated:
        return "log_in"
    if not is_verified(user):
        return "verify_email"
    if opinion_map.status == MapStatus.DRAFT:
        return "draft"
    if opinion_map.status == MapStatus.CLOSED:
        return "closed"
    return "no_statements"


def _check_may(user, opinion_map, *, submitting=False):
    code = refusal(user, opinion_map, submitting=submitting)
    if code is not None:
        raise PermissionDenied(REFUSALS[code])
    check_can_post(user)


def ledger_scopes(opinion_map):
    """([Scope], Area or None): where a vote or statement counts in the participation
    ledger (the map's consultation or forum; a standalone map has none)."""
    if not opinion_map.scope:
        return [], None
    scope = Scope.parse(opinion_map.scope)
    if not scope.is_recorded:
        return [], None
    kind = scope_kind(scope.kind)
    obj = kind.get(scope.key) if kind else None
    return [scope], (kind.area(obj) if obj is not None else None)


def _record(user, action, opinion_map):
    scopes, area = ledger_scopes(opinion_map)
    if scopes:
        record_participation(user, action, *scopes, area=area)


def participant_for(user, opinion_map, *, create=False):
    """`user`'s participant row on `opinion_map` (one per account and map); created when
    `create` (safe when two requests create it at once), else None when missing."""
    found = Participant.objects.filter(map=opinion_map, user=user).first()
    if found is not None or not create:
        return found
    try:
        with transaction.atomic():
            return Participant.objects.create(map=opinion_map, user=user)
    except IntegrityError:
        return Participant.objects.get(map=opinion_map, user=user)


def vote(user, statement, value, *, address=None):
    """`user` votes `value` (1 agree, -1 disagree, 0 pass) on `statement`; an earlier
    vote on it is replaced. Returns the Vote.

    PermissionDenied when the rules refuse (not signed in or verified, map not open);
    ValidationError when the account may not post, the value is not a vote or the
    statement is not votable; RateLimited past the `opinion_vote` limits. The vote,
    the participant row and the ledger record commit together; the recomputation is
    asked for after commit (a failure there is logged, never the voter's problem).
    """
    opinion_map = statement.map
    _check_may(user, opinion_map)
    try:
        value = int(value)
    except (TypeError, ValueError):
        value = None
    if value not in (-1, 0, 1):
        raise ValidationError(_("Please choose agree, disagree or pass."), code="bad_vote")
    if not Statement.objects.votable().filter(pk=statement.pk).exists():
        raise ValidationError(
            _("This statement is no longer open for votes. Here is another one."),
            code="not_votable",
        )
    check_rate(VOTE_RATE, user=user, address=address)
    with transaction.atomic():
        participant = participant_for(user, opinion_map, create=True)
        result = cast_vote(participant, statement, value)
        _record(user, Action.VOTED, opinion_map)
        votes_changed.send(OpinionMap, map_id=opinion_map.pk)
    return result


def clean_statement_text(text):
    """(text on one line, safe HTML): the checks of comments, then 280 characters."""
    text, _html = clean_comment_text(text)
    text = " ".join(text.split())
    if len(text) > STATEMENT_MAX_LENGTH:
        raise ValidationError(
            _(
                "Your statement is %(length)s characters long. Please shorten it to "
                "%(limit)s characters or fewer: one idea, in a sentence or two."
            ),
            code="too_long",
            params={"length": len(text), "limit": STATEMENT_MAX_LENGTH},
        )
    return text, sanitise(text)


def statement_language(text, chosen=None):
    """The language a statement is recorded in: the writer's choice, else the detected
    language (`engage.insights.language`) when the site offers it, else the page's."""
    if chosen:
        return clean_language(chosen)
    detected = detect_language(text)
    if detected and detected in dict(settings.LANGUAGES):
        return detected
    return clean_language(None)


def _check_not_repeated(opinion_map, text):
    repeated = (
        Statement.objects.of_map(opinion_map)
        .exclude(status__in=(ContentStatus.REMOVED, ContentStatus.WITHDRAWN))
        .filter(text__iexact=text)
        .exists()
    )
    if repeated:
        raise ValidationError(
            _("This statement is already on the map. Please vote on it, or add a different idea."),
            code="repeated",
        )


def submit_statement(user, opinion_map, text, *, language=None, address=None):
    """`user` adds `text` as a statement to `opinion_map`. Returns the Statement.

    At most 280 characters, checked and sanitised as comments are; pending under the
    map's pre-moderation (or for a new account, see `initial_status`), published at once
    otherwise; in the moderation queue when pending; its language recorded
    (`statement_language`). PermissionDenied / ValidationError / RateLimited as `vote`.
    """
    _check_may(user, opinion_map, submitting=True)
    text, html = clean_statement_text(text)
    _check_not_repeated(opinion_map, text)
    language = statement_language(text, language)
    check_rate(STATEMENT_RATE, user=user, address=address)
    status = initial_status(user, pre_moderated=opinion_map.moderation_mode == ModerationMode.PRE)
    with transaction.atomic():
        statement = Statement.objects.create(
            map=opinion_map,
            author=user,
            text=text,
            body_html=html,
            language=language,
            status=status,
            state=STATE_FOR_STATUS[status],
        )
        _record(user, Action.COMMENTED, opinion_map)
        content_created(statement)
    return statement


def add_seed_statements(user, opinion_map, texts, *, language=None):
    """City staff add `texts` (one statement each) as published seed statements in
    `language` (default: the active language, the admin's). Texts already on the map are
    skipped. Returns the new statements."""
    if not django_rules.test_rule(rules.MANAGE_MAP, user, opinion_map):
        raise PermissionDenied(_("Only city staff can write seed statements."))
    created = []
    with transaction.atomic():
        for raw in texts:
            if not (raw or "").strip():
                continue
            text, html = clean_statement_text(raw)
            try:
                _check_not_repeated(opinion_map, text)
            except ValidationError:
                continue
            created.append(
                Statement.objects.create(
                    map=opinion_map,
                    author=user,
                    text=text,
                    body_html=html,
                    language=clean_language(language),
                    is_seed=True,
                    status=ContentStatus.PUBLISHED,
                    state=StatementState.ACCEPTED,
                )
            )
    return created


def withdraw_statement(user, statement):
    """The author withdraws their statement: its text goes and it leaves the map (its
    votes are kept, moderated out, as Pol.is keeps them)."""
    return withdraw_own_content(user, statement, _("You can only withdraw your own statements."))
