"""What protects a visitor: headers on every response, caching and conditional requests, Subresource
Integrity, no cookies, no forms that post, the quick exit, and no inline code."""

import base64
import hashlib
import re

import pytest

from tests.support.crawl import html_pages

# What a browser must receive (deploy/security-headers.conf sends the same; tests/deploy checks).
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
    "Cross-Origin-Embedder-Policy": "require-corp",
    "X-Frame-Options": "DENY",
}
EXIT_URL = "https://www.weather.gov/"


def assert_secure_headers(response, where=""):
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (where, name, response.headers.get(name))
    policy = response.headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"):
        assert f"{feature}=()" in policy, where
    assert "Set-Cookie" not in response.headers, where
    assert not re.search(r"\d", response.headers.get("Server", "")), where


def test_headers_on_every_crawled_url(crawled):
    assert any(r.status_code == 302 for r in crawled.values())
    assert sum(url.startswith("/static/") for url in crawled) == 3  # script, stylesheet, icon
    for url, response in crawled.items():
        assert_secure_headers(response, url)


@pytest.mark.parametrize(
    ("method", "url", "headers", "status"),
    [
        ("GET", "/en/nothing/", {}, 404),
        ("GET", "/static/nothing.css", {}, 404),
        ("POST", "/en/", {}, 405),
        ("TRACE", "/", {}, 405),
        ("GET", "/en", {}, 308),
        ("GET", "/", {}, 302),
        ("HEAD", "/en/parents/", {}, 200),
        ("GET", "/static/site.css", {}, 200),
        ("GET", "/sitemap.xml", {}, 200),
        ("GET", "/en/search/?q=guide", {}, 200),
        ("GET", "/" + "x" * 4000, {}, 414),
        ("GET", "/en/", {"Host": "evil.example.com"}, 400),
    ],
)
def test_headers_on_every_status(client, method, url, headers, status):
    response = client.open(url, method=method, headers=headers)
    assert response.status_code == status
    assert_secure_headers(response, url)


def test_headers_on_a_304(client):
    etag = client.get("/en/parents/").headers["ETag"]
    response = client.get("/en/parents/", headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert_secure_headers(response)


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/en/").headers
    response = client.get("/en/", base_url="https://localhost")
    max_age = re.search(r"max-age=(\d+)", response.headers["Strict-Transport-Security"])
    assert int(max_age.group(1)) >= 31_536_000
    assert "includeSubDomains" in response.headers["Strict-Transport-Security"]


# -- caching and conditional requests ---------------------------------------------------------
def test_pages_have_a_strong_etag_and_answer_304(client):
    response = client.get("/en/parents/")
    etag = response.headers["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    again = client.get("/en/parents/", headers={"If-None-Match": etag})
    assert (again.status_code, again.data, again.headers["ETag"]) == (304, b"", etag)
    assert (
        client.get("/en/parents/", headers={"If-None-Match": f'"other", {etag}'}).status_code == 304
    )
    assert client.get("/en/parents/", headers={"If-None-Match": '"other"'}).status_code == 200
    assert client.get("/es/parents/").headers["ETag"] != etag


def test_html_has_a_short_shared_cache_and_the_rest_none(client):
    assert client.get("/en/").headers["Cache-Control"] == "public, max-age=300"
    for response in (
        client.get("/en/nowhere/"),
        client.get("/"),  # chosen by Accept-Language
        client.get("/en/search/?q=guide"),  # a query: never stored
        client.get("/en/parents/?utm=1"),
    ):
        assert response.headers["Cache-Control"] == "no-store"
        assert "ETag" not in response.headers


def asset_urls(html: str) -> list[str]:
    return re.findall(r'<(?:link|script)\b[^>]*\b(?:href|src)="(/static/[^"]+)"', html)


def test_hashed_static_files_are_cached_for_a_year_without_revalidation(client):
    urls = asset_urls(client.get("/en/").get_data(as_text=True))
    assert len(urls) == 3
    for url in urls:
        assert re.search(r"\.[0-9a-f]{10}\.(css|js|svg)$", url), url
        response = client.get(url)
        assert response.status_code == 200
        cache = {part.strip() for part in response.headers["Cache-Control"].split(",")}
        assert {"public", "max-age=31536000", "immutable"} <= cache, url
        assert "no-cache" not in cache, url
        etag = response.headers["ETag"]
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_a_plain_static_name_still_works_with_a_short_cache(client):
    response = client.get("/static/site.css")
    assert response.status_code == 200 and response.mimetype == "text/css"
    assert response.headers["Cache-Control"] == "max-age=3600, public"


def test_subresource_integrity_matches_the_files_served(crawled, client):
    pages = html_pages(crawled)
    for url, response in pages.items():
        html = response.get_data(as_text=True)
        tags = re.findall(r'<(?:link rel="stylesheet"|script\b)[^>]*>', html)
        assert len(tags) == 2, url
        for tag in tags:
            src = re.search(r'(?:href|src)="([^"]+)"', tag).group(1)
            integrity = re.search(r'integrity="sha384-([^"]+)"', tag).group(1)
            data = client.get(src).data
            assert base64.b64decode(integrity) == hashlib.sha384(data).digest(), (url, src)


# -- privacy ----------------------------------------------------------------------------------
def test_no_cookies_or_sessions_anywhere(crawled, app):
    assert app.secret_key is None  # sessions cannot be written without a key
    for url, response in crawled.items():
        assert "Set-Cookie" not in response.headers, url


def test_no_form_posts_anywhere(crawled):
    forms = 0
    for url, response in html_pages(crawled).items():
        for form in re.findall(r"<form\b[^>]*>", response.get_data(as_text=True)):
            assert 'method="get"' in form, (url, form)
            forms += 1
    assert forms >= len(html_pages(crawled))  # the search form on every page


def test_no_inline_script_or_style_anywhere(crawled):
    for url, response in html_pages(crawled).items():
        html = response.get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert " style=" not in html and "<style" not in html, url
        assert not re.search(r"\son[a-z]+=", html), url  # no event handler attributes


def test_every_outbound_link_sends_no_referrer(crawled):
    for url, response in html_pages(crawled).items():
        html = response.get_data(as_text=True)
        links = re.findall(r"<a\b[^>]*href=\"https?://[^\"]*\"[^>]*>", html)
        assert links, url
        for tag in links:
            assert 'rel="noopener noreferrer"' in tag, (url, tag)


def test_quick_exit_on_every_page_works_without_javascript(crawled):
    for url, response in html_pages(crawled).items():
        html = response.get_data(as_text=True)
        link = re.search(r'<a class="exit-this-page__button" href="([^"]+)" rel="([^"]+)">', html)
        assert link, url
        assert link.group(1) == EXIT_URL
        assert "noreferrer" in link.group(2).split()
        # The skip link comes first, then the exit control, then the header.
        assert (
            html.index('class="skip-link"') < html.index("exit-this-page") < html.index("<header")
        ), url
