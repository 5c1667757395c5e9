"""Production (deploy/nginx.conf): nginx serves the frozen export, gunicorn only `/` and search.

nginx and gunicorn run as `make serve` runs them: the configuration deploy/local.py writes from
the shipped files, gunicorn.conf.py and wsgi.py, each on a free loopback port.
"""

from __future__ import annotations

import gzip
import re
import shutil
import time
from pathlib import Path

import pytest

from app import create_app
from app.render.office import MIMETYPES as OFFICE_TYPES
from app.security import HSTS, SECURITY_HEADERS
from tests.deploy.servers import ROOT, fetch, local, run_gunicorn, run_nginx
from tests.support.net import free_port
from tests.support.tools import tool_missing

pytestmark = pytest.mark.slow

DEPLOY = ROOT / "deploy"
YEAR = "public, max-age=31536000, immutable"
# What a reader's browser sends, and what must never reach a log.
SECRET_QUERY = "q=secret-words"
AGENT = "UniqueAgent/1.0"
REFERRER = "https://referrer.example/"


@pytest.fixture(scope="module")
def production(nginx, export, tmp_path_factory):
    """nginx from deploy/nginx.conf in front of gunicorn, as `make serve` runs them."""
    tmp = tmp_path_factory.mktemp("production")
    port, app_port = free_port(), free_port()
    with run_gunicorn(export.content, app_port, tmp / "gunicorn.log"):
        conf = local.write(
            tmp / "nginx",
            root=export.root,
            listen=f"127.0.0.1:{port}",
            upstream=f"127.0.0.1:{app_port}",
            workers="1",
            nginx=nginx,
        )
        with run_nginx(nginx, tmp / "nginx", conf, port) as server:
            yield server, tmp / "gunicorn.log"


@pytest.fixture(scope="module")
def base(production) -> str:
    return production[0].base


@pytest.fixture(scope="module")
def live(export):
    """The app itself, on the same content: what nginx must agree with."""
    return create_app({"TESTING": True, "CONTENT_DIR": export.content}).test_client()


def logged(log: Path, line: str, seconds: float = 5) -> bool:
    """Whether ``line`` shows up in ``log``: gunicorn writes it just after it answered."""
    deadline = time.monotonic() + seconds
    while line not in log.read_text():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def assert_security_headers(headers, where) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert headers.get_all(name) == [value], (where, name, headers.get_all(name))
    assert headers.get("Strict-Transport-Security") is None, where  # plain HTTP here
    assert headers.get("Server") == "nginx", where  # no version
    assert "Set-Cookie" not in headers, where


def dynamic(path: str) -> bool:
    return path == "/" or re.fullmatch(r"/[^/]+/search/", path) is not None


def compressed_files(export, suffix: str) -> list[tuple[str, Path]]:
    """(URL path, compressed file) for each .gz or .br sibling of a file nginx serves as is."""
    found = []
    for path in sorted(export.root.rglob(f"*{suffix}")):
        url = "/" + path.relative_to(export.root).as_posix().removesuffix(suffix)
        url = url.removesuffix("index.html")
        if not dynamic(url) and url != "/404.html":
            found.append((url, path))
    assert found, suffix
    return found


def export_files(export) -> list[str]:
    """Every file of the export a reader can ask for, as a URL path (no .gz/.br, no 404.html)."""
    files = []
    for path in sorted(export.root.rglob("*")):
        relative = path.relative_to(export.root).as_posix()
        if path.is_file() and path.suffix not in (".gz", ".br") and relative != "404.html":
            files.append("/" + relative.removesuffix("index.html"))
    return files


# -- the shipped files ---------------------------------------------------------------------------
def test_security_headers_file_matches_the_app():
    text = (DEPLOY / "security-headers.conf").read_text()
    headers = re.findall(r'^add_header ([\w-]+) "([^"]*)" always;$', text, re.M)
    assert dict(headers) == SECURITY_HEADERS and len(headers) == len(SECURITY_HEADERS)
    # HSTS is there for HTTPS, commented out until the site is served over HTTPS only.
    assert re.findall(
        r'^# add_header Strict-Transport-Security "([^"]*)" always;$', text, re.M
    ) == [HSTS]


def test_log_format_has_no_client_details():
    config = (DEPLOY / "nginx.conf").read_text()
    log_format = re.search(r"^log_format osl_private ([^;]+);", config, re.M).group(1)
    variables = set(re.findall(r"\$\w+", log_format))
    assert variables == {
        "$time_iso8601",
        "$request_method",
        "$osl_path",
        "$status",
        "$body_bytes_sent",
        "$request_time",
    }
    # $osl_path is the request's path: everything before the "?".
    assert re.search(
        r'map \$request_uri \$osl_path \{\s*"~\^\(\?<path>\[\^\?\]\*\)" \$path;', config
    )
    for header in ("X-Forwarded-For", "X-Real-IP", "Forwarded "):
        assert not re.search(rf"^\s*proxy_set_header {header}", config, re.M | re.I), header


def test_both_configurations_send_the_types_of_the_editable_plans():
    """The export holds DOCX, ODT, PPTX and ODP files (app/render/office.py)."""
    for name in ("nginx.conf", "nginx-static.conf"):
        types = (DEPLOY / name).read_text().split("types {", 1)[1].split("}", 1)[0]
        for suffix, mimetype in OFFICE_TYPES.items():
            assert re.search(rf"^\s*{re.escape(mimetype)} {suffix};$", types, re.M), (name, suffix)


def test_every_access_log_line_is_private():
    config = (DEPLOY / "nginx.conf").read_text()
    logs = re.findall(r"^\s*access_log (\S+)(?: (\S+))?;", config, re.M)
    assert logs and all(fmt == "osl_private" for _path, fmt in logs), logs


# -- every file of the export ------------------------------------------------------------------
def test_every_file_is_served_as_frozen_with_every_header(base, export, live):
    files = export_files(export)
    assert len(files) > 20, files
    for path in files:
        if dynamic(path):  # answered by gunicorn: below
            continue
        response = fetch(base, path)
        assert response.status == 200, path
        assert response.body == export.file_for(path).read_bytes(), path
        suffix = path.rsplit(".", 1)[-1]
        if path.endswith(".pdf"):  # (the app would render it again: slow)
            assert response.headers["Content-Type"] == "application/pdf", path
        elif suffix in OFFICE_TYPES:  # (the same: pandoc, python-pptx, odfpy)
            assert response.headers["Content-Type"] == OFFICE_TYPES[suffix], path
        else:
            with live.get(path) as expected:
                # (Only an OSL_DEPLOY_SITE export older than the code has files the app lacks.)
                if expected.status_code == 200:
                    assert response.headers["Content-Type"] == expected.headers["Content-Type"], (
                        path
                    )
        assert_security_headers(response.headers, path)
        if path.startswith("/static/"):
            assert response.headers.get_all("Cache-Control") == [YEAR], path
        else:
            assert response.headers.get_all("Cache-Control") == ["max-age=300"], path


def test_text_files_are_sent_gzip_precompressed(base, export):
    for path, gz in compressed_files(export, ".gz"):
        response = fetch(base, path, headers={"Accept-Encoding": "gzip"})
        assert response.status == 200, path
        assert response.headers["Content-Encoding"] == "gzip", path
        # The export's own bytes (gzip level 9, no time stamp), not compressed again on the fly.
        assert response.body == gz.read_bytes(), path
        assert response.headers["Content-Length"] == str(gz.stat().st_size), path
        assert "Accept-Encoding" in response.headers["Vary"], path
        assert_security_headers(response.headers, path)


def test_brotli_is_sent_precompressed_where_the_module_is_installed(base, export, nginx):
    if local.brotli_module(nginx) is None:
        tool_missing("libnginx-mod-http-brotli-static is not installed", "nginx sends gzip only")
    for path, br in compressed_files(export, ".br"):
        # Preferred to gzip when a browser takes both, as every current one does.
        response = fetch(base, path, headers={"Accept-Encoding": "gzip, deflate, br"})
        assert response.status == 200, path
        assert response.headers["Content-Encoding"] == "br", path
        assert response.body == br.read_bytes(), path
        assert_security_headers(response.headers, path)


def test_without_accept_encoding_nothing_is_compressed(base, export):
    response = fetch(base, "/en/")
    assert "Content-Encoding" not in response.headers
    assert response.body == export.file_for("/en/").read_bytes()


@pytest.mark.parametrize(
    "path",
    [
        "/nothing/",
        "/nothing",
        "/en/parents/nothing/",
        "/static/nothing.css",
        "/static/",
        "/en/search/x.json",
        "/en/figures/sources/",  # a folder with no page of its own
        "/404.html",  # the 404 page is not a page
    ],
)
def test_missing_files_get_the_404_page_with_every_header(base, export, path):
    response = fetch(base, path)
    assert response.status == 404, path
    assert response.body == (export.root / "404.html").read_bytes()
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Cache-Control" not in response.headers, path
    assert_security_headers(response.headers, path)


def test_the_404_page_is_precompressed_too(base, export):
    response = fetch(base, "/nothing/", headers={"Accept-Encoding": "gzip"})
    assert response.status == 404 and response.headers["Content-Encoding"] == "gzip"
    assert response.body == (export.root / "404.html.gz").read_bytes()


def test_a_folder_without_its_slash_is_a_relative_redirect(base):
    for host in (None, "evil.example"):
        response = fetch(base, "/en/parents?a=1", headers={"Host": host} if host else {})
        assert response.status == 301
        assert response.headers["Location"] == "/en/parents/?a=1"
        assert_security_headers(response.headers, host)


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
@pytest.mark.parametrize("path", ["/en/", "/", "/en/search/", "/static/x.css"])
def test_only_get_and_head_and_nginx_answers_the_rest(production, method, path):
    server, gunicorn_log = production
    response = fetch(server.base, path, method=method)
    assert response.status == 405, (method, path)
    assert_security_headers(response.headers, (method, path))
    assert f'"{method} ' not in gunicorn_log.read_text()  # never passed on


def test_head_is_answered_without_a_body(base):
    response = fetch(base, "/en/", method="HEAD")
    assert response.status == 200 and response.body == b""


# -- what gunicorn answers ---------------------------------------------------------------------
def test_root_redirects_by_accept_language_through_gunicorn(production):
    server, gunicorn_log = production
    response = fetch(server.base, "/", headers={"Accept-Language": "es-MX,es;q=0.9"})
    assert response.status == 302
    assert response.headers["Location"] == "/es/"
    assert "Accept-Language" in response.headers["Vary"]
    assert response.headers["Cache-Control"] == "no-store"
    assert_security_headers(response.headers, "/")  # each once: the app's copies are hidden
    assert logged(gunicorn_log, '"GET /" 302')


def test_search_with_a_query_is_answered_by_gunicorn(production, export):
    server, gunicorn_log = production
    response = fetch(server.base, "/en/search/?q=report", headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    # Compressed on the fly: the results are not a file.
    assert response.headers["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.body).decode()
    # Results rendered by the server, each a page of the export.
    results = re.findall(r'<li[^>]*>\s*<a href="([^"]+)"', html.split("search-results__list")[1])
    assert results and all(export.file_for(href).is_file() for href in results), results
    assert response.headers["Cache-Control"] == "no-store"
    assert_security_headers(response.headers, "search")
    assert logged(gunicorn_log, '"GET /en/search/" 200')  # the path only, never the words


def test_an_unknown_host_is_never_sent_back_in_a_redirect(base):
    for path in ("/", "/en", "/en/parents", "/en/search/?q=report", "/es"):
        response = fetch(base, path, headers={"Host": "evil.example", "Accept-Language": "es"})
        assert "evil.example" not in (response.headers.get("Location") or ""), path
    # Flask's TRUSTED_HOSTS refuses it outright where the app answers.
    assert fetch(base, "/", headers={"Host": "evil.example"}).status == 400


def test_logs_have_no_address_query_or_user_agent(production):
    server, gunicorn_log = production
    headers = {"User-Agent": AGENT, "Referer": REFERRER}
    for path in ("/en/parents/", "/en/search/", "/", "/nothing/", "/xx/search/"):
        fetch(server.base, f"{path}?{SECRET_QUERY}", headers=headers)
    fetch(server.base, f"/en/?{SECRET_QUERY}", method="POST", headers=headers)
    # Each server writes its line just after answering: wait for the last ones.
    assert logged(gunicorn_log, '"GET /xx/search/" 404')
    assert logged(server.access_log, '"POST /en/" 405')
    access = server.access_log.read_text()
    assert '"GET /en/parents/" 200' in access
    assert '"GET /nothing/" 404' in access  # the path asked for, not /404.html
    for log in (access, server.error_log.read_text(), gunicorn_log.read_text()):
        for leak in ("127.0.0.1", "secret-words", AGENT, "referrer.example"):
            assert leak not in log, (leak, log[-2000:])


# -- gunicorn down, or a folder no one else may read -------------------------------------------
def test_without_gunicorn_root_and_search_fall_back_to_their_frozen_pages(nginx, export, tmp_path):
    port = free_port()
    dead = f"127.0.0.1:{free_port()}"  # nothing listens there
    conf = local.write(
        tmp_path, root=export.root, listen=f"127.0.0.1:{port}", upstream=dead, workers="1"
    )
    with run_nginx(nginx, tmp_path, conf, port) as server:
        for path in ("/", "/en/search/?q=report"):
            response = fetch(server.base, path)
            assert response.status == 200, path
            assert response.body == export.file_for(path).read_bytes(), path
            assert_security_headers(response.headers, path)
            assert "Cache-Control" not in response.headers  # a stand-in: not to be kept
        assert "127.0.0.1" not in server.error_log.read_text()


def test_a_site_in_a_folder_only_its_owner_can_read_is_served(nginx, export, tmp_path):
    # As a checkout in a fresh `mktemp -d` (mode 700), owned by whoever runs the tests.
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    shutil.copytree(export.root, private / "site")
    port = free_port()
    conf = local.write(
        tmp_path / "nginx", root=private / "site", listen=f"127.0.0.1:{port}", workers="1"
    )
    with run_nginx(nginx, tmp_path / "nginx", conf, port) as server:
        for path in (
            "/en/",
            "/sitemap.xml",
            "/static/" + next((private / "site/static").iterdir()).name,
        ):
            assert fetch(server.base, path).status == 200, path


def test_the_generated_configuration_is_the_shipped_one(export, tmp_path):
    conf = local.write(tmp_path, root=export.root, listen="127.0.0.1:1", upstream="127.0.0.1:2")
    shipped = (DEPLOY / "nginx.conf").read_text().splitlines()
    written = (tmp_path / "server.conf").read_text().splitlines()
    changed = [line.strip() for line in written if line not in shipped]
    # Only addresses, the folder, log files and snippet paths differ.
    assert all(
        re.match(r"(listen|root|server|access_log|error_log|include|# \(no brotli)", line)
        for line in changed
    ), changed
    assert "server.conf" in conf.read_text()
    assert Path(tmp_path / "server.conf").read_text().count("proxy_pass") == 2
