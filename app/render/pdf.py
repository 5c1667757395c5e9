"""PDFs of lesson plans and handouts, made by WeasyPrint from the pages' own HTML.

Nothing reaches the network: the URL fetcher serves files from static/ and refuses every other URL.
Glyphs come from the system's Noto fonts (scripts/system-deps.sh), which the print rules in
static/site.css name. A PDF takes a second or more, so each is made once and kept (app/state.py).
"""

from __future__ import annotations

import logging
import mimetypes
import re
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote, urlsplit

# WeasyPrint warns about every screen-only CSS feature it skips (clamp(), :focus-visible...);
# those are expected. Errors still show.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
SITE_LINK = re.compile(r'(<a\b[^>]*?)\shref="/(?!/)[^"]*"')


class StaticFiles:
    """Maps ``<origin>/static/...`` URLs to files on disk; refuses every other URL."""

    def __init__(
        self,
        folder: Path,
        *,
        origin: str,
        url_path: str = "/static",
        aliases: Mapping[str, str] | None = None,
    ):
        self.folder = Path(folder).resolve()
        self.origin = urlsplit(origin)[:2]
        self.prefix = url_path.rstrip("/") + "/"
        # Content-hashed names the app serves ("site.3f2a9c1b2d.css") -> files on disk.
        self.aliases = dict(aliases or {})

    def path_for(self, url: str) -> Path:
        """The file ``url`` names, or ValueError for anything that is not one of ours."""
        parts = urlsplit(url)
        if parts[:2] != self.origin or not parts.path.startswith(self.prefix):
            raise ValueError(f"refused (not a static file of this site): {url}")
        name = unquote(parts.path[len(self.prefix) :])
        path = (self.folder / self.aliases.get(name, name)).resolve()
        if not path.is_relative_to(self.folder) or not path.is_file():
            raise ValueError(f"refused (no such static file): {url}")
        return path


def unlink_site_links(html: str) -> str:
    """Drop the href of links to this site's pages: with no public origin to point them at, a
    link in a downloaded PDF could only lead nowhere. Their text stays; other links keep working."""
    return SITE_LINK.sub(r"\1", html)


def render_pdf(html: str, *, base_url: str, files: StaticFiles) -> bytes:
    """The PDF of a page, laid out with its print styles (WeasyPrint uses media "print")."""
    # WeasyPrint takes seconds to import: only the first PDF pays for it, not every start-up.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = files.path_for(url)
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime_type})

    fetcher = StaticOnlyFetcher(allowed_protocols=(), allow_redirects=False)
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf()
