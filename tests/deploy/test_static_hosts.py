"""Static-only hosts: deploy/nginx-static.conf serving the export alone, and deploy/_headers.

With no gunicorn, `/` is the export's language chooser and search runs in the browser (that
search, in a real browser, belongs with the other browser tests in tests/browser).
"""

from __future__ import annotations

import re

import pytest

from app.security import HSTS, SECURITY_HEADERS
from tests.deploy.servers import ROOT, fetch, local, run_nginx
from tests.support.net import free_port

pytestmark = pytest.mark.slow

STATIC_BLOCK = ROOT / "deploy" / "nginx-static.conf"
NETLIFY_HEADERS = ROOT / "deploy" / "_headers"
YEAR = "public, max-age=31536000, immutable"


def test_static_server_block_sends_exactly_the_apps_security_headers():
    config = STATIC_BLOCK.read_text()
    headers = re.findall(r'^\s*add_header ([\w-]+) "([^"]*)" always;$', config, re.M)
    assert dict(headers) == SECURITY_HEADERS and len(headers) == len(SECURITY_HEADERS)
    assert re.search(r"^\s*server_tokens off;$", config, re.M)
    assert re.search(r"^\s*access_log off;$", config, re.M)
    # A location with an add_header of its own would silently drop the server's headers.
    for block in re.findall(r"location [^{]+\{([^}]*)\}", config):
        assert "add_header" not in block


def test_netlify_headers_file_matches_the_app():
    rules: dict[str, dict[str, str]] = {}
    current = None
    for line in NETLIFY_HEADERS.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            current = rules.setdefault(line.strip(), {})
            continue
        name, value = line.strip().split(": ", 1)
        current[name] = value
    # These hosts serve HTTPS only, so HSTS belongs with the rest.
    assert rules["/*"] == {**SECURITY_HEADERS, "Strict-Transport-Security": HSTS}
    assert rules["/static/*"] == {"Cache-Control": YEAR}


@pytest.fixture(scope="module")
def static_site(nginx, export, tmp_path_factory):
    prefix = tmp_path_factory.mktemp("static-host")
    port = free_port()
    conf = local.write(
        prefix, root=export.root, listen=f"127.0.0.1:{port}", workers="1", static=True
    )
    with run_nginx(nginx, prefix, conf, port) as server:
        yield server.base


def assert_security_headers(headers, where) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert headers.get_all(name) == [value], (where, name, headers.get_all(name))
    assert headers.get("Server") == "nginx", where
    assert "Set-Cookie" not in headers, where


@pytest.mark.parametrize(
    "path", ["/", "/en/", "/en/search/", "/sitemap.xml", "/en/search/index.json"]
)
def test_pages_are_served_as_frozen_precompressed_with_every_header(static_site, export, path):
    plain = fetch(static_site, path)
    assert plain.status == 200 and plain.body == export.file_for(path).read_bytes(), path
    assert plain.headers.get_all("Cache-Control") == ["max-age=300"], path
    assert_security_headers(plain.headers, path)
    gz = fetch(static_site, path, headers={"Accept-Encoding": "gzip"})
    frozen = export.file_for(path)
    assert gz.headers["Content-Encoding"] == "gzip", path
    assert gz.body == frozen.with_name(frozen.name + ".gz").read_bytes(), path


def test_static_files_are_kept_a_year(static_site, export):
    for path in sorted((export.root / "static").iterdir()):
        if path.suffix in (".gz", ".br"):
            continue
        response = fetch(static_site, f"/static/{path.name}")
        assert response.status == 200 and response.body == path.read_bytes()
        assert response.headers.get_all("Cache-Control") == [YEAR], path.name
        assert_security_headers(response.headers, path.name)


@pytest.mark.parametrize("path", ["/nothing/", "/static/nothing.css", "/static/", "/404.html"])
def test_missing_files_get_the_404_page(static_site, export, path):
    response = fetch(static_site, path)
    assert response.status == 404
    assert response.body == (export.root / "404.html").read_bytes()
    assert_security_headers(response.headers, path)


def test_a_folder_without_its_slash_is_a_relative_redirect(static_site):
    response = fetch(static_site, "/en", headers={"Host": "evil.example"})
    assert response.status == 301 and response.headers["Location"] == "/en/"


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_only_get_and_head(static_site, method):
    response = fetch(static_site, "/en/", method=method)
    assert response.status == 405
    assert_security_headers(response.headers, method)
