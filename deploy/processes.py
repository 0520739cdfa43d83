"""The processes of the one-machine topology (deploy/topology.py): nginx found or
installed from Debian's packages, free listening sockets, and child processes that log
to a file, die with their parent and are stopped by their process id.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/bin/nginx")


class TopologyError(RuntimeError):
    """The topology could not start; the message says what to do."""


def find_nginx():
    """The nginx binary, or None."""
    found = shutil.which("nginx")
    if found:
        return found
    return next((path for path in NGINX_CANDIDATES if os.access(path, os.X_OK)), None)


def ensure_nginx(log=print):
    """nginx's path, installing Debian's package first when it is missing and we are root.

    Raises TopologyError when nginx is missing and cannot be installed here.
    """
    found = find_nginx()
    if found:
        return found
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise TopologyError(
            "nginx is not installed. Install Debian's package (apt-get install nginx) as "
            "root, then run this again."
        )
    log("Installing Debian's nginx package (apt-get install nginx)")
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    command = ["apt-get", "install", "-y", "-q", "--no-install-recommends", "nginx"]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "env": environment}
    result = subprocess.run(command, check=False, **quiet)  # noqa: S603
    if result.returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], check=False, **quiet)  # noqa: S607
        result = subprocess.run(command, check=False, **quiet)  # noqa: S603
    found = find_nginx()
    if result.returncode != 0 or not found:
        raise TopologyError(
            "Could not install nginx with apt-get: "
            + result.stderr.decode("utf-8", "replace").strip()[-500:]
        )
    return found


def listening_socket(host="127.0.0.1"):
    """A socket already listening on a free port (handed to a worker as-is)."""
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, 0))
    listener.listen(4096)
    return listener


def free_port(host="127.0.0.1"):
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def reachable(url, default_port):
    parts = urlsplit(url)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or default_port), 2
        ):
            return True
    except OSError:
        return False


def wait_for_http(url, process, timeout, describe):
    """Wait until GET `url` answers 200, or fail saying why (the process died, or time)."""
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise TopologyError(f"{describe} exited at start:\n{process.output()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - local
                if response.status == 200:
                    return
        except (OSError, urllib.error.HTTPError):
            pass
        if time.monotonic() > deadline:
            raise TopologyError(
                f"{describe} did not answer {url} within {timeout} s:\n{process.output()[-3000:]}"
            )
        time.sleep(0.1)


def _dies_with_us(command):
    """`command`, made to receive SIGTERM should this process die without stopping it
    (util-linux's setpriv --pdeathsig, where available), so a killed test run or
    script leaves no server behind."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return list(command)
    return [setpriv, "--pdeathsig", "TERM", "--", *command]


class Process:
    """A child process with its output in a log file, stopped by its pid."""

    def __init__(self, name, command, *, env, log_dir, pass_fds=(), cwd=ROOT):
        self.name = name
        self.log_path = Path(log_dir) / f"{name}.log"
        self._log = open(self.log_path, "ab")  # closed in stop()
        self.popen = subprocess.Popen(  # noqa: S603 - our own commands
            _dies_with_us(command),
            cwd=cwd,
            env=env,
            pass_fds=pass_fds,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def pid(self):
        return self.popen.pid

    def poll(self):
        return self.popen.poll()

    def output(self):
        self._log.flush()
        return self.log_path.read_text("utf-8", "replace")

    def send_signal(self, sig):
        if self.popen.poll() is None:
            self.popen.send_signal(sig)

    def stop(self, sig=signal.SIGTERM, grace=10):
        """Stop the process (unless it already exited) and wait for it; SIGKILL after
        `grace` seconds."""
        if self.popen.poll() is None:
            self.popen.send_signal(sig)
            try:
                self.popen.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout=grace)
        self._log.close()


class Worker(Process):
    """One daphne worker serving engage.asgi:application on its own port."""

    def __init__(self, index, *, env, log_dir):
        listener = listening_socket()
        self.port = listener.getsockname()[1]
        fd = listener.fileno()
        try:
            super().__init__(
                f"web-{index}",
                [
                    sys.executable,
                    "-m",
                    "daphne",
                    "--fd",
                    str(fd),
                    "--proxy-headers",
                    "-v",
                    "1",
                    "engage.asgi:application",
                ],
                env=env,
                log_dir=log_dir,
                pass_fds=(fd,),
            )
        finally:
            listener.close()  # the worker holds its own copy

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self):
        return f"ws://127.0.0.1:{self.port}"
