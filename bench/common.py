"""Shared helpers for the benchmarks: the machine, gunicorn and nginx servers, docs/performance.md."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs" / "performance.md"
BARE_ROUTE = "/__bench__/ok"


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        match = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = match.group(1).strip() if match else cpu
    memory = "?"
    with contextlib.suppress(OSError):
        kb = int(re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory} RAM, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_app():
    """The production app plus a bare `return "ok"` route, for comparison only.

    The route exists only here (gunicorn loads ``bench.common:bench_app()``), never in the app.
    """
    from app import create_app

    app = create_app()
    app.add_url_rule(BARE_ROUTE, "bench_ok", lambda: "ok")
    return app


def wait_for(url: str, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args} exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer in {seconds} s")


@contextlib.contextmanager
def gunicorn(env: dict | None = None, workers: int | None = None, app: str = "wsgi:app"):
    """Run the production server (gunicorn.conf.py) on a free loopback port."""
    port = free_port()
    environment = dict(os.environ, OSL_BIND=f"127.0.0.1:{port}", **(env or {}))
    if workers:
        environment["OSL_WORKERS"] = str(workers)
    log = tempfile.TemporaryFile("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", app],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_for(base + "/en/", process)
        except RuntimeError as error:
            log.seek(0)
            raise RuntimeError(f"{error}:\n{log.read()[-3000:]}") from None
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def deploy_local():
    """deploy/local.py: writes the nginx configuration `make serve` runs (a script, not a package)."""
    spec = importlib.util.spec_from_file_location("deploy_local", ROOT / "deploy" / "local.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextlib.contextmanager
def nginx(root: Path, upstream: str = "127.0.0.1:9"):
    """nginx from the shipped deploy/nginx.conf serving ``root`` on a free loopback port."""
    local = deploy_local()
    binary = local.nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed (make system-deps)")
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="osl-bench-nginx-") as prefix:
        conf = local.write(Path(prefix), root=root, listen=f"127.0.0.1:{port}", upstream=upstream)
        command = [binary, "-p", prefix, "-c", str(conf), "-e", "stderr"]
        subprocess.run([*command, "-t", "-q"], check=True)
        process = subprocess.Popen([*command, "-g", "daemon off;"], stdout=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_for(base + "/en/", process, seconds=20)
            yield base
        finally:
            process.send_signal(signal.SIGQUIT)
            process.wait(timeout=30)


def frozen_site(folder: Path) -> Path:
    """A copy of the export in ``folder``: build/site when it is there, else a fresh `flask freeze`."""
    site = folder / "site"
    built = Path(os.environ.get("OSL_BENCH_SITE", ROOT / "build" / "site"))
    if (built / "sitemap.xml").is_file():
        shutil.copytree(built, site)
    else:
        subprocess.run(
            [sys.executable, "-m", "flask", "--app", "app", "freeze", str(site)],
            cwd=ROOT,
            check=True,
        )
    return site


def write_section(name: str, body: str) -> None:
    """Replace (or append) one benchmark's section of docs/performance.md."""
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    text = REPORT.read_text() if REPORT.exists() else "# Performance\n"
    block = f"{start}\n{body.strip()}\n\n_Machine: {machine()}. Run on {time.strftime('%Y-%m-%d')}._\n{end}"
    if start in text:
        text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    REPORT.write_text(text)
    print(block)
