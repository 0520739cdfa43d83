"""Run Engage's production topology on ONE machine: nginx in front of several daphne
workers, PostgreSQL, Redis (channel layer and cache) and the django-tasks database worker.

    deploy/run-topology.sh [--workers 2] [--port 0] [--seed] [--no-migrate] ...

It is what a city runs across machines (docs/deployment.md), shrunk onto one, for
trying it out and for the cross-worker tests (tests/deploy/test_topology.py):

- nginx from Debian's packages (installed with apt-get when missing and run as root),
  with a generated nginx.conf (deploy/nginx/topology.conf.in) whose pid, logs and
  temporary files all live in the topology's own folder; it listens on a free port on
  127.0.0.1 and runs in the foreground, so nothing is written to /var/log or /run.
- N daphne workers, each handed an already-listening socket on a free port (`--fd`),
  so no port can be taken between choosing and binding it.
- one `manage.py db_worker`.
- PostgreSQL and Redis are the ones at DATABASE_URL and REDIS_URL (they must run
  already; the database is created when missing).

Every process is started by this module (with deploy/processes.py, which finds nginx and
runs the child processes) and stopped by its process id (SIGTERM, then
SIGKILL after a grace period). The settings are engage.settings.production with the
values a machine without TLS needs (SECURE_SSL_REDIRECT=0); any variable in the
environment or in `env=` wins.
"""

import argparse
import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":  # run as deploy/topology.py: make `deploy` importable
    sys.path.insert(0, str(ROOT))

from deploy.processes import (  # noqa: E402
    Process,
    TopologyError,
    Worker,
    ensure_nginx,
    find_nginx,
    free_port,
    reachable,
    wait_for_http,
)

TEMPLATE = Path(__file__).resolve().parent / "nginx" / "topology.conf.in"
DEFAULT_ENV = {
    "DJANGO_SETTINGS_MODULE": "engage.settings.production",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/engage_topology",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "EMAIL_URL": "console:",
    # A fixed, public key: the topology is a demonstration on one machine, never a city.
    "INCIDENT_ENCRYPTION_KEY": "ZW5nYWdlLXRvcG9sb2d5LWRlbW8tbm90LXNlY3JldCE=",
    # No TLS on one machine: no redirect to https.
    "SECURE_SSL_REDIRECT": "0",
    # nginx serves private files through its internal /_protected/ location.
    "PRIVATE_FILES_SERVER": "nginx",
    "PRIVATE_FILES_NGINX_LOCATION": "/_protected/",
}


class Topology:
    """nginx + `workers` daphne workers + the task worker, on PostgreSQL and Redis.

    `env` adds to (and overrides) DEFAULT_ENV and the environment. Use as a context
    manager, or call start() and stop(). After start(): `.url` (nginx), `.workers`,
    `.task_worker`, `.nginx`, `.folder`.
    """

    def __init__(
        self,
        *,
        workers=2,
        port=0,
        env=None,
        folder=None,
        migrate=True,
        collectstatic=True,
        seed=False,
        install_nginx=True,
        static_root=None,
        log=print,
    ):
        self.worker_count = workers
        self.port = port
        self.migrate = migrate
        self.collectstatic = collectstatic
        self.seed = seed
        self.install_nginx = install_nginx
        # What nginx serves at /static/: collectstatic's STATIC_ROOT (the repository's
        # static/ folder in every settings module).
        self.static_root = Path(static_root or ROOT / "static")
        self.log = log
        self._own_folder = folder is None
        self.folder = Path(folder or tempfile.mkdtemp(prefix="engage-topology-"))
        self.env = {**DEFAULT_ENV, **_from_environment(), **(env or {})}
        self.env.setdefault("MEDIA_ROOT", str(self.folder / "media"))
        self.env.setdefault("PRIVATE_ROOT", str(self.folder / "private"))
        self.env.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
        self.workers = []
        self.task_worker = None
        self.nginx = None

    # Life cycle -----------------------------------------------------------------------

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self):
        return f"ws://127.0.0.1:{self.port}"

    def child_env(self):
        return {**os.environ, "PYTHONUNBUFFERED": "1", **self.env}

    def start(self, timeout=90):
        nginx = ensure_nginx(self.log) if self.install_nginx else find_nginx()
        if nginx is None:
            raise TopologyError("nginx is not installed (apt-get install nginx).")
        for name, port in (("DATABASE_URL", 5432), ("REDIS_URL", 6379)):
            if not reachable(self.env[name], port):
                raise TopologyError(f"Nothing answers at {name}={self.env[name]}: start it first.")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.folder.chmod(0o755)  # nginx's workers read static and private files below
        for sub in ("logs", "media", "private", "tmp"):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
        try:
            self._prepare_database()
            for index in range(1, self.worker_count + 1):
                self.workers.append(Worker(index, env=self.child_env(), log_dir=self.logs))
            self.task_worker = Process(
                "tasks",
                [sys.executable, "manage.py", "db_worker", "--no-startup-delay"],
                env=self.child_env(),
                log_dir=self.logs,
            )
            for worker in self.workers:
                wait_for_http(f"{worker.url}/healthz", worker, timeout, f"worker {worker.name}")
            self._start_nginx(nginx, timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self):
        """Stop every process this topology started, by pid."""
        # Everyone is told at once, then waited for: shutting down takes each a moment.
        processes = [p for p in [self.nginx, *self.workers, self.task_worker] if p is not None]
        for process in processes:
            # nginx: SIGQUIT is its graceful stop (finish requests, then exit).
            process.send_signal(signal.SIGQUIT if process is self.nginx else signal.SIGTERM)
        for process in processes:
            process.stop()
        if self._own_folder and os.environ.get("ENGAGE_TOPOLOGY_KEEP") != "1":
            shutil.rmtree(self.folder, ignore_errors=True)

    # Parts ----------------------------------------------------------------------------

    @property
    def logs(self):
        return self.folder / "logs"

    def manage(self, *args):
        result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.child_env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise TopologyError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def _prepare_database(self):
        if self.migrate:
            _create_database_if_missing(self.env["DATABASE_URL"])
            self.log("Applying migrations (manage.py migrate)")
            self.manage("migrate", "--noinput", "-v", "0")
        if self.collectstatic:
            self.log("Collecting static files (manage.py collectstatic)")
            self.manage("collectstatic", "--noinput", "-v", "0")
        if self.seed:
            self.log("Seeding the demo city (manage.py seed_demo)")
            self.manage("seed_demo")

    def nginx_conf(self, port):
        upstream = "\n".join(
            f"        server 127.0.0.1:{worker.port} max_fails=0;" for worker in self.workers
        )
        mime_types = Path("/etc/nginx/mime.types")
        values = {
            "PREFIX": str(self.folder),
            "USER": "user www-data www-data;" if os.geteuid() == 0 else "",
            "MIME_TYPES": str(mime_types) if mime_types.exists() else str(self._mime_types()),
            "UPSTREAM_SERVERS": upstream,
            "PORT": str(port),
            "STATIC_ROOT": str(self.static_root),
            "MEDIA_ROOT": self.env["MEDIA_ROOT"],
            "PRIVATE_ROOT": self.env["PRIVATE_ROOT"],
        }
        text = TEMPLATE.read_text()
        for name, value in values.items():
            text = text.replace(f"@@{name}@@", value)
        return text

    def _mime_types(self):
        path = self.folder / "mime.types"
        path.write_text(
            "types { text/html html; text/css css; application/javascript js; "
            "image/svg+xml svg; image/png png; font/woff2 woff2; }\n"
        )
        return path

    def _start_nginx(self, nginx, timeout):
        if os.geteuid() == 0:
            with contextlib.suppress(KeyError, OSError):
                shutil.chown(self.folder / "tmp", "www-data", "www-data")
        attempts = 1 if self.port else 5
        for _attempt in range(attempts):
            port = self.port or free_port()
            conf = self.folder / "nginx.conf"
            conf.write_text(self.nginx_conf(port))
            self.nginx = Process(
                "nginx",
                [
                    nginx,
                    "-p",
                    str(self.folder),
                    "-c",
                    str(conf),
                    "-e",
                    str(self.logs / "error.log"),
                ],
                env=self.child_env(),
                log_dir=self.logs,
            )
            try:
                wait_for_http(f"http://127.0.0.1:{port}/healthz", self.nginx, timeout, "nginx")
            except TopologyError:
                error_log = (self.logs / "error.log").read_text("utf-8", "replace")
                self.nginx.stop()
                self.nginx = None
                if "Address already in use" in error_log and not self.port:
                    continue  # someone took the free port meanwhile: try another
                raise TopologyError(f"nginx did not start:\n{error_log[-3000:]}") from None
            self.port = port
            return
        raise TopologyError("nginx could not find a free port.")


def _from_environment():
    """DEFAULT_ENV's variables set in the environment (not DJANGO_SETTINGS_MODULE: a
    shell or test run set up for dev or test settings still gets production ones)."""
    return {
        name: os.environ[name]
        for name in DEFAULT_ENV
        if os.environ.get(name) and name != "DJANGO_SETTINGS_MODULE"
    }


def _create_database_if_missing(url):
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True, connect_timeout=5) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2, help="daphne workers (default 2)")
    parser.add_argument("--port", type=int, default=0, help="nginx's port (default: a free one)")
    parser.add_argument("--seed", action="store_true", help="run seed_demo (demo accounts)")
    parser.add_argument("--no-migrate", dest="migrate", action="store_false")
    parser.add_argument("--no-collectstatic", dest="collectstatic", action="store_false")
    parser.add_argument("--folder", help="where pid, logs and temporary files go")
    parser.add_argument(
        "--settings", default=DEFAULT_ENV["DJANGO_SETTINGS_MODULE"], help="settings module"
    )
    parser.add_argument(
        "--install-nginx",
        action="store_true",
        help="only make sure nginx is installed (installing Debian's package as root), then exit",
    )
    options = parser.parse_args(argv)
    if options.install_nginx:
        try:
            ensure_nginx()
        except TopologyError as error:
            print(f"{error} The topology test will be skipped.", file=sys.stderr)  # noqa: T201
        return 0
    topology = Topology(
        workers=options.workers,
        port=options.port,
        folder=options.folder,
        migrate=options.migrate,
        collectstatic=options.collectstatic,
        seed=options.seed,
        env={"DJANGO_SETTINGS_MODULE": options.settings},
    )
    try:
        topology.start()
    except TopologyError as error:
        print(f"Could not start the topology: {error}", file=sys.stderr)  # noqa: T201
        return 1
    lines = [
        f"Engage behind nginx: {topology.url}/en/  (pid {topology.nginx.pid})",
        *(f"  {w.name}: {w.url}  (pid {w.pid})" for w in topology.workers),
        f"  task worker: pid {topology.task_worker.pid}",
        f"  logs: {topology.logs}",
        "Ctrl-C stops everything.",
    ]
    print("\n".join(lines), flush=True)  # noqa: T201
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    try:
        while not stopping:
            for process in [topology.nginx, *topology.workers, topology.task_worker]:
                if process.poll() is not None:
                    print(f"{process.name} exited; stopping.", file=sys.stderr)  # noqa: T201
                    stopping.append(True)
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        topology.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
