"""Every page, opened once on a 360 px phone with JavaScript: axe, privacy, layout, text zoom.

Pages come from a crawl of the site (every English page, one of each kind in every other
locale), so a new view is checked as soon as something links to it. The page parameter is
module-scoped: pytest runs the four checks of one page one after the other on a single visit.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.browser.support import DESKTOP, PHONE, visit

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
LAYOUT_SCRIPT = """() => {
  const root = document.documentElement;
  // What sticks out: boxes past either edge, or content (text, list markers) past its box.
  const wide = [...document.body.querySelectorAll('*')]
    .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1
              || e.getBoundingClientRect().left < -1
              || (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible'
                  && e.clientWidth > 0))
    .filter(e => !e.closest('.visually-hidden, .skip-link'))
    .slice(-5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
  return {scroll: root.scrollWidth, client: root.clientWidth, wide};
}"""


@dataclass
class Opened:
    page: object
    site_page: object
    requests: list[str]  # what the browser asked for while opening it
    origin: str


@pytest.fixture(scope="module")
def axe(context):
    """axe-core in every page of this module's context, added through DevTools before the page's
    own script (so the page keeps its real CSP, and 500 kB are not sent again for each check)."""
    from axe_playwright_python.base import AXE_SCRIPT

    context.add_init_script(script=AXE_SCRIPT)
    return AXE_SCRIPT


@pytest.fixture(scope="module")
def tab(context):
    page = context.new_page()
    yield page
    page.close()


@pytest.fixture(scope="module")
def opened(context, axe, tab, every_page):
    log = context.network_log
    log.requests.clear()
    tab.set_viewport_size(PHONE)
    visit(tab, every_page)
    return Opened(tab, every_page, list(log.requests), log.origin)


def axe_violations(page) -> tuple[int, str]:
    from axe_playwright_python.base import AxeResults

    results = AxeResults(page.evaluate("options => axe.run(options)", AXE_OPTIONS))
    return results.violations_count, results.generate_report()


def layout(page) -> dict:
    return page.evaluate(LAYOUT_SCRIPT)


def in_view(page, selector: str) -> bool:
    """Visible and horizontally inside the viewport (not pushed off the side)."""
    locator = page.locator(selector).first
    if not locator.is_visible():
        return False
    box = locator.bounding_box()
    width = page.evaluate("document.documentElement.clientWidth")
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1


def test_axe_finds_no_wcag_violations(opened):
    count, report = axe_violations(opened.page)
    assert count == 0, f"{opened.site_page.url}\n{report}"


def test_page_asks_only_its_own_origin_and_stores_nothing(context, opened):
    page = opened.page
    foreign = [url for url in opened.requests if not url.startswith(opened.origin + "/")]
    assert foreign == [], opened.site_page.url
    # The log is real: it saw the page, its one stylesheet and its one script.
    assets = page.evaluate(
        "() => [...document.querySelectorAll('link[rel=stylesheet], script[src]')]"
        ".map(e => e.href || e.src)"
    )
    assert len(assets) == 2, assets
    assert {page.url, *assets} <= set(opened.requests)
    assert context.cookies() == []
    stored = page.evaluate("() => [localStorage.length, sessionStorage.length, document.cookie]")
    assert stored == [0, 0, ""], opened.site_page.url
    databases = page.evaluate("async () => (await indexedDB.databases()).length")
    workers = page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length")
    assert (databases, workers) == (0, 0)


def test_no_horizontal_scroll_at_360_px(opened):
    page = opened.page
    found = layout(page)
    assert found["client"] <= PHONE["width"]
    assert found["scroll"] <= found["client"], f"{opened.site_page.url}: {found}"
    assert in_view(page, "h1") and in_view(page, "header .report-link")


def test_text_at_200_percent_loses_nothing(opened):
    """WCAG 1.4.4: text at 200% on a desktop width, nothing cut off or scrolling sideways."""
    page = opened.page
    page.set_viewport_size(DESKTOP)
    before = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    # A CSSOM change (not a style attribute in markup) is allowed under style-src 'self'.
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    try:
        after = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert after == pytest.approx(2 * before, rel=0.01)
        found = layout(page)
        assert found["scroll"] <= found["client"], f"{opened.site_page.url} at 200%: {found}"
        assert in_view(page, "h1") and in_view(page, "header .report-link")
    finally:
        page.evaluate("document.documentElement.style.fontSize = ''")
        page.set_viewport_size(PHONE)
