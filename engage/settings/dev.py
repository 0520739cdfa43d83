"""Development and `make demo`: SQLite, in-memory channel layer, console email."""

from .base import *

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-change-me-in-production-0123456789")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],0.0.0.0")

# The demo accounts may moderate and export without setting up TOTP, here only.
ENGAGE_MFA_EXEMPT_EMAILS = ["moderator@example.org", "staff@example.org", "partner@example.org"]

# Tasks go to the database; `make demo` starts a worker (`manage.py db_worker`) beside
# the server. TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend runs them
# inside the request instead.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
