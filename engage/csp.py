"""Content-Security-Policy: the per-request parts of the policy and the report endpoint.

The policy itself lives in settings (`CONTENT_SECURITY_POLICY` for the site,
`ENGAGE_CSP_ADMIN_DIRECTIVES` for the Wagtail admin; see engage/settings/base.py and
docs/security.md). `engage.middleware.ContentSecurityPolicyMiddleware` picks one of them
per request and adds what depends on the request:

- `connect-src`: the site's own WebSocket origin (`ws://host`, `wss://host`), which
  older browsers do not count as 'self';
- the origins of `MEDIA_URL` and `STATIC_URL` when those are absolute (a CDN or a
  bucket), for images, fonts, scripts and styles.

Browsers send violation reports to `report_view` (`/csp-report/`), which logs them on
the `engage.csp` logger. It accepts both the old `application/csp-report` body
(`report-uri`) and the Reporting API's `application/reports+json` list (`report-to`),
refuses large bodies and garbage with a 4xx, never a 500, and is rate-limited per
address so that a noisy or hostile client cannot fill the logs.
"""

import json
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from engage.ratelimit import client_address

logger = logging.getLogger("engage.csp")

REPORT_CONTENT_TYPES = {"application/csp-report", "application/reports+json", "application/json"}
# The fields of a report worth logging, in both formats (old names, then new ones).
REPORT_FIELDS = {
    "document-uri": "documentURL",
    "violated-directive": "effectiveDirective",
    "effective-directive": "effectiveDirective",
    "blocked-uri": "blockedURL",
    "source-file": "sourceFile",
    "line-number": "lineNumber",
    "column-number": "columnNumber",
    "script-sample": "sample",
    "disposition": "disposition",
}
FIELD_MAX_LENGTH = 300


def origin(url):
    """`scheme://host[:port]` of an absolute URL, or None for a path."""
    parts = urlsplit(str(url or ""))
    if parts.scheme in {"http", "https"} and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def asset_origins():
    """Origins other than our own that serve our static files and uploads, if any."""
    found = {origin(settings.MEDIA_URL), origin(settings.STATIC_URL)}
    found.discard(None)
    return sorted(found)


def websocket_sources(request):
    """`connect-src` sources for the WebSockets of the host that served `request`."""
    try:
        host = request.get_host()
    except DisallowedHost:  # the response is an error page anyway
        return []
    if not host or host.startswith("["):
        # CSP source expressions cannot name an IPv6 literal; 'self' covers it.
        return []
    if request.is_secure():
        return [f"wss://{host}"]
    return [f"ws://{host}", f"wss://{host}"]


def _rate_limited(request):
    """True once this address has sent more reports than the limit this minute."""
    limit = settings.ENGAGE_CSP_REPORTS_PER_MINUTE
    key = f"csp-report:{client_address(request)}"
    try:
        cache.add(key, 0, timeout=60)
        return cache.incr(key) > limit
    except Exception:  # a broken cache must not turn reports into 500s
        logger.warning("CSP report rate limit unavailable (cache error)", exc_info=True)
        return False


def _clip(value):
    text = str(value)
    return text if len(text) <= FIELD_MAX_LENGTH else text[:FIELD_MAX_LENGTH] + "…"


def parse_reports(body):
    """The violation reports in a request body, as dicts of short strings.

    Raises ValueError for anything that is not one of the two report formats.
    """
    data = json.loads(body.decode("utf-8"))
    if isinstance(data, dict) and isinstance(data.get("csp-report"), dict):
        raw = [data["csp-report"]]
    elif isinstance(data, list) and data and all(isinstance(item, dict) for item in data):
        raw = [
            item["body"]
            for item in data
            if item.get("type") == "csp-violation" and isinstance(item.get("body"), dict)
        ]
    else:
        raise ValueError("not a CSP report")
    reports = []
    for report in raw:
        fields = {}
        for old, new in REPORT_FIELDS.items():
            value = report.get(old, report.get(new))
            if value not in (None, ""):
                fields[new] = _clip(value)
        reports.append(fields)
    return reports


@csrf_exempt
@require_POST
def report_view(request):
    """Log the CSP violation reports a browser sends; answer 204.

    400 for a body that is not a report, 413 for one over ENGAGE_CSP_REPORT_MAX_BYTES,
    415 for another content type, 429 past ENGAGE_CSP_REPORTS_PER_MINUTE per address.
    """
    content_type = request.content_type or ""
    if content_type not in REPORT_CONTENT_TYPES:
        return HttpResponse(status=415)
    max_bytes = settings.ENGAGE_CSP_REPORT_MAX_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return HttpResponse(status=400)
    if declared > max_bytes:
        return HttpResponse(status=413)
    if _rate_limited(request):
        return HttpResponse(status=429, headers={"Retry-After": "60"})
    body = request.read(max_bytes + 1)
    if len(body) > max_bytes:
        return HttpResponse(status=413)
    try:
        reports = parse_reports(body)
    except (ValueError, AttributeError, TypeError, RecursionError):
        return HttpResponse(status=400)
    for report in reports:
        logger.warning(
            "CSP violation: %(directive)s blocked %(blocked)s on %(document)s",
            {
                "directive": report.get("effectiveDirective", "?"),
                "blocked": report.get("blockedURL", "?"),
                "document": report.get("documentURL", "?"),
            },
            extra={"csp_report": report},
        )
    return HttpResponse(status=204)
