"""Subject access and deletion for signed-in reporters, through the privacy registry."""

import pytest

from engage.accounts.privacy import exports, registry
from engage.monitoring.incidents.models import IncidentReport
from tests import factories

from .conftest import SECRET_TEXT, make_report

pytestmark = pytest.mark.django_db


def section():
    return next(s for s in registry.sections() if s.key == "incidents")


def test_download_holds_the_reporters_own_reports_decrypted(wards, resident):
    own, _secret = make_report(area=wards[0], reporter=resident)
    make_report(area=wards[0], reporter=factories.UserFactory(), description="not theirs")
    data = exports.personal_data(resident)["sections"]["incidents"]["data"]
    assert [row["reference"] for row in data["incident_reports"]] == [own.reference]
    assert data["incident_reports"][0]["what_happened"] == SECRET_TEXT
    assert data["incident_reports"][0]["ward"] == "Ashdown"


def test_erasing_the_account_deletes_its_reports_only(wards, resident):
    make_report(area=wards[0], reporter=resident)
    other, _secret = make_report(area=wards[0])
    section().erase(resident, keep_content=True)
    assert list(IncidentReport.objects.all()) == [other]
