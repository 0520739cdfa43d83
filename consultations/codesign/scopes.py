"""How `session:<id>` (a co-design session) resolves, for the shared layer
(`engage.communities.scopes`). Registered in `CodesignConfig.ready()`."""

from engage.communities.models import ScopeType
from engage.communities.scopes import ScopeKind, register_scope_kind

from .models import CoDesignSession


def _sessions():
    return CoDesignSession.objects


def _get(key):
    return _sessions().filter(pk=key).select_related("consultation__area").first()


def _area(session):
    return session.consultation.area if session.consultation else None


def _within(scope):
    """A consultation frames the sessions linked to it."""
    if scope.kind != ScopeType.CONSULTATION:
        return []
    return _sessions().filter(consultation_id=scope.key).values_list("pk", flat=True)


def _started_between(start, end):
    return _sessions().filter(starts_at__gte=start, starts_at__lte=end).values_list("pk", flat=True)


def register():
    register_scope_kind(
        ScopeKind(
            kind=ScopeType.SESSION.value,
            get=_get,
            title=lambda session: session.title,
            url=lambda session: session.get_absolute_url(),
            area=_area,
            within=_within,
            started_between=_started_between,
        )
    )
