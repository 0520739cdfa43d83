"""Production settings read only the environment and refuse to start without it."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "DATABASE_URL": "postgres://engage:secret@db.internal:5432/engage",
    "REDIS_URL": "redis://redis.internal:6379/0",
    "ALLOWED_HOSTS": "engage.example.org",
    "EMAIL_URL": "smtp://mailer:secret@mail.example.org:587?tls=1",
    "INCIDENT_ENCRYPTION_KEY": Fernet.generate_key().decode(),
}


def manage(*args, **overrides):
    """Run manage.py with production settings and only the environment given."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),  # noqa: S108
        "DJANGO_SETTINGS_MODULE": "engage.settings.production",
        **{name: value for name, value in overrides.items() if value is not None},
    }
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", list(PRODUCTION_ENV))
def test_production_refuses_to_start_without_a_required_variable(missing):
    result = manage("check", **{**PRODUCTION_ENV, missing: None})
    assert result.returncode != 0
    assert "Engage cannot start in production" in result.stderr
    assert missing in result.stderr.splitlines()[-1]


def test_production_without_secret_key_names_it():
    result = manage("check", **{**PRODUCTION_ENV, "SECRET_KEY": None})
    assert result.returncode != 0
    assert "set the environment variable(s) SECRET_KEY." in result.stderr


def test_production_refuses_a_weak_secret_key():
    result = manage("check", **{**PRODUCTION_ENV, "SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "SECRET_KEY is too short" in result.stderr


def test_deploy_check_is_clean_with_the_environment_set():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stderr


def test_production_refuses_an_incident_key_that_is_not_a_fernet_key():
    result = manage("check", **{**PRODUCTION_ENV, "INCIDENT_ENCRYPTION_KEY": "not-a-key"})
    assert result.returncode != 0
    assert "INCIDENT_ENCRYPTION_KEY is not a valid key" in result.stderr
