"""Demo data of hate incident reporting for `seed_demo` (idempotent, fictional).

The reports name the eight fictional wards of Northbridge (NB-W01…NB-W08), which the
city's own loader creates with their boundaries (engage/demo/northbridge.py).

- `incidents.yaml`: a few fictional reports (encrypted like real ones, dated relative
  to today so the dashboard has recent weeks) and police-recorded counts for the last
  two months.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from engage.communities.models import Area
from engage.demo.data import read
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

DATA_FILE = "incidents.yaml"


def load_demo(data_dir, context):
    """Create this app's part of the Northbridge demo city (idempotent)."""
    data = read(data_dir, DATA_FILE)
    load_reports(data, context)
    load_recorded(data, context)


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
