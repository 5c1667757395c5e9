"""The static export behind the shipped nginx server block (deploy/nginx-static.conf).

nginx runs in the foreground on a free loopback port with a temporary main configuration that
includes the shipped server block, serving the folder tests/test_freeze.py froze. Without nginx
these tests are skipped with a loud reason, unless OSL_REQUIRE_BROWSER is set (CI): then a missing
nginx is a failure. deploy/_headers (Netlify, Cloudflare Pages) is checked against the same
constants.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from app.security import HSTS, SECURITY_HEADERS
from tests.net import free_port
from tests.test_freeze import file_for, frozen

ROOT = Path(__file__).resolve().parent.parent
SERVER_BLOCK = ROOT / "deploy" / "nginx-static.conf"
NETLIFY_HEADERS = ROOT / "deploy" / "_headers"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


# -- the files match app/security.py -------------------------------------------------------------
def test_nginx_server_block_sends_exactly_the_apps_security_headers():
    config = SERVER_BLOCK.read_text()
    headers = re.findall(r'^\s*add_header ([\w-]+) "([^"]*)" always;$', config, re.M)
    assert dict(headers) == SECURITY_HEADERS
    assert len(headers) == len(SECURITY_HEADERS)  # each once
    assert re.search(r"^\s*server_tokens off;$", config, re.M)
    assert re.search(r"^\s*try_files \$uri \$uri/index\.html =404;$", config, re.M)
    assert re.search(r"^\s*error_page 404 /404\.html;$", config, re.M)
    # A location with an add_header of its own would silently drop the server's headers.
    for block in re.findall(r"location [^{]+\{([^}]*)\}", config):
        assert "add_header" not in block


def test_netlify_headers_file_matches_the_app():
    text = NETLIFY_HEADERS.read_text()
    rules: dict[str, dict[str, str]] = {}
    current = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            current = rules.setdefault(line.strip(), {})
            continue
        name, value = line.strip().split(": ", 1)
        current[name] = value
    # These hosts serve HTTPS only, so HSTS belongs with the rest.
    assert rules["/*"] == {**SECURITY_HEADERS, "Strict-Transport-Security": HSTS}
    assert rules["/static/*"] == {"Cache-Control": "public, max-age=31536000, immutable"}


# -- nginx serving the export --------------------------------------------------------------------


def server_block_for(root: Path, port: int) -> str:
    """The shipped block with only its address and folder changed."""
    config = SERVER_BLOCK.read_text()
    replacements = {
        r"^(\s*)listen 80;$": rf"\g<1>listen 127.0.0.1:{port};",
        r"^\s*listen \[::\]:80;\n": "",
        r"^(\s*)root [^;]+;$": rf"\g<1>root {root};",
    }
    for pattern, replacement in replacements.items():
        config, count = re.subn(pattern, replacement, config, flags=re.M)
        assert count == 1, pattern
    return config


@pytest.fixture(scope="module")
def static_server(tmp_path_factory):
    if not Path(NGINX).exists():
        if os.environ.get("OSL_REQUIRE_BROWSER"):
            pytest.fail("nginx is required in CI: scripts/system-deps.sh installs nginx-light")
        pytest.skip(
            "NGINX NOT INSTALLED: the static export was not tested behind nginx "
            "(run `make system-deps` as root to install nginx-light)"
        )
    site = frozen(tmp_path_factory)
    tmp = tmp_path_factory.mktemp("nginx-static")
    port = free_port()
    (tmp / "server.conf").write_text(server_block_for(site.root, port))
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the pytest tmp folder
    (tmp / "nginx.conf").write_text(
        f"{user}worker_processes 1;\npid {tmp}/nginx.pid;\n"
        "events { worker_connections 64; }\n"
        f"http {{\n client_body_temp_path {tmp};\n proxy_temp_path {tmp};\n"
        f" fastcgi_temp_path {tmp};\n uwsgi_temp_path {tmp};\n scgi_temp_path {tmp};\n"
        f" include {tmp}/server.conf;\n}}\n"
    )
    check = subprocess.run(
        [NGINX, "-t", "-q", "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-e", "stderr"],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr
    assert "warn" not in check.stderr, check.stderr
    nginx = subprocess.Popen(
        [NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-e", str(tmp / "error.log")]
        + ["-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if nginx.poll() is not None:
                    pytest.fail("nginx exited: " + (tmp / "error.log").read_text())
                time.sleep(0.1)
        yield base, site
    finally:
        nginx.send_signal(signal.SIGQUIT)
        try:
            nginx.wait(timeout=20)
        except subprocess.TimeoutExpired:
            nginx.kill()
            nginx.wait(timeout=5)


def fetch(base: str, path: str, method: str = "GET"):
    request = urllib.request.Request(base + path, method=method)
    try:
        response = urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        return response.status, response.headers, response.read()


def assert_security_headers(headers, where):
    for name, value in SECURITY_HEADERS.items():
        assert headers.get_all(name) == [value], (where, name, headers.get_all(name))
    assert headers.get("Server") == "nginx", where  # no version
    assert "Set-Cookie" not in headers, where


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/", "text/html; charset=utf-8"),
        ("/en/", "text/html; charset=utf-8"),
        ("/en/parents/", "text/html; charset=utf-8"),
        ("/zh-Hans/parents/sextortion/", "text/html; charset=utf-8"),
        ("/ar/figures/", "text/html; charset=utf-8"),
        ("/en/search/?q=report", "text/html; charset=utf-8"),
        ("/vi/search/index.json", "application/json; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/es/classroom/catalogue.json", "application/json; charset=utf-8"),
    ],
)
def test_pages_are_served_as_frozen_with_every_header(static_server, path, content_type):
    base, site = static_server
    status, headers, body = fetch(base, path)
    assert status == 200, path
    assert headers["Content-Type"] == content_type
    assert body == file_for(site.root, path).read_bytes()
    assert_security_headers(headers, path)
    assert "max-age=300" in headers["Cache-Control"]


def test_pdfs_are_served_as_pdf(static_server):
    base, site = static_server
    pdfs = sorted(site.root.rglob("*.pdf"))
    if not pdfs:
        pytest.skip("the export has no PDFs (no classroom plans)")
    status, headers, body = fetch(base, "/" + pdfs[0].relative_to(site.root).as_posix())
    assert status == 200 and headers["Content-Type"] == "application/pdf"
    assert_security_headers(headers, "pdf")


def test_static_files_are_cached_for_a_year(static_server):
    base, site = static_server
    for path in sorted((site.root / "static").iterdir()):
        status, headers, body = fetch(base, f"/static/{path.name}")
        assert status == 200 and body == path.read_bytes()
        assert headers["Cache-Control"] == "max-age=31536000", path.name
        expected = {".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml"}[
            path.suffix
        ]
        assert headers["Content-Type"].split(";")[0] == expected
        assert_security_headers(headers, path.name)


@pytest.mark.parametrize(
    "path", ["/nothing/", "/en/parents/nothing/", "/static/nothing.css", "/en/search/x.json"]
)
def test_missing_files_get_the_404_page_with_every_header(static_server, path):
    base, site = static_server
    status, headers, body = fetch(base, path)
    assert status == 404
    assert body == (site.root / "404.html").read_bytes()
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert_security_headers(headers, path)


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_only_get_and_head(static_server, method):
    base, _site = static_server
    status, headers, _body = fetch(base, "/en/", method=method)
    assert status == 405
    assert_security_headers(headers, method)


def test_a_folder_without_slash_is_not_a_listing(static_server):
    base, _site = static_server
    status, _headers, body = fetch(base, "/static/")
    assert status == 404 and b"Index of" not in body


# -- search on the static site, in a real browser --------------------------------------------
def chromium():
    """Playwright and Debian's Chromium, as tests/browser uses them; skip or fail without."""
    try:
        from playwright.sync_api import sync_playwright

        from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
    except ImportError as error:
        missing = f"Playwright is not installed ({error})"
    else:
        path = shutil.which(CHROMIUM)
        if path:
            return sync_playwright, path, CHROMIUM_ARGS
        missing = f"Chromium not found at {CHROMIUM}"
    if os.environ.get("OSL_REQUIRE_BROWSER") == "1":
        pytest.fail(f"OSL_REQUIRE_BROWSER=1 and {missing}")
    pytest.skip(f"BROWSER TEST SKIPPED: {missing}")


def result_links(page) -> list[str]:
    return page.eval_on_selector_all(
        ".search-results__list li > a", "links => links.map(a => a.getAttribute('href'))"
    )


def test_static_search_finds_pages_in_the_browser(static_server):
    base, _site = static_server
    sync_playwright, path, args = chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=args)
        try:
            context = browser.new_context()
            page = context.new_page()
            problems = []

            def console(message):
                # Chromium asks for /favicon.ico by itself; the site has none.
                if message.type == "error" and "favicon.ico" not in message.location.get("url", ""):
                    problems.append(f"{message.text} {message.location}")

            page.on("console", console)
            page.on("pageerror", lambda error: problems.append(str(error)))
            requests, failed = [], []
            page.on("request", lambda request: requests.append(request.url))
            page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)

            page.goto(f"{base}/en/search/?q=Sextortion")
            page.wait_for_selector(".search-results__list li")
            assert "/en/parents/sextortion/" in result_links(page)
            assert page.input_value("#site-search-q") == "Sextortion"
            assert not page.is_visible("[data-static-search-message]")

            page.goto(f"{base}/zh-Hans/search/?q=勒索")  # two characters
            page.wait_for_selector(".search-results__list li")
            assert "/zh-Hans/parents/sextortion/" in result_links(page)

            page.goto(f"{base}/vi/search/?q=tre em")  # without the diacritics of "trẻ em"
            page.wait_for_selector(".search-results__list li")
            assert result_links(page)

            page.goto(f"{base}/es/search/?q=zqxjvw")
            page.wait_for_selector("[data-static-search] > p:not([data-static-search-message])")
            assert result_links(page) == []

            # No script errors, no CSP violations, nothing missing.
            assert failed == [] and problems == [], (failed, problems)
            assert all(url.startswith(base + "/") for url in requests), requests
            context.close()

            # Without JavaScript the page says why there are no results.
            context = browser.new_context(java_script_enabled=False)
            page = context.new_page()
            page.goto(f"{base}/en/search/?q=Sextortion")
            assert page.is_visible("[data-static-search-message]")
            assert result_links(page) == []
            context.close()
        finally:
            browser.close()
