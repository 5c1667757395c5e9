"""sitemap.xml: every page in every locale, each with its hreflang alternates."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, current_app, render_template

from ..content import locale_url, url_path
from ..state import site
from .common import blueprint_init

bp = Blueprint("sitemap", __name__)


@dataclass(frozen=True)
class Entry:
    path: str  # without the locale
    alternates: tuple[str, ...]  # locales that have the page in their own language
    lastmod: dict  # locale -> date, where known

    def url(self, code: str) -> str:
        return current_app.config["SITE_URL"].rstrip("/") + locale_url(code, self.path)


def entries() -> list[Entry]:
    """Content pages, and the figures and translations pages (derived views are left out: they
    repeat a page that is listed)."""
    found = []
    for section, slug in site().keys():
        shown = {code: site().page(code, section, slug) for code in site().locale_codes}
        lastmod = {code: each.page.updated for code, each in shown.items() if each}
        alternates = site().translated_locales(section, slug)
        found.append(Entry(url_path(section, slug), alternates, lastmod))
    app_pages = ("/figures/", "/about/translations/")
    return found + [Entry(path, site().locale_codes, {}) for path in app_pages]


@bp.get("/sitemap.xml")
def sitemap():
    body = render_template("sitemap.xml", entries=entries(), site=site())
    return Response(body, mimetype="application/xml")


init_app = blueprint_init(bp, lambda: [("sitemap.sitemap", {})])
