"""A 500 on the report form never puts the report into an error email: the POST
parameters and the local variables holding the plain text are marked sensitive."""

import sys

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.views.debug import ExceptionReporter

from engage.monitoring.incidents import services, views
from engage.monitoring.incidents.models import IncidentReport

from .conftest import SECRET_TEXT
from .test_form import form_url, valid_data

pytestmark = pytest.mark.django_db

CONTACT = "someone@example.org"


class Boom(Exception):
    pass


def boom(*args, **kwargs):
    raise Boom


def crash(ward):
    """Post a valid report that fails mid-way; the error report's text and the request."""
    request = RequestFactory().post(form_url(), valid_data(ward))
    request.user = AnonymousUser()
    request.session = {}
    with pytest.raises(Boom):
        try:
            views.report(request)
        except Boom:
            text = ExceptionReporter(request, *sys.exc_info()).get_traceback_text()
            raise
    return request, text


def test_report_post_parameters_are_marked_sensitive(wards, monkeypatch, settings):
    settings.DEBUG = False
    monkeypatch.setattr(views, "check_rate", boom)
    request, text = crash(wards[0])
    assert request.sensitive_post_parameters == "__ALL__"
    assert "description" in text  # the parameter is listed, its value is not
    assert SECRET_TEXT not in text and CONTACT not in text


def test_the_services_plain_text_variables_are_hidden(wards, monkeypatch, settings):
    settings.DEBUG = False
    monkeypatch.setattr(IncidentReport, "set_secret", boom)
    _request, text = crash(wards[0])
    assert "submit_report" in text  # the service's frame is in the report
    assert SECRET_TEXT not in text and CONTACT not in text
    assert services.submit_report.__wrapped__ is not None
