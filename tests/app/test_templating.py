"""The page chrome (top and footer) rendered once per locale, and the language links."""

import re

import pytest

from tests.support.apps import make_app
from tests.support.trees import FIXTURE

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
