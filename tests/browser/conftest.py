"""Real-browser fixtures: Debian's Chromium, launched by pytest-playwright, against the live app.

pytest-playwright's ``browser`` is the one launcher (``browser_type_launch_args`` points it at
Debian's Chromium with the flags below; ``--headed`` and ``--slowmo`` work as usual). The real app
is served on a free loopback port (``base_url``); each test module gets one context
(``open_context``). Every test here also checks, after it ran, that the pages it opened asked
nothing of any other origin and left no cookie or storage behind (``_privacy_after_test``).

Without Chromium the tests are skipped with one line saying why, unless OSL_REQUIRE_BROWSER=1
(CI), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.browser.sitemap import site_map
from tests.browser.support import DESKTOP, open_context, serve, storage_left
from tests.support.tools import REQUIRED, tool_missing

CHROMIUM = os.environ.get("OSL_CHROMIUM") or "/usr/bin/chromium"
# Without the background-networking flags Chromium calls Google hosts on start.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _browser_missing() -> str | None:
    try:
        import axe_playwright_python  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        return f"Playwright is not installed ({error}): pip install -e '.[test]'"
    if not (shutil.which(CHROMIUM) and os.access(shutil.which(CHROMIUM), os.X_OK)):
        return (
            f"Chromium not found at {CHROMIUM}: install the Debian package (scripts/system-deps.sh)"
        )
    return None


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "other_origins(*origins): origins a browser test may reach (routed locally)"
    )


def pytest_collection_modifyitems(config, items):
    """Every test here must carry the ``browser`` mark (``-m "not browser"`` must leave them all
    out). Without a browser (and not required): one skipped test says why; the rest are
    deselected, so the summary has one line instead of hundreds."""
    here = Path(__file__).parent
    ours = [item for item in items if here in Path(item.path).parents]
    unmarked = [item.nodeid for item in ours if item.get_closest_marker("browser") is None]
    if unmarked:
        raise pytest.UsageError(
            f"browser tests without pytestmark = pytest.mark.browser: {unmarked}"
        )
    missing = _browser_missing()
    if not ours or missing is None or REQUIRED:
        return
    reason = f"BROWSER TESTS SKIPPED ({len(ours)} tests): {missing}"
    ours[0].add_marker(pytest.mark.skip(reason=reason))
    rest = set(ours[1:])
    items[:] = [item for item in items if item not in rest]
    config.hook.pytest_deselected(items=list(rest))
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"WARNING: {reason}", yellow=True, bold=True)


def pytest_generate_tests(metafunc):
    """Page parameters come from the crawl, so every view the site links to is covered.

    Module scope groups a module's tests by page, so a module-scoped fixture can open each page
    once for several checks.
    """
    sets = {
        "every_page": site_map().every_page,  # all English pages + each kind in every locale
        "sample_page": site_map().representative,  # each kind of page in every locale
        "english_sample": site_map().english_sample,  # each kind of page in English
    }
    for name, pages in sets.items():
        if name in metafunc.fixturenames:
            chosen = pages()
            ids = [p.url for p in chosen]
            metafunc.parametrize(name, chosen, ids=ids, scope="module")


@pytest.fixture(scope="session", autouse=True)
def _chromium_available():
    missing = _browser_missing()
    if missing is None:
        return
    tool_missing(missing, "BROWSER TESTS SKIPPED")  # normally deselected before this


@pytest.fixture(scope="session")
def site():
    return site_map()


@pytest.fixture(scope="session")
def base_url(site):
    """The real app (content/ as shipped) on a free loopback port (pytest-playwright's name)."""
    yield from serve(site.app)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch options, on Debian's Chromium (Playwright's own is not used)."""
    headless = browser_type_launch_args.get("headless", True)
    args = [arg for arg in CHROMIUM_ARGS if headless or arg != "--headless"]
    return {**browser_type_launch_args, "executable_path": shutil.which(CHROMIUM), "args": args}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """pytest-playwright's context options (base_url among them), at desktop width."""
    return {**browser_context_args, "viewport": DESKTOP}


@pytest.fixture(scope="module")
def context(browser, browser_context_args):
    """One context per module, JavaScript on, desktop width (replaces pytest-playwright's
    per-test context: a module's pages share a context so each is opened once)."""
    context = open_context(browser, **browser_context_args)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    yield page
    page.close()


@pytest.fixture(autouse=True)
def _privacy_after_test(request):
    """After every browser test: no foreign requests, no cookies, empty storage."""
    if "context" not in request.fixturenames:
        yield
        return
    context = request.getfixturevalue("context")
    log = context.network_log
    log.requests.clear()
    yield
    marker = request.node.get_closest_marker("other_origins")
    allowed = tuple(marker.args) if marker else ()
    assert log.foreign(allowed) == [], "requests to other origins"
    assert context.cookies() == [], "the site set a cookie"
    for open_page in context.pages:
        left = storage_left(open_page, log.origin)
        assert not left.get("local") and not left.get("session"), (open_page.url, left)
        assert not left.get("cookie"), (open_page.url, left)
