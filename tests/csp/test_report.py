"""The CSP report endpoint: logs violations in both report formats, answers 4xx (never
500) to garbage, large bodies and floods."""

import json
import logging

import pytest
from django.core.cache import cache
from django.test import override_settings

URL = "/csp-report/"
OLD_FORMAT = {
    "csp-report": {
        "document-uri": "http://testserver/en/",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "blocked-uri": "inline",
        "line-number": 12,
    }
}
NEW_FORMAT = [
    {
        "type": "csp-violation",
        "url": "http://testserver/en/",
        "body": {
            "documentURL": "http://testserver/en/",
            "effectiveDirective": "style-src-attr",
            "blockedURL": "inline",
        },
    }
]


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.delete("csp-report:127.0.0.1")
    yield
    cache.delete("csp-report:127.0.0.1")


def post(client, body, content_type="application/csp-report"):
    if not isinstance(body, bytes):
        body = json.dumps(body).encode()
    return client.generic("POST", URL, body, content_type=content_type)


def test_old_format_report_is_logged(client, caplog):
    with caplog.at_level(logging.WARNING, logger="engage.csp"):
        response = post(client, OLD_FORMAT)
    assert response.status_code == 204
    [record] = [r for r in caplog.records if r.name == "engage.csp"]
    assert "script-src-elem blocked inline on http://testserver/en/" in record.getMessage()
    assert record.csp_report["lineNumber"] == "12"


def test_reporting_api_format_is_logged(client, caplog):
    with caplog.at_level(logging.WARNING, logger="engage.csp"):
        response = post(client, NEW_FORMAT, content_type="application/reports+json")
    assert response.status_code == 204
    assert any("style-src-attr blocked inline" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    "body",
    [b"garbage", b"\xff\xfe\x00", b"[" * 5000, b"{}", b"[]", b'{"csp-report": "x"}', b"[1, 2]"],
)
def test_garbage_is_refused_with_400(client, body, caplog):
    with caplog.at_level(logging.WARNING, logger="engage.csp"):
        response = post(client, body)
    assert response.status_code == 400
    assert not [r for r in caplog.records if r.name == "engage.csp"]


@override_settings(ENGAGE_CSP_REPORT_MAX_BYTES=1024)
def test_large_body_is_refused_with_413(client):
    report = {"csp-report": {**OLD_FORMAT["csp-report"], "script-sample": "x" * 2000}}
    assert post(client, report).status_code == 413


def test_long_fields_are_clipped(client, caplog):
    report = {"csp-report": {**OLD_FORMAT["csp-report"], "blocked-uri": "https://x/" + "a" * 900}}
    with caplog.at_level(logging.WARNING, logger="engage.csp"):
        assert post(client, report).status_code == 204
    [record] = [r for r in caplog.records if r.name == "engage.csp"]
    assert len(record.csp_report["blockedURL"]) <= 301


def test_other_content_types_and_get_are_refused(client):
    assert post(client, OLD_FORMAT, content_type="text/plain").status_code == 415
    assert client.get(URL).status_code == 405


@override_settings(ENGAGE_CSP_REPORTS_PER_MINUTE=3)
def test_reports_are_rate_limited_per_address(client, caplog):
    with caplog.at_level(logging.WARNING, logger="engage.csp"):
        statuses = [post(client, OLD_FORMAT).status_code for _ in range(5)]
    assert statuses == [204, 204, 204, 429, 429]
    assert len([r for r in caplog.records if r.name == "engage.csp"]) == 3
    other = post(client, OLD_FORMAT)
    assert other.status_code == 429
    cache.delete("csp-report:10.0.0.9")
    assert (
        client.generic(
            "POST",
            URL,
            json.dumps(OLD_FORMAT),
            content_type="application/csp-report",
            REMOTE_ADDR="10.0.0.9",
        ).status_code
        == 204
    )
