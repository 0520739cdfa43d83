"""Production: everything from the environment; stops when something required is missing."""

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from .base import *
from .database import use_pool

REQUIRED = [
    "SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "ALLOWED_HOSTS",
    "EMAIL_URL",
    # Hate incident reports are encrypted with it (engage/settings/monitoring.py).
    "INCIDENT_ENCRYPTION_KEY",
]
missing = [name for name in REQUIRED if not env(name)]
if missing:
    raise ImproperlyConfigured(
        "Engage cannot start in production: set the environment variable(s) "
        + ", ".join(missing)
        + ". See docs/deployment.md."
    )
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "SECRET_KEY is too short: use at least 50 random characters, for example the "
        "output of `python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
    )

_incident_keys = [key.strip() for key in INCIDENT_ENCRYPTION_KEY.split(",") if key.strip()]
try:
    for _key in _incident_keys:
        Fernet(_key)
except ValueError:
    raise ImproperlyConfigured(
        "INCIDENT_ENCRYPTION_KEY is not a valid key: give one or more comma-separated "
        'Fernet keys, each made by `python -c "from cryptography.fernet import Fernet; '
        'print(Fernet.generate_key().decode())"`. See docs/monitoring.md.'
    ) from None

# Links in emails must reach the public site. Without BASE_URL it is derived from the
# first ALLOWED_HOSTS entry when that is one plain host name (https, or http when
# SECURE_SSL_REDIRECT=0); a wildcard host cannot be written into an email.
if not env("BASE_URL"):
    _host = ALLOWED_HOSTS[0] if ALLOWED_HOSTS else ""
    if not _host or _host == "*" or _host.startswith("."):
        raise ImproperlyConfigured(
            "Engage cannot start in production: set BASE_URL to the site's public address "
            "(for example https://engage.example.org); the first ALLOWED_HOSTS entry "
            f"({_host or 'none'}) is not one host name it could be derived from. "
            "See docs/deployment.md."
        )
    _scheme = "https" if env_bool("SECURE_SSL_REDIRECT", True) else "http"
    BASE_URL = f"{_scheme}://{_host}"
WAGTAILADMIN_BASE_URL = BASE_URL

DEBUG = False
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# PostgreSQL connection pool, one per worker process (psycopg_pool through Django's
# "pool" option): at most DB_POOL_MAX_SIZE connections; a request that finds them all
# in use waits up to DB_POOL_TIMEOUT seconds for one, then answers 503 "busy, try again"
# (engage.dbpool). Size it so that every process together stays below PostgreSQL's
# max_connections (docs/performance.md#database-connections). DB_POOL_MAX_SIZE=0 turns
# the pool off; then CONN_MAX_AGE keeps one connection per thread open between requests.
DB_POOL_MAX_SIZE = int(env("DB_POOL_MAX_SIZE", "10"))
DB_POOL_MIN_SIZE = min(int(env("DB_POOL_MIN_SIZE", "2")), DB_POOL_MAX_SIZE)
DB_POOL_TIMEOUT = float(env("DB_POOL_TIMEOUT", "10"))
DB_POOL = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and DB_POOL_MAX_SIZE > 0
if DB_POOL and int(env("CONN_MAX_AGE", "0")) != 0:
    raise ImproperlyConfigured(
        "CONN_MAX_AGE cannot be used with the database connection pool (pooled "
        "connections are reused already): unset CONN_MAX_AGE, or set DB_POOL_MAX_SIZE=0 "
        "to turn the pool off. See docs/performance.md."
    )
CONN_MAX_AGE = 0 if DB_POOL else int(env("CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_MAX_AGE"] = CONN_MAX_AGE
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast rather than hang requests and /readyz when the database is unreachable.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(env("DATABASE_CONNECT_TIMEOUT", "5"))
    )
if DB_POOL:
    MIDDLEWARE = use_pool(
        DATABASES["default"],
        MIDDLEWARE,
        min_size=DB_POOL_MIN_SIZE,
        max_size=DB_POOL_MAX_SIZE,
        timeout=DB_POOL_TIMEOUT,
    )

STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

# Media storage switch (MEDIA_STORAGE, see base.py): say clearly what is missing.
if MEDIA_STORAGE not in ("local", "s3"):
    raise ImproperlyConfigured(
        f"MEDIA_STORAGE={MEDIA_STORAGE!r} is not known: use 'local' (files in MEDIA_ROOT) "
        "or 's3' (an S3-compatible bucket)."
    )
if MEDIA_STORAGE == "s3":
    import importlib.util

    if importlib.util.find_spec("storages") is None:
        raise ImproperlyConfigured(
            "MEDIA_STORAGE=s3 needs django-storages: install Engage with "
            "`pip install -c requirements.lock -e '.[s3]'`."
        )
    if not env("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured(
            "MEDIA_STORAGE=s3: set AWS_STORAGE_BUCKET_NAME (and AWS_S3_ENDPOINT_URL for a "
            "provider other than Amazon S3). See docs/deployment.md."
        )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
X_FRAME_OPTIONS = "DENY"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING["root"]["level"] = env("LOG_LEVEL", "WARNING")

# Exchange with other cities: exporting is off unless EXCHANGE_EXPORT_ENABLED=1, and
# then needs EXCHANGE_SIGNING_KEY (engage/settings/exchange.py).
vars().update(production_exchange_settings())
