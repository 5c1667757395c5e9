"""The offline copy: `flask offline [DEST]` writes ZIPs of the site that work opened from a folder
or a USB stick (``file://``), and ``/downloads/<name>.zip`` serves them (live and frozen).

The build freezes the site again, into DEST/site, with ``FREEZER_RELATIVE_URLS`` and ``OFFLINE``
on: the templates then leave out Subresource Integrity (Chromium blocks ``integrity`` under file://,
where there is no CORS), carry the Content-Security-Policy as a <meta>, and say that search needs
the live site. ``relink`` then fixes, ZIP by ZIP, the links Frozen-Flask does not write (Markdown,
url_for_path, switch_url): relative to a file in that ZIP, else to SITE_URL, else no link.

Pages show the sizes of the ZIPs in OFFLINE_DIR, except inside a ZIP (they point to the live site
instead), so a ZIP never depends on its own size and the frozen site stays byte for byte the live
one. Nothing is built on a request: `make freeze` builds the offline copy first.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path, PurePosixPath

import click
from babel.units import format_unit
from flask import Blueprint, Flask, abort, current_app, send_from_directory
from flask.cli import with_appcontext
from flask_babel import get_locale

from . import export
from .state import site

DEFAULT_DESTINATION = "build/offline"
STEM = "open-safety-lessons"
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; base-uri 'none'; object-src 'none'"
)
# Files of the frozen site that make no sense from a folder (absolute URLs, server-only, search).
LEFT_OUT = re.compile(r"^(sitemap\.xml|404\.html|[^/]+/search/index\.json)$")
STORED = (".pdf", ".png", ".jpg", ".zip", ".docx", ".odt", ".pptx", ".odp")  # compressed already
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
ATTRIBUTE = re.compile(r'\b(href|src|action)="([^"]*)"')
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="[^"]*" href="([^"]*)">\n?')
SWITCHER_ENTRY = re.compile(r'[ \t]*<li><a href="([^"]*)" hreflang=[^>]*>[^<]*</a></li>\n?')

bp = Blueprint("downloads", __name__)


def zip_name(code: str | None = None) -> str:
    return f"{STEM}-{code}.zip" if code else f"{STEM}.zip"


def zip_names() -> list[str]:
    return [zip_name(), *(zip_name(code) for code in site().locale_codes)]


def offline_dir() -> Path:
    return Path(current_app.config["OFFLINE_DIR"])


def format_size(size: int, locale=None) -> str:
    """Bytes as the reader's locale writes them, rounded: "4.2 MB", "12 MB", "850 kB"."""
    mega = size >= 1e6
    unit, value = ("digital-megabyte", size / 1e6) if mega else ("digital-kilobyte", size / 1e3)
    value = round(value, 1) if value < 10 else round(value)
    return format_unit(value, unit, length="short", format="#,##0.#", locale=locale or get_locale())


def downloads(code: str) -> list[tuple[str | None, str, str]]:
    """(locale code or None for all, name, size) of the ZIPs built for this page's reader."""
    found = []
    for each in (None, code):
        path = offline_dir() / zip_name(each)
        if not current_app.config.get("OFFLINE") and path.is_file():
            found.append((each, path.name, format_size(path.stat().st_size)))
    return found


@bp.get("/downloads/<name>")
def download(name: str):
    if name not in zip_names() or current_app.config.get("OFFLINE"):
        abort(404)
    return send_from_directory(offline_dir(), name, mimetype="application/zip")


def urls():
    if not current_app.config.get("OFFLINE"):  # a ZIP never holds the ZIPs
        for name in zip_names():
            if (offline_dir() / name).is_file():
                yield "downloads.download", {"name": name}


def relink(html: str, url: str, present, live: str) -> str:
    """A page's site links made relative to its URL; links to files not ``present`` go to the
    ``live`` site (SITE_URL) or, without one, are dropped."""
    here = url if url.endswith("/") else posixpath.dirname(url) + "/"

    def resolve(value: str) -> tuple[str, str] | None:  # (file path from the root, ?query#part)
        path, suffix = re.match(r"([^?#]*)(.*)", value, re.S).groups()
        if not path or path.startswith("//") or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", path):
            return None
        absolute = posixpath.normpath(posixpath.join(here, path))
        if path.endswith("/") or absolute == "/":  # a folder: its index.html
            absolute += "/index.html"
        return absolute.lstrip("/"), suffix

    def drop_if_absent(match: re.Match) -> str:
        target = resolve(match.group(1))
        return "" if target is not None and not present(target[0]) else match.group(0)

    def rewrite(match: re.Match) -> str:
        name, target = match.group(1), resolve(match.group(2))
        if target is None:
            return match.group(0)
        file, suffix = target
        if present(file):
            return f'{name}="{posixpath.relpath("/" + file, here)}{suffix}"'
        if live:
            return f'{name}="{live.rstrip("/")}/{file.removesuffix("index.html")}{suffix}"'
        return ""

    html = ALTERNATE.sub(drop_if_absent, html)
    if not live:
        html = SWITCHER_ENTRY.sub(drop_if_absent, html)
    return ATTRIBUTE.sub(rewrite, html)


def write_zip(path: Path, files: dict[str, bytes]) -> int:
    """A ZIP with sorted entries and fixed timestamps: the same files give the same bytes."""
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.external_attr = 0o644 << 16
            method = zipfile.ZIP_STORED if name.endswith(STORED) else zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name], compress_type=method, compresslevel=9)
    return path.stat().st_size


def tree_files(tree: Path) -> dict[str, Path]:
    every = (p for p in sorted(tree.rglob("*")) if p.is_file())
    return {n: p for p in every if not LEFT_OUT.match(n := p.relative_to(tree).as_posix())}


# A folder that is no page (grades/, figures/sources/, static/) opened from a file browser would
# show a bare listing: its index.html sends the reader to the folder above instead.
FOLDER_PAGE = (
    '<!doctype html>\n<meta charset="utf-8">\n'
    f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
    '<meta http-equiv="refresh" content="0; url=../index.html">\n'
    '<title>Open Safety Lessons</title>\n<p><a href="../index.html">Open Safety Lessons</a></p>\n'
)


def folder_pages(names) -> dict[str, bytes]:
    """An index.html for every folder of ``names`` that has none."""
    folders = {folder for name in names for folder in PurePosixPath(name).parents}
    missing = {f"{folder}/index.html" for folder in folders if folder.name} - set(names)
    return dict.fromkeys(missing, FOLDER_PAGE.encode())


def zip_copy(app: Flask, tree: Path, path: Path, code: str | None) -> int:
    """One ZIP of the offline tree: every locale, or one (its own chooser, its pages, static/)."""
    files = tree_files(tree)
    if code:
        keep = (f"{code}/", "static/", "index.html")
        files = {n: p for n, p in files.items() if n.startswith(keep)}
    live = app.config.get("SITE_URL") or ""
    contents = {}
    for name, file in files.items():
        data = file.read_bytes()
        if name.endswith(".html"):
            url = "/" + name.removesuffix("index.html")
            text = data.decode()
            if code and name == "index.html":
                with app.test_request_context(f"/{code}/"):
                    app.preprocess_request()  # the chooser in that locale's language
                    text = export.chooser([code])
            data = relink(text, url, files.__contains__, live).encode()
        contents[name] = data
    return write_zip(path, {**folder_pages(contents), **contents})


def build_offline(app: Flask, destination: str | Path) -> dict[str, int]:
    """The offline tree in DEST/site and the ZIPs beside it; returns each ZIP's size."""
    destination = Path(destination).resolve()
    tree = destination / "site"
    export.check_destination(tree)
    kept = {key: app.config[key] for key in ("FREEZER_DESTINATION", "FREEZER_RELATIVE_URLS")}
    app.config.update(FREEZER_RELATIVE_URLS=True, OFFLINE=True)
    try:
        export.freeze_pages(app, tree)
        names = {code: destination / zip_name(code) for code in (None, *site().locale_codes)}
        return {path.name: zip_copy(app, tree, path, code) for code, path in names.items()}
    finally:
        app.config.update(kept, OFFLINE=False)


@click.command("offline")
@with_appcontext
@click.argument("destination", default=DEFAULT_DESTINATION, type=click.Path(file_okay=False))
@click.option(
    "--site",
    "site_destination",
    type=click.Path(file_okay=False),
    help="Then freeze the site, with the new ZIPs, into this folder (same process).",
)
def offline_command(destination: str, site_destination: str | None) -> None:
    """Write the offline copy (ZIPs that work from a folder or USB stick) to DESTINATION."""
    app = current_app._get_current_object()
    app.config["OFFLINE_DIR"] = Path(destination).resolve()
    for name, size in build_offline(app, destination).items():
        click.echo(f"{Path(destination) / name}: {size:,} bytes")
    if site_destination:
        urls = export.freeze_site(app, site_destination)
        click.echo(f"froze {len(urls)} pages and files into {site_destination}")


def init_app(app: Flask, freezer) -> None:
    app.config.setdefault("OFFLINE", False)
    app.register_blueprint(bp)
    freezer.register_generator(urls)
    app.cli.add_command(offline_command)

    app.jinja_env.globals.update(offline_policy=CONTENT_SECURITY_POLICY, downloads=downloads)

    @app.context_processor
    def offline_context():  # read per render: the offline build turns OFFLINE on for a while
        return {
            "offline": app.config["OFFLINE"],
            "site_url": (app.config.get("SITE_URL") or "").rstrip("/"),
        }
