"""Accessibility beyond the per-page axe run (test_pages.py): dark palette, keyboard, coverage.

The site is checked where people meet it: the views the site is known to have are asserted by
endpoint name, so a view nothing links to fails loudly instead of going unchecked.
"""

from __future__ import annotations

import pytest

from tests.browser.sitemap import KNOWN_VIEWS
from tests.browser.support import visit

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
# What a focus indicator can be drawn with.
FOCUS_STYLE_SCRIPT = """element => {
  const style = getComputedStyle(element);
  return {outline: style.outlineStyle + ' ' + style.outlineWidth + ' ' + style.outlineColor,
          shadow: style.boxShadow, outlineWidth: parseFloat(style.outlineWidth) || 0};
}"""
ACTIVE_ELEMENT_SCRIPT = """() => {
  const e = document.activeElement;
  return e ? {cls: e.className, href: e.getAttribute('href')} : null;
}"""


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def test_axe_finds_no_violations_in_dark_mode(axe, page, english_sample):
    """The stylesheet has a dark palette: its contrast is checked too (English, each kind)."""
    page.emulate_media(color_scheme="dark")
    visit(page, english_sample)
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    results = axe.run(page, options=AXE_OPTIONS)
    report = results.generate_report()
    assert results.violations_count == 0, f"{english_sample.url} (dark)\n{report}"


def test_axe_run_can_fail(axe, page, site):
    """The per-page check is real: a link with no name and grey-on-white text are caught."""
    visit(page, site.lesson(site.default_locale))
    page.evaluate(
        """() => {
          const main = document.querySelector('main');
          const link = document.createElement('a');
          link.href = '#main';
          main.appendChild(link);
          const faint = document.createElement('p');
          faint.textContent = 'Faint text';
          faint.style.color = '#cccccc';  // CSSOM: allowed under the site's CSP
          main.appendChild(faint);
        }"""
    )
    found = {v["id"] for v in axe.run(page, options=AXE_OPTIONS).response["violations"]}
    assert {"link-name", "color-contrast"} <= found


@pytest.mark.parametrize("target", ["header .report-link", ".exit-this-page__button"])
def test_key_links_are_reached_early_by_tab_with_a_visible_focus_style(page, site, target):
    """Report and exit are within the first 6 Tab presses, and focus on them is visible."""
    for code in site.locales:
        visit(page, site.first(code, "pages.home"))
        link = page.locator(target)
        unfocused = link.evaluate(FOCUS_STYLE_SCRIPT)
        for presses in range(1, 7):
            page.keyboard.press("Tab")
            if link.evaluate("element => element === document.activeElement"):
                break
        else:
            pytest.fail(f"{target} not reached in 6 Tab presses in {code}")
        focused = link.evaluate(FOCUS_STYLE_SCRIPT)
        assert link.evaluate("element => element.matches(':focus-visible')")
        assert focused != unfocused, (code, target, focused)
        assert focused["outlineWidth"] >= 2 or focused["shadow"] != "none", (code, focused)
        assert presses <= 6


def test_skip_link_appears_when_focused(page, site):
    visit(page, site.lesson(site.default_locale))
    skip = page.locator(".skip-link")
    assert skip.bounding_box()["y"] + skip.bounding_box()["height"] <= 0  # off screen
    page.keyboard.press("Tab")
    assert page.evaluate(ACTIVE_ELEMENT_SCRIPT)["cls"] == "skip-link"
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 0
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")


def test_crawl_reaches_every_page_view_in_every_locale(site):
    """Every GET view the app exposes (bar files and the / redirect) is crawled in every locale."""
    crawled = {(p.endpoint, p.locale) for p in site.pages}
    missing = []
    for rule in site.app.url_map.iter_rules():
        if rule.endpoint in ("static", "pages.root") or "GET" not in rule.methods:
            continue
        if not rule.rule.endswith("/"):  # a file (index.json, sitemap.xml, a PDF), not a page
            continue
        for code in site.locales:
            if rule.endpoint.startswith("bilingual.") and code == "en":
                continue  # English has no bilingual view: there is nothing to pair it with
            if (rule.endpoint, code) not in crawled:
                missing.append(f"{rule.endpoint} ({rule.rule}) in {code}")
    assert missing == []


@pytest.mark.parametrize("view", KNOWN_VIEWS)
def test_known_view_is_checked_in_every_locale(site, view):
    """Search, the classroom handout, letter, presenter and bilingual views, the figures: each in
    url_map, and checked in every locale."""
    rules = [
        rule
        for rule in site.app.url_map.iter_rules()
        if view in rule.endpoint and "GET" in rule.methods and rule.rule.endswith("/")
    ]
    assert rules, f"no {view} page view in app.url_map"
    checked = {(p.endpoint, p.locale) for p in site.every_page()}
    for rule in rules:
        for code in site.locales:
            if rule.endpoint.startswith("bilingual.") and code == site.default_locale:
                continue  # English has no bilingual view: there is nothing to pair it with
            assert (rule.endpoint, code) in checked, f"{rule.endpoint} is not visited in {code}"


def test_error_and_search_pages_are_in_the_checked_set(site):
    kinds = {(p.locale, p.endpoint, p.status) for p in site.every_page()}
    for code in site.locales:
        assert (code, "error", 404) in kinds, f"no 404 page checked in {code}"
    searches = [p.url for p in site.every_page() if p.endpoint.startswith("search")]
    if any("search" in rule.endpoint for rule in site.app.url_map.iter_rules()):
        assert any("?" in url for url in searches), "no search results page checked"
