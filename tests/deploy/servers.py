"""Helpers for the deploy tests: real servers on loopback and one way to ask them.

nginx is started from the configuration deploy/local.py writes, exactly as `make serve` starts
it; gunicorn from gunicorn.conf.py and wsgi.py.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_local():
    """deploy/local.py, the one writer of nginx configurations (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("deploy_local", ROOT / "deploy" / "local.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


local = load_local()


@dataclass(frozen=True)
class Export:
    root: Path
    content: Path  # what gunicorn serves beside it

    def file_for(self, path: str) -> Path:
        path = path.split("?")[0]
        return self.root / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))

    def pages(self) -> list[str]:
        """Every page of the export, as a URL path."""
        urls = []
        for html in sorted(self.root.rglob("*.html")):
            relative = html.relative_to(self.root).as_posix()
            if relative != "404.html":
                urls.append("/" + relative.removesuffix("index.html"))
        return urls


def wait_for_port(port: int, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        if process.poll() is not None:
            pytest.fail(f"{process.args[0]} exited ({process.returncode}): {log.read_text()}")
        time.sleep(0.1)
    pytest.fail(f"nothing listens on {port} after {seconds} s: {log.read_text()}")


def stop(process: subprocess.Popen, sig: int) -> None:
    process.send_signal(sig)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@dataclass(frozen=True)
class Nginx:
    base: str
    prefix: Path

    @property
    def access_log(self) -> Path:
        return self.prefix / "logs" / "access.log"

    @property
    def error_log(self) -> Path:
        return self.prefix / "logs" / "error.log"


@contextlib.contextmanager
def run_nginx(binary: str, prefix: Path, conf: Path, port: int):
    """nginx in the foreground from ``conf``; checked first, stopped gracefully after."""
    check = subprocess.run(
        [binary, "-t", "-q", "-p", str(prefix), "-c", str(conf), "-e", "stderr"],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr
    assert "warn" not in check.stderr, check.stderr
    log = prefix / "logs" / "error.log"
    process = subprocess.Popen(
        [binary, "-p", str(prefix), "-c", str(conf), "-e", str(log), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process, log, seconds=20)
        yield Nginx(f"http://127.0.0.1:{port}", prefix)
    finally:
        stop(process, signal.SIGQUIT)


@contextlib.contextmanager
def run_gunicorn(content: Path, port: int, log: Path):
    """The production app server: gunicorn.conf.py and wsgi.py, one worker."""
    env = dict(
        os.environ,
        OSL_BIND=f"127.0.0.1:{port}",
        OSL_WORKERS="1",
        FLASK_CONTENT_DIR=str(content),
    )
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for_port(port, process, log)
            yield f"http://127.0.0.1:{port}"
        finally:
            stop(process, signal.SIGTERM)


@dataclass
class Response:
    status: int
    headers: object  # email.message.Message: get_all() for repeated headers
    body: bytes


def fetch(base: str, path: str, method: str = "GET", headers: dict | None = None) -> Response:
    """One request, redirects not followed, whatever the status."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(base + path, method=method, headers=headers or {})
    try:
        response = opener.open(request, timeout=10)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        return Response(response.status, response.headers, response.read())
