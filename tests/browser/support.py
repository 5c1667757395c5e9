"""Helpers the browser tests share (no Playwright import: it may not be installed)."""

from __future__ import annotations

import threading
from pathlib import Path
from urllib.parse import urlsplit

from werkzeug.serving import WSGIRequestHandler, make_server

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
EXIT_URL = "https://www.weather.gov/"
# Screenshots for people to look at (gitignored).
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


class NetworkLog:
    """Every request a context's pages made; requests to other origins are recorded and aborted."""

    def __init__(self, origin: str):
        self.origin = origin
        self.requests: list[str] = []

    def record(self, request) -> None:
        self.requests.append(request.url)

    def foreign(self, allowed: tuple[str, ...] = ()) -> list[str]:
        own = (self.origin, *allowed)
        return [url for url in self.requests if _origin(url) not in own]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def open_context(browser, *, base_url: str, **options):
    """A fresh context (no cookies, no storage) whose requests are logged; foreign ones fail.
    ``options`` are Browser.new_context's (pytest-playwright's ``browser_context_args``)."""
    options.setdefault("viewport", DESKTOP)
    context = browser.new_context(base_url=base_url, **options)
    context.set_default_timeout(10_000)
    log = NetworkLog(base_url)
    context.on("request", log.record)
    context.route(lambda url: _origin(url) != base_url, lambda route: route.abort())
    context.network_log = log
    return context


def storage_left(page, origin: str) -> dict:
    """What an open page of the site keeps in the browser: storage sizes and document.cookie."""
    if page.is_closed() or _origin(page.url) != origin:
        return {}
    return page.evaluate(
        "() => ({local: localStorage.length, session: sessionStorage.length,"
        " cookie: document.cookie})"
    )


def visit(page, site_page):
    """Open a crawled page; the response status must be the one the crawl saw."""
    response = page.goto(site_page.url, wait_until="load")
    assert response is not None and response.status == site_page.status, site_page.url
    return response


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):  # errors are still logged
        pass


def serve(app):
    """Serve a WSGI app on a free loopback port in a thread, for a yield fixture: its origin."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-app", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
