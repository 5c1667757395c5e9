"""A crawler over the test client: follows every same-site link from a start page."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

REDIRECTS = (301, 302, 307, 308)


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name) and tag in ("a", "link", "script", "img"):
                self.links.append(attrs[name])


def links_of(html: str, base: str) -> list[str]:
    parser = LinkParser()
    parser.feed(html)
    return [urldefrag(urljoin(base, link))[0] for link in parser.links]


def is_internal(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc or parts.netloc == "localhost"


def crawl(app, start: str = "/", limit: int = 5000, skip=(".pdf",)) -> dict:
    """Every URL reachable from ``start`` with its response. PDFs take seconds each to make:
    they are left out unless ``skip`` says otherwise."""
    client = app.test_client()
    seen: dict[str, object] = {}
    queue = [start]
    while queue and len(seen) < limit:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url, headers={"Accept-Language": "en"})
        seen[url] = response
        if response.status_code in REDIRECTS:
            queue.append(urlsplit(response.headers["Location"]).path)
            continue
        if response.mimetype == "text/html":
            for link in links_of(response.get_data(as_text=True), url):
                path = urlsplit(link).path
                if is_internal(link) and path not in seen and not path.endswith(tuple(skip)):
                    queue.append(path)
    return seen


def html_pages(crawled: dict) -> dict:
    return {
        url: r for url, r in crawled.items() if r.status_code == 200 and r.mimetype == "text/html"
    }


def attribute(html: str, tag: str, name: str) -> str | None:
    match = re.search(rf"<{tag}\b[^>]*\b{name}=\"([^\"]*)\"", html)
    return match.group(1) if match else None
