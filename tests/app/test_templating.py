"""The page chrome (top and footer) rendered once per locale, the parts of a page kept once
rendered for its URL, and the language links."""

import re

import pytest

from tests.support.apps import make_app
from tests.support.trees import FIXTURE, classroom_tree

NAV = re.compile(r'<nav class="site-nav" aria-label="([^"]+)">')
SWITCHER = re.compile(r'<nav class="language-switcher".*?</nav>', re.S)


def test_each_locale_keeps_its_own_chrome_whichever_is_asked_first(client):
    english = client.get("/en/").get_data(as_text=True)
    spanish = client.get("/es/").get_data(as_text=True)
    again = client.get("/en/parents/").get_data(as_text=True)
    assert NAV.search(english).group(1) == NAV.search(again).group(1) == "Main"
    assert NAV.search(spanish).group(1) == "Principal"
    assert 'href="/es/about/"' in spanish and 'href="/en/about/"' in again


@pytest.mark.parametrize(
    "config",
    [
        {"TEMPLATES_AUTO_RELOAD": True},
        {"FREEZER_RELATIVE_URLS": True, "TEMPLATES_AUTO_RELOAD": None},
    ],
    ids=["templates reload", "relative links"],
)
def test_the_chrome_is_rendered_afresh_when_it_may_change(config):
    app = make_app(FIXTURE)
    app.config.update(config)  # as `make run` and the offline export set them
    app.jinja_env.auto_reload = app.config["TEMPLATES_AUTO_RELOAD"] or False
    app.test_client().get("/en/")
    assert len(app.extensions["osl"].chrome.values) == 0
    assert len(app.extensions["osl"].fragments.values) == 0


def test_the_chrome_is_kept_otherwise(app, client):
    client.get("/en/")
    assert ("_top.html", "en") in app.extensions["osl"].chrome


def test_language_links_point_at_the_same_page_in_each_locale(client):
    html = client.get("/es/parents/").get_data(as_text=True)
    assert '<link rel="alternate" hreflang="en" href="/en/parents/">' in html
    assert 'href="/en/parents/" hreflang="en"' in SWITCHER.search(html).group(0)
    # A second page in the same app context gets its own links, not the first page's.
    html = client.get("/es/").get_data(as_text=True)
    assert 'href="/en/" hreflang="en"' in SWITCHER.search(html).group(0)


def test_a_page_keeps_its_article_and_language_links_under_its_own_url(app, client):
    first = client.get("/es/parents/").get_data(as_text=True)
    kept = app.extensions["osl"].fragments
    assert {("main", "/es/parents/"), ("switcher", "/es/parents/")} <= set(kept.values)
    assert client.get("/es/parents/").get_data(as_text=True) == first
    other = client.get("/es/").get_data(as_text=True)
    assert 'href="/en/" hreflang="en"' in SWITCHER.search(other).group(0)
    assert kept.values[("main", "/es/")] != kept.values[("main", "/es/parents/")]


@pytest.mark.parametrize("url", ["/en/search/?q=report", "/en/no-such-page/"])
def test_search_results_and_errors_are_never_kept(app, client, url):
    client.get(url)
    assert not any(
        key[1].startswith(url.split("?")[0]) for key in app.extensions["osl"].fragments.values
    )


def test_a_plan_keeps_the_page_as_served_not_the_office_files_made_for_its_sizes(tmp_path):
    # The plan page shows its office files' sizes, so it renders them (pdf_html) in its request.
    app = make_app(classroom_tree(tmp_path / "content"))
    html = app.test_client().get("/en/classroom/fixture-plan/").get_data(as_text=True)
    kept = app.extensions["osl"].fragments.values
    assert "plan.docx" in kept[("main", "/en/classroom/fixture-plan/")]
    assert "plan.docx" in html
