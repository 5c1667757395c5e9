"""Every route answers as it should: the URL table, slash redirects, methods, localised errors, the
Host header, and hostile paths, queries and headers (never a 5xx)."""

import os
from urllib.parse import quote, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REPORT_URL = "https://report.cybertip.org/"

ROUTES = [
    ("/", 302),
    ("/en/", 200),
    ("/es/", 200),
    ("/en/parents/", 200),
    ("/es/parents/", 200),
    ("/en/parents/guide/", 200),
    ("/es/parents/guide/", 200),
    ("/es/parents/untranslated/", 200),  # the English page, in Spanish chrome
    ("/es/parents/guide/bilingual/", 200),
    ("/en/about/", 200),
    ("/en/help-now/", 200),
    ("/es/help-now/", 200),
    ("/en/report/", 200),
    ("/en/privacy/", 200),
    ("/en/staying-safe/", 200),
    ("/en/about/translations/", 200),
    ("/en/figures/", 200),
    ("/en/search/", 200),
    ("/en/search/?q=guide", 200),
    ("/en/search/index.json", 200),
    ("/sitemap.xml", 200),
    ("/static/site.css", 200),
    ("/en/parents/no-such-lesson/", 404),
    ("/en/no-such-section/", 404),
    ("/en/parents/_index/", 404),
    ("/en/home/", 404),  # the home page is /en/
    ("/en/pages/about/", 404),
    ("/en/classroom/", 404),  # the fixture tree has no classroom
    ("/en/parents/guide/bilingual/", 404),
    ("/en/figures/no-such-chart/", 404),
    ("/xx/", 404),
    ("/xx/parents/", 404),
    ("/zz-Latn/parents/guide/", 404),
    ("/static/nothing.css", 404),
    ("/en/../etc/passwd", 404),
    ("/en/%2e%2e/%2e%2e/etc/passwd", 404),
    ("/en/parents/..%2f..%2fapp/", 404),
    ("/static/..%2fapp%2f__init__.py", 404),
    ("/" + "a" * 3000 + "/", 414),
    ("/en/?" + "q=" + "b" * 3000, 414),
    ("/en/parents", 308),
    ("/en", 308),
    ("/es/parents/guide", 308),
]


@pytest.mark.parametrize(("url", "status"), ROUTES)
def test_route_table(client, url, status):
    assert client.get(url).status_code == status


@pytest.mark.parametrize("url", ["/en", "/en/parents", "/es/parents/guide", "/en/about"])
def test_a_missing_slash_is_a_308_to_the_canonical_url(client, url):
    response = client.get(url)
    assert response.status_code == 308
    location = urlsplit(response.headers["Location"])
    assert location.netloc in ("", "localhost") and location.path == url + "/"
    assert client.get(location.path).status_code == 200


METHODS = ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"]
METHOD_URLS = ["/", "/en/", "/en/parents/guide/", "/nowhere/", "/xx/parents/", "/static/site.css"]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("url", METHOD_URLS)
def test_only_get_and_head_are_allowed(client, method, url):
    response = client.open(url, method=method, data=b"x=1")
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, HEAD"


def test_head_answers_like_get_without_a_body(client):
    head, get = client.head("/en/parents/"), client.get("/en/parents/")
    assert head.status_code == 200 and head.data == b""
    assert head.headers["Content-Length"] == get.headers["Content-Length"]
    assert head.headers["ETag"] == get.headers["ETag"]


def test_404_is_localised_html_in_the_site_chrome(client):
    response = client.get("/es/parents/nothing-here/")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert '<html lang="es" dir="ltr">' in html
    assert REPORT_URL in html
    assert "Page not found" not in html  # the Spanish catalog's words
    assert "Traceback" not in html


def test_an_unknown_locale_404_is_in_the_default_locale(client):
    response = client.get("/zz/parents/")
    assert response.status_code == 404
    assert '<html lang="en" dir="ltr">' in response.get_data(as_text=True)
    assert "Page not found" in response.get_data(as_text=True)


def test_405_explains_itself_in_the_locale(client):
    html = client.post("/es/parents/").get_data(as_text=True)
    assert '<html lang="es" dir="ltr">' in html
    english = client.post("/en/parents/").get_data(as_text=True)
    assert "It does not accept forms or uploads." in english


@pytest.mark.parametrize("url", ["/", "/en", "/en/", "/en/parents/guide/", "/static/site.css"])
@pytest.mark.parametrize("host", ["evil.example.com", "localhost.evil.example", "a" * 300])
def test_an_unknown_host_is_a_400_never_a_redirect_to_it(client, url, host):
    response = client.get(url, headers={"Host": host})
    assert response.status_code == 400
    assert "Location" not in response.headers
    assert host.encode() not in response.data or b"not trusted" in response.data
    assert b"<a " not in response.data  # no link anywhere, let alone to that host


@pytest.mark.parametrize(
    "host", ["localhost", "localhost:5000", "127.0.0.1:8000", "opensafetylessons.org"]
)
def test_the_trusted_hosts_are_answered(client, host):
    assert client.get("/en/", headers={"Host": host}).status_code == 200


# -- hostile input ----------------------------------------------------------------------------
def assert_safe(response):
    """Whatever was asked, the answer keeps the headers (test_security.py checks their values)."""
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Set-Cookie" not in response.headers


HOSTILE_URLS = [
    "/en/%ff%fe/",
    "/en/%zz/",
    "/%00/",
    "/en/parents/%00/",
    "/en/parents/guide/?q=%ff",
    "/en/?" + "a=" + "b" * 1500,
    "/en/search/?q=" + "%ff" * 200,
    "/en/search/?q=" + quote("' OR 1=1; --") + "&q=2",
    "/..%2f..%2fetc%2fpasswd",
    "/static/../app/__init__.py",
    "/static/%2e%2e/app/__init__.py",
    "/en/\\..\\..\\windows/",
    "/%2e%2e/",
    "/en/parents/" + "é" * 300 + "/",
    "/en/figures/%3Cscript%3E/",
]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_hostile_paths_and_queries_get_a_clean_answer(client, url):
    response = client.get(url)
    assert response.status_code < 500, (url, response.status_code)
    assert response.status_code != 200 or "?" in url, url
    assert b"Traceback" not in response.data
    assert_safe(response)


@pytest.mark.parametrize(
    "headers",
    [
        {"Accept-Language": "x" * 100_000},
        {"Accept-Language": "en;q=1;q=2,,,;"},
        {"Host": "localhost:notaport"},
        {"If-None-Match": "x" * 10_000},
        {"If-Modified-Since": "yesterday"},
        {"Range": "bytes=999999-"},
        {"Accept-Encoding": "br;q=nope, gzip;q=" + "9" * 400},
        {"X-Forwarded-For": "1.2.3.4", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "e.com"},
    ],
)
def test_odd_headers_never_cause_a_5xx(client, headers):
    for url in ("/", "/en/", "/en/parents/guide/", "/static/site.css"):
        response = client.get(url, headers=headers)
        assert response.status_code < 500, (url, headers)
        assert_safe(response)


@pytest.mark.parametrize("path", ["//", "//..", "//en//parents/", "/en//", "/en/?/", "///en/"])
def test_double_slash_paths(client, path):
    response = client.get("/", environ_overrides={"PATH_INFO": path})
    assert response.status_code < 500
    assert_safe(response)


PATH_ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyz-_.~/%?#&=+;:@!$'()*,")
    + ["%00", "%2e", "%2f", "%ff", "é", "中", "\\"]
)
SEGMENTS = st.sampled_from(
    ["en", "es", "parents", "guide", "static", "figures", "search", "bilingual", "..", "."]
)


# A few hundred requests in `make test-fast`; `make test` asks for thousands.
FUZZ_EXAMPLES = int(os.environ.get("OSL_FUZZ_EXAMPLES", "300"))


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    segments=st.lists(
        st.one_of(SEGMENTS, st.lists(PATH_ALPHABET, max_size=12).map("".join)), max_size=6
    ),
    trailing=st.booleans(),
    query=st.text(max_size=80),
    method=st.sampled_from(["GET", "GET", "GET", "HEAD", "POST", "OPTIONS", "PUT"]),
    # Real servers never pass control characters through in header values.
    accept_language=st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=60),
    if_none_match=st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=30),
)
def test_fuzz_never_5xx(app, segments, trailing, query, method, accept_language, if_none_match):
    # Passed straight into the WSGI environ, as a server would after decoding the request line.
    path = "/" + "/".join(segments) + ("/" if trailing else "")
    headers = {
        "Accept-Language": accept_language.encode("latin-1", "replace").decode("latin-1"),
        "If-None-Match": if_none_match.encode("latin-1", "replace").decode("latin-1"),
    }
    environ = {
        "PATH_INFO": path.encode("utf-8").decode("latin-1"),
        "QUERY_STRING": quote(query, safe="=&+%"),
    }
    response = app.test_client().open(
        "/", method=method, headers=headers, environ_overrides=environ
    )
    assert response.status_code < 500, (method, path, query, response.status_code)
    assert_safe(response)
    if method not in ("GET", "HEAD"):
        assert response.status_code == 405
