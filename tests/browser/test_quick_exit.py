"""Exit this page, with JavaScript: Shift three times leaves at once and leaves no way back.

The exit target (https://www.weather.gov/) is answered by a local route: nothing leaves the machine.
"""

from __future__ import annotations

import pytest

from tests.browser.support import EXIT_URL, visit

pytestmark = [pytest.mark.browser, pytest.mark.other_origins(EXIT_URL.rstrip("/"))]

EXIT_PATTERN = f"{EXIT_URL}**"
HIDDEN_PAGE_SCRIPT = """() => {
  const html = document.documentElement;
  const h1 = document.querySelector('h1');
  return {
    exiting: html.classList.contains('is-exiting'),
    h1Visibility: getComputedStyle(h1).visibility,
    overlay: !!document.querySelector('.exit-this-page__overlay'),
    status: document.querySelector('[data-exit-status]').textContent,
  };
}"""


@pytest.fixture
def exit_page(page):
    """A page whose exit target is a local stand-in for weather.gov."""
    page.route(
        EXIT_PATTERN,
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<title>Weather</title><p>Forecast</p>"
        ),
    )
    return page


def status_text(page) -> str:
    return page.locator("[data-exit-status]").text_content() or ""


def is_exiting(page) -> bool:
    return page.evaluate("document.documentElement.classList.contains('is-exiting')")


def test_three_shift_presses_leave_the_page(exit_page, site):
    visit(exit_page, site.lesson(site.default_locale))
    for _ in range(3):
        exit_page.keyboard.press("Shift")
    exit_page.wait_for_url(EXIT_URL)
    assert exit_page.title() == "Weather"


def test_status_is_announced_after_each_press(exit_page, site):
    """Screen-reader users hear their progress in the aria-live region."""
    visit(exit_page, site.lesson(site.default_locale))
    status = exit_page.locator("[data-exit-status]")
    assert status.get_attribute("aria-live") == "polite"
    assert status_text(exit_page) == ""
    exit_page.keyboard.press("Shift")
    first = status_text(exit_page)
    assert first and first == status.get_attribute("data-press-1")
    exit_page.keyboard.press("Shift")
    second = status_text(exit_page)
    assert second and second != first and second == status.get_attribute("data-press-2")
    assert exit_page.url.endswith(site.lesson(site.default_locale).url)


def test_typing_capitals_does_not_leave(exit_page, site):
    lesson = site.lesson(site.default_locale)
    visit(exit_page, lesson)
    for letter in "ABC":
        exit_page.keyboard.press(f"Shift+{letter}")
    assert not is_exiting(exit_page)
    assert status_text(exit_page) == ""
    assert exit_page.url.endswith(lesson.url)
    # The count starts again after typing: two plain presses are not yet three.
    exit_page.keyboard.press("Shift")
    exit_page.keyboard.press("Shift+D")
    exit_page.keyboard.press("Shift")
    exit_page.keyboard.press("Shift")
    assert not is_exiting(exit_page)
    assert exit_page.url.endswith(lesson.url)


def test_back_does_not_return_to_the_page_left(exit_page, site):
    """location.replace: the page left is not in the history, so Back skips it."""
    home = site.first(site.default_locale, "pages.home")
    lesson = site.lesson(site.default_locale)
    visit(exit_page, home)
    visit(exit_page, lesson)
    for _ in range(3):
        exit_page.keyboard.press("Shift")
    exit_page.wait_for_url(EXIT_URL)
    exit_page.go_back()
    assert exit_page.url.endswith(home.url)
    assert not exit_page.url.endswith(lesson.url)


def test_exit_button_also_replaces_the_page(exit_page, site):
    home = site.first(site.default_locale, "pages.home")
    lesson = site.lesson(site.default_locale)
    visit(exit_page, home)
    visit(exit_page, lesson)
    exit_page.locator(".exit-this-page__button").click()
    exit_page.wait_for_url(EXIT_URL)
    exit_page.go_back()
    assert exit_page.url.endswith(home.url)


def test_page_is_hidden_before_the_exit_target_answers(page, site):
    """While the next site is still loading, nothing of this page is left on screen.

    The exit target's answer is held back; the page reports its own state (through an exposed
    function: DevTools evaluation waits while a navigation is pending) when its class changes.
    """
    held, seen = [], []
    page.route(EXIT_PATTERN, lambda route: held.append(route))  # answered after the checks
    page.expose_function("oslSawExit", lambda state: seen.append(state))
    lesson = site.lesson(site.default_locale)
    visit(page, lesson)
    assert page.evaluate(HIDDEN_PAGE_SCRIPT) == {
        "exiting": False,
        "h1Visibility": "visible",
        "overlay": False,
        "status": "",
    }
    page.evaluate(
        f"""() => new MutationObserver(() => window.oslSawExit(({HIDDEN_PAGE_SCRIPT})()))
        .observe(document.documentElement, {{attributes: true, attributeFilter: ['class']}})"""
    )
    leaving = page.locator("[data-exit-status]").get_attribute("data-leaving")
    for _ in range(3):
        page.keyboard.press("Shift")
    for _ in range(100):  # the route sees the request a moment after navigation starts
        if held and seen:
            break
        page.wait_for_timeout(50)
    assert len(held) == 1 and held[0].request.url == EXIT_URL  # still waiting for an answer
    assert seen == [{"exiting": True, "h1Visibility": "hidden", "overlay": True, "status": leaving}]
    held[0].fulfill(status=200, content_type="text/html", body="<title>Weather</title>")
    page.wait_for_url(EXIT_URL)


def test_exit_works_in_every_locale(exit_page, site):
    for code in site.locales:
        visit(exit_page, site.first(code, "pages.home"))
        for _ in range(3):
            exit_page.keyboard.press("Shift")
        exit_page.wait_for_url(EXIT_URL)
