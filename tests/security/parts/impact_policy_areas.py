"""The policy-area pages (/<lang>/impact/policy-areas/ and …/<code>/, issue #16): city
staff with TOTP only (weights, evidence, related items, the area's matrix row). The
demo partner's city-wide grant shows it the matrix, not these pages."""

from tests.security.matrix import STAFF_ONLY, get

ROUTES = {
    "impact:policy_areas:index": get(STAFF_ONLY),
    "impact:policy_areas:detail": get(STAFF_ONLY),
}
PATH_VALUES = {"area_slug": "policy_area_slug"}


def build(world):
    """The code of the first policy area (one is made when there is none)."""
    from engage.policy.models import PolicyArea

    area = PolicyArea.objects.order_by("pk").first() or PolicyArea.objects.create(
        name="Permission matrix area", slug="permission-matrix-area"
    )
    world.ids["policy_area_slug"] = area.slug
