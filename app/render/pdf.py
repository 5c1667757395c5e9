"""PDFs of lesson plans and handouts, made by WeasyPrint from the pages' own HTML.

Nothing reaches the network: the URL fetcher serves files from static/ and refuses every other URL.
Glyphs come from the system's Noto fonts (scripts/system-deps.sh), which the print rules in
static/site.css name. A PDF takes a second or more, so each is made once and kept (app/state.py).
Korean PDFs break lines only between words, as the web pages do (keep_korean_words).
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
# For keep_korean_words: tags are matched whole, so nothing inside one changes, and so are the
# elements whose text is not the page's. A word joiner goes after each "join": where Hangul
# touches another character, directly (an empty match) or across inline tags.
HANGUL = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff"
INLINE_TAGS = "a|abbr|b|bdi|cite|code|em|i|kbd|mark|q|s|small|span|strong|sub|sup|time|u"
INLINE = rf"(?:</?(?:{INLINE_TAGS})\b[^>]*>)*"
KOREAN_TEXT = re.compile(
    r"<(?P<raw>script|style|svg|textarea|title)\b.*?</(?P=raw)>|<!--.*?-->"
    rf"|(?P<join>(?<=[{HANGUL}]){INLINE}(?=[^\s<])|(?<=[^\s>]){INLINE}(?=[{HANGUL}]))"
    r"|<[^>]*>",
    re.S | re.I,
)
WORD_JOINER = "\u2060"


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


def keep_korean_words(html: str) -> str:
    """Korean lines break between words (eojeol, the space-separated units), never inside one.
    Browsers do it for the site's ``word-break: keep-all``; WeasyPrint 70 drops that declaration
    (its validator takes only ``normal`` and ``break-all``). So a word joiner (U+2060), which
    forbids a line break on either side, goes wherever Hangul touches another character, across
    an inline tag too ("<a>신고 방법</a>도"). It is not drawn and not in the PDF's text (WeasyPrint
    writes no glyph for it). ``overflow-wrap: anywhere`` still breaks a word wider than the line,
    and text without Hangul (a web address) keeps its own break points."""

    def join(match: re.Match) -> str:
        return match[0] if match["join"] is None else match[0] + WORD_JOINER

    return KOREAN_TEXT.sub(join, html)


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
    html = keep_korean_words(html)  # Hangul, in any locale's page; other text is left as it is
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf()
