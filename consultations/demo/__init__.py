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
from home.demo import index_page_under_home

from ..models import ConsultationIndexPage, ConsultationPage, ModerationMode
from .participants import seed_participants

DATA_FILE = "consultations.yaml"


def load_demo(data_dir, context):
    data = read(data_dir, DATA_FILE)
    index = index_page_under_home(data, ConsultationIndexPage, context)
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
            adults_only=node.get("adults_only", False).bool(),
            excluded_groups=community_groups(node.get("excluded_groups", {})),
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
