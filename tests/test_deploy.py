"""deploy/: the nginx configuration serves the app with the same headers, over TLS."""

import os
import re
import shutil
import signal
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from app.security import HSTS, SECURITY_HEADERS
from tests.net import free_port

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def header_lines(text: str) -> dict:
    return dict(re.findall(r'^add_header ([\w-]+) "([^"]*)" always;$', text, re.M))


def test_nginx_security_headers_match_the_app():
    headers = header_lines((ROOT / "deploy" / "security-headers.conf").read_text())
    assert headers == {**SECURITY_HEADERS, "Strict-Transport-Security": HSTS}


def test_nginx_log_format_has_no_client_details():
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    log_format = re.search(r"log_format osl_private ([^;]+);", config).group(1)
    for variable in (
        "$remote_addr",
        "$http_user_agent",
        "$http_referer",
        "$request_uri",
        "$args",
        "$query_string",
        "$http_x_forwarded_for",
        "$request ",
    ):
        assert variable not in log_format
    assert "X-Forwarded-For" not in config.split("No X-Forwarded-For")[0].split("location / {")[-1]


def wait_for(url: str, context=None) -> None:
    for _ in range(150):
        try:
            urllib.request.urlopen(url, timeout=2, context=context).close()
            return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, ConnectionError, OSError):
            time.sleep(0.1)
    pytest.fail(f"{url} did not come up")


@pytest.fixture(scope="module")
def proxied_site(tmp_path_factory):
    if not Path(NGINX).exists():
        if os.environ.get("OSL_REQUIRE_BROWSER"):
            pytest.fail("nginx is required in CI (scripts/system-deps.sh installs nginx-light)")
        pytest.skip("nginx is not installed: run `make system-deps` as root to test deploy/")
    tmp = tmp_path_factory.mktemp("nginx")
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-keyout",
            str(tmp / "key.pem"),
            "-out",
            str(tmp / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )
    app_port, tls_port, http_port = free_port(), free_port(), free_port()
    server = (ROOT / "deploy" / "nginx.conf").read_text()
    server = (
        server.replace("127.0.0.1:8000", f"127.0.0.1:{app_port}")
        .replace("listen 443 ssl http2;", f"listen 127.0.0.1:{tls_port} ssl http2;")
        .replace("listen [::]:443 ssl http2;", "")
        .replace("listen 80;", f"listen 127.0.0.1:{http_port};")
        .replace("listen [::]:80;", "")
        .replace("/etc/letsencrypt/live/opensafetylessons.org/fullchain.pem", str(tmp / "cert.pem"))
        .replace("/etc/letsencrypt/live/opensafetylessons.org/privkey.pem", str(tmp / "key.pem"))
        .replace(
            "/etc/nginx/snippets/osl-security-headers.conf",
            str(ROOT / "deploy" / "security-headers.conf"),
        )
        .replace("/srv/opensafetylessons/static/", str(ROOT / "static") + "/")
        .replace("/var/log/nginx/", str(tmp) + "/")
    )
    (tmp / "server.conf").write_text(server)
    (tmp / "nginx.conf").write_text(
        f"daemon off;\nworker_processes 1;\npid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\n"
        "events { worker_connections 64; }\n"
        f"http {{\n include /etc/nginx/mime.types;\n client_body_temp_path {tmp};\n"
        f" proxy_temp_path {tmp};\n fastcgi_temp_path {tmp};\n uwsgi_temp_path {tmp};\n"
        f" scgi_temp_path {tmp};\n include {tmp}/server.conf;\n}}\n"
    )
    env = dict(
        os.environ, OSL_BIND=f"127.0.0.1:{app_port}", OSL_WORKERS="1", FLASK_PRERENDER="false"
    )
    app_server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    nginx = subprocess.Popen(
        [NGINX, "-c", str(tmp / "nginx.conf"), "-e", str(tmp / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    base = f"https://127.0.0.1:{tls_port}"
    try:
        wait_for(f"http://127.0.0.1:{app_port}/en/")
        wait_for(base + "/en/", context)
        yield base, context, tmp
    finally:
        nginx.send_signal(signal.SIGQUIT)
        app_server.send_signal(signal.SIGTERM)
        nginx.wait(timeout=20)
        app_server.wait(timeout=20)


def fetch(base, context, path, method="GET"):
    request = urllib.request.Request(base + path, method=method)
    try:
        return urllib.request.urlopen(request, timeout=10, context=context)
    except urllib.error.HTTPError as error:
        return error


def test_nginx_serves_pages_assets_and_errors_with_every_header(proxied_site):
    base, context, tmp = proxied_site
    page = fetch(base, context, "/en/parents/")
    assert page.status == 200
    html = page.read().decode()
    css = re.search(r'href="(/static/site\.[0-9a-f]{10}\.css)"', html).group(1)
    asset = fetch(base, context, css)
    assert asset.status == 200
    assert asset.read() == (ROOT / "static" / "site.css").read_bytes()
    assert "immutable" in asset.headers["Cache-Control"]
    for response in (
        page,
        asset,
        fetch(base, context, "/en/nowhere/"),
        fetch(base, context, "/en/", method="POST"),
    ):
        for name, value in {**SECURITY_HEADERS, "Strict-Transport-Security": HSTS}.items():
            assert response.headers.get_all(name) == [value], (name, response.headers.get_all(name))
        assert response.headers.get("Server") == "nginx"
        assert response.headers.get("Set-Cookie") is None
    assert fetch(base, context, "/en/nowhere/").status == 404
    assert fetch(base, context, "/en/", method="POST").status == 405
    log = (tmp / "osl-access.log").read_text()
    assert "/en/parents/" in log and "127.0.0.1" not in log
