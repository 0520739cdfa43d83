"""How `consultation:<id>` resolves, for the shared layer (`engage.communities.scopes`).

Registered in `ConsultationsConfig.ready()`.
"""

from engage.communities.models import ScopeType
from engage.communities.scopes import ScopeKind, register_scope_kind

from .models import ConsultationPage


def _pages():
    return ConsultationPage.objects


def _get(key):
    return _pages().filter(pk=key).select_related("area").first()


def _open_since(opened_before, now):
    return _pages().live().filter(opens_at__lte=opened_before, closes_at__gt=now).order_by("pk")


def _choices():
    return _pages().order_by("-opens_at", "-pk").values_list("pk", "title")


def register():
    register_scope_kind(
        ScopeKind(
            kind=ScopeType.CONSULTATION.value,
            get=_get,
            title=lambda page: page.title,
            url=lambda page: page.url,
            area=lambda page: page.area,
            open_since=_open_since,
            choices=_choices,
            excluded_categories=lambda page: page.excluded_category_ids(),
        )
    )
