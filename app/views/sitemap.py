"""sitemap.xml: every page in every locale, each with its hreflang alternates."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Flask, Response, current_app, render_template, url_for

from ..content import HOME_SLUG, INDEX_SLUG, PAGES_FOLDER
from ..state import site

bp = Blueprint("sitemap", __name__)


def endpoint_for(section: str, slug: str) -> tuple[str, dict]:
    """The view and its values (without the locale) that serve a content page."""
    if section == PAGES_FOLDER:
        return ("pages.home", {}) if slug == HOME_SLUG else ("pages.page", {"slug": slug})
    if slug == INDEX_SLUG:
        return "lessons.section", {"section": section}
    return "lessons.lesson", {"section": section, "slug": slug}


@dataclass(frozen=True)
class Entry:
    endpoint: str
    values: dict  # without the locale
    alternates: tuple[str, ...]  # locales that have the page in their own language
    lastmod: dict  # locale -> date, where known

    def url(self, code: str) -> str:
        path = url_for(self.endpoint, locale=code, **self.values)
        return current_app.config["SITE_URL"].rstrip("/") + path


def entries() -> list[Entry]:
    """Content pages, and the figures and translations pages (derived views are left out: they
    repeat a page that is listed)."""
    found = []
    for section, slug in site().keys():
        endpoint, values = endpoint_for(section, slug)
        lastmod = {}
        for code in site().locale_codes:
            shown = site().page(code, section, slug)
            if shown:
                lastmod[code] = shown.page.updated
        found.append(Entry(endpoint, values, site().translated_locales(section, slug), lastmod))
    for endpoint in ("figures.index", "pages.translations"):
        found.append(Entry(endpoint, {}, site().locale_codes, {}))
    return found


@bp.get("/sitemap.xml")
def sitemap():
    body = render_template("sitemap.xml", entries=entries(), site=site())
    return Response(body, mimetype="application/xml")


def init_app(app: Flask, freezer) -> None:
    app.register_blueprint(bp)
    freezer.register_generator(lambda: [("sitemap.sitemap", {})])
