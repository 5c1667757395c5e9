"""Home, single pages, the root redirect and the sitemap."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for

from .. import i18n
from ..content import HOME_SLUG, INDEX_SLUG, PAGES_FOLDER
from .common import find_page, render_page, site

bp = Blueprint("pages", __name__)


@bp.get("/")
def root():
    code = i18n.negotiate(
        request.headers.get("Accept-Language"), site().locale_codes, site().default_locale
    )
    response = redirect(url_for("pages.home", locale=code), code=302)
    response.vary.add("Accept-Language")
    return response


# The home page lists each section's first lessons; the section index lists them all. So the home
# page stays small (and start-up stays linear) however much content there is.
HOME_LESSONS = 12


@bp.get("/<locale:locale>/")
def home():
    page, fallback = find_page(PAGES_FOLDER, HOME_SLUG)
    sections = []
    for section in site().sections:
        intro = site().page(i18n.current_locale(), section, INDEX_SLUG)
        if intro:
            lessons = site().lessons(i18n.current_locale(), section)
            sections.append((section, intro[0], lessons[:HOME_LESSONS], len(lessons)))
    return render_page(page, fallback, ["home.html"], sections=sections)


@bp.get("/<locale:locale>/<page:slug>/")
def page(slug: str):
    page, fallback = find_page(PAGES_FOLDER, slug)
    return render_page(page, fallback, [f"pages/{slug}.html", "page.html"])


@bp.get("/<locale:locale>/about/translations/")
def translations():
    from ..translate import content_status

    status = content_status(site(), current_app.config["TRANSLATIONS_DIR"])
    return render_template("translations.html", status=status)
