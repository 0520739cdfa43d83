"""Which population baseline a representation report compares with: the scope's own
area, the first enclosing area that has a baseline, or the city's; and the errors
raised when a scope or a baseline cannot be found."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import Area, BaselineShare
from ..scopes import AREA, CITY, scope_kind


class ScopeNotFound(ValidationError):
    """The scope names something that does not exist."""


class BaselineNotFound(ValidationError):
    """No baseline can be found for the scope, or the one named does not exist."""


def scope_area(scope):
    """The `Area` a scope belongs to, or None (the whole city, or no area given).

    Raises `ScopeNotFound` when the consultation, forum, session or area does not exist.
    """
    not_found = ScopeNotFound(
        _("There is no %(scope)s. Check the id (it is shown in the admin)."),
        code="scope_not_found",
        params={"scope": str(scope)},
    )
    if scope.kind == CITY:
        return None
    if scope.kind == AREA:
        area = Area.objects.filter(code=scope.key).first()
        if area is None:
            raise not_found
        return area
    registered = scope_kind(scope.kind)
    if registered is None:
        return None  # proposals belong to consultations; no area of their own yet
    obj = registered.get(scope.key)
    if obj is None:
        raise not_found
    return registered.area(obj)


def city_area():
    """The area city-wide reports compare with: CITY_AREA_CODE, else the only area
    that is part of no other; None when neither decides."""
    if settings.CITY_AREA_CODE:
        return Area.objects.filter(code=settings.CITY_AREA_CODE).first()
    roots = list(Area.objects.filter(parent__isnull=True)[:2])
    return roots[0] if len(roots) == 1 else None


def resolve_baseline(scope, baseline_area=None):
    """The `Area` whose baseline a report on `scope` uses.

    An area named explicitly (an `Area` or its code) wins; otherwise the scope's own
    area, walking up to the first enclosing area that has a baseline; otherwise the
    city's. Raises `BaselineNotFound` with what to do.
    """
    if baseline_area is not None and not isinstance(baseline_area, Area):
        code = str(baseline_area).strip()
        baseline_area = Area.objects.filter(code=code).first()
        if baseline_area is None:
            raise BaselineNotFound(
                _(
                    "There is no area with the code “%(code)s”. Import its baseline with "
                    "import_baseline, or name another area."
                ),
                code="baseline_not_found",
                params={"code": code},
            )
    if baseline_area is not None:
        return baseline_area
    area = scope_area(scope)
    seen = set()
    while area is not None and area.pk not in seen:
        seen.add(area.pk)
        if BaselineShare.objects.filter(area=area).exists():
            return area
        area = area.parent
    area = city_area()
    if area is not None:
        return area
    raise BaselineNotFound(
        _(
            "%(scope)s has no area with a population baseline. Name the baseline to compare "
            "with (--baseline AREA_CODE, or &baseline= in the API)."
        ),
        code="no_baseline",
        params={"scope": str(scope)},
    )
