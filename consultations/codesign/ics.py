"""A calendar file (iCalendar, RFC 5545) for one co-design session, written by hand.

Times are in UTC (the `Z` form), so every calendar shows them in its own time zone and
no VTIMEZONE block is needed. Text values are escaped (backslash, semicolon, comma,
newline; RFC 5545 §3.3.11) and content lines are folded at 75 octets without splitting a
UTF-8 character (§3.1). Lines end with CRLF.
"""

import datetime

from django.utils import timezone

PRODID = "-//Engage//Co-design sessions//EN"
FOLD_AT = 75  # octets, not counting the CRLF


def escape_text(value):
    """Escape a TEXT value: backslash first, then ; , and newlines."""
    value = str(value or "")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line):
    """Fold one content line into chunks of at most 75 octets, continuations starting
    with a space, never splitting a multi-byte UTF-8 character."""
    parts = []
    current = ""
    limit = FOLD_AT
    for char in line:
        if len((current + char).encode()) > limit:
            parts.append(current)
            current = char
            limit = FOLD_AT - 1  # the leading space of a continuation counts
        else:
            current += char
    parts.append(current)
    return "\r\n ".join(parts)


def utc_stamp(moment):
    """A DATE-TIME in UTC: 20300701T160000Z."""
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def session_calendar(session, *, url, host, now=None):
    """The .ics text for `session`; `url` is its page, `host` names the UID's domain."""
    description = [session.purpose]
    if session.online_url:
        description.append(session.online_url)
    if session.agenda:
        description.append(session.agenda)
    if session.accessibility:
        description.append(session.accessibility)
    location = session.place or session.online_url
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:codesign-session-{session.pk}@{host}",
        f"DTSTAMP:{utc_stamp(now or timezone.now())}",
        f"DTSTART:{utc_stamp(session.starts_at)}",
        f"DTEND:{utc_stamp(session.ends_at)}",
        f"SUMMARY:{escape_text(session.title)}",
        f"DESCRIPTION:{escape_text(chr(10).join(part for part in description if part))}",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    lines += [f"URL:{url}", "END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)
