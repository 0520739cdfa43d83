"""Settings shared by every environment.

Configuration comes from the environment (twelve-factor); each environment module
(`dev`, `test`, `production`) sets its own defaults on top of this one. This module
holds Django's core settings (apps, middleware, templates, database, tasks, files,
email, logging) and gathers the rest, one module per concern: `realtime` (Redis, the
cache, the channel layer), `accounts`, `languages`, `wagtail`, `representation`,
`participation` (comments, forums, moderation, co-design, briefs, following),
`privacy` (private files, exports, people's rights) and `security` (rate limits, the
Content-Security-Policy). The environment modules see all of them through
`from .base import *`.
"""

import dj_database_url

from engage.settings.email import parse_email_url

from .accounts import *
from .environment import *
from .exchange import *
from .insights import *
from .languages import *
from .machine_translation import *
from .monitoring import *
from .participation import *
from .privacy import *
from .realtime import *
from .representation import *
from .security import *
from .wagtail import *

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
    "engage.opinions",
    "engage.policy",
    "engage.policy.glossary",
    "engage.exchange",
    "engage.machine_translation",
    "engage.realtime",
    "engage.monitoring.incidents",
    "engage.monitoring.pulse",
    "engage.monitoring.tension",
    "engage.monitoring.alerts",
    "engage.impact",
    "home",
    "home.guides",
    "home.search",
    "consultations",
    "consultations.engagement",
    "consultations.exports",
    "consultations.following",
    "consultations.codesign",
    "consultations.briefs",
    "consultations.cohesion",
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
    "engage.policy.middleware.AgreementAccessMiddleware",
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

# Background tasks (django-tasks). A worker runs `python manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"engage": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
