"""The bilingual view: a translated lesson beside its English text, paragraph by paragraph.

``/<locale>/<section>/<slug>/bilingual/`` lets a parent, a child and a teacher read together. The
two pages' outlines (content/markdown.py) are aligned by level-2 section (translations keep the
English headings in the same order) and paired block by block within a section; the English column
links to the English pages. Classroom plans are paired whole, like lessons. English itself, and a
page the locale has not translated, answer 404 (the lesson page already shows English).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from flask import Blueprint, abort
from markupsafe import Markup

from .. import i18n
from ..content import CLASSROOM, INDEX_SLUG, Page, Shown, Site, locale_url
from ..state import site
from .common import blueprint_init, render_page

SECTIONS = ("parents", CLASSROOM)
ENGLISH_ID_PREFIX = "en-"
ENGLISH_IDS = re.compile(r'(\sid="|\shref="#(?=[^"]))')

bp = Blueprint("bilingual", __name__)


class Row(NamedTuple):
    translated: Markup
    english: Markup


def pair_by_index(left: Sequence, right: Sequence) -> list[tuple[list, list]]:
    """Pair items by position; when counts differ, the extras join the last row: none is lost."""
    shared = min(len(left), len(right))
    if shared == 0:
        return [(list(left), list(right))] if left or right else []
    rows = [([a], [b]) for a, b in zip(left[: shared - 1], right[: shared - 1], strict=True)]
    rows.append((list(left[shared - 1 :]), list(right[shared - 1 :])))
    return rows


def pair_pages(translated: Page, english: Page) -> list[Row]:
    """Rows of (translated HTML, English HTML): by level-2 section, then block by block."""
    rows = []
    for ours, theirs in pair_by_index(translated.parts, english.parts):
        left = [block.html for part in ours for block in part.blocks]
        right = [block.html for part in theirs for block in part.blocks]
        for a, b in pair_by_index(left, right):
            # Both sides are our own renderer's output (content/markdown.py), already escaped.
            rows.append(Row(Markup("\n".join(a)), Markup(prefix_ids("\n".join(b)))))  # noqa: S704
    return rows


def prefix_ids(html: str) -> str:
    """Prefix every id and in-page link, so the English column's ids do not repeat the other's."""
    return ENGLISH_IDS.sub(rf"\1{ENGLISH_ID_PREFIX}", html)


def pages_to_pair(site_: Site, locale: str, section: str, slug: str) -> tuple[Page, Page] | None:
    """The translated page and its English source, or None when there is nothing to pair."""
    if locale == site_.default_locale or slug == INDEX_SLUG or section not in SECTIONS:
        return None
    translated = site_.pages.get((locale, section, slug))
    english = site_.pages.get((site_.default_locale, section, slug))
    return (translated, english) if translated and english else None


@cache
def rows_for(translated: Page, english: Page) -> tuple[Row, ...]:
    return tuple(pair_pages(translated, english))


@bp.app_template_global()
def has_bilingual(page: Page) -> bool:
    """Whether a page links to its bilingual view (templates ask this)."""
    return pages_to_pair(site(), page.locale, page.section, page.slug) is not None


@bp.get("/<locale:locale>/<section:section>/<slug>/bilingual/")
def lesson(section: str, slug: str):
    site_, locale = site(), i18n.current_locale()
    translated, english = pages_to_pair(site_, locale, section, slug) or abort(404)
    others = tuple(c for c in site_.locale_codes if pages_to_pair(site_, c, section, slug))
    return render_page(
        Shown(translated, False),
        ["bilingual.html"],
        switch_locales=others,  # the language switcher offers only locales with a bilingual view
        english=english,
        rows=rows_for(translated, english),
        lesson_url=locale_url(locale, translated.url_path),
        # English has no bilingual view: the stale notice links to the English lesson.
        english_url=locale_url(site_.default_locale, english.url_path),
    )


def urls():
    for code, section, slug in sorted(site().pages):
        if pages_to_pair(site(), code, section, slug):
            yield "bilingual.lesson", {"locale": code, "section": section, "slug": slug}


init_app = blueprint_init(bp, urls)
