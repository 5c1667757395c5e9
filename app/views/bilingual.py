"""The bilingual view: a translated lesson beside its English text, paragraph by paragraph.

``/<locale>/<section>/<slug>/bilingual/`` lets a parent, a child and a teacher read together. Each
page's rendered HTML is split into its top-level blocks, aligned by level-2 section (translations
keep the English headings in the same order), and paired block by block within a section. The
English locale has nothing to pair with and answers 404, as does a page the locale has not
translated (its lesson page already shows English with a notice).

A whole classroom plan beside its English text is larger than the page-weight budget
(tests/test_performance.py), so ``/<locale>/classroom/<slug>/bilingual/`` pairs only the plan's
``.handout`` parts (the student worksheet or family sheet and the family note): what a child, a
parent and a teacher read together. They come from the classroom blueprint's parts, split once per
(locale, slug).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from flask import Blueprint, abort, current_app, render_template, url_for
from markupsafe import Markup

from .. import i18n
from ..content import INDEX_SLUG, Page, Site
from ..templating import page_html
from . import classroom
from .common import site

# Sections whose whole lessons get a bilingual view; classroom plans pair their handouts only.
SECTIONS = ("parents",)
HANDOUT_SECTION = classroom.SECTION
ENGLISH_ID_PREFIX = "en-"
VOID_ELEMENTS = frozenset(
    {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)

bp = Blueprint("bilingual", __name__)


# -- splitting and pairing (pure) ------------------------------------------------------------------
class _TopLevelBlocks(HTMLParser):
    """Records the [start, end) offsets of each top-level element (or stray text) in a fragment."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.html = html
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", html)]
        self.depth = 0
        self.start = 0
        self.spans: list[tuple[int, int]] = []

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def tag_end(self) -> int:
        return self.html.index(">", self.position()) + 1

    def handle_starttag(self, tag, attrs) -> None:
        if tag in VOID_ELEMENTS:
            self.handle_startendtag(tag, attrs)
            return
        if self.depth == 0:
            self.start = self.position()
        self.depth += 1

    def handle_startendtag(self, tag, attrs) -> None:
        if self.depth == 0:
            self.spans.append((self.position(), self.tag_end()))

    def handle_endtag(self, tag) -> None:
        if tag in VOID_ELEMENTS or self.depth == 0:
            return  # a stray end tag: nothing open to close
        self.depth -= 1
        if self.depth == 0:
            self.spans.append((self.start, self.tag_end()))

    def handle_data(self, data) -> None:
        if self.depth == 0 and data.strip():
            start = self.position()
            self.spans.append((start, start + len(data)))


def split_blocks(html: str) -> list[str]:
    """The top-level blocks of an HTML fragment (h2, p, ul, table, div.admonition...), in order."""
    parser = _TopLevelBlocks(html)
    parser.feed(html)
    parser.close()
    if parser.depth:  # an unclosed element: keep the rest of the text rather than lose it
        parser.spans.append((parser.start, len(html)))
    return [html[start:end].strip() for start, end in parser.spans]


def is_h2(block: str) -> bool:
    return re.match(r"<h2\b", block) is not None


def split_sections(blocks: Sequence[str]) -> list[list[str]]:
    """Blocks grouped at each h2; the first group is whatever comes before the first h2."""
    sections: list[list[str]] = [[]]
    for block in blocks:
        if is_h2(block):
            sections.append([])
        sections[-1].append(block)
    return sections if sections[0] else sections[1:]


def pair_by_index(left: Sequence, right: Sequence) -> list[tuple[list, list]]:
    """Pair items by position; when counts differ, the extras join the last row: none is lost."""
    shared = min(len(left), len(right))
    if shared == 0:
        return [(list(left), list(right))] if left or right else []
    rows = [([a], [b]) for a, b in zip(left[: shared - 1], right[: shared - 1], strict=True)]
    rows.append((list(left[shared - 1 :]), list(right[shared - 1 :])))
    return rows


def pair_blocks(translated_html: str, english_html: str) -> list[tuple[str, str]]:
    """Rows of (translated HTML, English HTML): by level-2 section, then by block within it."""
    rows: list[tuple[str, str]] = []
    section_rows = pair_by_index(
        split_sections(split_blocks(translated_html)), split_sections(split_blocks(english_html))
    )
    for translated_sections, english_sections in section_rows:
        translated_blocks = [block for section in translated_sections for block in section]
        english_blocks = [block for section in english_sections for block in section]
        for translated, english in pair_by_index(translated_blocks, english_blocks):
            rows.append(("\n".join(translated), "\n".join(english)))
    return rows


def prefix_ids(html: str, prefix: str = ENGLISH_ID_PREFIX) -> str:
    """Prefix every id and in-page link, so the English column's ids do not repeat the other's."""
    html = re.sub(r'(\sid=")', rf"\1{prefix}", html)
    return re.sub(r'(\shref="#)(?=[^"])', rf"\1{prefix}", html)


# -- the view --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Row:
    translated: Markup
    english: Markup


def pages_to_pair(site_: Site, locale: str, section: str, slug: str) -> tuple[Page, Page] | None:
    """The translated page and its English source, or None when there is nothing to pair."""
    if locale == site_.default_locale or slug == INDEX_SLUG:
        return None
    if section not in SECTIONS and section != HANDOUT_SECTION:
        return None
    translated = site_.pages.get((locale, section, slug))
    english = site_.pages.get((site_.default_locale, section, slug))
    if translated is None or english is None:
        return None
    if section == HANDOUT_SECTION and not (translated.plan and handouts_html(translated)):
        return None  # not a plan, or a plan without handouts: nothing to read together
    return translated, english


def handouts_html(page: Page) -> str:
    """A plan's handout parts (classroom.split_parts, once per locale and slug), links resolved."""
    parts = classroom.cache().plan_parts(page).handouts
    return "\n".join(str(classroom.part_html(part)) for part in parts)


def source_html(page: Page) -> str:
    """What a bilingual view pairs: the whole lesson, or only a classroom plan's handouts."""
    return handouts_html(page) if page.section == HANDOUT_SECTION else str(page_html(page))


def rows_for(translated: Page, english: Page) -> tuple[Row, ...]:
    """Pair once per (locale, section, slug) per app: the content never changes while it runs."""
    cache = current_app.extensions.setdefault("osl_bilingual", {})
    key = (translated.locale, translated.section, translated.slug)
    found = cache.get(key)
    if found is None:
        pairs = pair_blocks(source_html(translated), prefix_ids(source_html(english)))
        # Both sides are our own renderer's output (app/markdown.py), already escaped.
        found = cache[key] = tuple(Row(Markup(a), Markup(b)) for a, b in pairs)  # noqa: S704
    return found


def has_bilingual(page: Page) -> bool:
    """Whether a lesson links to its bilingual view at its top (templates ask this)."""
    return page.section in SECTIONS and is_paired(page)


def has_handouts_bilingual(page: Page) -> bool:
    """Whether a classroom plan links to its handouts' bilingual view, beside its formats."""
    return page.section == HANDOUT_SECTION and is_paired(page)


def is_paired(page: Page) -> bool:
    return pages_to_pair(site(), page.locale, page.section, page.slug) is not None


@bp.app_context_processor
def bilingual_context():
    return {"has_bilingual": has_bilingual, "has_handouts_bilingual": has_handouts_bilingual}


@bp.get("/<locale:locale>/<section:section>/<slug>/bilingual/")
def lesson(section: str, slug: str):
    site_ = site()
    locale = i18n.current_locale()
    found = pages_to_pair(site_, locale, section, slug)
    if found is None:
        abort(404)
    translated, english = found
    others = tuple(
        code for code in site_.locale_codes if pages_to_pair(site_, code, section, slug) is not None
    )
    # Not render_page: the language switcher may only offer locales that have a bilingual view.
    return render_template(
        "bilingual.html",
        page=translated,
        fallback=False,
        stale=site_.is_stale(translated),
        switch_locales=others,
        english=english,
        rows=rows_for(translated, english),
        lesson_url=url_for("lessons.lesson", section=section, slug=slug),
        handouts_only=section == HANDOUT_SECTION,
    )


def freeze_urls(site_: Site) -> Iterator[tuple[str, dict]]:
    """Every bilingual view, for the static export (app/freeze.py collects it)."""
    for code, section, slug in sorted(site_.pages):
        if pages_to_pair(site_, code, section, slug) is not None:
            yield "bilingual.lesson", {"locale": code, "section": section, "slug": slug}
