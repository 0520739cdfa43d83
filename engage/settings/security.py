"""Protections: rate limits (engage.ratelimit) and the Content-Security-Policy
(engage.middleware, engage.csp). docs/security.md."""

from csp.constants import NONCE

from .environment import env, env_bool, env_list

# Rate limits (engage.ratelimit): per action, per account ("user") and per network
# address ("address"), lists of (count, seconds) fixed windows. ENGAGE_RATE_LIMITS_JSON
# overrides actions, e.g. '{"comment": {"user": [[3, 60]], "address": [[10, 60]]}}'.
# ENGAGE_TRUSTED_PROXIES: addresses/networks of our reverse proxies, whose
# X-Forwarded-For is believed (comma-separated; empty: use REMOTE_ADDR only).
ENGAGE_RATE_LIMITS_ENABLED = env_bool("ENGAGE_RATE_LIMITS_ENABLED", True)
ENGAGE_RATE_LIMITS = {
    "comment": {"user": [(5, 60), (50, 3600)], "address": [(20, 60)]},
    "reaction": {"user": [(30, 60), (500, 3600)], "address": [(120, 60)]},
    "survey": {"user": [(10, 60)], "address": [(60, 60)]},
    "forum_post": {"user": [(5, 60), (50, 3600)], "address": [(20, 60)]},
    "report": {"user": [(10, 60), (50, 3600)], "address": [(30, 60)]},
    # Opinion maps: votes come quickly one after another; statements are written.
    "opinion_vote": {"user": [(30, 60), (600, 3600)], "address": [(120, 60)]},
    "opinion_statement": {"user": [(5, 60), (30, 3600)], "address": [(20, 60)]},
    # Public search (home.search): each search is a full-text query over every
    # published text, so one address may not run them without pause.
    "search": {"address": [(60, 60), (1000, 3600)]},
    # Failed sign-ins per address (against password spraying) and per account from
    # every address; neither applies where the account has signed in before
    # (ENGAGE_LOGIN_FAMILIAR_DAYS). See engage/accounts/lockout.py.
    "login_failed": {"address": [(300, 3600)], "user": [(50, 3600)]},
}
if env("ENGAGE_RATE_LIMITS_JSON"):
    import json as _json

    ENGAGE_RATE_LIMITS |= {
        action: {scope: [tuple(pair) for pair in pairs] for scope, pairs in scopes.items()}
        for action, scopes in _json.loads(env("ENGAGE_RATE_LIMITS_JSON")).items()
    }
ENGAGE_TRUSTED_PROXIES = env_list("ENGAGE_TRUSTED_PROXIES", "")
ENGAGE_LOGIN_FAMILIAR_DAYS = int(env("ENGAGE_LOGIN_FAMILIAR_DAYS", "90"))
# Limits count an IPv6 address as its network of this size (one household or device).
ENGAGE_RATE_LIMIT_IPV6_PREFIX = int(env("ENGAGE_RATE_LIMIT_IPV6_PREFIX", "64"))

# Content-Security-Policy (django-csp 4; engage.middleware.ContentSecurityPolicyMiddleware,
# engage.csp, docs/security.md). Our pages have no inline script, inline style or
# `style=` attribute: scripts and styles come from our static files, data reaches them in
# data- attributes. The middleware adds the site's own ws:// and wss:// origin to
# connect-src and the origins of an absolute MEDIA_URL/STATIC_URL. Violations are
# reported to ENGAGE_CSP_REPORT_URL and logged on the `engage.csp` logger.
ENGAGE_CSP_REPORT_URL = "/csp-report/"
ENGAGE_CSP_REPORT_MAX_BYTES = int(env("ENGAGE_CSP_REPORT_MAX_BYTES", str(16 * 1024)))
ENGAGE_CSP_REPORTS_PER_MINUTE = int(env("ENGAGE_CSP_REPORTS_PER_MINUTE", "30"))
_CSP_SITE_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'report-sample'"],
    "style-src": ["'self'", "'report-sample'"],
    # Wagtail renditions are files under MEDIA_URL; data: for small inline images.
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "media-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "report-uri": [ENGAGE_CSP_REPORT_URL],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_SITE_DIRECTIVES}
# The Wagtail admin gets its own policy: the same for scripts (Wagtail 8's few inline
# scripts, the date/time pickers, InlinePanel and wagtail-modeltranslation's settings,
# are replaced by data- attributes read by engage/js/admin.js: see
# engage/templates/wagtailadmin/ and engage/wagtail_hooks.py; a nonce is there for any
# template that needs one, as {{ request.csp_nonce }}), inline styles allowed, blob:
# image previews, and the admin may frame itself (page previews).
ENGAGE_CSP_ADMIN_PREFIXES = ["/admin/"]
ENGAGE_CSP_ADMIN_DIRECTIVES = _CSP_SITE_DIRECTIVES | {
    "script-src": ["'self'", "'report-sample'", NONCE],
    # Draftail (Wagtail's rich text editor) adds <style> elements as it renders; they
    # cannot carry a nonce. Styles only: inline scripts stay blocked.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}
