"""Content pages through the app: every page of every locale is reachable and keeps the promises
(language, one heading, the way to report, no fonts), and translations say what they are."""

import re

import pytest

from app import create_app
from app.content import locale_url
from app.views.pages import HOME_LESSONS
from tests.support.apps import make_app
from tests.support.crawl import html_pages
from tests.support.trees import copy_fixture, front, write

REPORT_URL = "https://report.cybertip.org/"


def test_config_defaults_then_environment_then_the_test_mapping(monkeypatch, tmp_path):
    monkeypatch.setenv("FLASK_HOTLINE", "from-env")
    monkeypatch.setenv("FLASK_EXIT_URL", "https://example.org/")
    root = copy_fixture(tmp_path / "content")
    app = create_app({"EXIT_URL": "https://from-test/", "CONTENT_DIR": root})
    assert app.config["DEFAULT_LOCALE"] == "en"  # default
    assert app.config["HOTLINE"] == "from-env"  # environment over defaults
    assert app.config["EXIT_URL"] == "https://from-test/"  # test mapping over environment
    html = app.test_client().get("/en/").get_data(as_text=True)
    assert "from-env" in html and 'href="https://from-test/"' in html


def test_the_crawl_reaches_every_page_of_every_locale_without_a_broken_link(crawled, app):
    site = app.extensions["osl"].site
    pages = html_pages(crawled)
    for code in site.locale_codes:
        for section, slug in site.keys():
            path = site.pages[(site.default_locale, section, slug)].url_path
            assert locale_url(code, path) in pages, f"{code} {path} not reached by the crawl"
    broken = {url: r.status_code for url, r in crawled.items() if r.status_code >= 400}
    assert broken == {}


def test_every_page_keeps_the_promises(crawled, app):
    site = app.extensions["osl"].site
    pages = html_pages(crawled)
    assert len(pages) > 20
    for url, response in pages.items():
        html = response.get_data(as_text=True)
        info = site.locale(url.split("/")[1])
        assert f'<html lang="{info.code}" dir="{info.dir}">' in html, url
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url
        title = re.search(r"<title>([^<]*)</title>", html).group(1)
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
        assert title.startswith(re.sub(r"<[^>]+>", "", h1).strip()), url
        assert f'<a class="report-link" href="{REPORT_URL}" rel="noopener noreferrer">' in html, url
        assert f'class="help-link" href="/{info.code}/help-now/"' in html, url
        assert 'class="not-affiliated"' in html, url
        assert '<span class="nowrap" dir="ltr">1-800-843-5678</span>' in html, url
        for landmark in ("<header", "<main", "<footer", '<a class="skip-link" href="#main">'):
            assert html.count(landmark) == 1, (url, landmark)
        ids = re.findall(r'\sid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), (url, [i for i in ids if ids.count(i) > 1])


def test_every_page_loads_one_stylesheet_one_script_and_no_fonts(crawled, app):
    for url, response in html_pages(crawled).items():
        html = response.get_data(as_text=True)
        assert len(re.findall(r'<link rel="stylesheet"', html)) == 1, url
        assert len(re.findall(r"<script\b", html)) == 1, url
        assert "@font-face" not in html and ".woff" not in html, url
    fonts = (".woff", ".woff2", ".ttf", ".otf")
    assert not [name for name in app.extensions["osl"].assets if name.endswith(fonts)]


def test_the_help_link_sits_before_the_report_button_in_the_header(client):
    html = client.get("/es/parents/guide/").get_data(as_text=True)
    header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    assert header.index('class="help-link" href="/es/help-now/"') < header.index("report-link")


def test_a_fallback_page_is_english_content_in_the_locales_chrome(client):
    html = client.get("/es/parents/untranslated/").get_data(as_text=True)
    assert '<html lang="es" dir="ltr">' in html
    assert '<article class="content" lang="en" dir="ltr">' in html
    assert "notice--fallback" in html
    assert "Text only in English." in html


def test_links_in_content_point_into_the_readers_locale(client):
    assert 'href="/es/parents/other/#more"' in client.get("/es/parents/guide/").get_data(
        as_text=True
    )
    assert 'href="/es/parents/guide/"' in client.get("/es/").get_data(as_text=True)


def test_machine_assisted_and_stale_translations_say_so(client):
    guide = client.get("/es/parents/guide/").get_data(as_text=True)
    assert "notice--machine" in guide and "notice--stale" not in guide
    other = client.get("/es/parents/other/").get_data(as_text=True)
    assert "notice--stale" in other and "notice--machine" not in other
    assert 'href="/en/parents/other/" hreflang="en" lang="en"' in other
    english = client.get("/en/parents/other/").get_data(as_text=True)
    assert "notice--" not in english


def test_the_language_switcher_offers_only_locales_that_have_the_page(client):
    def switcher(url):
        html = client.get(url).get_data(as_text=True)
        return html[html.index('class="language-switcher"') :].split("</nav>", 1)[0]

    assert 'href="/es/parents/guide/" hreflang="es" lang="es"' in switcher("/en/parents/guide/")
    assert 'href="/en/parents/guide/"' in switcher("/es/parents/guide/")
    assert "/es/" not in switcher("/en/parents/untranslated/")
    head = client.get("/en/parents/untranslated/").get_data(as_text=True).split("</head>")[0]
    assert 'hreflang="es"' not in head


def test_a_lesson_shows_the_report_box_and_its_sources(client):
    html = client.get("/en/parents/guide/").get_data(as_text=True)
    assert 'class="report-box"' in html
    assert 'href="/en/parents/how-to-report/"' in html
    assert "A Study" in html and "Example Publisher" in html  # its cited source
    assert '<li class="check">The username</li>' in html


def test_the_section_index_lists_its_lessons_in_order(client):
    html = client.get("/es/parents/").get_data(as_text=True)
    listed = re.findall(r'href="/es/parents/([a-z-]+)/"', html.split("<main", 1)[1])
    assert listed[:4] == ["guide", "other", "untranslated", "how-to-report"]


def test_home_lists_the_first_lessons_and_links_to_the_rest(tmp_path):
    root = copy_fixture(tmp_path / "content")
    for number in range(HOME_LESSONS + 3):
        write(root, f"en/parents/extra-{number}.md", front(f"Extra {number}", order=100 + number))
    app = make_app(root)
    total = len(app.extensions["osl"].site.lessons("en", "parents"))
    assert total > HOME_LESSONS
    client = app.test_client()
    home = client.get("/en/").get_data(as_text=True)
    section = home.split('id="home-parents"')[1].split("</section>")[0]
    assert section.count("<li") == HOME_LESSONS
    assert f'<a href="/en/parents/">See all {total} lessons</a>' in section
    index = client.get("/en/parents/").get_data(as_text=True)
    assert index.count('href="/en/parents/extra-') == HOME_LESSONS + 3


@pytest.mark.parametrize("code", ["en", "es"])
def test_help_now_is_a_page_of_its_own_in_every_locale(client, code):
    response = client.get(f"/{code}/help-now/")
    assert response.status_code == 200
    assert "The help-now page of the fixture tree." in response.get_data(as_text=True)
