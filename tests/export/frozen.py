"""The frozen site as the export tests see it: files, the URLs they answer, the bytes they send.

``frozen`` is the shipped site frozen once per session as `make freeze` does: `flask offline DIR
--site SITE` builds the offline copy's ZIPs, then freezes the site (which serves them) in the same
process. The app is the one `flask` makes (create_app, strict about content); render_pdf is a fake
(see FAKE_PDF), and the build must print no warning at all. tests/conftest.py registers it for
every tier: the browser opens the same offline copy (tests/browser/test_offline.py).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from app.views import classroom
from tests.support.apps import make_app

# A stand-in PDF: making the real ones takes minutes; tests/app/test_classroom.py checks them.
FAKE_PDF = b"%PDF-1.4\n% frozen by tests/export\n%%EOF\n"
SIBLINGS = (".gz", ".br")  # written beside a text file for nginx's gzip_static and brotli_static
NOT_FOUND_FILE = "404.html"
# The two pages a static host cannot serve as the app does (app/export.py).
STATIC_VARIANTS = re.compile(r"^/$|^/[^/]+/search/$")
# What a page loads on a first visit: its stylesheet, icon, script and images. Attributes in any
# order, after any others (the stylesheet's integrity comes after its href).
ASSET_PATTERN = re.compile(
    r"<(?:link\b[^>]*?\brel=\"(?:stylesheet|icon)\"[^>]*?\bhref"
    r"|script\b[^>]*?\bsrc"
    r"|img\b[^>]*?\bsrc)=\"([^\"]+)\""
)


@dataclass
class Frozen:
    root: Path
    app: object  # the app that froze it, still holding what it made (the fake PDFs)
    output: str  # what `flask freeze` printed
    pdfs_made: int  # calls to the (fake) PDF renderer

    def files(self) -> list[Path]:
        """Every file the export wrote, compressed siblings included."""
        return sorted(p for p in self.root.rglob("*") if p.is_file())

    def served(self) -> list[Path]:
        """The files that are URLs of the site (not the .gz and .br siblings)."""
        return [p for p in self.files() if p.suffix not in SIBLINGS]

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def url_of(self, path: Path) -> str:
        relative = path.relative_to(self.root).as_posix()
        if relative == "index.html":
            return "/"
        if relative.endswith("/index.html"):
            return "/" + relative.removesuffix("index.html")
        return "/" + relative

    def file_for(self, url: str) -> Path:
        path = urlsplit(url).path
        return self.root / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))

    def locale_of(self, path: Path, default: str) -> str:
        """The locale folder a file is in; the default locale for the chooser and the 404 page."""
        first = path.relative_to(self.root).parts[0]
        return first if (self.root / first).is_dir() and first != "static" else default


def sent_bytes(path: Path) -> int:
    """Bytes on the wire for a file: its .gz as nginx sends it (gzip_static), or the file itself
    when it is too small to be worth compressing."""
    gz = path.with_name(path.name + ".gz")
    return (gz if gz.is_file() else path).stat().st_size


class Tags(HTMLParser):
    """Every start tag with its attributes, in order."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def loaded(self) -> list[str]:
        """What the browser fetches to draw the page, read tag by tag (to check ASSET_PATTERN)."""
        found = []
        for tag, attrs in self.tags:
            if tag == "link" and attrs.get("rel") in ("stylesheet", "icon"):
                found.append(attrs["href"])
            elif tag in ("script", "img") and attrs.get("src"):
                found.append(attrs["src"])
        return found


@pytest.fixture(scope="session")
def frozen(tmp_path_factory) -> Frozen:
    app = make_app()
    destination = tmp_path_factory.mktemp("export") / "site"
    offline = destination.parent / "offline"
    made = []

    def fake_pdf(html, **options):
        made.append(html)
        return FAKE_PDF

    with pytest.MonkeyPatch.context() as patch, warnings.catch_warnings():
        patch.setattr(classroom, "render_pdf", fake_pdf)
        warnings.simplefilter("error")
        # The real command, as `make freeze` runs it: inside one application context.
        args = ["offline", str(offline), "--site", str(destination)]
        result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output or repr(result.exception)
    return Frozen(destination, app, result.output, len(made))
