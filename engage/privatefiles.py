"""Private files: generated or uploaded files that only some people may download.

They live under settings.PRIVATE_ROOT, outside MEDIA_ROOT, so no web server serves them
by URL. A view first asks `rules.py` and records the download (for exports,
`engage.policy.services.record_export`), then calls `file_response`, which hands the
bytes over in one of three ways (settings.PRIVATE_FILES_SERVER):

- "django": Engage streams the file itself (the default; fine for small sites).
- "nginx": an empty response with ``X-Accel-Redirect: <PRIVATE_FILES_NGINX_LOCATION><path>``;
  nginx serves the file from an ``internal`` location that aliases PRIVATE_ROOT, so the
  location cannot be requested directly.
- "apache": an empty response with ``X-Sendfile: <absolute path>`` (mod_xsendfile).

The check `engage.E010` refuses a PRIVATE_ROOT or EXPORT_ROOT inside MEDIA_ROOT or
STATIC_ROOT. `manage.py move_private_files` moves files an older version left in
MEDIA_ROOT/exports.
"""

import shutil
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core import checks
from django.http import FileResponse, HttpResponse

SERVERS = ("django", "nginx", "apache")


def private_root():
    """The folder holding every private file (created on first use)."""
    return Path(settings.PRIVATE_ROOT)


def private_dir(name):
    """A sub-folder of the private root (e.g. "exports"), created if missing."""
    folder = private_root() / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _relative_to_root(path):
    try:
        return Path(path).resolve().relative_to(private_root().resolve())
    except ValueError:
        return None


def file_response(path, *, filename, content_type):
    """A download response for the private file at `path` (checked and audited by the
    caller), sent by Django or by the front web server as settings say.

    The file name is never part of the address; the response is never cached.
    """
    path = Path(path)
    server = settings.PRIVATE_FILES_SERVER
    if server == "nginx":
        relative = _relative_to_root(path)
        if relative is None:
            raise ValueError(f"{path} is not under PRIVATE_ROOT; nginx cannot serve it.")
        response = HttpResponse(content_type=content_type)
        location = settings.PRIVATE_FILES_NGINX_LOCATION.rstrip("/") + "/"
        response["X-Accel-Redirect"] = quote(location + relative.as_posix())
        response["X-Accel-Buffering"] = "no"
    elif server == "apache":
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = str(path.resolve())
    else:
        response = FileResponse(open(path, "rb"), content_type=content_type)
    response["Content-Disposition"] = _attachment(filename)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _attachment(filename):
    try:
        filename.encode("ascii")
    except UnicodeEncodeError:
        return f"attachment; filename*=utf-8''{quote(filename)}"
    return f'attachment; filename="{filename}"'


def move_tree(source, target):
    """Move every file under `source` into `target` (same relative paths); returns how
    many moved. Files already present in `target` are left where they are."""
    source, target = Path(source), Path(target)
    moved = 0
    if not source.is_dir():
        return moved
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        destination = target / path.relative_to(source)
        if destination.exists():
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, destination)
        moved += 1
    return moved


def _inside(child, parent):
    if not parent:
        return False
    try:
        Path(child).resolve().relative_to(Path(parent).resolve())
    except ValueError:
        return False
    return True


@checks.register(checks.Tags.security, deploy=False)
def check_private_root(app_configs=None, **kwargs):
    """Private files must not be reachable through the media or static URL."""
    errors = []
    roots = {"PRIVATE_ROOT": settings.PRIVATE_ROOT}
    if getattr(settings, "EXPORT_ROOT", ""):
        roots["EXPORT_ROOT"] = settings.EXPORT_ROOT
    for name, root in roots.items():
        for public in ("MEDIA_ROOT", "STATIC_ROOT"):
            if _inside(root, getattr(settings, public, None)):
                errors.append(
                    checks.Error(
                        f"{name} ({root}) is inside {public}, so its files would be "
                        "served to anyone who has the link.",
                        hint=f"Set {name} to a folder outside {public}.",
                        id="engage.E010",
                    )
                )
    if settings.PRIVATE_FILES_SERVER not in SERVERS:
        errors.append(
            checks.Error(
                f"PRIVATE_FILES_SERVER is {settings.PRIVATE_FILES_SERVER!r}.",
                hint="Use one of: " + ", ".join(SERVERS) + ".",
                id="engage.E011",
            )
        )
    return errors
