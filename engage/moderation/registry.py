"""Which models are moderated resident content, and how to name them.

Content apps register each model once, in their AppConfig.ready():

    from engage.moderation.registry import register
    register(Comment, kind="comment", place=comment_place)

`kind` is a short slug used in URLs, the API and queue filters ("comment", "post",
"claim", "factcheck"). `place(instance)` returns `(scope, place_title, url)`, for example
`("consultation:12", "Riverside Park", "/en/consultations/riverside/#comment-5")`: the
scope string filters the queue, the title and address show moderators where it was said.

Every registered model has `status` (ContentStatus values), `author` (nullable FK),
`body_text`, `body_html`, `language` and `created_at`.

`purge_history(instance)`, optional, deletes earlier versions of the text (edit
revisions) when a moderator redacts or removes personal data from it.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Registration:
    model: Any
    kind: str
    place: Any
    purge_history: Any = None


_by_kind: dict[str, Registration] = {}
_by_model: dict[Any, Registration] = {}


def register(model, *, kind, place, purge_history=None):
    """Make `model` moderated content of `kind` (see the module docstring)."""
    existing = _by_kind.get(kind)
    if existing is not None and existing.model is not model:
        raise ImproperlyConfigured(
            f"Moderation kind {kind!r} is already registered for {existing.model.__name__}."
        )
    registration = Registration(model=model, kind=kind, place=place, purge_history=purge_history)
    _by_kind[kind] = registration
    _by_model[model] = registration
    return model


def registration_for(instance_or_model):
    model = instance_or_model if isinstance(instance_or_model, type) else type(instance_or_model)
    model = getattr(model._meta, "concrete_model", model)
    try:
        return _by_model[model]
    except KeyError:
        raise LookupError(f"{model.__name__} is not registered for moderation.") from None


def get_kind(kind):
    """The model registered as `kind`; LookupError when there is none."""
    try:
        return _by_kind[kind].model
    except KeyError:
        raise LookupError(f"No moderated content of kind {kind!r}.") from None


def kind_of(instance):
    """The kind slug of a registered content instance (or model)."""
    return registration_for(instance).kind


def place_of(instance):
    """`(scope, place_title, url)` of a registered content instance."""
    scope, title, url = registration_for(instance).place(instance)
    return str(scope), str(title or ""), str(url or "")


def label_of(kind):
    """The kind in words, in the active language (its model's verbose name); the slug
    itself for a kind no longer registered."""
    registration = _by_kind.get(kind)
    return str(registration.model._meta.verbose_name) if registration else kind


def kinds():
    """The registered kind slugs, sorted."""
    return sorted(_by_kind)


def is_registered(instance_or_model):
    try:
        registration_for(instance_or_model)
    except LookupError:
        return False
    return True
