"""Without JavaScript: every page reads, the report and exit links work, navigation works."""

from __future__ import annotations

import pytest

from tests.browser.support import EXIT_URL, open_context, visit

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def context(browser, browser_context_args):
    context = open_context(browser, **browser_context_args, java_script_enabled=False)
    yield context
    context.close()


PAGE_FACTS_SCRIPT = """() => {
  const shown = e => !!e && e.checkVisibility({visibilityProperty: true, opacityProperty: true})
    && e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().height > 0;
  const h1s = document.querySelectorAll('h1');
  const report = document.querySelector('header .report-link');
  const exit = document.querySelector('.exit-this-page__button');
  const main = document.querySelector('main');
  return {
    h1Count: h1s.length,
    h1Shown: shown(h1s[0]),
    h1Text: h1s[0] ? h1s[0].textContent.trim() : '',
    mainText: main ? main.textContent.replace(/\\s+/g, ' ').trim().length : 0,
    reportHref: report && report.getAttribute('href'),
    reportShown: shown(report),
    exitHref: exit && exit.getAttribute('href'),
    exitShown: shown(exit),
  };
}"""


@pytest.fixture(scope="module")
def tab(context):
    page = context.new_page()
    yield page
    page.close()


def test_page_reads_without_javascript(tab, site, every_page):
    visit(tab, every_page)
    facts = tab.evaluate(PAGE_FACTS_SCRIPT)
    assert facts["h1Count"] == 1 and facts["h1Shown"] and facts["h1Text"], facts
    assert facts["mainText"] > len(facts["h1Text"]) + 20, facts  # content, not just a heading
    assert facts["reportHref"] == site.app.config["REPORT_URL"] and facts["reportShown"], facts
    assert facts["exitHref"] == EXIT_URL and facts["exitShown"], facts


def test_javascript_is_really_off(page, site):
    """site.js would mark the exit status; without JavaScript nothing runs at all."""
    visit(page, site.first(site.default_locale, "pages.home"))
    assert page.evaluate("1 + 1") == 2  # DevTools evaluation still works ...
    page.locator(".exit-this-page__button").focus()
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert page.locator("[data-exit-status]").text_content() == ""  # ... the page's script not


def test_main_navigation_links_arrive(page, site):
    """Every main link in the default locale; the first one in every other locale."""
    for code in site.locales:
        home = site.first(code, "pages.home")
        visit(page, home)
        links = page.locator("nav.site-nav a")
        assert links.count() >= 2
        count = links.count() if code == site.default_locale else 1
        for index in range(count):
            link = links.nth(index)
            href = link.get_attribute("href")
            with page.expect_navigation():
                link.click()
            assert page.url.endswith(href), (code, href, page.url)
            assert page.locator("h1").is_visible()
            assert page.locator("html").get_attribute("lang") == code
            page.go_back()
            assert page.url.endswith(home.url)


def test_lesson_link_from_a_section_arrives(page, site):
    section = site.first(site.default_locale, "lessons.section")
    visit(page, section)
    first = page.locator("main .lesson-list a").first
    title = first.inner_text().strip()
    with page.expect_navigation():
        first.click()
    assert page.locator("h1").inner_text().strip() == title


def test_skip_link_moves_to_the_main_content(page, site):
    visit(page, site.lesson(site.default_locale))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "skip-link" in focused
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")


@pytest.mark.other_origins("https://www.weather.gov")
def test_exit_link_leaves_without_javascript(page, site):
    page.route(
        f"{EXIT_URL}**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<p>Weather</p>"),
    )
    visit(page, site.lesson(site.default_locale))
    page.locator(".exit-this-page__button").click()
    page.wait_for_url(EXIT_URL)
    page.unroute(f"{EXIT_URL}**")
