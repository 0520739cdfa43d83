"""Which map a command means: `consultation:<id>`, `forum:<id>` (resolved through the
scope registry, so this shared app never imports a feature), `map:<id>` (a standalone
map) or, when importing, `new:<title>` (a standalone map to create)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from engage.communities.scopes import Scope, scope_kind, scope_object

from .models import STANDALONE, OpinionMap

ATTACHABLE = ("consultation", "forum")
NEW = "new"


@dataclass(frozen=True)
class MapTarget:
    """Where a map lives: `scope` is the stored scope text ("" for standalone),
    `map_id` a standalone map's id, `title` the title of a new standalone map."""

    scope: str = ""
    map_id: int | None = None
    title: str = ""

    @property
    def is_new(self):
        return not self.scope and self.map_id is None

    def existing(self):
        """The map already at this target, or None."""
        if self.scope:
            return OpinionMap.objects.filter(scope=self.scope).first()
        if self.map_id is not None:
            return OpinionMap.objects.filter(pk=self.map_id, scope="").first()
        return None


def _invalid(text):
    return ValidationError(
        _(
            "“%(scope)s” is not an opinion map scope. Write consultation:<id>, forum:<id>, "
            "map:<id> or, when importing, new:<title>."
        ),
        code="invalid_scope",
        params={"scope": text},
    )


def parse_target(text, *, allow_new=False):
    """The `MapTarget` that `text` names; ValidationError when it names none.

    A consultation or forum must exist (when its app registered the scope kind)."""
    text = (text or "").strip()
    kind, _sep, key = text.partition(":")
    if kind == NEW and allow_new:
        if not key.strip():
            raise ValidationError(_("Give the new map a title: new:<title>."), code="invalid_scope")
        return MapTarget(title=key.strip())
    if kind == STANDALONE:
        if not key.isdigit():
            raise _invalid(text)
        return MapTarget(map_id=int(key))
    if kind not in ATTACHABLE:
        raise _invalid(text)
    scope = Scope.parse(text)
    if scope_kind(scope.kind) is not None and scope_object(scope) is None:
        raise ValidationError(
            _("There is no %(kind)s with id %(id)s."),
            code="unknown_scope",
            params={"kind": scope.kind, "id": scope.key},
        )
    return MapTarget(scope=str(scope))


def map_for(text):
    """The existing map `text` names; ValidationError when there is none."""
    target = parse_target(text)
    found = target.existing()
    if found is None:
        raise ValidationError(
            _("There is no opinion map at %(scope)s. Import or create one first."),
            code="no_map",
            params={"scope": text},
        )
    return found
