"""What opinion maps register with the shared apps in `ready()`: statements as
moderated content (kind "statement") and as analysed texts (text signals), the
`opinions.*` rules, and a receiver that asks for a recomputation when a moderator's
decision takes a statement in or out. (The rate limits of votes and statements,
`opinion_vote` and `opinion_statement`, are settings like every other action's:
engage/settings/security.py.)
"""

import logging

from django.urls import NoReverseMatch, reverse

from engage.after_commit import on_commit_safely
from engage.communities.scopes import Scope, scope_kind
from engage.insights.registry import register_target
from engage.moderation import registry as moderation_registry
from engage.moderation.content import ContentStatus
from engage.moderation.signals import content_moderated

from . import signals

logger = logging.getLogger("engage.opinions")

KIND = "statement"


def vote_url(opinion_map, statement=None):
    """The voting page of a map (at `statement`, to see or change a vote on it)."""
    try:
        url = reverse("opinions:vote", kwargs={"map_id": opinion_map.pk})
    except NoReverseMatch:
        return ""
    return f"{url}?statement={statement.pk}#statement" if statement is not None else url


def statement_place(statement):
    """`(scope, title, url)` of a statement for the moderation queue: its map's scope
    (`consultation:<id>`, `forum:<id>`, or `map:<id>` when standalone)."""
    opinion_map = statement.map
    return (opinion_map.scope_string, str(opinion_map), vote_url(opinion_map, statement))


def _scope_object(opinion_map):
    """(Scope, the consultation or forum) of an attached map; (None, None) otherwise."""
    if not opinion_map.scope:
        return None, None
    try:
        scope = Scope.parse(opinion_map.scope)
    except Exception:  # noqa: BLE001 - a malformed stored scope counts only in the city
        return None, None
    kind = scope_kind(scope.kind)
    return scope, (kind.get(scope.key) if kind else None)


def statement_scopes(statement):
    """Where a statement counts in text signals: its map's consultation or forum (and
    that one's area); a standalone map's statements count in the city only."""
    scope, obj = _scope_object(statement.map)
    if scope is None or scope.kind not in ("consultation", "forum"):
        return {}
    values = {scope.kind: int(scope.key)}
    area = scope_kind(scope.kind).area(obj) if obj is not None else None
    if area is not None:
        values["area"] = area.code
    return values


def _statement_text(statement):
    # Imported statements were moderated and analysed elsewhere; only Engage's own are
    # analysed (an empty text is not scored).
    return "" if statement.external_id else statement.text


def recompute_after_commit(map_id):
    """After commit, ask for a (debounced) recomputation of map `map_id`; a failure is
    logged, never the voter's or the moderator's problem."""
    from .tasks import schedule_recompute

    on_commit_safely(lambda: schedule_recompute(map_id), f"opinion map {map_id} recompute")


def statement_moderated(sender, instance, action, old_status, new_status, **kwargs):
    """A moderator took a statement in or out of the map: recompute it."""
    recompute_after_commit(instance.map_id)


def votes_changed(sender, map_id, **kwargs):
    """A vote was cast or changed: recompute the map."""
    recompute_after_commit(map_id)


def register():
    """Register opinion statements with the shared registries."""
    from . import rules  # noqa: F401 - registers the opinions.* rules
    from .models import Statement

    moderation_registry.register(Statement, kind=KIND, place=statement_place)
    register_target(
        Statement,
        kind=KIND,
        text=_statement_text,
        language=lambda statement: statement.language or None,
        scopes=statement_scopes,
        created_field="created",
        visible=lambda statement: statement.status == ContentStatus.PUBLISHED,
        may_flag=lambda statement: (
            statement.status in (ContentStatus.PENDING, ContentStatus.PUBLISHED)
        ),
        queryset=lambda: Statement.objects.filter(external_id="").select_related("map"),
        watched_fields={"text", "status", "language"},
    )
    signals.votes_changed.connect(votes_changed, dispatch_uid="opinions-votes-changed")
    content_moderated.connect(
        statement_moderated, sender=Statement, dispatch_uid="opinions-statement-moderated"
    )
