"""Settings shared by every environment.

Configuration comes from the environment (twelve-factor); each environment module
(`dev`, `test`, `production`) sets its own defaults on top of this one.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

from engage.settings.email import parse_email_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    """Read one setting from the environment; an empty value counts as unset."""
    value = os.environ.get(name, "")
    return value if value != "" else default


def env_bool(name, default=False):
    return str(env(name, default)).lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in str(env(name, default)).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "daphne",
    # modeltranslation must come before django.contrib.admin and the wagtail apps
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "modeltranslation",
    # Engage
    "engage",
    "engage.accounts",
    "engage.communities",
    "engage.moderation",
    "engage.insights",
    "engage.policy",
    "engage.realtime",
    "home",
    "consultations",
    "consultations.engagement",
    "consultations.exports",
    "consultations.following",
    "consultations.codesign",
    "consultations.briefs",
    "forums",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Plumbing
    "channels",
    "django_tasks",
    "django_tasks_db",
    # django-ninja: Swagger UI for /api/v1/docs from our static files, not a CDN (CSP).
    "ninja",
    "rules.apps.AutodiscoverRulesConfig",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "engage.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "engage.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CsrfViewMiddleware, which is often the first to read a request body.
    "engage.request_limits.RequestTooLargeMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "engage.accounts.middleware.RequireMfaForAdminMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "engage.ratelimit.RateLimitMiddleware",
]

ROOT_URLCONF = "engage.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "engage" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "engage.context_processors.engage",
            ],
        },
    },
]

WSGI_APPLICATION = "engage.wsgi.application"
ASGI_APPLICATION = "engage.asgi.application"

# Database: DATABASE_URL, e.g. postgres://user:pass@host:5432/engage
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")


# Channel layer tuning (docs/websockets.md, "Channel layer settings"). channels-redis
# blocks on Redis for CHANNEL_LAYER_BLOCKING_READ seconds (its brpop_timeout, 5 s) while
# a process waits for messages, so the socket timeout of those connections must be
# longer, or every idle socket dies with the read (redis-py's default is also 5 s).
CHANNEL_LAYER_BLOCKING_READ = 5
CHANNEL_LAYER_SOCKET_TIMEOUT = float(env("CHANNEL_LAYER_SOCKET_TIMEOUT", "15"))
# Undelivered messages Redis keeps for one process (all its sockets together: channels-
# redis queues a process's sockets under one key) before newer ones for it are dropped,
# and seconds an undelivered message lives; clients see the gap in the sequence numbers
# and resync (docs/websockets.md, "Missed messages").
CHANNEL_LAYER_CAPACITY = int(env("CHANNEL_LAYER_CAPACITY", "5000"))
CHANNEL_LAYER_EXPIRY = int(env("CHANNEL_LAYER_EXPIRY", "30"))
# Connections per process and pool; when all are busy, callers wait up to
# CHANNEL_LAYER_POOL_WAIT seconds for one instead of failing.
CHANNEL_LAYER_MAX_CONNECTIONS = int(env("CHANNEL_LAYER_MAX_CONNECTIONS", "100"))
CHANNEL_LAYER_POOL_WAIT = float(env("CHANNEL_LAYER_POOL_WAIT", "10"))
# "redis" (channels-redis' RedisChannelLayer: one Redis list entry per receiving socket)
# or "pubsub" (RedisPubSubChannelLayer: one PUBLISH per group message, each process fans
# out to its own sockets). Measurements and trade-offs: docs/websockets.md.
CHANNEL_LAYER_BACKEND = env("CHANNEL_LAYER_BACKEND", "redis")


def redis_connection_options(socket_timeout):
    """redis-py options for long-lived connections to Redis.

    - `socket_connect_timeout` 2 s: an unreachable Redis fails fast (requests, /readyz);
    - `socket_timeout`: the longest wait for one answer;
    - `socket_keepalive`: the kernel notices a peer that vanished without closing;
    - `health_check_interval` 30 s: a connection idle longer is PINGed before reuse, so
      a connection broken by a Redis restart is replaced rather than failing a request;
    """
    return {
        "socket_connect_timeout": 2,
        "socket_timeout": socket_timeout,
        "socket_keepalive": True,
        "health_check_interval": 30,
    }


def cache_and_channel_layers(redis_url, prefix="engage", backend=None):
    """CACHES and CHANNEL_LAYERS: Redis at `redis_url`, or in-process when it is None.

    The cache (`engage.cache.TolerantRedisCache`) answers as a miss, with a warning,
    while Redis is unreachable. The channel layer (`engage.realtime.layers`) keeps idle
    sockets open (socket timeout above the blocking read) and waits for a free
    connection when its pool is busy.
    """
    if not redis_url:
        return (
            {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
            {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}},
        )
    caches = {
        "default": {
            "BACKEND": "engage.cache.TolerantRedisCache",
            "LOCATION": redis_url,
            # Fail fast instead of hanging requests (and /readyz) when Redis is away.
            "OPTIONS": redis_connection_options(socket_timeout=2),
            "KEY_PREFIX": prefix,
        }
    }
    host = {
        "address": redis_url,
        **redis_connection_options(
            socket_timeout=max(CHANNEL_LAYER_SOCKET_TIMEOUT, CHANNEL_LAYER_BLOCKING_READ + 5)
        ),
        "max_connections": CHANNEL_LAYER_MAX_CONNECTIONS,
        "timeout": CHANNEL_LAYER_POOL_WAIT,
    }
    if (backend or CHANNEL_LAYER_BACKEND) == "pubsub":
        # Publishing needs one connection at a time per process: no pool wait. Pub/sub
        # channels ignore Redis' database numbers, so the number goes into the prefix:
        # two sites on one Redis (redis://…/1 and …/2) never hear each other.
        from urllib.parse import urlsplit

        host.pop("timeout")
        database = (urlsplit(redis_url).path.strip("/") or "0").split("/")[0]
        return caches, {
            "default": {
                "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
                "CONFIG": {"hosts": [host], "prefix": f"{prefix}-db{database}"},
            }
        }
    channel_layers = {
        "default": {
            "BACKEND": "engage.realtime.layers.EngageRedisChannelLayer",
            "CONFIG": {
                "hosts": [host],
                "prefix": prefix,
                "capacity": CHANNEL_LAYER_CAPACITY,
                "expiry": CHANNEL_LAYER_EXPIRY,
            },
        }
    }
    return caches, channel_layers


# Cache and channel layer: Redis when REDIS_URL is set, in-process otherwise.
CACHES, CHANNEL_LAYERS = cache_and_channel_layers(REDIS_URL)

# Background tasks (django-tasks). A worker runs `python manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "accounts.User"
# ModelBackend first: Wagtail's test helpers log in through the first backend.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "rules.permissions.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: email only, verified before taking part.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "engage.accounts.forms.SignupForm"
ACCOUNT_ADAPTER = "engage.accounts.adapter.AccountAdapter"
# allauth's limits. A refusal renders 429.html (without a retry time). "login_failed"
# "key" counts per email address AND client address (engage/accounts/lockout.py), so
# guessing from one address never locks the owner out elsewhere; the per-address
# ceiling on failures is ENGAGE_RATE_LIMITS["login_failed"], which spares addresses the
# account has signed in from before. "login" (every sign-in form post) is a flood guard per address, set
# high so that a library or a mobile network sharing one address never meets it.
ACCOUNT_RATE_LIMITS = {
    "login": "300/m/ip",
    "login_failed": "5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Engage"
# Accounts that may moderate or export without TOTP. Only dev settings fill this.
ENGAGE_MFA_EXEMPT_EMAILS: list[str] = []
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Engage: "

# Internationalisation
LANGUAGE_CODE = "en"
TIME_ZONE = env("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

LANG_INFO["so"] = {
    "bidi": False,
    "code": "so",
    "name": "Somali",
    "name_local": "Soomaali",
}
LANGUAGES = [
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("fr", _("French")),
    ("de", _("German")),
    ("nl", _("Dutch")),
    ("es", _("Spanish")),
    ("pl", _("Polish")),
    ("tr", _("Turkish")),
    ("ur", _("Urdu")),
    ("so", _("Somali")),
]
LANGUAGES_BIDI = ["ar", "ur", "he", "fa"]
LOCALE_PATHS = [BASE_DIR / "locale"]

# django-modeltranslation / wagtail-modeltranslation: one page, a field per language.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
WAGTAILMODELTRANSLATION_TRANSLATE_SLUGS = False

# Static files and media
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Media (uploads): this machine's disk at MEDIA_ROOT (MEDIA_STORAGE=local, the default)
# or an S3-compatible bucket through django-storages (MEDIA_STORAGE=s3, after
# `pip install 'engage[s3]'`). The AWS_* variables are read only then; without keys,
# boto3 finds credentials itself (an instance role). docs/deployment.md.
MEDIA_STORAGE = env("MEDIA_STORAGE", "local")
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL"),
            "region_name": env("AWS_S3_REGION_NAME"),
            "access_key": env("AWS_ACCESS_KEY_ID"),
            "secret_key": env("AWS_SECRET_ACCESS_KEY"),
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN"),
            "location": env("AWS_LOCATION", ""),
            # Signed, expiring links unless the bucket is public (then set it to 0).
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", True),
            "default_acl": None,
            "file_overwrite": False,
        },
    }

# Email: EMAIL_URL, e.g. smtp://user:pass@host:587?tls=1 or console:
EMAIL_URL = env("EMAIL_URL", "console:")
vars().update(parse_email_url(EMAIL_URL))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Engage <noreply@engage.example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = "Engage"
WAGTAILADMIN_BASE_URL = env("BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_USER_EDIT_FORM = "engage.accounts.forms.AdminUserEditForm"
WAGTAIL_USER_CREATION_FORM = "engage.accounts.forms.AdminUserCreationForm"
WAGTAIL_USER_CUSTOM_FIELDS = ["display_name"]
# Everyone signs in through allauth (email verification, two-factor); the admin's own
# log-in form is not used (engage.accounts.middleware sends it there too).
WAGTAILADMIN_LOGIN_URL = "account_login"

# Engage
# Aggregates below this count are published as "fewer than N" (privacy).
SMALL_CELL_THRESHOLD = int(env("SMALL_CELL_THRESHOLD", "10"))

# Representation reports (engage.communities.representation). A group is flagged
# under-represented when its share is below UNDER_RATIO x its baseline share and the
# 95% Wilson interval lies wholly below the baseline; over-represented likewise above.
REPRESENTATION_UNDER_RATIO = float(env("REPRESENTATION_UNDER_RATIO", "0.8"))
REPRESENTATION_OVER_RATIO = float(env("REPRESENTATION_OVER_RATIO", "1.25"))
# "Absent": nobody, where at least this many were expected (baseline share x declared).
REPRESENTATION_ABSENT_EXPECTED = float(env("REPRESENTATION_ABSENT_EXPECTED", "5"))
# Below this many declarations in a dimension, groups are "too few declarations to say".
REPRESENTATION_MIN_DECLARED = int(env("REPRESENTATION_MIN_DECLARED", "30"))
REPRESENTATION_CACHE_SECONDS = int(env("REPRESENTATION_CACHE_SECONDS", str(24 * 3600)))
# The area whose baseline city-wide reports use; empty: the only top-level area, if one.
CITY_AREA_CODE = env("CITY_AREA_CODE", "")
# Tokenism "wider audience missing": this share of declared participants or more comes
# from the consultation's directly affected groups.
TOKENISM_WIDER_AUDIENCE_SHARE = float(env("TOKENISM_WIDER_AUDIENCE_SHARE", "0.9"))
# Staff are alerted when a consultation open this many days has a group under-represented
# or absent (engage.communities.alerts).
REPRESENTATION_ALERT_AFTER_DAYS = int(env("REPRESENTATION_ALERT_AFTER_DAYS", "7"))
# Self-declarations: deleted after this many days without taking part anywhere.
DECLARATION_RETENTION_DAYS = int(env("DECLARATION_RETENTION_DAYS", "730"))
# Recorded with each consent; bump when the privacy notice or purpose text changes.
DECLARATION_PRIVACY_NOTICE_VERSION = env("DECLARATION_PRIVACY_NOTICE_VERSION", "2026-01")
DECLARATION_PURPOSE_VERSION = env("DECLARATION_PURPOSE_VERSION", "1")

# Comments on consultations: edit window, length and links per comment.
COMMENT_EDIT_MINUTES = int(env("COMMENT_EDIT_MINUTES", "15"))
COMMENT_MAX_LENGTH = int(env("COMMENT_MAX_LENGTH", "2000"))
COMMENT_MAX_LINKS = int(env("COMMENT_MAX_LINKS", "3"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"engage": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

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

# Myth-busting forums (forums/). Posts share the comment limits (COMMENT_MAX_LENGTH,
# COMMENT_MAX_LINKS, COMMENT_EDIT_MINUTES). The same text sent again by the same person in
# the same thread within this many seconds is the same post, not a second one.
FORUM_DUPLICATE_WINDOW_SECONDS = int(env("FORUM_DUPLICATE_WINDOW_SECONDS", "300"))
# The longest slow mode moderators may set on a thread, in minutes.
FORUM_SLOW_MODE_MAX_MINUTES = int(env("FORUM_SLOW_MODE_MAX_MINUTES", "1440"))
# Sources per fact-check.
FORUM_FACT_CHECK_MAX_SOURCES = int(env("FORUM_FACT_CHECK_MAX_SOURCES", "10"))

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

# Moderation (engage.moderation): new accounts' first contributions wait for a
# moderator until this many have been published; content reported by this many
# different people is hidden until a moderator decides.
MODERATION_TRUSTED_AFTER = int(env("MODERATION_TRUSTED_AFTER", "3"))
MODERATION_HIDE_AFTER_REPORTS = int(env("MODERATION_HIDE_AFTER_REPORTS", "3"))
# Moderation queue: items per page in the admin and the API.
MODERATION_QUEUE_PAGE_SIZE = int(env("MODERATION_QUEUE_PAGE_SIZE", "50"))

# Co-design sessions (consultations.codesign). Reminders go to people with a confirmed
# place this many hours before the session starts (once each; run the task or
# `send_codesign_reminders` hourly). Invitation links sent to addresses without an
# account work for this many days.
CODESIGN_REMINDER_HOURS = int(env("CODESIGN_REMINDER_HOURS", "24"))
CODESIGN_INVITATION_LINK_MAX_AGE_DAYS = int(env("CODESIGN_INVITATION_LINK_MAX_AGE_DAYS", "60"))

# Co-authored briefs (consultations.briefs). A live document update larger than
# BRIEF_MAX_UPDATE_BYTES is refused (the document stays as it was); revisions are saved
# automatically every BRIEF_SNAPSHOT_MINUTES of editing; the update log is folded into
# the stored document every BRIEF_COMPACT_EVERY updates and when the last editor leaves.
BRIEF_MAX_UPDATE_BYTES = int(env("BRIEF_MAX_UPDATE_BYTES", str(256 * 1024)))
BRIEF_SNAPSHOT_MINUTES = int(env("BRIEF_SNAPSHOT_MINUTES", "5"))
BRIEF_COMPACT_EVERY = int(env("BRIEF_COMPACT_EVERY", "500"))
# Each connection's right to edit is asked of `rules` again when invitations, RSVPs or
# roles change, and at least this often.
BRIEF_PERMISSION_RECHECK_SECONDS = float(env("BRIEF_PERMISSION_RECHECK_SECONDS", "2"))

# Following and notifications (consultations.following). Followers hear once when a
# consultation closes within CLOSING_SOON_DAYS days (the daily task); commenting follows
# the consultation unless FOLLOWING_FOLLOW_ON_COMMENT is off (people can also turn it
# off for themselves in their notification settings).
CLOSING_SOON_DAYS = int(env("CLOSING_SOON_DAYS", "3"))
FOLLOWING_FOLLOW_ON_COMMENT = env_bool("FOLLOWING_FOLLOW_ON_COMMENT", "1")

# The dashboard's update check would call releases.wagtail.org from every staff browser;
# upgrades are tracked through requirements.lock instead.
WAGTAIL_ENABLE_UPDATE_CHECK = False

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
# Gravatar would be a third-party image in the admin (and tell it who works there).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
