"""The demo city itself (engage/demo/northbridge.yaml): its area, the census dimensions
and community groups with the baseline shares, the demo accounts and their roles, and a
partner organisation; and its eight fictional wards with their boundaries
(northbridge-wards.geojson), which consultations, reports, the pulse survey and the map
of consultations by area all use, so they exist before any of those is loaded.
Idempotent: what exists is kept, nothing is duplicated."""

import json
from decimal import ROUND_HALF_UP

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils.translation import gettext as _

from engage.accounts.models import CommunityLeadership, User
from engage.accounts.rules import CITY_STAFF, MODERATORS
from engage.communities.importers import category_slug, normalise
from engage.communities.management.commands.import_areas import import_area_boundaries
from engage.communities.models import Area, BaselineShare, Category, Dimension
from engage.policy.models import PartnerGrant, PartnerMembership, PartnerOrganisation

from .data import DemoDataError, read

DATA_FILE = "northbridge.yaml"
WARDS_FILE = "northbridge-wards.geojson"
WARD_CODE_PROPERTY = "ward_code"
WARD_NAME_PROPERTY = "ward_name"
ROLES = {"moderators": MODERATORS, "city_staff": CITY_STAFF}


def load_demo(data_dir, context):
    data = read(data_dir, DATA_FILE)
    groups = seed_community_groups(data, context)
    city = seed_area(data, groups, context)
    seed_wards(data_dir, city, context)
    seed_accounts(data, groups, context)
    seed_partners(data, context)


def seed_wards(data_dir, city, context):
    """The wards with their boundaries (NB-W01…NB-W08), as parts of the city, through
    `import_areas`' own importer, so the demo exercises the same validation. A ward that
    already has a boundary is left as it is. They have no baseline of their own: a
    report on a ward's consultation compares with the city's (the first enclosing area
    with one, engage/communities/representation/baselines.py)."""
    document = json.loads((data_dir / WARDS_FILE).read_text(encoding="utf-8"))
    done = set(Area.objects.filter(boundary__isnull=False).values_list("code", flat=True))
    document["features"] = [
        feature
        for feature in document["features"]
        if feature["properties"][WARD_CODE_PROPERTY] not in done
    ]
    if not document["features"]:
        return
    result = import_area_boundaries(
        document,
        code_property=WARD_CODE_PROPERTY,
        name_property=WARD_NAME_PROPERTY,
        parent_code=city.code,
        create_missing=True,
    )
    if not result.ok:
        raise DemoDataError(WARDS_FILE, "features", "; ".join(result.errors))
    for code in result.created:
        context.note(True, "ward", code)


def seed_community_groups(data, context):
    """Dimensions and their categories; returns {(dimension slug, English name): Category}."""
    categories = {}
    for order, node in enumerate(data["dimensions"].list(), start=1):
        slug = node["slug"].str()
        dimension, created = Dimension.objects.get_or_create(
            slug=slug, defaults={**node["name"].translated("name"), "sort_order": order}
        )
        context.note(created, "dimension", dimension)
        for position, group in enumerate(node["groups"].list(), start=1):
            names = group["name"].translated("name")
            category, created = Category.objects.get_or_create(
                dimension=dimension,
                slug=category_slug(names["name"]),
                defaults={**names, "sort_order": position},
            )
            context.note(created, "community group", category)
            categories[slug, names["name"]] = category
    return categories


def seed_area(data, categories, context):
    """The demo area and its census baseline (percentages in the file, stored as
    fractions that sum to one per dimension)."""
    area_node, baseline = data["area"], data["baseline"]
    area, created = Area.objects.get_or_create(
        code=area_node["code"].str(), defaults={"name": area_node["name"].str()}
    )
    context.note(created, "area", area)
    population, source, year = (
        baseline["population"].int(),
        baseline["source"].str(),
        baseline["year"].int(),
    )
    for node in data["dimensions"].list():
        slug = node["slug"].str()
        percents = {
            group["name"].translated("name")["name"]: group["share"].decimal()
            for group in node["groups"].list()
        }
        for category_name, share in normalise(percents).items():
            _share, created = BaselineShare.objects.get_or_create(
                area=area,
                category=categories[slug, category_name],
                defaults={
                    "share": share,
                    "count": int((share * population).to_integral_value(ROUND_HALF_UP)),
                    "source": source,
                    "year": year,
                },
            )
            context.note(created, "baseline share", f"{area}: {category_name}")
    return area


def seed_accounts(data, categories, context):
    """Demo accounts with a verified primary address, their roles, and community leaders."""
    password = data["password"].str()
    users = {}
    for node in data["accounts"].list():
        email = node["email"].str()
        roles = [role.choice(ROLES) for role in node.get("roles", []).list()]
        is_admin = node.get("admin", False).bool()
        display_name = node["display_name"].str()
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(
                email=email,
                display_name=display_name,
                is_staff=is_admin,
                is_superuser=is_admin,
            )
            user.set_password(password)
            user.save()
            context.note(True, "account", email)
        for name in roles:
            user.groups.add(Group.objects.get_or_create(name=name)[0])
        address, created = EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if not (address.verified and address.primary):
            address.verified = address.primary = True
            address.save(update_fields=["verified", "primary"])
        users[email] = user

    for node in data.get("community_leaders", []).list():
        leader = account(node["email"], users)
        granted_by = account(node["granted_by"], users)
        for group in node["groups"].list():
            key = group["dimension"].str(), group["group"].str()
            if key not in categories:
                raise group.error(
                    _("no community group “%(group)s” in dimension “%(dimension)s”")
                    % {"group": key[1], "dimension": key[0]}
                )
            CommunityLeadership.objects.get_or_create(
                user=leader, community_group=categories[key], defaults={"granted_by": granted_by}
            )
    return users


def account(node, users):
    """The demo account whose email `node` holds; it must be listed under `accounts`."""
    email = node.str()
    if email not in users:
        raise node.error(_("“%(email)s” is not one of the demo accounts") % {"email": email})
    return users[email]


def seed_partners(data, context):
    """Partner organisations, their grants and their members (demo accounts)."""
    for node in data.get("partner_organisations", []).list():
        partner, created = PartnerOrganisation.objects.get_or_create(
            slug=node["slug"].str(),
            defaults={"name": node["name"].str(), "description": node["description"].str()},
        )
        context.note(created, "partner organisation", partner)
        for grant in node.get("grants", []).list():
            PartnerGrant.objects.get_or_create(
                organisation=partner,
                scope=grant["scope"].str(),
                access=grant["access"].choice(PartnerGrant.Access),
            )
        for member in node.get("members", []).list():
            PartnerMembership.objects.get_or_create(
                organisation=partner, user=existing_account(member)
            )


def existing_account(node):
    """The account whose email `node` holds; it must exist (e.g. listed under `accounts`)."""
    user = User.objects.filter(email=node.str()).first()
    if user is None:
        raise node.error(_("no account “%(email)s”") % {"email": node.value})
    return user
