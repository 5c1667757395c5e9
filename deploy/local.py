"""Run deploy/nginx.conf on this machine: write an nginx configuration with its own prefix.

    python3 deploy/local.py PREFIX --root build/site --listen 127.0.0.1:8080 \
        --upstream 127.0.0.1:8000

writes PREFIX/nginx.conf (the main file) and PREFIX/server.conf (the shipped server block with only
its addresses, folder, log files and snippet paths changed) and prints the main file's path. Then
    nginx -p PREFIX -c PREFIX/nginx.conf -e stderr -g 'daemon off;'
serves the folder as production does. `make serve` (scripts/serve.sh), tests/deploy and
bench/load.py all start nginx from this, so what they run is the shipped file. Standard library
only: it runs before the project is installed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
SERVER_BLOCK = DEPLOY / "nginx.conf"
STATIC_SERVER_BLOCK = DEPLOY / "nginx-static.conf"  # a static-only host: no gunicorn, no logs
SECURITY_HEADERS = DEPLOY / "security-headers.conf"
BROTLI_STATIC = DEPLOY / "brotli-static.conf"
BROTLI_MODULE = "ngx_http_brotli_static_module.so"


def nginx_binary() -> str | None:
    """nginx on PATH, or where Debian puts it (/usr/sbin is not on a normal user's PATH)."""
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None


def brotli_module(nginx: str) -> Path | None:
    """The brotli_static module's file, if the Debian package is installed for this nginx."""
    try:
        built = subprocess.run([nginx, "-V"], capture_output=True, text=True).stderr
    except OSError:  # no nginx here: the configuration is only written, not run
        return None
    match = re.search(r"--modules-path=(\S+)", built)
    module = Path(match.group(1) if match else "/usr/lib/nginx/modules") / BROTLI_MODULE
    return module if module.is_file() else None


def substitute(text: str, line: str, replacement: str | None, count: int = 1) -> str:
    """Replace each whole line that is ``line`` (a regular expression, indentation kept), or drop
    it when ``replacement`` is None. It must be found exactly ``count`` times: if the shipped file
    changes shape, this fails here rather than run a configuration that is not the shipped one."""
    pattern = rf"^([ \t]*){line}$\n"
    text, found = re.subn(
        pattern,
        lambda match: "" if replacement is None else f"{match.group(1)}{replacement}\n",
        text,
        flags=re.M,
    )
    if found != count:
        raise ValueError(f"{line!r} found {found} times in the configuration, expected {count}")
    return text


def server_block(
    *, root: Path, listen: str, upstream: str, logs: Path, brotli: bool, static: bool = False
) -> str:
    """The shipped server block (nginx-static.conf when ``static``) for this machine."""
    config = (STATIC_SERVER_BLOCK if static else SERVER_BLOCK).read_text()
    dynamic = 0 if static else 1  # how often the lines only nginx.conf has must be found
    for line, replacement, count in (
        (r"listen 80;", f"listen {listen};", 1),
        (r"listen \[::\]:80;", None, 1),
        (r"root [^;]+;", f"root {root};", 1),
        (
            r"include /etc/nginx/snippets/osl-brotli-static\*\.conf;",
            f"include {BROTLI_STATIC};" if brotli else "# (no brotli_static module here)",
            1,
        ),
        (r"server 127\.0\.0\.1:8000;", f"server {upstream};", dynamic),
        (
            r"access_log /var/log/nginx/osl-access\.log osl_private;",
            f"access_log {logs / 'access.log'} osl_private;",
            dynamic,
        ),
        (
            r"error_log /var/log/nginx/osl-error\.log crit;",
            f"error_log {logs / 'error.log'} crit;",
            dynamic,
        ),
        (
            r"include /etc/nginx/snippets/osl-security-headers\.conf;",
            f"include {SECURITY_HEADERS};",
            dynamic,
        ),
    ):
        config = substitute(config, line, replacement, count)
    return config


def write(
    prefix: Path,
    *,
    root: Path,
    listen: str = "127.0.0.1:8080",
    upstream: str = "127.0.0.1:8000",
    workers: str = "auto",
    nginx: str | None = None,
    static: bool = False,
) -> Path:
    """Write PREFIX/nginx.conf and PREFIX/server.conf; return the main file."""
    prefix, root = Path(prefix).resolve(), Path(root).resolve()
    nginx = nginx or nginx_binary() or "nginx"
    module = brotli_module(nginx)
    logs, temp = prefix / "logs", prefix / "tmp"
    for folder in (logs, temp):
        folder.mkdir(parents=True, exist_ok=True)
    server = prefix / "server.conf"
    server.write_text(
        server_block(
            root=root,
            listen=listen,
            upstream=upstream,
            logs=logs,
            brotli=bool(module),
            static=static,
        )
    )
    source = STATIC_SERVER_BLOCK if static else SERVER_BLOCK
    lines = [f"# Written by deploy/local.py from {source}: edit that file, not this one."]
    if os.geteuid() == 0:
        # Run the workers as whoever started nginx. Started by root, nginx would otherwise run
        # them as "nobody", which cannot read a checkout in a folder only root may enter (a
        # `mktemp -d` folder, a home directory): every file would be a 403. Root's workers can
        # do nothing its master could not, and they listen on loopback only. On a real server,
        # Debian's nginx runs them as www-data and the site lives in /srv, readable by all.
        lines.append("user root;")
    if module:
        lines.append(f"load_module {module};")
    lines += [
        f"worker_processes {workers};",
        f"pid {prefix / 'nginx.pid'};",
        f"error_log {logs / 'error.log'} warn;",
        "events { worker_connections 1024; }",
        "http {",
        # Temporary files under the prefix too, so nothing needs /var/lib/nginx (or root).
        *(
            f"    {kind}_temp_path {temp / kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        ),
        f"    include {server};",
        "}",
    ]
    main = prefix / "nginx.conf"
    main.write_text("\n".join(lines) + "\n")
    return main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("prefix", type=Path, help="nginx's own folder (config, logs, pid)")
    parser.add_argument("--root", type=Path, required=True, help="the frozen site (make freeze)")
    parser.add_argument("--listen", default="127.0.0.1:8080")
    parser.add_argument("--upstream", default="127.0.0.1:8000", help="where gunicorn listens")
    parser.add_argument("--workers", default="auto")
    parser.add_argument("--static", action="store_true", help="deploy/nginx-static.conf instead")
    args = parser.parse_args()
    print(
        write(
            args.prefix,
            root=args.root,
            listen=args.listen,
            upstream=args.upstream,
            workers=args.workers,
            static=args.static,
        )
    )


if __name__ == "__main__":
    main()
