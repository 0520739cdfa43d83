"""What a reporter writes is encrypted at rest; a wrong key fails clearly."""

import pytest
from cryptography.fernet import Fernet
from django.db import connection

from engage.monitoring.incidents import crypto
from engage.monitoring.incidents.models import IncidentReport

from .conftest import SECRET_TEXT, make_report

pytestmark = pytest.mark.django_db


def raw_row(pk):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT description_encrypted, contact_encrypted "
            "FROM monitoring_incidents_incidentreport WHERE id = %s",
            [pk],
        )
        return cursor.fetchone()


def test_the_database_holds_neither_the_text_nor_the_contact_details(report):
    description, contact = raw_row(report.pk)
    assert SECRET_TEXT not in description and "shouted" not in description
    assert "07700" not in contact
    assert description.startswith("gAAAA")  # a Fernet token
    fresh = IncidentReport.objects.get(pk=report.pk)
    assert fresh.description == SECRET_TEXT
    assert fresh.contact == "07700 900123"


def test_a_wrong_key_fails_with_a_clear_error(report, settings):
    settings.INCIDENT_ENCRYPTION_KEY = Fernet.generate_key().decode()
    with pytest.raises(crypto.DecryptionError, match="INCIDENT_ENCRYPTION_KEY"):
        _ = IncidentReport.objects.get(pk=report.pk).description


def test_an_invalid_key_is_a_configuration_error(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.INCIDENT_ENCRYPTION_KEY = "not-a-key"
    with pytest.raises(ImproperlyConfigured, match="Fernet key"):
        crypto.encrypt("text")


def test_keys_rotate_the_new_key_first_and_the_old_one_after(settings, wards):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.INCIDENT_ENCRYPTION_KEY = old
    report, _secret = make_report(area=wards[0])
    settings.INCIDENT_ENCRYPTION_KEY = f"{new},{old}"
    assert IncidentReport.objects.get(pk=report.pk).description == SECRET_TEXT
    settings.INCIDENT_ENCRYPTION_KEY = new
    with pytest.raises(crypto.DecryptionError):
        _ = IncidentReport.objects.get(pk=report.pk).description


def test_without_a_key_dev_and_test_derive_one_from_the_secret_key(settings):
    settings.INCIDENT_ENCRYPTION_KEY = ""
    token = crypto.encrypt("hello")
    assert Fernet(crypto.derived_key()).decrypt(token.encode()) == b"hello"
    settings.SECRET_KEY = "another secret key entirely, for this test only"
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(token)
