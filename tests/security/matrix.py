"""Who may open each route: the one declarative table the permission matrix checks.

Every route of the URL resolver must be listed here, by name, or belong to a listed
family of third-party admin routes (Wagtail's and Django's own admin views, whose
permission checks are theirs). A route that is in neither fails
`test_every_route_is_classified`: whoever adds a route decides who may open it here.

`may`: identities that must get an answer (not 5xx, not a refusal). Every identity not
in `may` or `loose` must be refused: 302/303 to a log-in or two-factor set-up page (or,
for Wagtail's permission checks, to the admin dashboard), 401, 403 or 404, or a
redirect back to the page with an error message (the project's forms refuse that way).
`loose` identities are only checked for "no 5xx" (Wagtail decides per view, or the
answer depends on the account's own state).
"""

from dataclasses import dataclass, field
from fnmatch import fnmatch

ANON, RES, LEAD, MOD, STAFF, NO_TOTP, PARTNER = (
    "anonymous",
    "resident",
    "leader",
    "moderator",
    "staff",
    "staff_no_totp",
    "partner",
)
EVERYONE = frozenset({ANON, RES, LEAD, MOD, STAFF, NO_TOTP, PARTNER})
SIGNED_IN = EVERYONE - {ANON}
NOBODY = frozenset()
WORKSPACE = frozenset({MOD, STAFF})  # the admin, with TOTP
STAFF_ONLY = frozenset({STAFF})
REPORT_READERS = frozenset({STAFF, PARTNER})  # TOTP; the partner has a city-wide grant
COAUTHORS = frozenset({LEAD, STAFF, NO_TOTP})  # the demo brief: co-author and city staff
FACT_CHECKERS = frozenset({LEAD, STAFF, NO_TOTP, PARTNER})
AUTHOR = frozenset({RES})  # the resident wrote the comment, thread post and RSVP


@dataclass(frozen=True)
class Expect:
    may: frozenset
    method: str = "GET"
    loose: frozenset = NOBODY
    # Extra answers that count as "got an answer" for `may` (404: the object is absent;
    # "dashboard": Wagtail's redirect to the dashboard, for a view it does not offer).
    also_ok: tuple = ()
    # Extra answers that count as a refusal (400: "you cannot report your own content").
    refused_with: tuple = ()
    data: dict = field(default_factory=dict)
    query: dict = field(default_factory=dict)
    # Wagtail's deliberate error page: a 500 by design for those who may open it.
    raises_by_design: bool = False
    # Checked per operation by the OpenAPI part of the matrix.
    api: bool = False


def get(may, **kwargs):
    return Expect(frozenset(may), **kwargs)


def admin(may, **kwargs):
    """A third-party admin view: for those who may, an absent object (404) or a view
    Wagtail does not offer for this model (its redirect to the dashboard) is an answer."""
    return Expect(frozenset(may), also_ok=(404, "dashboard"), **kwargs)


def post(may, **kwargs):
    return Expect(frozenset(may), method="POST", **kwargs)


API = Expect(NOBODY, api=True)
PUBLIC = get(EVERYONE)
SIGNED_IN_ONLY = get(SIGNED_IN)
# allauth pages whose answer depends on the account's own state (has TOTP, has a
# password, has codes): signed-in people are only checked for no 5xx.
OWN_ACCOUNT = get(NOBODY, loose=SIGNED_IN)

ROUTES = {
    # --- outside i18n_patterns -------------------------------------------------------
    "healthz": PUBLIC,
    "readyz": PUBLIC,
    "csp_report": post(EVERYONE, also_ok=(400, 413, 415)),
    "set_language": post(EVERYONE),
    "wagtaildocs_serve": get(NOBODY, loose=EVERYONE),  # no document 1: 404 for all
    "wagtaildocs_authenticate_with_password": get(NOBODY, loose=EVERYONE),
    "admin/^.*/$": get(NOBODY, loose=WORKSPACE),  # Wagtail's admin 404 catch-all
    "admin/test404/": get(WORKSPACE),
    # Only people who may edit the page (engage.wagtail_hooks guards the upstream view).
    "admin/pages/(?P<page_id>\\d+)/edit/copy_translation_content/$": post(STAFF_ONLY),
    # Wagtail's workflow-action URL with Engage's hook in front (engage.workflow_actions):
    # the same answers as Wagtail's own view.
    "engage_workflow_action": admin(STAFF_ONLY, loose={MOD}),
    "wagtailadmin_login": get(NOBODY),  # always sent to allauth's log-in page
    "wagtailadmin_logout": get(NOBODY, loose=EVERYONE),
    "wagtailadmin_sprite": get(WORKSPACE, loose={ANON}),
    "wagtailadmin_javascript_catalog": get(WORKSPACE, loose={ANON}),
    "wagtailadmin_password_reset": get(WORKSPACE, loose={ANON}),
    "wagtailadmin_password_reset_done": get(WORKSPACE, loose={ANON}),
    "wagtailadmin_password_reset_confirm": get(WORKSPACE, loose={ANON}),
    "wagtailadmin_password_reset_complete": get(WORKSPACE, loose={ANON}),
    "wagtailadmin_error_test": get(WORKSPACE, raises_by_design=True),
    "admin:logout": get(NOBODY, loose=EVERYONE),
    "admin:login": get(NOBODY),
    "admin:autocomplete": get(NOBODY),  # needs its query: 403 for everyone without it
    # Task results are written by the worker only.
    "admin:django_tasks_database_dbtaskresult_add": get(NOBODY),
    "admin:django_tasks_database_dbtaskresult_delete": get(NOBODY),
    # Append-only records: nobody adds, edits or deletes them, staff included.
    "moderation_audit:add": get(NOBODY),
    "moderation_audit:edit": get(NOBODY),
    "moderation_audit:delete": get(NOBODY),
    "export_records:add": get(NOBODY),
    "export_records:edit": get(NOBODY),
    "communities_baseline_imports:add": get(NOBODY),
    "communities_baseline_imports:edit": get(NOBODY),
    "communities_offline_imports:add": get(NOBODY),
    "communities_offline_imports:edit": get(NOBODY),
    "communities_baselines:add": get(NOBODY),
    "communities_baselines:delete": get(NOBODY),
    # Moderators read the moderation audit trail; its other views are staff's.
    "moderation_audit:index": get(WORKSPACE),
    "moderation_audit:index_results": get(WORKSPACE),
    "moderation_audit:inspect": get(WORKSPACE),
    # The project's admin views (outside i18n_patterns, TOTP enforced by middleware).
    "engage_representation:dashboard": get(STAFF_ONLY),
    "engage_representation:export_csv": get(STAFF_ONLY),
    "engage_representation:export_pdf": get(STAFF_ONLY),
    "communities_import_baseline": get(STAFF_ONLY),
    "communities_import_offline": get(STAFF_ONLY),
    "engage_moderation:queue": get(WORKSPACE),
    "engage_moderation:bulk": post(WORKSPACE),
    "engage_moderation:item": get(WORKSPACE),
    "engage_moderation:account": get(WORKSPACE),
    "engage_moderation:appeals": get(WORKSPACE),
    "engage_moderation:appeal": get(WORKSPACE, also_ok=(404,)),  # no appeal yet
    "engage_moderation:dashboard": get(WORKSPACE),
    "exports_admin:summary": get(STAFF_ONLY),
    "exports_admin:export": post(STAFF_ONLY),
    "exports_admin:job": get(STAFF_ONLY),
    "exports_admin:job_status": get(STAFF_ONLY),
    "exports_admin:download": get(STAFF_ONLY, also_ok=(409,)),  # the job has not run
    # --- the API: every operation is checked by the OpenAPI matrix ---------------------
    "api-v1:openapi-json": PUBLIC,
    "api-v1:openapi-view": PUBLIC,
    "api-v1:api-root": get(NOBODY, loose=EVERYONE),
    "api-v1:api_not_found": get(NOBODY, loose=EVERYONE),
    # --- inside i18n_patterns (/<lang>/…) ---------------------------------------------
    "privacy_notice": PUBLIC,
    "privacy:overview": SIGNED_IN_ONLY,
    "privacy:download": post(SIGNED_IN),
    "privacy:download_file": get(NOBODY, loose=SIGNED_IN),  # someone else's id: 404
    "privacy:deletion_request": post(SIGNED_IN),
    "privacy:deletion_cancel_own": post(SIGNED_IN),
    "privacy:deletion_confirm": get(NOBODY, loose=EVERYONE),  # a made-up token: 404
    "privacy:deletion_cancel": get(NOBODY, loose=EVERYONE),
    "communities:about_me": SIGNED_IN_ONLY,
    "communities:about_me_consent": post(SIGNED_IN),
    "communities:about_me_withdraw": post(SIGNED_IN),
    "following:settings": SIGNED_IN_ONLY,
    "following:follow": post(SIGNED_IN),
    "following:unfollow": post(SIGNED_IN),
    "following:unsubscribe": PUBLIC,  # the signed link is the credential
    "representation_reports:dashboard": get(REPORT_READERS),
    # Downloads are exports: the partner's grant is for viewing only.
    "representation_reports:export_csv": get(STAFF_ONLY),
    "representation_reports:export_pdf": get(STAFF_ONLY),
    "exports_reports:summary": get(STAFF_ONLY, loose={PARTNER}),
    "exports_reports:export": post(STAFF_ONLY),
    "exports_reports:job": get(STAFF_ONLY),
    "exports_reports:job_status": get(STAFF_ONLY),
    "exports_reports:download": get(STAFF_ONLY, also_ok=(409,)),
    "account_profile": SIGNED_IN_ONLY,
    "account_login": get(EVERYONE),
    "account_logout": get(NOBODY, loose=EVERYONE),
    "account_inactive": PUBLIC,
    "account_signup": get(EVERYONE),
    "account_reauthenticate": SIGNED_IN_ONLY,
    "account_request_reauthentication_code": SIGNED_IN_ONLY,
    "account_confirm_reauthentication_code": OWN_ACCOUNT,
    "account_email": SIGNED_IN_ONLY,
    "account_email_verification_sent": PUBLIC,
    "account_change_password": SIGNED_IN_ONLY,
    "account_set_password": OWN_ACCOUNT,
    "account_reset_password": PUBLIC,
    "account_confirm_login_code": OWN_ACCOUNT,
    "account_confirm_email": PUBLIC,
    "account_reset_password_from_key_done": PUBLIC,
    "account_reset_password_from_key": PUBLIC,
    "account_reset_password_done": PUBLIC,
    "mfa_index": SIGNED_IN_ONLY,
    "mfa_authenticate": OWN_ACCOUNT,
    "mfa_reauthenticate": OWN_ACCOUNT,
    "mfa_activate_totp": OWN_ACCOUNT,
    "mfa_deactivate_totp": OWN_ACCOUNT,
    "mfa_view_recovery_codes": OWN_ACCOUNT,
    "mfa_generate_recovery_codes": OWN_ACCOUNT,
    "mfa_download_recovery_codes": OWN_ACCOUNT,
    # Reporting the leader's reply: the leader may not report their own (400).
    "moderation:report": get(SIGNED_IN - {LEAD}, refused_with=(400,)),
    "moderation:my_decisions": SIGNED_IN_ONLY,
    "moderation:appeal_new": get(AUTHOR),  # the decision was about the resident
    "consultations:briefs:detail": get(COAUTHORS),
    "consultations:briefs:comment": post(COAUTHORS),
    "consultations:briefs:suggest": post(COAUTHORS),
    "consultations:briefs:decide": post(COAUTHORS, also_ok=(404,)),  # no suggestion 1
    "consultations:briefs:revisions": get(COAUTHORS),
    "consultations:briefs:save_revision": post(COAUTHORS),
    "consultations:briefs:revision": get(COAUTHORS, also_ok=(404,)),
    "consultations:briefs:restore": post(COAUTHORS, also_ok=(404,)),
    # Whether the brief may become final or be signed off now depends on its state.
    "consultations:briefs:status": post(COAUTHORS - {LEAD}, loose={LEAD, NO_TOTP}),
    "consultations:briefs:sign_off": post(NOBODY, loose=COAUTHORS),
    "codesign:session_detail": PUBLIC,
    "codesign:session_rsvp": post(SIGNED_IN),
    "codesign:session_cancel": post(SIGNED_IN),
    "codesign:session_decline": post(SIGNED_IN),
    "codesign:session_calendar": PUBLIC,
    "codesign:session_manage": get(STAFF_ONLY),
    "codesign:session_invitation": get(EVERYONE),  # the signed link is the credential
    # The anonymous visitor's comment is refused by the form (400, "sign in").
    "consultations:comment_post": post(
        SIGNED_IN, data={"text": "From the matrix.", "language": "en"}, refused_with=(400,)
    ),
    "consultations:comment_replies": PUBLIC,
    "consultations:comment_reply": PUBLIC,
    "consultations:comment_edit": get(AUTHOR),
    "consultations:comment_withdraw": post(AUTHOR),
    # The resident reacting to their own comment: the answer depends on that rule.
    "consultations:engagement:react": post(SIGNED_IN, loose={RES}, data={"value": "support"}),
    "consultations:engagement:survey": PUBLIC,
    "forums:library": PUBLIC,
    "forums:forum_library": PUBLIC,
    "forums:thread_new": PUBLIC,
    "forums:thread": PUBLIC,
    "forums:thread_reply": post(
        SIGNED_IN,
        data={"text": "From the matrix.", "language": "en", "accept_guidelines": "on"},
        refused_with=(400,),
    ),
    "forums:thread_edit": get(AUTHOR),
    "forums:thread_withdraw": post(AUTHOR),
    # Locking, pinning and slowing a thread is moderation: TOTP, as for the queue.
    "forums:thread_settings": post(WORKSPACE, data={"is_locked": "on", "slow_mode_minutes": "5"}),
    "forums:fact_check_new": get(FACT_CHECKERS),
    "forums:post_edit": get(AUTHOR),
    "forums:post_withdraw": post(AUTHOR),
    "forums:fact_check_revise": get(FACT_CHECKERS),
    # The leader's revision awaits a second reviewer: another fact-checker.
    "forums:fact_check_publish": post(FACT_CHECKERS - {LEAD}),
    "forums:fact_check_helpful": post(SIGNED_IN),
    "forums:fact_check_history": PUBLIC,
    "wagtailcore_authenticate_with_password": get(NOBODY, loose=EVERYONE),
    "wagtailcore_login": PUBLIC,
    "wagtail_serve": PUBLIC,  # every page type: test_every_page_type
}

# Third-party admin views, by route-name pattern: the Wagtail admin is open to the
# workspace (moderators and staff with TOTP), and Wagtail's own permissions decide per
# view what a moderator may open there (`loose`). The project's own admin views and
# viewsets are listed one by one above or below, never through these patterns.
THIRD_PARTY_ADMIN = {
    "wagtail_bulk_action": admin(STAFF_ONLY, loose={MOD}),
    "wagtaildocs*": admin(STAFF_ONLY, loose={MOD}),
    "wagtailimages*": admin(STAFF_ONLY, loose={MOD}),
    "wagtailembeds:*": admin(STAFF_ONLY, loose={MOD}),
    "wagtailsnippetchoosers_*": admin(STAFF_ONLY, loose={MOD}),
    "wagtailadmin_workflows:*": admin(STAFF_ONLY, loose={MOD}),
    "wagtailadmin_reports:*": admin(STAFF_ONLY, loose={MOD}),
    # Sections a moderator must never open: people, groups, sites, settings, content.
    "wagtailsnippets:*": admin(STAFF_ONLY),
    "wagtailsnippets_*": admin(STAFF_ONLY),
    "wagtailusers_users:*": admin(STAFF_ONLY),
    "wagtailusers_groups:*": admin(STAFF_ONLY),
    "wagtailsites:*": admin(STAFF_ONLY),
    "wagtailsettings:*": admin(STAFF_ONLY),
    "wagtailredirects:*": admin(STAFF_ONLY),
    "wagtailforms:*": admin(STAFF_ONLY),
    "wagtailadmin_collections:*": admin(STAFF_ONLY),
    "wagtailadmin_pages:*": admin(STAFF_ONLY, loose={MOD}),
    "wagtailadmin_explore*": admin(STAFF_ONLY),
    # Django's admin: only is_staff accounts with TOTP (staff@ is a superuser).
    "admin:*": admin(STAFF_ONLY),
    "django-admin/*": admin(STAFF_ONLY),
    "wagtailadmin_*": admin(STAFF_ONLY, loose={MOD}),  # last: the specific ones win
}

# The project's Wagtail viewsets: staff only, every view of the namespace.
PROJECT_VIEWSETS = (
    "community_leaderships",
    "partner_organisations",
    "partner_memberships",
    "communities_dimensions",
    "communities_groups",
    "communities_areas",
    "communities_baselines",
    "communities_baseline_imports",
    "communities_offline_imports",
    "moderation_audit",
    "export_records",
    "policy_areas",
)
# Each feature's own entries (tests/security/parts/).
from tests.security.parts import all_parts  # noqa: E402 -- the parts use the helpers above

for _part in all_parts():
    ROUTES.update(getattr(_part, "ROUTES", {}))
    PROJECT_VIEWSETS += tuple(getattr(_part, "VIEWSETS", ()))

for _namespace in PROJECT_VIEWSETS:
    THIRD_PARTY_ADMIN[f"{_namespace}:*"] = admin(STAFF_ONLY)


def expectation(route):
    """The Expect for a route (by name, else the first matching admin pattern), or None."""
    if route.name in ROUTES:
        return ROUTES[route.name]
    if route.name.startswith("api-v1:"):
        return API
    for pattern, expect in THIRD_PARTY_ADMIN.items():
        if fnmatch(route.name, pattern):
            return expect
    return None
