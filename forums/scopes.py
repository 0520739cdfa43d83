"""How `forum:<id>` resolves, for the shared layer (`engage.communities.scopes`).
Registered in `ForumsConfig.ready()`. Forums have no area of their own."""

from engage.communities.models import ScopeType
from engage.communities.scopes import ScopeKind, register_scope_kind

from .models import ForumPage


def _get(key):
    return ForumPage.objects.filter(pk=key).first()


def register():
    register_scope_kind(
        ScopeKind(
            kind=ScopeType.FORUM.value,
            get=_get,
            title=lambda page: page.title,
            url=lambda page: page.url,
        )
    )
