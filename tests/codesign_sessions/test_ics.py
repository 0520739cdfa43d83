"""The calendar file: RFC 5545 folding, escaping, UTC times, UID and DTSTAMP."""

import datetime
import re

from consultations.codesign.ics import escape_text, fold


def unfold(text):
    """RFC 5545 §3.1: a CRLF followed by one space or tab continues the line."""
    assert "\n" not in text.replace("\r\n", "")
    return re.sub(r"\r\n[ \t]", "", text).split("\r\n")


def unescape(value):
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def properties(text):
    lines = [line for line in unfold(text) if line]
    return dict(line.split(":", 1) for line in lines)


def test_the_calendar_file_parses_back(client, make_session):
    session = make_session(
        title="Parks; paths, and play",
        purpose="Line one, with a comma;\nline two \\ backslash. " + "Long words " * 20,
        place="Hall 2, 1 High St; Northbridge",
        starts_at=datetime.datetime(2031, 7, 1, 16, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2031, 7, 1, 18, 0, tzinfo=datetime.UTC),
        time_zone="Europe/Paris",
        agenda="Welcome – أهلا وسهلا " * 6,
    )
    response = client.get(f"/en/co-design/sessions/{session.pk}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert text.endswith("\r\n")
    for raw_line in text.split("\r\n"):
        assert len(raw_line.encode()) <= 75
    props = properties(text)
    assert props["BEGIN"] in ("VCALENDAR", "VEVENT")
    assert props["DTSTART"] == "20310701T160000Z"
    assert props["DTEND"] == "20310701T180000Z"
    assert re.fullmatch(r"\d{8}T\d{6}Z", props["DTSTAMP"])
    assert props["UID"] == f"codesign-session-{session.pk}@testserver"
    assert unescape(props["SUMMARY"]) == "Parks; paths, and play"
    assert unescape(props["LOCATION"]) == "Hall 2, 1 High St; Northbridge"
    assert unescape(props["DESCRIPTION"]).startswith(session.purpose)
    assert "أهلا" in unescape(props["DESCRIPTION"])
    assert props["URL"].endswith(session.get_absolute_url())
    # Unescaped separators never appear inside a TEXT value.
    assert not re.search(r"(?<!\\)[;,]", props["SUMMARY"])


def test_escaping_and_folding_rules():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "DESCRIPTION:" + "é" * 100
    folded = fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
