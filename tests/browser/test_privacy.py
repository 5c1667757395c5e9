"""Privacy as the browser sees it: same-origin requests only, nothing stored, no referrer leaks.

Every page is checked on its own in test_pages.py, and every browser test runs the same checks
after it ends (conftest ``_privacy_after_test``); here: clicking around and leaving the site.
"""

from __future__ import annotations

import pytest

from tests.browser.support import EXIT_URL, visit

pytestmark = pytest.mark.browser

REPORT_URL = "https://report.cybertip.org/"


def test_browsing_several_pages_leaves_nothing_behind(context, page, site):
    """Moving around by clicking (as people do) sets no cookie and stores nothing."""
    visit(page, site.first(site.default_locale, "pages.home"))
    for selector in ("nav.site-nav a", "main .lesson-list a", ".site-footer nav a"):
        with page.expect_navigation():
            page.locator(selector).first.click()
        assert page.locator("h1").is_visible()
    assert context.network_log.foreign() == []
    assert context.cookies() == []
    assert page.evaluate("[localStorage.length, sessionStorage.length]") == [0, 0]


@pytest.mark.other_origins("https://report.cybertip.org")
def test_report_link_opens_the_cybertipline_without_a_referrer(context, page, site):
    """Following the report link tells the CyberTipline nothing about which page sent the reader."""
    seen = []

    def fulfil(route):
        seen.append(route.request.headers)
        route.fulfill(status=200, content_type="text/html", body="<title>CyberTipline</title>")

    page.route(f"{REPORT_URL}**", fulfil)
    visit(page, site.lesson(site.default_locale))
    page.locator("header .report-link").click()
    page.wait_for_url(REPORT_URL)
    assert len(seen) == 1
    assert "referer" not in {name.lower() for name in seen[0]}
    page.unroute(f"{REPORT_URL}**")


@pytest.mark.other_origins("https://www.weather.gov")
def test_exit_link_leaves_without_a_referrer(context, page, site):
    seen = []

    def fulfil(route):
        seen.append(route.request.headers)
        route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>")

    page.route(f"{EXIT_URL}**", fulfil)
    visit(page, site.lesson(site.default_locale))
    page.locator(".exit-this-page__button").click()
    page.wait_for_url(EXIT_URL)
    assert len(seen) == 1
    assert "referer" not in {name.lower() for name in seen[0]}
    page.unroute(f"{EXIT_URL}**")
