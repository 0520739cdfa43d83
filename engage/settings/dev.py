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

# SQLite (the embedded default) with a web server and a task worker writing at once:
# write-ahead logging lets readers go on while one writer writes; a writer waits up to
# SQLITE_BUSY_TIMEOUT seconds for the lock instead of failing with "database is locked";
# transactions take the write lock when they begin (IMMEDIATE), so one that read first
# never fails half-way when it starts writing (SQLite cannot wait for that upgrade).
SQLITE_BUSY_TIMEOUT = float(env("SQLITE_BUSY_TIMEOUT", "20"))


def sqlite_options(busy_timeout=SQLITE_BUSY_TIMEOUT):
    """OPTIONS for a SQLite database shared by several processes (see above)."""
    return {
        "timeout": busy_timeout,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            f"PRAGMA busy_timeout={int(busy_timeout * 1000)}"
        ),
    }


if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES = {
        **DATABASES,
        "default": {
            **DATABASES["default"],
            "OPTIONS": {**DATABASES["default"].get("OPTIONS", {}), **sqlite_options()},
        },
    }
