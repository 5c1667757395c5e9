"""Headers, cookies, methods, hostile input, quick exit and the access log."""

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.security import SECURITY_HEADERS
from tests.crawl import html_pages
from tests.net import free_port

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; "
        "manifest-src 'none'; object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def assert_secure_headers(response, where=""):
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (where, name, response.headers.get(name))
    policy = response.headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy, where
    assert "Set-Cookie" not in response.headers, where
    server = response.headers.get("Server", "")
    assert not re.search(r"\d", server), (where, server)


def test_headers_on_every_crawled_url(crawled):
    assert any(r.status_code in (301, 302, 308) for r in crawled.values())
    assert any(url.startswith("/static/") for url in crawled)
    for url, response in crawled.items():
        assert_secure_headers(response, url)


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("GET", "/en/nothing/", 404),
        ("GET", "/static/nothing.css", 404),
        ("POST", "/en/", 405),
        ("TRACE", "/", 405),
        ("GET", "/en", 308),
        ("GET", "/", 302),
        ("HEAD", "/en/parents/", 200),
        ("GET", "/" + "x" * 4000, 414),
    ],
)
def test_headers_on_every_status(client, method, url, status):
    response = client.open(url, method=method)
    assert response.status_code == status
    assert_secure_headers(response, url)


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/en/").headers
    response = client.get("/en/", base_url="https://localhost")
    max_age = re.search(r"max-age=(\d+)", response.headers["Strict-Transport-Security"])
    assert int(max_age.group(1)) >= 31_536_000
    assert "includeSubDomains" in response.headers["Strict-Transport-Security"]


def test_static_files_are_same_origin_and_cached_immutably(client):
    html = client.get("/en/").get_data(as_text=True)
    script = re.search(r'<script src="(/static/[^"]+\.js)" defer></script>', html).group(1)
    style = re.search(r'<link rel="stylesheet" href="(/static/[^"]+\.css)">', html).group(1)
    for url in (script, style):
        response = client.get(url)
        assert response.status_code == 200
        assert "immutable" in response.headers["Cache-Control"]
        assert "max-age=31536000" in response.headers["Cache-Control"]
        assert_secure_headers(response, url)
    assert client.get(script).mimetype in ("text/javascript", "application/javascript")


def test_quick_exit_on_every_page_works_without_javascript(crawled):
    for url, response in html_pages(crawled).items():
        html = response.get_data(as_text=True)
        link = re.search(r'<a class="exit-this-page__button" href="([^"]+)" rel="([^"]+)">', html)
        assert link, url
        assert link.group(1) == "https://www.weather.gov/"
        assert "noreferrer" in link.group(2).split()
        # The skip link comes before the exit control and the header.
        assert html.index('class="skip-link"') < html.index("exit-this-page")


def test_quick_exit_script_handles_shift_presses():
    script = (ROOT / "static" / "site.js").read_text()
    assert "location.replace" in script
    assert '"Shift"' in script and "5000" in script


def test_no_cookies_or_sessions_anywhere(crawled, app):
    assert app.secret_key is None  # sessions cannot be written without a key
    for url, response in crawled.items():
        assert "Set-Cookie" not in response.headers, url


def test_no_post_forms_anywhere(crawled):
    for url, response in html_pages(crawled).items():
        html = response.get_data(as_text=True)
        for form in re.findall(r"<form\b[^>]*>", html):
            assert 'method="get"' in form, (url, form)


@pytest.mark.parametrize(
    "url",
    [
        "/en/%ff%fe/",
        "/en/%zz/",
        "/%00/",
        "/en/parents/%00/",
        "/en/parents/sextortion/?q=%ff",
        "/en/?" + "a=" + "b" * 5000,
        "/..%2f..%2fetc%2fpasswd",
        "/static/..%2fapp%2f__init__.py",
        "/static/../app/__init__.py",
        "/en/\\..\\..\\windows/",
        "/%2e%2e/",
        "/en/parents/" + "é" * 300 + "/",
    ],
)
def test_hostile_paths_get_a_clean_4xx(client, url):
    response = client.get(url)
    assert response.status_code < 500, (url, response.status_code)
    assert response.status_code != 200 or "?" in url, url
    assert b"Traceback" not in response.data
    assert_secure_headers(response, url)


@pytest.mark.parametrize(
    "headers",
    [
        {"Accept-Language": "x" * 100_000},
        {"Accept-Language": "en;q=1;q=2,,,;"},
        {"Host": "evil.example.com"},
        {"Host": "a" * 5000},
        {"Host": "localhost:notaport"},
        {"If-None-Match": "x" * 10_000},
        {"Accept-Encoding": "br;q=nope, gzip;q=" + "9" * 400},
        {"X-Forwarded-For": "1.2.3.4", "X-Forwarded-Proto": "https"},
    ],
)
def test_odd_headers_never_cause_a_5xx(client, headers):
    for url in ("/", "/en/", "/en/parents/sextortion/"):
        response = client.get(url, headers=headers)
        assert response.status_code < 500, (url, headers)
        assert_secure_headers(response, url)


PATH_ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyz-_.~/%?#&=+;:@!$'()*,")
    + ["%00", "%2e", "%2f", "%ff", "é", "中", "\\"]
)
SEGMENTS = st.sampled_from(
    ["en", "es", "ar", "zh-Hans", "parents", "classroom", "static", "figures", "search", "..", "."]
)


@settings(
    max_examples=3000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    segments=st.lists(
        st.one_of(SEGMENTS, st.lists(PATH_ALPHABET, max_size=12).map("".join)), max_size=6
    ),
    trailing=st.booleans(),
    query=st.text(max_size=80),
    method=st.sampled_from(["GET", "GET", "GET", "HEAD", "POST", "OPTIONS", "PUT"]),
    # Real servers never pass control characters through in header values.
    accept_language=st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=60),
    accept_encoding=st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30),
)
def test_fuzz_never_5xx_and_always_secure(
    client, segments, trailing, query, method, accept_language, accept_encoding
):
    # Passed straight into the WSGI environ, as a server would after decoding the request line.
    path = "/" + "/".join(segments) + ("/" if trailing else "")
    headers = {
        "Accept-Language": accept_language.encode("latin-1", "replace").decode("latin-1"),
        "Accept-Encoding": accept_encoding.encode("latin-1", "replace").decode("latin-1"),
    }
    environ = {
        "PATH_INFO": path.encode("utf-8").decode("latin-1"),
        "QUERY_STRING": quote(query, safe="=&+%"),
    }
    response = client.open("/", method=method, headers=headers, environ_overrides=environ)
    assert response.status_code < 500, (method, path, query, response.status_code)
    assert_secure_headers(response, path)
    if method not in ("GET", "HEAD"):
        assert response.status_code == 405


@pytest.mark.parametrize("path", ["//", "//..", "//en//parents/", "/en//", "/en/?/"])
def test_double_slash_paths(client, path):
    response = client.get("/", environ_overrides={"PATH_INFO": path})
    assert response.status_code < 500
    assert_secure_headers(response, path)


def test_security_header_constants_match_the_expected_values():
    for name, value in EXPECTED.items():
        assert SECURITY_HEADERS[name] == value


def test_gunicorn_access_log_has_no_client_details(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("gconf", ROOT / "gunicorn.conf.py")
    config = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(config)
    for field in ("%(h)s", "%(a)s", "%(f)s", "%(q)s", "%(r)s", "%(u)s", "{"):
        assert field not in config.access_log_format, field

    port = free_port()
    env = dict(os.environ, OSL_BIND=f"127.0.0.1:{port}", OSL_WORKERS="1", FLASK_PRERENDER="false")
    log = tmp_path / "access.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "wsgi:app"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}/en/parents/?q=secret-words"
            for _ in range(600):  # content loads in seconds; slower on a busy machine
                try:
                    request = urllib.request.Request(
                        url,
                        headers={"User-Agent": "UniqueAgent/1.0", "Referer": "https://r.example/"},
                    )
                    with urllib.request.urlopen(request, timeout=5) as response:
                        assert response.status == 200
                    break
                except (urllib.error.URLError, ConnectionError):
                    time.sleep(0.1)
            else:
                pytest.fail("gunicorn did not start: " + log.read_text())
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=20)
    text = log.read_text()
    assert "GET /en/parents/" in text
    for leak in ("127.0.0.1", "secret-words", "UniqueAgent", "r.example"):
        assert leak not in text, (leak, text)
