"""The offline copy opened from a folder (``file://``) in Chromium: the whole-site ZIP and one
locale's ZIP, as the export tier's real `make freeze` built them (fake PDFs), unzipped into a
temporary folder.

On a sample of pages in every locale (home, a parent lesson, a classroom plan, search, help now)
every link into the copy opens a real page or file of it; no request fails and none goes to
http(s) at all. The quick exit still works (its target answered by a local route), and the search
page says that search needs the live site.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.browser.support import ARTIFACTS, DESKTOP, EXIT_URL, NetworkLog

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ONE_LOCALE = "ar"  # right to left: the per-locale ZIP opened here
LINKS = "links => links.map(a => a.href)"
PAGES = ("index.html", "parents/sextortion/index.html", "search/index.html", "help-now/index.html")


@pytest.fixture(scope="module")
def offline(frozen, tmp_path_factory):
    """(locale codes, {folder name: unzipped folder}) of the offline copy `make freeze` built for
    the export tier (tests/export/frozen.py): built once for both tiers."""
    built = frozen.root.parent / "offline"
    folders = {}
    for name in ("open-safety-lessons.zip", f"open-safety-lessons-{ONE_LOCALE}.zip"):
        folder = tmp_path_factory.mktemp("unzipped") / name.removesuffix(".zip")
        with zipfile.ZipFile(built / name) as archive:
            archive.extractall(folder)
        folders[name] = folder
    return frozen.app.extensions["osl"].site.locale_codes, folders


@pytest.fixture(scope="module")
def context(browser):
    """Pages from files only: any other request is recorded (the privacy check fails on it) and
    aborted; failed requests and console errors (a CSP violation is one) are kept."""
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(10_000)
    context.network_log = NetworkLog("file://")
    context.problems = []
    context.on("request", context.network_log.record)
    context.on("requestfailed", lambda r: failed(context, r))
    context.on("console", lambda m: context.problems.append(m.text) if m.type == "error" else None)
    context.on("weberror", lambda error: context.problems.append(str(error.error)))
    context.route(lambda url: not url.startswith("file:"), lambda route: route.abort())
    yield context
    context.close()


def failed(context, request) -> None:
    # Chromium asks for the icon after the load event; opening the next page cancels that.
    if not (request.failure == "net::ERR_ABORTED" and "/static/favicon." in request.url):
        context.problems.append(f"{request.failure} {request.url}")


def samples(offline) -> list[Path]:
    codes, folders = offline
    found = []
    for name, folder in folders.items():
        for code in codes if name == "open-safety-lessons.zip" else (ONE_LOCALE,):
            plan = next(p.parent for p in sorted((folder / code).glob("classroom/*/handout")))
            found += [folder / code / page for page in PAGES] + [plan / "index.html"]
        found.append(folder / "index.html")
    return found


def opened_in_browser(path: Path, offline) -> bool:
    """Every link target is checked as a file; those in English and in the one-locale ZIP are
    also opened in Chromium (all of them would take minutes: the others are the same kinds of
    page in other languages)."""
    whole = offline[1]["open-safety-lessons.zip"]
    return not path.is_relative_to(whole) or path.is_relative_to(whole / "en")


def file_of(url: str) -> Path:
    return Path(unquote(urlsplit(url).path))


def open_file(page, path: Path, query: str = ""):
    page.goto(path.as_uri() + query, wait_until="load")
    assert page.url.startswith("file://"), page.url
    assert page.locator("h1").count() == 1, page.url  # a page of the site, not a folder listing


def test_every_link_of_the_sample_pages_opens_a_page_of_the_copy(context, page, offline):
    targets: set[str] = set()
    for sample in samples(offline):
        open_file(page, sample)
        assert page.locator("[integrity]").count() == 0, sample
        assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == (
            "absolute"
        ), sample  # the stylesheet applies
        for href in page.eval_on_selector_all("a[href], link[href]", LINKS):
            if href.startswith("file:"):
                targets.add(href.split("#", 1)[0].split("?", 1)[0])
            else:
                assert href.startswith(("https://", "mailto:")), (sample, href)
    assert len(targets) > 300
    opened = {sample.as_uri() for sample in samples(offline)}
    for target in sorted(targets):
        path = file_of(target)
        assert path.is_file(), target  # never a folder (no index.html to open) or a missing file
        if path.suffix == ".html":
            assert path.read_text(encoding="utf-8").count("<h1") == 1, target
            if target not in opened and opened_in_browser(path, offline):
                open_file(page, path)
    assert context.problems == []
    assert [url for url in context.network_log.requests if not url.startswith("file:")] == []


def test_search_says_it_needs_the_live_site(context, page, offline):
    codes, folders = offline
    for folder in folders.values():
        search = next(folder.glob("*/search/index.html"))
        open_file(page, search, "?q=report")
        assert page.locator("[data-offline-search]").is_visible()
        assert page.locator("[data-static-search]").count() == 0
        live = page.get_by_role("link", name="Search on the live site")
        if search.parent.parent.name == "en":
            assert live.get_attribute("href") == "https://opensafetylessons.org/en/search/"
        page.locator("#site-search-q").fill("help")  # the form opens the same file again
        page.locator("#site-search-q").press("Enter")
        page.wait_for_url("**/search/index.html?q=help")
    assert context.problems == []


@pytest.mark.other_origins(EXIT_URL.rstrip("/"))
def test_quick_exit_works_offline(context, page, offline):
    page.route(
        f"{EXIT_URL}**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<title>W</title>"),
    )
    for folder in offline[1].values():
        lesson = next(folder.glob("*/parents/sextortion/index.html"))
        open_file(page, lesson)
        for _ in range(3):
            page.keyboard.press("Shift")
        page.wait_for_url(EXIT_URL)
        open_file(page, lesson)
        page.locator(".exit-this-page__button").click()
        page.wait_for_url(EXIT_URL)
    assert context.problems == []


def test_screenshots_for_people(context, page, offline):
    """English and Arabic, phone and desktop width, into test-artifacts/ (gitignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    folder = offline[1]["open-safety-lessons.zip"]
    for code in ("en", ONE_LOCALE):
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            for name, path in (("home", "index.html"), ("about", "about/index.html")):
                open_file(page, folder / code / path)
                shot = ARTIFACTS / f"offline-{code}-{name}-{width}.png"
                page.screenshot(path=shot, full_page=True)
    page.set_viewport_size({"width": 390, "height": 900})
    open_file(page, folder / "index.html")
    page.screenshot(path=ARTIFACTS / "offline-chooser-390.png")
