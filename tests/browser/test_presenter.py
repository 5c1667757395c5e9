"""The classroom presenter view with JavaScript: one step on screen, moved by the keyboard.

On the fixture classroom (tests/support/trees.py: a plan of two steps, so four slides with the
title and the closing slide), and then on a real plan's presenter view in every locale.
"""

from __future__ import annotations

import pytest

from tests.browser.support import open_context, serve, visit
from tests.support.apps import make_app
from tests.support.trees import classroom_tree

pytestmark = pytest.mark.browser

PRESENTER = "/en/classroom/fixture-plan/present/"
VISIBLE_SLIDES = "els => els.filter(e => !e.hidden).map(e => e.id)"


@pytest.fixture(scope="module")
def classroom_url(tmp_path_factory):
    yield from serve(make_app(classroom_tree(tmp_path_factory.mktemp("classroom") / "content")))


@pytest.fixture(scope="module")
def classroom(browser, browser_context_args, classroom_url):
    context = open_context(browser, **{**browser_context_args, "base_url": classroom_url})
    yield context
    context.close()


def visible(page) -> list[str]:
    return page.eval_on_selector_all("section[id^='step-']", VISIBLE_SLIDES)


def test_presenter_keyboard_moves_one_step_at_a_time(classroom):
    page = classroom.new_page()
    page.goto(PRESENTER)
    assert visible(page) == ["step-0"]
    assert page.locator("[data-presenter-keys]").is_visible()  # the keys are explained
    page.keyboard.press("ArrowRight")
    assert visible(page) == ["step-1"] and page.evaluate("location.hash") == "#step-1"
    page.keyboard.press("Space")
    page.keyboard.press("PageDown")
    assert visible(page) == ["step-3"]  # the closing slide: 2 steps + title + closing
    page.keyboard.press("ArrowRight")
    assert visible(page) == ["step-3"]
    page.keyboard.press("PageUp")
    assert visible(page) == ["step-2"]
    page.keyboard.press("Home")
    assert visible(page) == ["step-0"]
    page.keyboard.press("End")
    assert visible(page) == ["step-3"]
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("location.hash") == "#step-2"
    page.keyboard.press("Shift+Space")  # Shift+Space is not "next"
    assert visible(page) == ["step-2"]
    page.goto(f"{PRESENTER}#step-1")
    assert visible(page) == ["step-1"]
    page.click("#step-1 a[rel=next]")
    assert visible(page) == ["step-2"]
    assert page.evaluate("document.activeElement.id") == "step-2"  # focus follows the slide
    assert page.evaluate("document.cookie + localStorage.length + sessionStorage.length") == "00"
    assert classroom.network_log.foreign() == []
    page.close()


def test_presenter_without_javascript_shows_every_step(
    browser, browser_context_args, classroom_url
):
    context = open_context(
        browser, **{**browser_context_args, "base_url": classroom_url}, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto(PRESENTER)
        assert visible(page) == ["step-0", "step-1", "step-2", "step-3"]
        assert not page.locator("[data-presenter-keys]").is_visible()
    finally:
        context.close()


def test_a_real_presenter_view_in_every_locale_reaches_its_closing_slide(page, site):
    presenters = [p for p in site.representative() if p.endpoint == "classroom.presenter"]
    assert {p.locale for p in presenters} == set(site.locales)
    for presenter in presenters:
        visit(page, presenter)
        slides = page.locator("section[id^='step-']").count()
        assert slides >= 3, presenter.url
        assert visible(page) == ["step-0"], presenter.url
        page.keyboard.press("End")
        assert visible(page) == [f"step-{slides - 1}"], presenter.url
        page.keyboard.press("Home")
        assert visible(page) == ["step-0"], presenter.url
