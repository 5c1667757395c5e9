"""Search on a static host: the export's search page, served by deploy/nginx-static.conf (no
gunicorn), finds pages in the browser from index.json under the site's own CSP, and lists them
in the order the server would.

The export is the fixture classroom tree (tests/support/trees.py: English and Spanish lessons,
Arabic and Chinese plans) frozen by the real `flask freeze`. Without nginx this module is skipped
with one line, unless OSL_REQUIRE_BROWSER=1 (CI): then it fails.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from app.content import locale_url
from app.views import classroom
from tests.browser.support import open_context
from tests.deploy.servers import local, run_nginx
from tests.support.apps import make_app
from tests.support.net import free_port
from tests.support.tools import tool_missing
from tests.support.trees import AR_TITLE, classroom_tree

pytestmark = pytest.mark.browser

FAKE_PDF = b"%PDF-1.4\n%%EOF\n"  # the PDFs are not what this module looks at
QUERIES = [  # (locale, query): a word, an Arabic word, a Chinese word inside a longer title
    ("en", "guide"),
    ("es", "guía"),
    ("ar", AR_TITLE.split()[-1]),
    ("zh-Hans", "课程"),
]
NO_MATCH = "zqxjvw"
RESULT_LINKS = "links => links.map(a => a.getAttribute('href'))"


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    app = make_app(classroom_tree(tmp_path_factory.mktemp("static-search") / "content"))
    destination = tmp_path_factory.mktemp("static-search-export") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(classroom, "render_pdf", lambda html, **options: FAKE_PDF)
        result = app.test_cli_runner().invoke(args=["freeze", str(destination)])
    assert result.exit_code == 0, result.output or repr(result.exception)
    return app, destination


@pytest.fixture(scope="module")
def static_host(export, tmp_path_factory):
    binary = local.nginx_binary()
    if binary is None:
        tool_missing(
            "nginx is not installed (scripts/system-deps.sh installs nginx-light)",
            "NGINX NOT INSTALLED: static-host search was not tested",
        )
    prefix, port = tmp_path_factory.mktemp("static-host"), free_port()
    conf = local.write(prefix, root=export[1], listen=f"127.0.0.1:{port}", workers="1", static=True)
    with run_nginx(binary, prefix, conf, port) as server:
        yield server.base


@pytest.fixture(scope="module")
def context(browser, browser_context_args, static_host):
    """This module's pages come from nginx; every console error (a CSP violation is one) and
    every failed response is recorded."""
    context = open_context(browser, **{**browser_context_args, "base_url": static_host})
    context.problems = []
    context.on("console", lambda m: context.problems.append(m.text) if m.type == "error" else None)
    context.on("weberror", lambda error: context.problems.append(str(error.error)))
    context.on(
        "response",
        lambda r: context.problems.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    yield context
    context.close()


def server_results(app, code: str, query: str) -> list[str]:
    found = app.extensions["osl"].search.search(code, query, limit=50)
    return [locale_url(code, result.page.url_path) for result in found]


@pytest.mark.parametrize(("code", "query"), QUERIES)
def test_static_search_finds_what_the_server_finds_in_the_same_order(
    context, page, export, code, query
):
    expected = server_results(export[0], code, query)
    assert expected, (code, query)  # the fixture tree has pages with these words
    page.goto(f"/{code}/search/?q={quote(query)}")
    page.wait_for_selector(".search-results__list li")
    links = page.eval_on_selector_all(".search-results__list li > a", RESULT_LINKS)
    assert links == expected, (code, query)
    assert page.input_value("#site-search-q") == query
    assert not page.locator("[data-static-search-message]").is_visible()
    assert context.problems == []


def test_static_search_says_when_nothing_matches(context, page):
    page.goto(f"/en/search/?q={NO_MATCH}")
    page.wait_for_selector("[data-static-search] > p:not([data-static-search-message])")
    assert page.locator(".search-results__list li").count() == 0
    assert context.problems == []


def test_without_javascript_the_static_search_page_says_why(browser, static_host):
    context = open_context(browser, base_url=static_host, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/en/search/?q=guide")
        assert page.is_visible("[data-static-search-message]")
        assert page.locator(".search-results__list li").count() == 0
    finally:
        context.close()
