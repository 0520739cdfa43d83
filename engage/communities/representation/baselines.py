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
    """The area city-wide reports compare with, or None when nothing decides:

    1. the area coded CITY_AREA_CODE, when that setting is given;
    2. else the only top-level area (part of no other);
    3. else, of several top-level areas, the only one that has parts (the city with its
       wards): baselines imported to compare with, such as a country's or another
       city's (`import_baseline --create-missing`), arrive as top-level areas without
       parts and must not hide the city's own.
    """
    if settings.CITY_AREA_CODE:
        return Area.objects.filter(code=settings.CITY_AREA_CODE).first()
    roots = list(Area.objects.filter(parent__isnull=True)[:2])
    if len(roots) == 1:
        return roots[0]
    with_parts = list(
        Area.objects.filter(parent__isnull=True, children__isnull=False).distinct()[:2]
    )
    return with_parts[0] if len(with_parts) == 1 else None


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
    candidates = list(
        Area.objects.filter(parent__isnull=True, baseline_shares__isnull=False)
        .distinct()
        .order_by("code")
        .values_list("code", flat=True)[:6]
    )
    if len(candidates) > 1:
        raise BaselineNotFound(
            _(
                "%(scope)s: several areas could be the city's (%(codes)s). Set CITY_AREA_CODE "
                "to the city's area code, make the others part of it, or name the baseline "
                "to compare with (--baseline AREA_CODE, or &baseline= in the API)."
            ),
            code="ambiguous_city",
            params={"scope": str(scope), "codes": ", ".join(candidates)},
        )
    raise BaselineNotFound(
        _(
            "%(scope)s has no area with a population baseline. Name the baseline to compare "
            "with (--baseline AREA_CODE, or &baseline= in the API)."
        ),
        code="no_baseline",
        params={"scope": str(scope)},
    )
