"""Turn EMAIL_URL into Django's email settings.

Forms accepted: ``smtp://user:password@host:587?tls=1`` (or ``smtps://`` for implicit
TLS), ``console:``, ``locmem:``, ``file:///path/to/dir`` and ``dummy:``.
"""

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
}


def parse_email_url(url):
    """Return the EMAIL_* settings that EMAIL_URL describes."""
    parts = urlsplit(url)
    scheme = parts.scheme
    if scheme not in BACKENDS:
        raise ImproperlyConfigured(
            f"EMAIL_URL has an unknown scheme {scheme!r}; use one of {', '.join(BACKENDS)}."
        )
    settings = {"EMAIL_BACKEND": BACKENDS[scheme]}
    if scheme == "file":
        settings["EMAIL_FILE_PATH"] = unquote(parts.path)
    if scheme in {"smtp", "smtps"}:
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        settings.update(
            EMAIL_HOST=parts.hostname or "localhost",
            EMAIL_PORT=parts.port or (465 if scheme == "smtps" else 25),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_TLS=query.get("tls", "0").lower() in {"1", "true", "yes"},
            EMAIL_USE_SSL=scheme == "smtps",
        )
    return settings
