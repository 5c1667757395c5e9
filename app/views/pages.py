"""Home, single pages, the translations status page, and the root redirect."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for

from .. import i18n
from ..content import HOME_SLUG, INDEX_SLUG, PAGES_FOLDER
from ..content.status import content_status
from ..state import site
from .common import blueprint_init, every_locale, find_page, render_page

bp = Blueprint("pages", __name__)
# The home page lists each section's first lessons; the section index lists them all. So the home
# page stays small (and start-up stays linear) however much content there is.
HOME_LESSONS = 12


@bp.get("/")
def root():
    code = i18n.negotiate(
        request.headers.get("Accept-Language"), site().locale_codes, site().default_locale
    )
    response = redirect(url_for("pages.home", locale=code), code=302)
    response.vary.add("Accept-Language")
    return response


@bp.get("/<locale:locale>/")
def home():
    sections = []
    for section in site().sections:
        intro = site().page(i18n.current_locale(), section, INDEX_SLUG)
        if intro:
            lessons = site().lessons(i18n.current_locale(), section)
            sections.append((section, intro.page, lessons[:HOME_LESSONS], len(lessons)))
    return render_page(find_page(PAGES_FOLDER, HOME_SLUG), ["home.html"], sections=sections)


@bp.get("/<locale:locale>/<page:slug>/")
def page(slug: str):
    return render_page(find_page(PAGES_FOLDER, slug), [f"pages/{slug}.html", "page.html"])


@bp.get("/<locale:locale>/about/translations/")
def translations():
    status = content_status(site(), current_app.config["TRANSLATIONS_DIR"])
    return render_template("translations.html", status=status)


def urls():
    yield from every_locale("pages.home")
    yield from every_locale("pages.translations")
    for slug in site().single_pages():
        yield from every_locale("pages.page", slug=slug)


init_app = blueprint_init(bp, urls)
