"""Sections (parents, classroom, ...) and their lessons."""

from __future__ import annotations

from flask import Blueprint

from .. import i18n
from ..content import INDEX_SLUG
from .common import find_page, render_page, site

bp = Blueprint("lessons", __name__)


@bp.get("/<locale:locale>/<section:section>/")
def section(section: str):
    intro, fallback = find_page(section, INDEX_SLUG)
    lessons = site().lessons(i18n.current_locale(), section)
    return render_page(
        intro, fallback, [f"{section}/index.html", "section.html"], section=section, lessons=lessons
    )


@bp.get("/<locale:locale>/<section:section>/<slug>/")
def lesson(section: str, slug: str):
    page, fallback = find_page(section, slug)
    if slug == INDEX_SLUG:
        from flask import abort

        abort(404)
    return render_page(page, fallback, [f"{section}/lesson.html", "lesson.html"], section=section)
