"""Pages are rendered once, then served from memory as bytes.

``PageCache`` wraps the Flask WSGI app. The first GET of a URL without a query string goes through
Flask; a 200 response is kept with its identity, gzip and brotli bodies (compressed once) and a
strong ETag per encoding. Every later request for that URL is answered here, before Flask builds a
request context, which is why a lesson page costs about as much to serve as a bare "ok" route.
Responses that depend on anything but the path (the ``/`` redirect, search results, errors) are
never stored. Security headers come from the same constants as app/security.py.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import brotli
from werkzeug.datastructures import Headers
from werkzeug.http import parse_accept_header, parse_etags
from werkzeug.test import EnvironBuilder, run_wsgi_app

from .security import ALLOWED_METHODS, HSTS, SECURITY_HEADERS

# Compressing tiny or already-compressed bodies wastes CPU and can grow them.
COMPRESSIBLE = (
    "text/",
    "application/json",
    "application/javascript",
    "image/svg+xml",
    "application/xml",
)
MIN_COMPRESS_BYTES = 256
# Bodies larger than this are served by Flask each time rather than kept (PDFs cache themselves).
MAX_ENTRY_BYTES = 4 * 1024 * 1024
# Headers a stored response keeps; everything else is rebuilt per request.
KEPT_HEADERS = (
    "Content-Type",
    "Cache-Control",
    "Content-Disposition",
    "Content-Language",
    "Link",
    "X-Robots-Tag",
)


@dataclass(frozen=True)
class Entry:
    headers: tuple[tuple[str, str], ...]
    bodies: dict  # encoding ("identity" | "gzip" | "br") -> bytes
    etags: dict  # encoding -> strong ETag value (quoted)


def build_entry(
    status: int, headers: Headers, body: bytes, brotli_quality: int = 11
) -> Entry | None:
    if status != 200 or "Set-Cookie" in headers or len(body) > MAX_ENTRY_BYTES:
        return None
    if "Accept-Language" in headers.get("Vary", ""):
        return None
    kept = tuple((name, headers[name]) for name in KEPT_HEADERS if name in headers)
    digest = hashlib.sha256(body).hexdigest()[:32]
    bodies = {"identity": body}
    content_type = headers.get("Content-Type", "")
    if len(body) >= MIN_COMPRESS_BYTES and content_type.startswith(COMPRESSIBLE):
        bodies["gzip"] = gzip.compress(body, compresslevel=9, mtime=0)
        bodies["br"] = brotli.compress(body, quality=brotli_quality)
    etags = {encoding: f'"{digest}-{encoding}"' for encoding in bodies}
    etags["identity"] = f'"{digest}"'
    return Entry(kept, bodies, etags)


def choose_encoding(accept_encoding: str, available: Iterable[str]) -> str:
    if len(tuple(available)) == 1:
        return "identity"
    accepted = parse_accept_header(accept_encoding[:256])
    best, best_quality = "identity", 0.0
    for encoding in ("br", "gzip"):  # brotli first: smaller for the same quality
        quality = accepted[encoding]
        if quality > best_quality:
            best, best_quality = encoding, quality
    return best


class PageCache:
    def __init__(self, app: Callable, *, enabled: bool = True, brotli_quality: int = 11):
        self.app = app
        self.enabled = enabled
        # 11 is smallest (about 13% under 5) but costs ~35 ms a page: fine once at start-up.
        self.brotli_quality = brotli_quality
        self.entries: dict[str, Entry] = {}
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "")
        cacheable = self.enabled and method in ALLOWED_METHODS and not environ.get("QUERY_STRING")
        entry = self.entries.get(path) if cacheable else None
        if entry is None and cacheable:
            entry = self._fill(environ, path)
            if entry is None:
                return self.app(environ, start_response)
        if entry is None:
            return self.app(environ, start_response)
        return self._serve(entry, environ, start_response, head=method == "HEAD")

    def _fill(self, environ, path: str) -> Entry | None:
        get_environ = dict(environ, REQUEST_METHOD="GET")
        get_environ.pop("HTTP_IF_NONE_MATCH", None)
        get_environ.pop("HTTP_IF_MODIFIED_SINCE", None)
        app_iter, status, headers = run_wsgi_app(self.app, get_environ)
        try:
            body = b"".join(app_iter)
        finally:
            if hasattr(app_iter, "close"):
                app_iter.close()
        entry = build_entry(
            int(status.split(" ", 1)[0]), Headers(headers), body, self.brotli_quality
        )
        if entry is not None:
            with self.lock:
                self.entries[path] = entry
        return entry

    def _serve(self, entry: Entry, environ, start_response, *, head: bool):
        encoding = choose_encoding(environ.get("HTTP_ACCEPT_ENCODING", ""), entry.bodies)
        body = entry.bodies[encoding]
        etag = entry.etags[encoding]
        headers = list(entry.headers)
        headers.append(("ETag", etag))
        if len(entry.bodies) > 1:
            headers.append(("Vary", "Accept-Encoding"))
        if encoding != "identity":
            headers.append(("Content-Encoding", encoding))
        headers.extend(SECURITY_HEADERS.items())
        if environ.get("wsgi.url_scheme") == "https":
            headers.append(("Strict-Transport-Security", HSTS))
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        if if_none_match and parse_etags(if_none_match).contains_weak(etag.strip('"')):
            start_response("304 Not Modified", headers)
            return [b""]
        headers.append(("Content-Length", str(len(body))))
        start_response("200 OK", headers)
        return [b"" if head else body]

    # -- warming ---------------------------------------------------------------------------------
    def warm(self, start_paths: Iterable[str], limit: int = 100_000) -> int:
        """Render every page reachable from ``start_paths`` once (run at start-up)."""
        queue = list(start_paths)
        seen: set[str] = set()
        while queue and len(seen) < limit:
            path = queue.pop()
            if path in seen:
                continue
            seen.add(path)
            environ = EnvironBuilder(path=path, method="GET").get_environ()
            entry = self.entries.get(path) or self._fill(environ, path)
            if entry is None:
                continue
            content_type = dict(entry.headers).get("Content-Type", "")
            if content_type.startswith("text/html"):
                html = entry.bodies["identity"].decode("utf-8", "replace")
                for link in _links(html, path):
                    # PDFs are slow to make and rarely needed: they are rendered on first request.
                    if link not in seen and not link.endswith(".pdf"):
                        queue.append(link)
        return len(self.entries)


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def _links(html: str, base: str) -> list[str]:
    parser = _LinkParser()
    parser.feed(html)
    found = []
    for link in parser.links:
        parts = urlsplit(urljoin(base, link))
        if not parts.scheme.startswith("http") and not parts.netloc and not parts.query:
            found.append(parts.path)
        elif parts.netloc == "localhost" and not parts.query:
            found.append(parts.path)
    return found
