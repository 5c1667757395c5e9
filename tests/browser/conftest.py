"""Real-browser fixtures: Debian's Chromium driven by Playwright against the live app.

One browser for this package, one context per test module, the app served on a free loopback port.
Every test here also checks, after it ran, that the pages it opened asked nothing of any other
origin and left no cookie or storage behind (see ``network_log`` and ``_privacy_after_test``).

Without Chromium the tests are skipped with one line saying why, unless OSL_REQUIRE_BROWSER=1
(CI), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from tests.browser.sitemap import site_map
from tests.browser.support import open_context, storage_left

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
REQUIRE_BROWSER = os.environ.get("OSL_REQUIRE_BROWSER") == "1"


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
    """Without a browser (and not required): one skipped test says why; the rest are deselected,
    so the summary has one line instead of hundreds."""
    missing = _browser_missing()
    if missing is None or REQUIRE_BROWSER:
        return
    here = Path(__file__).parent
    ours = [item for item in items if here in Path(item.path).parents]
    if not ours:
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
    if REQUIRE_BROWSER:
        pytest.fail(f"OSL_REQUIRE_BROWSER=1 and {missing}", pytrace=False)
    pytest.skip(f"BROWSER TESTS SKIPPED: {missing}")  # normally deselected before this


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):  # errors are still logged
        pass


@pytest.fixture(scope="session")
def site():
    return site_map()


@pytest.fixture(scope="package")
def base_url(site):
    """The real app (content/ as shipped) on a free loopback port, for this package's tests."""
    server = make_server("127.0.0.1", 0, site.app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-app", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="package")
def browser():
    """One Chromium for the package; closed after it, so tests elsewhere can start their own
    (Playwright's sync API allows one running instance per thread)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=shutil.which(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def context(browser, base_url):
    """One context per module, JavaScript on, desktop width."""
    context = open_context(browser, base_url)
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
