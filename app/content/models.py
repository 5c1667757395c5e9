"""What the loaded content is: frozen dataclasses and the queries views make of a Site.

Nothing here reads files or knows about requests. ``Page.url_path`` is the one mapping from a
page to its address; every other place (links, the export, the sitemap) asks it.
"""

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from babel.numbers import format_decimal, format_percent

PAGES_FOLDER = "pages"
INDEX_SLUG = "_index"
HOME_SLUG = "home"
CLASSROOM = "classroom"
AUDIENCES = ("parents", "teachers", "everyone")
GRADE_BANDS = ("3-5", "6-8", "9-12", "families")
# Paths the app itself serves inside a locale; content may link to them and must not shadow them.
APP_PATHS = frozenset({"/figures/", "/search/", "/about/translations/"})
RESERVED_NAMES = frozenset({"figures", "search", "static", "sitemap.xml", PAGES_FOLDER})


def url_path(section: str, slug: str) -> str:
    """The locale-free path of a page, as content links write it ("/parents/sextortion/")."""
    if section == PAGES_FOLDER:
        return "/" if slug == HOME_SLUG else f"/{slug}/"
    return f"/{section}/" if slug == INDEX_SLUG else f"/{section}/{slug}/"


def locale_url(locale: str, path: str) -> str:
    """A site path in a locale: the whole URL scheme of the site."""
    return f"/{locale}{path}"


@dataclass(frozen=True)
class SourceDoc:
    id: str
    title: str
    publisher: str
    file: str
    year: int | None = None
    url: str = ""


@dataclass(frozen=True)
class SourceRef:
    id: str
    section: str


@dataclass(frozen=True)
class Figure:
    id: str
    value: float
    unit: str
    label: str
    population: str
    period: str
    source: str
    n: int | None = None  # size of the population, where the source publishes it
    section: str = ""
    approx: bool = False
    qualifier: str = ""

    def format(self, locale: str, part: str | None = None) -> str | None:
        if part == "n":
            return format_decimal(self.n, locale=locale) if self.n else None
        if self.unit == "percent":
            return self.qualifier + format_percent(self.value / 100, locale=locale)
        return self.qualifier + format_decimal(self.value, locale=locale)


@dataclass(frozen=True)
class ChartGroup:
    id: str  # "" for a chart's single unnamed group
    label: str
    bars: tuple[str, ...]  # figure ids


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    summary: str  # the text alternative: what the chart shows, in words
    kind: str  # bar | stacked
    population: str  # what the shares are of; period, n and source come from the figures
    groups: tuple[ChartGroup, ...]

    @property
    def figure_ids(self) -> tuple[str, ...]:
        return tuple(fid for group in self.groups for fid in group.bars)


@dataclass(frozen=True)
class Translation:
    source_hash: str
    translated_on: dt.date
    machine_assisted: bool
    reviewed_by: str


@dataclass(frozen=True)
class Vocabulary:
    term: str
    definition: str


@dataclass(frozen=True)
class LessonPlan:
    grade_band: str
    duration: int
    objectives: tuple[str, ...]
    vocabulary: tuple[Vocabulary, ...]
    materials: tuple[str, ...]
    preparation: tuple[str, ...]
    standards: tuple[str, ...] = ()  # "FRAMEWORK: indicator", e.g. "NHES: 4.8.2"


@dataclass(frozen=True)
class TocEntry:
    id: str
    name: str
    level: int


@dataclass(frozen=True)
class Block:
    """One top-level block of a rendered page, recorded by the renderer (content/markdown.py)."""

    html: str
    text: str  # plain text, for search
    tag: str  # "h2", "p", "ul", "div" ...
    kind: str = ""  # an h2's part kind: step, handout, letter, disclosure
    id: str = ""
    minutes: int | None = None  # a step's data-minutes


@dataclass(frozen=True)
class Part:
    """A level-2 section of a page: its heading and every block up to the next one."""

    kind: str  # step, handout, letter, disclosure, or "" (text before the first h2, other h2s)
    id: str
    heading: str  # the h2's inner HTML
    blocks: tuple[Block, ...]
    minutes: int | None = None

    @property
    def html(self) -> str:
        return "\n".join(block.html for block in self.blocks)


@dataclass(frozen=True)
class Page:
    locale: str
    section: str  # "pages" for single pages
    slug: str  # "_index" for a section's introduction
    path: str  # the file, relative to the project, for messages
    title: str
    summary: str
    audience: str
    order: int
    updated: dt.date
    sources: tuple[SourceRef, ...]
    reading_time: int
    body: str  # the Markdown source (editorial checks read it)
    html: str  # rendered, with site links already in the reader's locale
    blocks: tuple[Block, ...]  # the same HTML, block by block
    toc: tuple[TocEntry, ...]
    content_hash: str  # sha256 of the file: translations record the English one
    translation: Translation | None = None
    plan: LessonPlan | None = None

    @property
    def url_path(self) -> str:
        return url_path(self.section, self.slug)

    @property
    def text(self) -> str:
        return " ".join(block.text for block in self.blocks)

    @property
    def parts(self) -> tuple[Part, ...]:
        """The page split at its level-2 headings (classroom handouts, steps, letter)."""
        parts: list[Part] = []
        for block in self.blocks:
            if block.tag == "h2":
                inner = block.html.split(">", 1)[1].rsplit("</h2>", 1)[0]
                parts.append(Part(block.kind, block.id, inner, (block,), block.minutes))
            elif parts:
                parts[-1] = replace(parts[-1], blocks=(*parts[-1].blocks, block))
            else:  # the text before the first level-2 heading
                parts.append(Part("", "", "", (block,)))
        return tuple(parts)

    def parts_of(self, kind: str) -> tuple[Part, ...]:
        return tuple(part for part in self.parts if part.kind == kind)


class Shown(NamedTuple):
    """A page as a reader of one locale sees it: fallback when it is the English page."""

    page: Page
    fallback: bool


@dataclass(frozen=True)
class LocaleInfo:
    code: str  # as in URLs and folder names: "zh-Hans"
    babel: str  # as Babel and the catalogs spell it: "zh_Hans"
    name: str  # in its own language
    english_name: str
    rtl: bool

    @property
    def dir(self) -> str:
        return "rtl" if self.rtl else "ltr"


@dataclass(frozen=True)
class Site:
    root: Path
    default_locale: str
    locales: tuple[LocaleInfo, ...]
    sections: tuple[str, ...]
    pages: MappingProxyType  # (locale, section, slug) -> Page
    fallbacks: MappingProxyType  # (reader locale, section, slug) -> English page made for them
    figures: MappingProxyType  # id -> Figure
    figure_labels: MappingProxyType  # locale -> {id -> {"label": ..., "population": ...}}
    chart_labels: MappingProxyType  # locale -> {chart id -> {"title": ..., ...}}
    sources: MappingProxyType  # id -> SourceDoc
    charts: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))

    @cached_property
    def locale_codes(self) -> tuple[str, ...]:
        return tuple(info.code for info in self.locales)

    def locale(self, code: str) -> LocaleInfo:
        return next(info for info in self.locales if info.code == code)

    def page(self, locale: str, section: str, slug: str) -> Shown | None:
        """The page in ``locale``, else the English one rendered for this reader."""
        key = (locale, section, slug)
        if key in self.pages:
            return Shown(self.pages[key], False)
        return Shown(self.fallbacks[key], True) if key in self.fallbacks else None

    def keys(self, section: str | None = None) -> list[tuple[str, str]]:
        """Every (section, slug) of the source locale: translations never add pages."""
        return sorted(
            (page.section, page.slug)
            for (code, _, _), page in self.pages.items()
            if code == self.default_locale and section in (None, page.section)
        )

    def lessons(self, locale: str, section: str) -> list[Shown]:
        shown = [self.page(locale, section, slug) for _, slug in self.keys(section)]
        lessons = [item for item in shown if item and item.page.slug != INDEX_SLUG]
        return sorted(lessons, key=lambda item: (item.page.order, item.page.slug))

    def single_pages(self) -> list[str]:
        return [slug for _, slug in self.keys(PAGES_FOLDER) if slug != HOME_SLUG]

    def translated_locales(self, section: str, slug: str) -> tuple[str, ...]:
        """Locales that have this page in their own language."""
        return tuple(code for code in self.locale_codes if (code, section, slug) in self.pages)

    def is_stale(self, page: Page) -> bool:
        if page.translation is None:
            return False
        source = self.pages.get((self.default_locale, page.section, page.slug))
        return source is not None and source.content_hash != page.translation.source_hash

    def figure_label(self, locale: str, figure_id: str, key: str = "label") -> str:
        """A figure's text in ``locale``, else the English."""
        text = self.figure_labels.get(locale, {}).get(figure_id, {}).get(key)
        return text or getattr(self.figures[figure_id], key)

    def chart_text(self, locale: str, chart_id: str, key: str) -> str:
        """A chart's text (title, summary, population, group-<id>) in ``locale``, else English."""
        if text := self.chart_labels.get(locale, {}).get(chart_id, {}).get(key):
            return text
        chart = self.charts[chart_id]
        english = {f"group-{group.id}": group.label for group in chart.groups if group.id}
        english.update(title=chart.title, summary=chart.summary, population=chart.population)
        if key not in english:
            raise KeyError(f"chart '{chart_id}' has no text '{key}'")
        return english[key]
