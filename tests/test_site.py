"""Routes, redirects, languages, errors, and a crawl of the whole site."""

import re
from pathlib import Path

import pytest

from app import create_app
from tests.crawl import attribute, html_pages

FIXTURE = Path(__file__).parent / "fixtures" / "content"
REPORT_URL = "https://report.cybertip.org/"


@pytest.fixture(scope="module")
def fixture_app():
    return create_app({"TESTING": True, "CONTENT_DIR": FIXTURE})


@pytest.fixture
def fixture_client(fixture_app):
    return fixture_app.test_client()


def test_config_defaults_env_and_test_mapping(monkeypatch):
    monkeypatch.setenv("FLASK_HOTLINE", "from-env")
    monkeypatch.setenv("FLASK_EXIT_URL", "https://example.org/")
    app = create_app({"EXIT_URL": "https://from-test/", "CONTENT_DIR": FIXTURE})
    assert app.config["DEFAULT_LOCALE"] == "en"  # default
    assert app.config["HOTLINE"] == "from-env"  # environment over defaults
    assert app.config["EXIT_URL"] == "https://from-test/"  # test mapping over environment
    assert app.jinja_env.undefined.__name__ == "StrictUndefined"


ROUTES = [
    ("/en/", 200),
    ("/en/parents/", 200),
    ("/en/classroom/", 200),
    ("/en/parents/sextortion/", 200),
    ("/en/parents/how-to-report/", 200),
    ("/en/about/", 200),
    ("/en/report/", 200),
    ("/en/privacy/", 200),
    ("/en/staying-safe/", 200),
    ("/en/about/translations/", 200),
    ("/en/parents/no-such-lesson/", 404),
    ("/en/no-such-section/", 404),
    ("/en/parents/_index/", 404),
    ("/xx/", 404),
    ("/xx/parents/", 404),
    ("/en/../etc/passwd", 404),
    ("/en/%2e%2e/%2e%2e/etc/passwd", 404),
    ("/en/parents/..%2f..%2fapp/", 404),
    ("/" + "a" * 3000 + "/", 414),
    ("/en/parents", 308),
    ("/en", 308),
]


@pytest.mark.parametrize(("url", "status"), ROUTES)
def test_route_table(client, url, status):
    assert client.get(url).status_code == status


def test_root_redirects_by_accept_language_with_vary(client):
    response = client.get("/", headers={"Accept-Language": "fr-CA, en;q=0.5"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/en/")
    assert "Accept-Language" in response.headers["Vary"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "/en/"),
        ("", "/en/"),
        ("de-DE,de;q=0.9", "/en/"),
        ("es-MX,es;q=0.9,en;q=0.8", "/es/"),
        ("en;q=0.5, es;q=0.9", "/es/"),
        ("*", "/en/"),
        ("x" * 5000, "/en/"),
        ("es;q=garbage, ;;;,", "/en/"),
    ],
)
def test_accept_language_choice(fixture_client, header, expected):
    headers = {"Accept-Language": header} if header is not None else {}
    response = fixture_client.get("/", headers=headers)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(expected)


def test_trailing_slash_redirect_is_308_to_canonical(client):
    response = client.get("/en/parents/sextortion")
    assert response.status_code == 308
    assert response.headers["Location"].endswith("/en/parents/sextortion/")


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"])
@pytest.mark.parametrize(
    "url", ["/", "/en/", "/en/parents/sextortion/", "/nowhere/", "/static/site.css"]
)
def test_only_get_and_head_are_allowed(client, method, url):
    response = client.open(url, method=method)
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET, HEAD"


def test_head_works(client):
    response = client.head("/en/parents/")
    assert response.status_code == 200
    assert response.data == b""


def test_404_is_localised_html_in_the_site_chrome(fixture_client):
    response = fixture_client.get("/es/parents/nothing-here/")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert '<html lang="es" dir="ltr">' in html
    assert REPORT_URL in html


def test_unknown_locale_404_is_in_the_default_locale(client):
    response = client.get("/zz/parents/")
    assert response.status_code == 404
    assert '<html lang="en"' in response.get_data(as_text=True)


def test_fallback_page_is_english_content_in_locale_chrome(fixture_client):
    response = fixture_client.get("/es/parents/untranslated/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="es" dir="ltr">' in html
    assert '<article class="content" lang="en" dir="ltr">' in html
    assert "notice--fallback" in html
    assert "Text only in English." in html


def test_internal_content_links_point_into_the_readers_locale(fixture_client):
    html = fixture_client.get("/es/parents/guide/").get_data(as_text=True)
    assert 'href="/es/parents/other/#more"' in html


def test_machine_assisted_and_stale_notices(fixture_client):
    guide = fixture_client.get("/es/parents/guide/").get_data(as_text=True)
    assert "notice--machine" in guide and "notice--stale" not in guide
    other = fixture_client.get("/es/parents/other/").get_data(as_text=True)
    assert "notice--stale" in other and "notice--machine" not in other
    assert 'href="/en/parents/other/"' in other


def test_language_switcher_links_only_to_locales_that_have_the_page(fixture_client):
    html = fixture_client.get("/en/parents/guide/").get_data(as_text=True)
    switcher = html[html.index('class="language-switcher"') :]
    assert 'href="/es/parents/guide/"' in switcher
    html = fixture_client.get("/en/parents/untranslated/").get_data(as_text=True)
    switcher = html[html.index('class="language-switcher"') :]
    assert "/es/parents/untranslated/" not in switcher


def test_crawl_reaches_every_page(crawled, app):
    site = app.extensions["osl_site"]
    pages = html_pages(crawled)
    for code in site.locale_codes:
        for section, slug in site.keys():
            path = app.test_request_context().request  # noqa: F841 (context for url building)
            if section == "pages":
                url = f"/{code}/" if slug == "home" else f"/{code}/{slug}/"
            elif slug == "_index":
                url = f"/{code}/{section}/"
            else:
                url = f"/{code}/{section}/{slug}/"
            assert url in pages, f"{url} not reached by the crawl"


def test_crawl_finds_no_broken_links(crawled):
    broken = {url: r.status_code for url, r in crawled.items() if r.status_code >= 400}
    assert broken == {}


def test_every_html_page_keeps_the_promises(crawled, app):
    site = app.extensions["osl_site"]
    pages = html_pages(crawled)
    assert len(pages) > 20
    for url, response in pages.items():
        html = response.get_data(as_text=True)
        code = url.split("/")[1]
        info = site.locale(code)
        assert f'<html lang="{code}" dir="{info.dir}">' in html, url
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url
        title = re.search(r"<title>([^<]*)</title>", html).group(1)
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
        assert title.startswith(re.sub(r"<[^>]+>", "", h1).strip()), url
        assert f'<a class="report-link" href="{REPORT_URL}" rel="noopener noreferrer">' in html, url
        assert 'class="not-affiliated"' in html, url
        assert "1-800-843-5678" in html, url
        assert "Set-Cookie" not in response.headers, url
        assert "<main" in html and "<header" in html and "<footer" in html, url
        assert attribute(html, "a", "class") is not None
        ids = re.findall(r'\sid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), (url, [i for i in ids if ids.count(i) > 1])
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert " style=" not in html and "<style" not in html, url


def test_every_outbound_link_has_noopener_noreferrer(crawled):
    for url, response in html_pages(crawled).items():
        html = response.get_data(as_text=True)
        for tag in re.findall(r"<a\b[^>]*href=\"https?://[^\"]*\"[^>]*>", html):
            assert 'rel="noopener noreferrer"' in tag, (url, tag)
