"""Private files, exports and people's rights: where exports and personal-data
downloads live and who sends them, the privacy page, account deletion and retention."""

from pathlib import Path

from .environment import BASE_DIR, env

# "What we heard" summaries and exports (consultations.exports).
# Exports of up to this many comments download at once; larger ones run as a task.
EXPORT_DIRECT_MAX_ROWS = int(env("EXPORT_DIRECT_MAX_ROWS", "5000"))
# Hours a background export's download link works; the file is deleted after that.
EXPORT_LINK_HOURS = int(env("EXPORT_LINK_HOURS", "24"))
# Where background exports are written (random names, served only through Engage);
# empty: PRIVATE_ROOT/exports. Never inside MEDIA_ROOT (a system check refuses it).
EXPORT_ROOT = env("EXPORT_ROOT", "")
# Rows read from the database per round trip (server-side cursor).
EXPORT_CHUNK_SIZE = int(env("EXPORT_CHUNK_SIZE", "2000"))

# Private files (engage.privatefiles): exports and personal-data downloads live here,
# outside MEDIA_ROOT, and are sent only by views that check the rules and audit the
# download. PRIVATE_FILES_SERVER says who sends the bytes: "django" (Engage itself),
# "nginx" (X-Accel-Redirect to the internal location PRIVATE_FILES_NGINX_LOCATION, which
# must alias PRIVATE_ROOT) or "apache" (X-Sendfile, mod_xsendfile).
PRIVATE_ROOT = Path(env("PRIVATE_ROOT", BASE_DIR / "private"))
PRIVATE_FILES_SERVER = env("PRIVATE_FILES_SERVER", "django")
PRIVATE_FILES_NGINX_LOCATION = env("PRIVATE_FILES_NGINX_LOCATION", "/_protected/")

# People's rights (engage.accounts.privacy) and the privacy page at /<lang>/privacy/.
PRIVACY_CONTROLLER_NAME = env("PRIVACY_CONTROLLER_NAME", "The city council running Engage")
PRIVACY_CONTROLLER_CONTACT = env("PRIVACY_CONTROLLER_CONTACT", "privacy@engage.example.org")
PRIVACY_CONTROLLER_ADDRESS = env("PRIVACY_CONTROLLER_ADDRESS", "")
PRIVACY_DPO_CONTACT = env("PRIVACY_DPO_CONTACT", "dpo@engage.example.org")
PRIVACY_NOTICE_VERSION = env("PRIVACY_NOTICE_VERSION", "2026-12")
# Processors: "Name|what they do|where" entries separated by ";".
PRIVACY_PROCESSORS = [
    tuple(part.strip() for part in entry.split("|"))
    for entry in env(
        "PRIVACY_PROCESSORS",
        "Hosting provider|runs the servers and the database|United Kingdom;"
        "Email provider|delivers the emails Engage sends|United Kingdom",
    ).split(";")
    if entry.strip()
]
# "Download my data": people with up to this many records get the file at once; above
# it a background task builds it and the link works for PRIVACY_EXPORT_LINK_HOURS.
PRIVACY_EXPORT_DIRECT_MAX_RECORDS = int(env("PRIVACY_EXPORT_DIRECT_MAX_RECORDS", "2000"))
PRIVACY_EXPORT_LINK_HOURS = int(env("PRIVACY_EXPORT_LINK_HOURS", "72"))
# "Delete my account": days between the emailed confirmation and the deletion (the
# person can cancel until then); hours the confirmation link works.
ACCOUNT_DELETION_GRACE_DAYS = int(env("ACCOUNT_DELETION_GRACE_DAYS", "14"))
ACCOUNT_DELETION_CONFIRM_HOURS = int(env("ACCOUNT_DELETION_CONFIRM_HOURS", "48"))
# Retention periods in days, one per personal table (docs/privacy.md lists them and the
# job that enforces each); RETENTION_DAYS_<KEY> in the environment overrides one.
RETENTION_DAYS_DEFAULTS = {
    "export_jobs": 30,
    "export_records": 2190,
    "personal_data_exports": 30,
    "account_deletions": 90,
    "notifications": 180,
    "unverified_accounts": 30,
    "email_confirmations": 30,
    "sessions": 0,
    "moderation_reports": 730,
    "moderation_queue": 730,
    "moderation_appeals": 730,
    "moderation_actions": 2190,
    "moderation_account_notes": 730,
    "codesign_invitations": 365,
    "panel_selections": 730,
    "declaration_consents": 2190,
    "import_records": 730,
    "participation_ledger": 2190,
    "brief_updates": 365,
    "admin_log": 730,
}
RETENTION_DAYS = {
    key: int(env(f"RETENTION_DAYS_{key.upper()}", str(days)))
    for key, days in RETENTION_DAYS_DEFAULTS.items()
}
