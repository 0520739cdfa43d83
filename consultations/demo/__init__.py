"""Demo consultations (consultations/demo/consultations.yaml), loaded by
`manage.py seed_demo`: the consultation index, the consultations with their dates
relative to today, and fictional participants. Idempotent."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from engage.communities.importers import category_slug
from engage.communities.models import Area, Category
from engage.demo.data import read
from engage.demo.pages import child_page, page_content
from home.models import HomePage

from ..models import ConsultationIndexPage, ConsultationPage, ModerationMode
from .participants import seed_participants

DATA_FILE = "consultations.yaml"


def load_demo(data_dir, context):
    data = read(data_dir, DATA_FILE)
    home = HomePage.objects.first()
    if home is None:
        raise data.error(_("the home page must be seeded first (home/demo)"))
    index_node = data["index"]
    index = child_page(
        home,
        ConsultationIndexPage,
        index_node["slug"].str(),
        page_content(index_node),
        context,
        show_in_menus=index_node.get("show_in_menus", False).bool(),
    )
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for node in data["consultations"].list():
        child_page(
            index,
            ConsultationPage,
            node["slug"].str(),
            page_content(node, body=True),
            context,
            opens_at=now + datetime.timedelta(days=node["opens_in_days"].int()),
            closes_at=now + datetime.timedelta(days=node["closes_in_days"].int()),
            area=area(node["area"]),
            moderation_mode=node["moderation"].choice(ModerationMode),
            affected_groups=community_groups(node.get("affected_groups", {})),
            wider_audience=community_groups(node.get("wider_audience", {})),
        )
    if data.has("participants"):
        seed_participants(data["participants"], context)


def area(node):
    found = Area.objects.filter(code=node.str()).first()
    if found is None:
        raise node.error(_("no area with the code “%(code)s”") % {"code": node.value})
    return found


def community_groups(node):
    """Categories from {dimension slug: [English group names]}."""
    groups = []
    for dimension, names in node.items():
        for name in names.list():
            category = Category.objects.filter(
                dimension__slug=dimension, slug=category_slug(name.str())
            ).first()
            if category is None:
                raise name.error(
                    _("no community group “%(group)s” in dimension “%(dimension)s”")
                    % {"group": name.value, "dimension": dimension}
                )
            groups.append(category)
    return groups
