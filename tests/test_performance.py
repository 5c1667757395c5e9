"""Pages rendered once, conditional requests, compression, hashed assets, and size budgets."""

import gzip
import re

import brotli
import pytest

from tests.crawl import html_pages, links_of

LESSON_GZIP_BUDGET = 14_600  # bytes: arrives in the first TCP round trip (10 segments)
PAGE_WEIGHT_BUDGET = 50 * 1024  # HTML + CSS + script + icon + images, as transferred (gzip)


def test_second_request_is_served_from_memory(app, client):
    first = client.get("/en/parents/sextortion/")
    assert "/en/parents/sextortion/" in app.wsgi_app.entries
    second = client.get("/en/parents/sextortion/")
    assert first.data == second.data
    assert first.headers["ETag"] == second.headers["ETag"]


def test_strong_etag_and_304(client):
    response = client.get("/en/parents/")
    etag = response.headers["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    again = client.get("/en/parents/", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    assert client.get("/en/parents/", headers={"If-None-Match": '"other"'}).status_code == 200


@pytest.mark.parametrize(
    ("accept", "encoding", "decode"),
    [
        ("gzip, deflate, br", "br", brotli.decompress),
        ("gzip", "gzip", gzip.decompress),
        ("br;q=0.5, gzip;q=0.9", "gzip", gzip.decompress),
        ("", None, lambda data: data),
        ("identity", None, lambda data: data),
    ],
)
def test_compressed_variants_decode_to_the_same_page(client, accept, encoding, decode):
    plain = client.get("/en/parents/warning-signs/", headers={"Accept-Encoding": ""}).data
    response = client.get("/en/parents/warning-signs/", headers={"Accept-Encoding": accept})
    assert response.headers.get("Content-Encoding") == encoding
    assert decode(response.data) == plain
    assert "Accept-Encoding" in response.headers["Vary"]
    assert int(response.headers["Content-Length"]) == len(response.data)


def test_each_encoding_has_its_own_etag(client):
    tags = {
        client.get("/en/", headers={"Accept-Encoding": accept}).headers["ETag"]
        for accept in ("", "gzip", "br")
    }
    assert len(tags) == 3


def test_pages_with_queries_and_errors_are_not_stored(app, client):
    client.get("/en/parents/?utm=1")
    client.get("/en/missing-page/")
    assert "/en/missing-page/" not in app.wsgi_app.entries
    assert client.get("/").status_code == 302
    assert "/" not in app.wsgi_app.entries


def test_html_has_a_short_cache_and_assets_a_long_one(client):
    assert client.get("/en/").headers["Cache-Control"] == "public, max-age=300"
    assert client.get("/en/nowhere/").headers["Cache-Control"] == "no-store"


def test_each_page_loads_one_stylesheet_and_one_script_and_no_fonts(crawled):
    for url, response in html_pages(crawled).items():
        html = response.get_data(as_text=True)
        assert len(re.findall(r'<link rel="stylesheet"', html)) == 1, url
        assert len(re.findall(r"<script\b", html)) == 1, url
        assert "@font-face" not in html and ".woff" not in html, url


def test_no_web_fonts_in_static(app):
    assert not [
        name
        for name in app.extensions["osl_assets"]
        if name.endswith((".woff", ".woff2", ".ttf", ".otf"))
    ]


def lesson_urls(crawled):
    return [
        url
        for url in html_pages(crawled)
        if re.match(r"^/[^/]+/(parents|classroom)/[a-z0-9-]+/$", url)
    ]


def test_every_lesson_fits_in_the_first_round_trip(crawled, client):
    urls = lesson_urls(crawled)
    assert len(urls) >= 15
    for url in urls:
        response = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert response.headers["Content-Encoding"] == "gzip"
        assert len(response.data) <= LESSON_GZIP_BUDGET, (url, len(response.data))


def test_everything_a_page_loads_is_under_50_kb_as_transferred(crawled, client):
    """The budget is counted as the web's median page weight is: bytes as transferred (gzip)."""
    assets = re.compile(r'<(?:link|script|img)\b[^>]*?(?:href|src)="(/static/[^"]+)"')
    for url, response in html_pages(crawled).items():
        html = response.get_data(as_text=True)
        total = len(client.get(url, headers={"Accept-Encoding": "gzip"}).data)
        for link in assets.findall(html):
            total += len(client.get(link, headers={"Accept-Encoding": "gzip"}).data)
        assert total <= PAGE_WEIGHT_BUDGET, (url, total)


def test_page_weight_counts_the_stylesheet_script_and_icon(crawled):
    """The pattern above must find every asset a page loads (it once missed the stylesheet)."""
    html = next(iter(html_pages(crawled).values())).get_data(as_text=True)
    found = re.findall(r'<(?:link|script|img)\b[^>]*?(?:href|src)="(/static/[^"]+)"', html)
    assert {name.split(".")[0] for name in found} == {"/static/site", "/static/favicon"}, found
    assert html.count("/static/") == len(found)


def test_crawl_helper_sees_assets(crawled):
    html = next(iter(html_pages(crawled).values())).get_data(as_text=True)
    assert any(link.startswith("/static/") for link in links_of(html, "/en/"))
