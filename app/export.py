"""The static export: `flask freeze [DEST]` writes the whole site as files, with Frozen-Flask.

Each blueprint registers the URLs it serves (``freezer.register_generator``); Frozen-Flask adds the
static files. A redirect, a 404 or a type mismatch fails the export. Every file is byte for byte
what the live server sends, except two a static host forces: ``/`` is a language chooser (no
Accept-Language there), and each ``/<locale>/search/`` searches in the browser. Text files get
``.gz`` and ``.br`` siblings for nginx (docs/deployment.md).
"""

import gzip
import mimetypes
import warnings
from pathlib import Path

import brotli
import click
from flask import Flask, current_app, render_template
from flask.cli import with_appcontext
from flask_frozen import Freezer, FrozenFlaskWarning, MissingURLGeneratorWarning

from .content import HOME_SLUG, PAGES_FOLDER
from .render import office
from .state import site
from .views import search

DEFAULT_DESTINATION = "build/site"
NOT_FOUND_PATH = "/404.html"  # no route matches it: the live 404 page for it is 404.html
COMPRESSED_SUFFIXES = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")
MIN_COMPRESS_BYTES = 256


def check_destination(destination: Path) -> None:
    # Frozen-Flask deletes files it did not write: never let it loose on a folder of other things.
    if destination.exists() and not destination.is_dir():
        raise click.ClickException(f"{destination} is not a folder")
    if destination.is_dir() and any(destination.iterdir()):
        if not (destination / "sitemap.xml").is_file():
            raise click.ClickException(
                f"{destination} is not empty and is not a previous export; choose an empty folder"
            )


def chooser(codes=None) -> str:
    """The language chooser at /: every locale, or only ``codes`` (an offline copy's)."""
    choices = []
    for info in (each for each in site().locales if codes is None or each.code in codes):
        shown = site().page(info.code, PAGES_FOLDER, HOME_SLUG)
        choices.append((info, shown.page if shown and not shown.fallback else None))
    return render_template("chooser.html", choices=choices, switch_locales=())


def write_static_variants(app: Flask, destination: Path) -> list[str]:
    """The chooser at /, each locale's browser-search page, and the 404 page."""
    with app.test_request_context("/"):
        (destination / "index.html").write_text(chooser(), encoding="utf-8")
    searches = [f"/{code}/search/" for code in site().locale_codes]
    for url in searches:
        with app.test_request_context(url):
            app.preprocess_request()  # the locale, from the URL
            file = destination / url.strip("/") / "index.html"
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(search.render(static=True), encoding="utf-8")
    response = app.test_client().get(NOT_FOUND_PATH)
    if response.status_code != 404:
        raise RuntimeError(f"{NOT_FOUND_PATH} should be a 404, got {response.status}")
    (destination / NOT_FOUND_PATH.lstrip("/")).write_bytes(response.data)
    return ["/", *searches, NOT_FOUND_PATH]


def compress(destination: Path) -> None:
    """Write .gz and .br siblings of every text file worth compressing."""
    for path in sorted(destination.rglob("*")):
        if path.suffix not in COMPRESSED_SUFFIXES or path.stat().st_size < MIN_COMPRESS_BYTES:
            continue
        data = path.read_bytes()
        # mtime=0: the same input always gives the same bytes.
        path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, 9, mtime=0))
        path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=11))


def freeze_pages(app: Flask, destination: Path) -> list[str]:
    """Every page and file, and the static variants, without compressed siblings."""
    # The file name decides the type a static host sends; these must match what the app sends.
    mimetypes.add_type("application/xml", ".xml")
    mimetypes.add_type("application/json", ".json")
    for suffix, mimetype in office.MIMETYPES.items():  # the editable plans (app/render/office.py)
        mimetypes.add_type(mimetype, f".{suffix}")
    app.config.update(FREEZER_DESTINATION=str(destination))
    freezer: Freezer = app.extensions["osl"].freezer
    with warnings.catch_warnings():
        # A type mismatch is a broken export, not a warning. An endpoint nothing was frozen for is
        # not: / and search are written below, and a view may have no content (tests/export).
        warnings.simplefilter("error", FrozenFlaskWarning)
        warnings.simplefilter("ignore", MissingURLGeneratorWarning)
        urls = sorted(freezer.freeze())
    return urls + write_static_variants(app, destination)


def freeze_site(app: Flask, destination: str | Path) -> list[str]:
    """Write the whole site to ``destination``; returns the URLs written."""
    destination = Path(destination).resolve()
    check_destination(destination)
    urls = freeze_pages(app, destination)
    compress(destination)
    return urls


@click.command("freeze")
@with_appcontext
@click.argument("destination", default=DEFAULT_DESTINATION, type=click.Path(file_okay=False))
def freeze_command(destination: str) -> None:
    """Write every page of every locale as static files to DESTINATION (default build/site)."""
    urls = freeze_site(current_app._get_current_object(), destination)
    click.echo(f"froze {len(urls)} pages and files into {destination}")


def init_app(app: Flask) -> Freezer:
    app.config.update(
        FREEZER_REDIRECT_POLICY="error",
        FREEZER_IGNORE_404_NOT_FOUND=False,
        FREEZER_REMOVE_EXTRA_FILES=True,
        FREEZER_RELATIVE_URLS=False,
        FREEZER_IGNORE_MIMETYPE_WARNINGS=False,
    )
    freezer = Freezer(app, with_static_files=True, with_no_argument_rules=False, log_url_for=False)
    app.extensions["osl"].freezer = freezer
    app.cli.add_command(freeze_command)
    return freezer
