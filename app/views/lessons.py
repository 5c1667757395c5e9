"""Sections (parents, classroom, ...) and their lessons."""

from __future__ import annotations

from flask import Blueprint, abort

from .. import i18n
from ..content import INDEX_SLUG
from ..state import site
from .common import blueprint_init, every_locale, find_page, render_page

bp = Blueprint("lessons", __name__)


@bp.get("/<locale:locale>/<section:section>/")
def section(section: str):
    lessons = site().lessons(i18n.current_locale(), section)
    templates = [f"{section}/index.html", "section.html"]
    return render_page(find_page(section, INDEX_SLUG), templates, section=section, lessons=lessons)


@bp.get("/<locale:locale>/<section:section>/<slug>/")
def lesson(section: str, slug: str):
    if slug == INDEX_SLUG:
        abort(404)
    templates = [f"{section}/lesson.html", "lesson.html"]
    return render_page(find_page(section, slug), templates, section=section)


def urls():
    for section in site().sections:
        yield from every_locale("lessons.section", section=section)
        for _, slug in site().keys(section):
            if slug != INDEX_SLUG:
                yield from every_locale("lessons.lesson", section=section, slug=slug)


init_app = blueprint_init(bp, urls)
