"""Which resident texts are analysed, and how to read each one.

Feature apps register their text models in their `AppConfig.ready()` (through their own
`insights.py`), as they do for moderation and scopes; this shared app never imports them:

    from engage.insights.registry import register_target

    register_target(
        Comment,
        kind="comment",
        text=lambda comment: comment.body_text,
        language=lambda comment: comment.language,
        scopes=lambda comment: {"consultation": comment.consultation_id, ...},
        visible=lambda comment: comment.status == "published",
        watched_fields={"body_text", "status"},
    )

- `kind`: a short slug (`--kind` of `analyse_texts`, the `kind` column of TextAnalysis);
- `text(instance)`: the text to analyse ("" when there is none, e.g. after withdrawal);
- `language(instance)`: the language the writer chose, or None to detect it;
- `scopes(instance)`: a dict with any of `consultation`, `proposal`, `forum`, `session`
  (ids), `area` (an area code) and `policy_area` (a policy area's code); the city is
  every row;
- `author(instance)`: the id of the account that wrote it, or None (default:
  `instance.author_id`); kept on the row only to join consented declarations for the
  community-group breakdown, never shown or exported;
- `created_at(instance)`: when it was written (default: `instance.created_at`), and
  `created_field`, the same as a field path for querysets (`analyse_texts --since`);
- `visible(instance)`: True while it is published; withdrawn, hidden, removed or
  rejected content leaves the aggregates;
- `may_flag(instance)`: whether an abuse flag should reach the moderation queue now
  (default: `visible`); only content registered with `engage.moderation.registry` can;
- `queryset()`: every instance, for bulk re-analysis (default: the model's manager);
  `select_related` what `text`/`scopes` read;
- `watched_fields`: a save with `update_fields` that touches none of these is ignored
  (the last-activity stamp of a thread, say); None: every save counts;
- `triggers`: extra `(model, instances_of(sender_instance))` pairs whose saves mean
  these texts changed (survey answers are bulk-created, so the response's save triggers
  them).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured

SCOPE_FIELDS = ("consultation", "proposal", "forum", "session", "area", "policy_area")


def _created_at(instance):
    return instance.created_at


def _author_id(instance):
    return getattr(instance, "author_id", None)


@dataclass(frozen=True)
class AnalysisTarget:
    """One registered kind of resident text (see the module docstring)."""

    model: Any
    kind: str
    text: Callable[[Any], str]
    scopes: Callable[[Any], dict]
    visible: Callable[[Any], bool]
    language: Callable[[Any], str | None] = lambda instance: None
    created_at: Callable[[Any], Any] = _created_at
    author: Callable[[Any], int | None] = _author_id
    created_field: str = "created_at"
    may_flag: Callable[[Any], bool] | None = None
    queryset: Callable[[], Any] | None = None
    watched_fields: frozenset[str] | None = None
    triggers: tuple = field(default_factory=tuple)

    def all(self):
        """Every instance of this kind, in primary-key order (bulk re-analysis)."""
        items = self.queryset() if self.queryset else self.model._default_manager.all()
        return items.order_by("pk")

    def flaggable(self, instance):
        return (self.may_flag or self.visible)(instance)

    def scope_values(self, instance):
        """The scope columns of `instance`: a dict with every key of SCOPE_FIELDS."""
        values = dict.fromkeys(SCOPE_FIELDS)
        for key, value in (self.scopes(instance) or {}).items():
            if key not in values:
                raise ImproperlyConfigured(
                    f"Analysis target {self.kind!r} returned an unknown scope {key!r}."
                )
            values[key] = None if value in (None, "") else value
        return values

    def is_relevant_save(self, update_fields):
        """False when a save touched only fields that change nothing analysed."""
        if update_fields is None or self.watched_fields is None:
            return True
        return bool(set(update_fields) & self.watched_fields)


_by_kind: dict[str, AnalysisTarget] = {}
_by_model: dict[Any, AnalysisTarget] = {}
_listeners: list[Callable[[AnalysisTarget], None]] = []


def register_target(model, *, kind, watched_fields=None, triggers=(), **readers):
    """Analyse the texts of `model` as `kind` (see the module docstring)."""
    existing = _by_kind.get(kind)
    if existing is not None and existing.model is not model:
        raise ImproperlyConfigured(
            f"Analysis kind {kind!r} is already registered for {existing.model.__name__}."
        )
    target = AnalysisTarget(
        model=model,
        kind=kind,
        watched_fields=frozenset(watched_fields) if watched_fields is not None else None,
        triggers=tuple(triggers),
        **readers,
    )
    _by_kind[kind] = target
    _by_model[model] = target
    for listener in _listeners:
        listener(target)
    return target


def on_register(listener):
    """Call `listener(target)` for every target registered, now and later (the signal
    receivers connect themselves this way, so this module imports none of them)."""
    _listeners.append(listener)
    for target in list(_by_kind.values()):
        listener(target)


def target_for(instance_or_model):
    """The registration of a model (or of an instance's model); LookupError if none."""
    model = instance_or_model if isinstance(instance_or_model, type) else type(instance_or_model)
    model = getattr(model._meta, "concrete_model", model)
    try:
        return _by_model[model]
    except KeyError:
        raise LookupError(f"{model.__name__} is not registered for text analysis.") from None


def get_target(kind):
    """The registration of `kind`; LookupError when there is none."""
    try:
        return _by_kind[kind]
    except KeyError:
        raise LookupError(f"No analysed texts of kind {kind!r}.") from None


def kinds():
    """The registered kind slugs, sorted."""
    return sorted(_by_kind)


def targets(only: Iterable[str] | None = None):
    """The registrations, by kind (all of them, or those named in `only`)."""
    names = kinds() if only is None else list(only)
    return [get_target(name) for name in names]
