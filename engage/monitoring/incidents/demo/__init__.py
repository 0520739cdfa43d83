"""Demo data of hate incident reporting for `seed_demo` (idempotent, fictional).

- `northbridge-wards.geojson`: eight fictional wards of Northbridge (NB-W01…NB-W08),
  imported as children of the city area NB0001 through `import_areas`' own importer,
  so the demo exercises the same validation. Wards that already have a boundary are
  left as they are.
- `incidents.yaml`: a few fictional reports (encrypted like real ones, dated relative
  to today so the dashboard has recent weeks) and police-recorded counts for the last
  two months.
"""

import datetime
import json
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from engage.communities.management.commands.import_areas import import_area_boundaries
from engage.communities.models import Area
from engage.demo import northbridge
from engage.demo.data import DemoDataError, read
from engage.monitoring.incidents import services
from engage.monitoring.incidents.models import (
    Characteristic,
    IncidentReport,
    PoliceAnswer,
    RecordedHateCrime,
    Status,
)
from engage.monitoring.incidents.recorded_crime import parse_category, parse_period
from engage.policy.models import PartnerOrganisation

WARDS_FILE = "northbridge-wards.geojson"
DATA_FILE = "incidents.yaml"
CODE_PROPERTY = "ward_code"
NAME_PROPERTY = "ward_name"


def load_demo(data_dir, context):
    """Create this app's part of the Northbridge demo city (idempotent)."""
    load_wards(data_dir, context)
    data = read(data_dir, DATA_FILE)
    load_reports(data, context)
    load_recorded(data, context)


def load_wards(data_dir, context):
    """The Northbridge wards with their boundaries, as children of the city."""
    city = read(Path(northbridge.__file__).resolve().parent, northbridge.DATA_FILE)
    document = json.loads((data_dir / WARDS_FILE).read_text(encoding="utf-8"))
    done = set(Area.objects.filter(boundary__isnull=False).values_list("code", flat=True))
    document["features"] = [
        feature
        for feature in document["features"]
        if feature["properties"][CODE_PROPERTY] not in done
    ]
    if not document["features"]:
        return
    result = import_area_boundaries(
        document,
        code_property=CODE_PROPERTY,
        name_property=NAME_PROPERTY,
        parent_code=city["area"]["code"].str(),
        create_missing=True,
    )
    if not result.ok:
        raise DemoDataError(WARDS_FILE, "features", "; ".join(result.errors))
    for code in result.created:
        context.note(True, "ward", code)


def _area(node):
    area = Area.objects.filter(code=node.str()).first()
    if area is None:
        raise node.error(_("no area with the code “%(code)s”") % {"code": node.value})
    return area


def load_reports(data, context):
    """Fictional reports; a report already there (by reference) is left as it is."""
    today = timezone.localdate()
    for node in data.get("reports", []).list():
        reference = node["reference"].str()
        if IncidentReport.objects.filter(reference=reference).exists():
            continue
        report, _secret = services.submit_report(
            description=node["text"].str(),
            characteristic=node["characteristic"].choice(Characteristic),
            occurred_on=today - datetime.timedelta(days=node["days_ago"].int()),
            reported_to_police=node["police"].choice(PoliceAnswer),
            area=_area(node["ward"]),
            wants_contact=node.has("contact"),
            contact=node["contact"].str() if node.has("contact") else "",
            consent_to_share=node["consent"].bool(),
            language="en",
        )
        fields = {"reference": reference, "status": node["status"].choice(Status)}
        if node.has("referred_to"):
            partner = PartnerOrganisation.objects.filter(slug=node["referred_to"].str()).first()
            if partner is None:
                raise node["referred_to"].error(_("no partner organisation with this code"))
            fields.update(referred_to=partner, referred_at=timezone.now())
        IncidentReport.objects.filter(pk=report.pk).update(**fields)
        context.note(True, "incident report", reference)


def _period(node, today):
    if node.has("months_ago"):
        first = today.replace(day=1)
        for _month in range(node["months_ago"].int()):
            first = (first - datetime.timedelta(days=1)).replace(day=1)
        return RecordedHateCrime.Period.MONTH, first
    try:
        return parse_period(node["period"].str())
    except ValueError:
        raise node["period"].error(_("write a month as 2026-03 or a week as 2026-W10")) from None


def load_recorded(data, context):
    """Police-recorded counts; an existing figure is kept."""
    today = timezone.localdate()
    for node in data.get("recorded", []).list():
        kind, starts_on = _period(node, today)
        try:
            category = parse_category(node["category"].str())
        except ValueError:
            raise node["category"].error(_("not a known category")) from None
        _row, created = RecordedHateCrime.objects.get_or_create(
            area=_area(node["area"]),
            period_kind=kind,
            starts_on=starts_on,
            category=category,
            defaults={"count": node["count"].int()},
        )
        context.note(created, "recorded hate crime count", f"{node['area'].str()} {starts_on}")
