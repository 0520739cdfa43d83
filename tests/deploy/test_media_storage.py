"""MEDIA_STORAGE: uploads on this machine's disk (default) or in an S3-compatible bucket
through django-storages, whose AWS_* settings are read only when it is chosen."""

import importlib.util
import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
AWS = {
    "AWS_STORAGE_BUCKET_NAME": "engage-media",
    "AWS_S3_ENDPOINT_URL": "https://s3.example.net",
    "AWS_S3_REGION_NAME": "eu-west-2",
    "AWS_ACCESS_KEY_ID": "key-id",
    "AWS_SECRET_ACCESS_KEY": "key-secret",
}


def base_settings(monkeypatch, **environment):
    for name in ["MEDIA_STORAGE", *AWS]:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    # As a module of its package: base.py gathers the other settings modules with
    # relative imports (those modules are cached; the media settings live in base.py).
    return runpy.run_module("engage.settings.base")


def test_media_stays_on_disk_by_default_and_aws_settings_are_ignored(monkeypatch):
    settings = base_settings(monkeypatch, **AWS)
    assert settings["MEDIA_STORAGE"] == "local"
    assert settings["STORAGES"]["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }


def test_media_storage_s3_uses_django_storages_with_the_aws_variables(monkeypatch):
    settings = base_settings(monkeypatch, MEDIA_STORAGE="s3", **AWS)
    default = settings["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    options = default["OPTIONS"]
    assert options["bucket_name"] == "engage-media"
    assert options["endpoint_url"] == "https://s3.example.net"
    assert options["region_name"] == "eu-west-2"
    assert (options["access_key"], options["secret_key"]) == ("key-id", "key-secret")
    assert options["querystring_auth"] is True and options["file_overwrite"] is False
    # Static files are not affected: WhiteNoise or nginx serve them.
    assert "S3" not in settings["STORAGES"]["staticfiles"]["BACKEND"]


def production(**overrides):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": "postgres://engage:secret@db.internal:5432/engage",
        "REDIS_URL": "redis://redis.internal:6379/0",
        "ALLOWED_HOSTS": "engage.example.org",
        "EMAIL_URL": "console:",
        "INCIDENT_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        **overrides,
    }
    return subprocess.run(
        [sys.executable, "-c", "import engage.settings.production as s; print(s.MEDIA_STORAGE)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"MEDIA_STORAGE": "ftp"}, "MEDIA_STORAGE='ftp' is not known"),
        (
            {"MEDIA_STORAGE": "s3"},
            "pip install -c requirements.lock -e '.[s3]'"
            if importlib.util.find_spec("storages") is None
            else "set AWS_STORAGE_BUCKET_NAME",
        ),
    ],
)
def test_production_refuses_an_unusable_media_storage_with_a_clear_message(overrides, expected):
    result = production(**overrides)
    assert result.returncode != 0
    assert expected in result.stderr
