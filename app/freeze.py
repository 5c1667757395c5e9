"""The static export (`flask freeze [DEST]`), the sitemap, and the frozen site's language chooser.

Every URL the export writes comes from an explicit generator, never from following links:
``core_urls`` below covers the pages, lessons, figures, translations, sitemap and static files,
and any blueprint module may add its own by defining

    def freeze_urls(site) -> Iterable[tuple[str, dict]]:   # (endpoint, url_for values)

which is picked up automatically once the blueprint is registered (app/views/search.py does).
Pages that belong in sitemap.xml can be added the same way (see ``sitemap_entries``).
An endpoint with no generator, a redirect or a 404 fails the export: nothing is left out silently.

A static host cannot read Accept-Language, so the frozen ``/`` is a language chooser instead of
the live redirect, and the frozen search page is the variant that site.js fills in from a prebuilt
index. Every other frozen file is byte for byte what the live server returns for its URL.
"""

from __future__ import annotations

import mimetypes
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import click
from flask import Blueprint, Flask, Response, current_app, render_template, request, url_for
from flask.cli import with_appcontext
from flask_frozen import Freezer, FrozenFlaskWarning

from .content import HOME_SLUG, INDEX_SLUG, PAGES_FOLDER, Site
from .views.search import STATIC_EXPORT

DEFAULT_DESTINATION = "build/site"
NOT_FOUND_FILE = "404.html"
# A path no route matches: the live 404 page for it is the frozen 404.html.
NOT_FOUND_PATH = "/404.html"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"

bp = Blueprint("export", __name__)

UrlGenerator = Callable[[Site], Iterable[tuple[str, dict]]]


def site() -> Site:
    return current_app.extensions["osl_site"]


# -- which URLs exist --------------------------------------------------------------------------
def page_endpoint(section: str, slug: str) -> tuple[str, dict]:
    """The endpoint and values (without the locale) of a content page."""
    if section == PAGES_FOLDER:
        return ("pages.home", {}) if slug == HOME_SLUG else ("pages.page", {"slug": slug})
    if slug == INDEX_SLUG:
        return "lessons.section", {"section": section}
    return "lessons.lesson", {"section": section, "slug": slug}


def static_files(app: Flask) -> list[str]:
    folder = Path(app.static_folder)
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def core_urls(site_: Site) -> Iterator[tuple[str, dict]]:
    """Pages, lessons, figures, translations, the root, the sitemap and the static files."""
    yield "pages.root", {}
    yield "export.sitemap", {}
    for filename in static_files(current_app):
        yield "static", {"filename": filename}
    for code in site_.locale_codes:
        for section, slug in site_.keys():
            endpoint, values = page_endpoint(section, slug)
            yield endpoint, {"locale": code, **values}
        yield "figures.index", {"locale": code}
        yield "pages.translations", {"locale": code}


def url_generators(app: Flask) -> list[UrlGenerator]:
    """``core_urls`` and the ``freeze_urls`` of every registered blueprint's module."""
    generators: list[UrlGenerator] = [core_urls]
    for blueprint in app.blueprints.values():
        module = sys.modules.get(blueprint.import_name)
        generator = getattr(module, "freeze_urls", None)
        if callable(generator) and generator not in generators:
            generators.append(generator)
    return generators


def all_urls(app: Flask) -> Iterator[tuple[str, dict]]:
    site_ = app.extensions["osl_site"]
    for generator in url_generators(app):
        yield from generator(site_)


# -- the sitemap -------------------------------------------------------------------------------
@dataclass(frozen=True)
class SitemapEntry:
    endpoint: str
    values: dict  # without the locale
    alternates: tuple[str, ...]  # locales the page's <head> lists as hreflang alternates
    lastmod: dict  # locale -> date, where known


def sitemap_entries(app: Flask) -> list[SitemapEntry]:
    """Content pages, the figures and translations pages, and what blueprints add.

    A blueprint module may define ``sitemap_urls(site)`` yielding (endpoint, values without the
    locale) of pages that exist in every locale; derived views (handouts, presenter views, the
    bilingual view, PDFs) are better left out, as they repeat a page that is listed.
    """
    site_ = app.extensions["osl_site"]
    entries = []
    for section, slug in site_.keys():
        endpoint, values = page_endpoint(section, slug)
        # As in each page's <head>: only locales that have the page in their own language.
        translated = tuple(c for c in site_.locale_codes if (c, section, slug) in site_.pages)
        lastmod = {}
        for code in site_.locale_codes:
            found = site_.page(code, section, slug)
            if found:
                lastmod[code] = found[0].updated
        entries.append(SitemapEntry(endpoint, values, translated, lastmod))
    for endpoint in ("figures.index", "pages.translations"):
        entries.append(SitemapEntry(endpoint, {}, site_.locale_codes, {}))
    for blueprint in app.blueprints.values():
        module = sys.modules.get(blueprint.import_name)
        extra = getattr(module, "sitemap_urls", None)
        for endpoint, values in extra(site_) if callable(extra) else ():
            entries.append(SitemapEntry(endpoint, dict(values), site_.locale_codes, {}))
    return entries


def absolute(path: str) -> str:
    return current_app.config["SITE_URL"].rstrip("/") + path


@bp.get("/sitemap.xml")
def sitemap():
    """Every page in every locale, each with its hreflang alternates (Google's sitemap format)."""
    site_ = site()
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">',
    ]
    for entry in sitemap_entries(current_app):
        alternates = [
            (code, absolute(url_for(entry.endpoint, locale=code, **entry.values)))
            for code in entry.alternates
        ]
        default_url = absolute(url_for(entry.endpoint, locale=site_.default_locale, **entry.values))
        alternates.append(("x-default", default_url))
        for code in site_.locale_codes:
            lines.append("  <url>")
            url = absolute(url_for(entry.endpoint, locale=code, **entry.values))
            lines.append(f"    <loc>{xml_escape(url)}</loc>")
            if code in entry.lastmod:
                lines.append(f"    <lastmod>{entry.lastmod[code].isoformat()}</lastmod>")
            for hreflang, href in alternates:
                lines.append(
                    f'    <xhtml:link rel="alternate" hreflang={quoteattr(hreflang)} '
                    f"href={quoteattr(href)}/>"
                )
            lines.append("  </url>")
    lines.append("</urlset>")
    return Response("\n".join(lines) + "\n", mimetype="application/xml")


# -- the frozen root ---------------------------------------------------------------------------
def chooser() -> str:
    site_ = site()
    choices = []
    for info in site_.locales:
        home = site_.page(info.code, PAGES_FOLDER, HOME_SLUG)
        choices.append((info, home[0] if home and not home[1] else None))
    return render_template("chooser.html", choices=choices, switch_locales=())


@contextmanager
def static_export(app: Flask) -> Iterator[None]:
    """Render the static variants (chooser, search) and keep them out of any page cache."""
    page_cache = app.wsgi_app
    cache_was_enabled = getattr(page_cache, "enabled", None)
    app.config[STATIC_EXPORT] = True
    if cache_was_enabled is not None:
        page_cache.enabled = False
    try:
        yield
    finally:
        app.config[STATIC_EXPORT] = False
        if cache_was_enabled is not None:
            page_cache.enabled = cache_was_enabled


# -- freezing ----------------------------------------------------------------------------------
class SiteFreezer(Freezer):
    """Frozen-Flask, with each page rendered in its own application context.

    Frozen-Flask runs the URL generators inside one request context and builds every page while
    it is open, so each test-client request shares that context's ``g``. Flask-Babel keeps the
    locale it chose in ``g``, and every page after the first would be formatted for the first
    page's locale. Listing the URLs first, then closing that context, gives each page a fresh one.
    """

    def _generate_all_urls(self):
        return iter(list(super()._generate_all_urls()))


class DestinationError(click.ClickException):
    pass


def check_destination(destination: Path) -> None:
    # Frozen-Flask deletes files it did not write: never let it loose on a folder of other things.
    if destination.exists() and not destination.is_dir():
        raise DestinationError(f"{destination} is not a folder")
    if (
        destination.is_dir()
        and any(destination.iterdir())
        and not (destination / "sitemap.xml").is_file()
    ):
        raise DestinationError(
            f"{destination} is not empty and is not a previous export; choose an empty folder"
        )


def freeze_site(app: Flask, destination: str | Path) -> list[str]:
    """Write the whole site to ``destination``; returns the URLs written (plus the 404 page)."""
    destination = Path(destination).resolve()
    check_destination(destination)
    # The file name decides the type a static host sends; these must match what the app sends.
    mimetypes.add_type("application/xml", ".xml")
    mimetypes.add_type("application/json", ".json")
    app.config.update(
        FREEZER_DESTINATION=str(destination),
        FREEZER_REDIRECT_POLICY="error",
        FREEZER_IGNORE_404_NOT_FOUND=False,
        FREEZER_REMOVE_EXTRA_FILES=True,
        FREEZER_RELATIVE_URLS=False,
        FREEZER_BASE_URL=None,
    )
    freezer = SiteFreezer(
        app, with_static_files=False, with_no_argument_rules=False, log_url_for=False
    )
    freezer.register_generator(lambda: all_urls(app))
    with warnings.catch_warnings():
        # A missing URL generator or a type mismatch is a broken export, not a warning.
        warnings.simplefilter("error", FrozenFlaskWarning)
        with static_export(app):
            urls = sorted(freezer.freeze())
            response = app.test_client().get(NOT_FOUND_PATH)
            if response.status_code != 404:
                raise RuntimeError(f"{NOT_FOUND_PATH} should be a 404, got {response.status}")
            (destination / NOT_FOUND_FILE).write_bytes(response.data)
    return [*urls, "/" + NOT_FOUND_FILE]


@click.command("freeze")
@with_appcontext
@click.argument("destination", default=DEFAULT_DESTINATION, type=click.Path(file_okay=False))
def freeze_command(destination: str) -> None:
    """Write every page of every locale as static files to DESTINATION (default build/site)."""
    urls = freeze_site(current_app._get_current_object(), destination)
    click.echo(f"froze {len(urls)} files into {destination}")


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.cli.add_command(freeze_command)

    @app.before_request
    def frozen_root():
        if app.config.get(STATIC_EXPORT) and request.endpoint == "pages.root":
            return chooser()
        return None


__all__ = [
    "freeze_site",
    "all_urls",
    "url_generators",
    "sitemap_entries",
    "page_endpoint",
    "init_app",
    "NOT_FOUND_FILE",
]
