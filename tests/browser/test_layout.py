"""Layout: right-to-left Arabic, print, and phone screenshots (360 px and zoom: test_pages.py)."""

from __future__ import annotations

import pytest

from tests.browser.support import ARTIFACTS, DESKTOP, PHONE, visit

pytestmark = pytest.mark.browser

# Hidden in print: everything that is for moving around a screen, not for reading on paper.
SCREEN_ONLY = (".site-nav", ".language-switcher", ".search-form", ".exit-this-page")


def test_right_to_left_locales_mirror_the_header(page, site):
    rtl = site.rtl_locales()
    assert rtl, "no right-to-left locale in content/ (Arabic is expected)"
    for code in rtl:
        for site_page in (site.first(code, "pages.home"), site.lesson(code)):
            page.set_viewport_size(DESKTOP)
            visit(page, site_page)
            assert page.locator("html").get_attribute("dir") == "rtl"
            direction = page.evaluate(
                "getComputedStyle(document.querySelector('.site-header')).direction"
            )
            assert direction == "rtl", site_page.url
            name = page.locator("header .site-name").bounding_box()
            report = page.locator("header .report-link").bounding_box()
            # The site name starts the line, on the right; the report link is to its left.
            assert name["x"] >= report["x"] + report["width"], (site_page.url, name, report)
            main_nav = page.locator("nav.site-nav li").first.bounding_box()
            assert main_nav["x"] + main_nav["width"] > DESKTOP["width"] / 2, site_page.url


def test_left_to_right_header_is_the_other_way_round(page, site):
    """The RTL check above can fail: in English the site name is on the left."""
    visit(page, site.first(site.default_locale, "pages.home"))
    name = page.locator("header .site-name").bounding_box()
    report = page.locator("header .report-link").bounding_box()
    assert name["x"] + name["width"] <= report["x"]


@pytest.mark.parametrize("section", ["parents", "classroom"])
def test_print_hides_navigation_and_exit(page, site, section):
    for code in site.locales:
        visit(page, site.lesson(code, section))
        page.emulate_media(media="print")
        try:
            assert_screen_only_hidden(page, f"{code} {section} lesson")
        finally:
            page.emulate_media(media="screen")


def assert_screen_only_hidden(page, label: str) -> None:
    assert page.locator("h1").is_visible(), label
    assert page.locator("main").is_visible(), label
    for selector in SCREEN_ONLY:
        displays = page.eval_on_selector_all(
            selector, "elements => elements.map(e => getComputedStyle(e).display)"
        )
        assert all(display == "none" for display in displays), (label, selector, displays)
    # The exit button is inside .exit-this-page; checked on its own as well.
    assert not page.locator(".exit-this-page__button").is_visible(), label


def test_print_hides_navigation_on_classroom_handouts(page, site):
    handouts = [p for p in site.representative() if "handout" in p.endpoint]
    assert handouts, "no classroom handout among the representative pages"
    for handout in handouts:
        visit(page, handout)
        page.emulate_media(media="print")
        try:
            assert_screen_only_hidden(page, handout.url)
        finally:
            page.emulate_media(media="screen")


def test_screen_elements_are_shown_on_screen(page, site):
    """The print check can fail: on screen these are displayed."""
    visit(page, site.lesson(site.default_locale))
    for selector in (".site-nav", ".exit-this-page", ".language-switcher"):
        assert page.locator(selector).first.is_visible(), selector


@pytest.mark.parametrize("locale_kind", ["default", "rtl"])
def test_save_phone_screenshots_of_a_lesson(page, site, locale_kind):
    """Full-page screenshots at 360 px wide, English and Arabic, in test-artifacts/."""
    codes = [site.default_locale] if locale_kind == "default" else site.rtl_locales()[:1]
    assert codes, "no right-to-left locale to photograph"
    code = codes[0]
    page.set_viewport_size(PHONE)
    lesson = site.lesson(code)
    visit(page, lesson)
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / f"lesson-{code}-360.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000
    top = ARTIFACTS / f"lesson-{code}-360-top.png"
    page.screenshot(path=str(top))
    assert top.stat().st_size > 5_000


def test_help_now_prints_on_one_page_in_every_locale(page, site):
    """A parent in crisis may print the help-now page: it must fit one US Letter or A4 sheet."""
    import io

    from pypdf import PdfReader

    for code in site.locales:
        help_now = site.first(code, "pages.page", url=f"/{code}/help-now/")
        assert help_now is not None, code
        visit(page, help_now)
        for paper in ("Letter", "A4"):
            pdf = page.pdf(format=paper, print_background=False)
            assert len(PdfReader(io.BytesIO(pdf)).pages) == 1, (code, paper)
