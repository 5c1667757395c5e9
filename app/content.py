"""Loads content/ once at start-up into frozen dataclasses, and validates it.

Every problem names the file and the line, so `flask content check` can point a writer straight at
it. Nothing here knows about requests: views only read the loaded ``Site``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal, format_percent

from . import markdown as site_markdown

FRONT_MATTER = "+++"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LOCALE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
AUDIENCES = ("parents", "teachers", "everyone")
GRADE_BANDS = ("3-5", "6-8", "9-12", "families")
PAGES_FOLDER = "pages"
SECTION_ORDER = ("parents", "classroom")
INDEX_SLUG = "_index"
HOME_SLUG = "home"
# Paths the app itself serves inside a locale; content may link to them and must not shadow them.
APP_PATHS = frozenset({"/figures/", "/search/", "/about/translations/"})
RESERVED_NAMES = frozenset({"figures", "search", "static", "sitemap.xml", PAGES_FOLDER})
# Chart texts are translated in <locale>/_figures.toml under "chart-<id>" keys.
CHART_LABEL_PREFIX = "chart-"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("content has problems:\n" + "\n".join(str(p) for p in problems))


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
            text = format_percent(self.value / 100, locale=locale)
        else:
            text = format_decimal(self.value, locale=locale)
        return self.qualifier + text


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

    def text(self, key: str) -> str:
        """English text by translation key: title, summary, population or group-<id>."""
        if key in ("title", "summary", "population"):
            return getattr(self, key)
        group = next((g for g in self.groups if g.id and key == f"group-{g.id}"), None)
        if group is None:
            raise KeyError(f"chart '{self.id}' has no text '{key}'")
        return group.label


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
class Page:
    locale: str
    section: str  # "pages" for single pages
    slug: str  # "_index" for a section's introduction
    path: str  # relative to the project, for messages
    title: str
    summary: str
    audience: str
    order: int
    updated: dt.date
    sources: tuple[SourceRef, ...]
    reading_time: int
    body: str  # the Markdown source, for search and the bilingual view
    html: str  # rendered once; internal links still carry INTERNAL_PREFIX
    toc: tuple[TocEntry, ...]
    content_hash: str  # sha256 of the file: translations record the English one
    translation: Translation | None = None
    plan: LessonPlan | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.section, self.slug)

    @property
    def site_path(self) -> str:
        """The locale-free path of this page, as content links write it."""
        if self.section == PAGES_FOLDER:
            return "/" if self.slug == HOME_SLUG else f"/{self.slug}/"
        if self.slug == INDEX_SLUG:
            return f"/{self.section}/"
        return f"/{self.section}/{self.slug}/"


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
    figures: MappingProxyType  # id -> Figure
    figure_labels: MappingProxyType  # locale -> {id -> {"label":..., "population":...}}
    sources: MappingProxyType  # id -> SourceDoc
    problems: tuple[Problem, ...] = field(default=())
    charts: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))  # id -> Chart

    # -- queries -------------------------------------------------------------------------------
    @property
    def locale_codes(self) -> tuple[str, ...]:
        return tuple(loc.code for loc in self.locales)

    def locale(self, code: str) -> LocaleInfo:
        return next(loc for loc in self.locales if loc.code == code)

    def page(self, locale: str, section: str, slug: str) -> tuple[Page, bool] | None:
        """The page in ``locale``, else the default locale's (second item True: a fallback)."""
        page = self.pages.get((locale, section, slug))
        if page is not None:
            return page, False
        page = self.pages.get((self.default_locale, section, slug))
        return (page, True) if page is not None else None

    def keys(self, section: str | None = None) -> list[tuple[str, str]]:
        """Every (section, slug) of the source locale: translations never add pages."""
        return sorted(
            (p.section, p.slug)
            for (loc, _, _), p in self.pages.items()
            if loc == self.default_locale and (section is None or p.section == section)
        )

    def lessons(self, locale: str, section: str) -> list[tuple[Page, bool]]:
        found = [self.page(locale, section, slug) for sec, slug in self.keys(section)]
        items = [item for item in found if item and item[0].slug != INDEX_SLUG]
        return sorted(items, key=lambda item: (item[0].order, item[0].slug))

    def single_pages(self) -> list[str]:
        return [slug for sec, slug in self.keys(PAGES_FOLDER) if slug != HOME_SLUG]

    def is_stale(self, page: Page) -> bool:
        if page.translation is None:
            return False
        source = self.pages.get((self.default_locale, page.section, page.slug))
        return source is not None and source.content_hash != page.translation.source_hash

    def figure_label(self, locale: str, figure_id: str, key: str = "label") -> str:
        """A figure's text (or a chart's, as "chart-<id>") in ``locale``, else the English."""
        labels = self.figure_labels.get(locale, {}).get(figure_id, {})
        if labels.get(key):
            return labels[key]
        chart_id = figure_id.removeprefix(CHART_LABEL_PREFIX)
        if figure_id.startswith(CHART_LABEL_PREFIX) and chart_id in self.charts:
            return self.charts[chart_id].text(key)
        return getattr(self.figures[figure_id], key)


# -- helpers ---------------------------------------------------------------------------------------
def file_hash(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest()


CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def reading_minutes(text: str) -> int:
    """About 200 words or 500 CJK characters a minute: a relaxed pace for worried readers."""
    cjk = len(CJK.findall(text))
    words = len(WORD.findall(CJK.sub(" ", text)))
    return max(1, math.ceil(words / 200 + cjk / 500))


def line_of(lines: list[str], pattern: str, start: int = 0, default: int = 1) -> int:
    """1-based number of the first line at or after ``start`` containing ``pattern``."""
    for number, text in enumerate(lines[start:], start=start + 1):
        if pattern in text:
            return number
    return default


def key_line(lines: list[str], key: str, default: int = 1) -> int:
    regex = re.compile(rf"^\s*{re.escape(key)}\s*=|^\s*\[{re.escape(key)}\]")
    for number, text in enumerate(lines, start=1):
        if regex.match(text):
            return number
    return default


# Names communities use for their language where CLDR's differ: Babel calls "tl" Filipino
# (Pilipinas), but Filipino-American families and their organizations say Tagalog; a language
# menu names French with a capital, as French speakers write it at the start of a line.
LOCALE_NAMES = {"tl": ("Tagalog", "Tagalog"), "fr": ("Français", "French")}


def locale_info(code: str) -> LocaleInfo:
    babel_locale = Locale.parse(code, sep="-")
    name, english = LOCALE_NAMES.get(code, (None, None))
    return LocaleInfo(
        code=code,
        babel=str(babel_locale),  # "tl" is fil_PH to Babel: its catalog is translations/fil_PH
        name=name or babel_locale.get_display_name(babel_locale) or code,
        english_name=english or babel_locale.get_display_name("en") or code,
        rtl=babel_locale.character_order == "right-to-left",
    )


# -- schema ----------------------------------------------------------------------------------------
PAGE_FIELDS: dict[str, tuple[type | tuple[type, ...], bool]] = {
    "title": (str, True),
    "summary": (str, True),
    "audience": (str, True),
    "order": (int, True),
    "updated": (dt.date, True),
    "sources": (list, True),
    "reading_time": (int, False),
    "translation": (dict, False),
}
PLAN_FIELDS: dict[str, tuple[type | tuple[type, ...], bool]] = {
    "grade_band": (str, True),
    "duration": (int, True),
    "objectives": (list, True),
    "vocabulary": (list, True),
    "materials": (list, True),
    "preparation": (list, True),
    "standards": (list, False),
}
# Standards a plan may name, as "<framework>: <indicator or competency>".
STANDARD_FRAMEWORKS = {
    "CASEL": "CASEL SEL competencies",
    "NHES": "National Health Education Standards",
    "ISTE": "ISTE Standards for Students",
    "NSES": "National Sex Education Standards",
}
STANDARD = re.compile(r"(?P<framework>[A-Z]+): \S.*")
TRANSLATION_FIELDS = {
    "source_hash": str,
    "translated_on": dt.date,
    "machine_assisted": bool,
    "reviewed_by": str,
}
FIGURE_FIELDS: dict[str, tuple[type | tuple[type, ...], bool]] = {
    "value": ((int, float), True),
    "unit": (str, True),
    "label": (str, True),
    "population": (str, True),
    "n": (int, False),
    "period": (str, True),
    "source": (str, True),
    "section": (str, False),
    "approx": (bool, False),
    "qualifier": (str, False),
}
SOURCE_FIELDS: dict[str, tuple[type | tuple[type, ...], bool]] = {
    "file": (str, True),
    "title": (str, True),
    "publisher": (str, True),
    "year": (int, False),
    "url": (str, False),
}
UNITS = ("percent", "count", "years")
CHART_FIELDS: dict[str, tuple[type | tuple[type, ...], bool]] = {
    "title": (str, True),
    "summary": (str, True),
    "kind": (str, True),
    "population": (str, True),
    "bars": (list, False),
    "groups": (list, False),
}
CHART_KINDS = ("bar", "stacked")
STACKED_MAX = 4  # one distinct colour each (--chart-1..4 in site.css)


def type_name(expected: type | tuple[type, ...]) -> str:
    names = {
        str: "text",
        int: "a whole number",
        float: "a number",
        bool: "true or false",
        list: "a list",
        dict: "a table",
        dt.date: "a date (YYYY-MM-DD, no quotes)",
    }
    if isinstance(expected, tuple):
        return " or ".join(names[t] for t in expected)
    return names[expected]


def is_type(value: object, expected: type | tuple[type, ...]) -> bool:
    types = expected if isinstance(expected, tuple) else (expected,)
    if isinstance(value, bool) and bool not in types:
        return False  # TOML booleans are ints to Python; never accept them as numbers
    if isinstance(value, dt.datetime) and dt.datetime not in types:
        return False
    return isinstance(value, types)


def check_fields(
    data: dict,
    schema: dict[str, tuple[type | tuple[type, ...], bool]],
    report,
    lines: list[str],
    what: str = "field",
) -> bool:
    ok = True
    for name in data:
        if name not in schema:
            report(key_line(lines, name), f"unknown {what} '{name}'")
            ok = False
    for name, (expected, required) in schema.items():
        if name not in data:
            if required:
                report(1, f"missing required {what} '{name}'")
                ok = False
        elif not is_type(data[name], expected):
            report(key_line(lines, name), f"{what} '{name}' must be {type_name(expected)}")
            ok = False
    return ok


# -- the loader ------------------------------------------------------------------------------------
class Loader:
    def __init__(self, root: Path, *, default_locale: str, allowed_hosts: Iterable[str]):
        self.root = Path(root)
        self.project = self.root.parent
        self.default_locale = default_locale
        self.allowed_hosts = frozenset(allowed_hosts)
        self.problems: list[Problem] = []
        self.site_paths: set[str] = set(APP_PATHS)

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.project))
        except ValueError:
            return str(path)

    def report(self, path: Path, line: int, message: str) -> None:
        self.problems.append(Problem(self.rel(path), line, message))

    def read_toml(self, path: Path) -> tuple[dict, list[str]]:
        text = path.read_text(encoding="utf-8")
        try:
            return tomllib.loads(text), text.splitlines()
        except tomllib.TOMLDecodeError as error:
            line = getattr(error, "lineno", None) or _toml_error_line(error)
            self.report(path, line, f"invalid TOML: {_toml_error_message(error)}")
            return {}, text.splitlines()

    # -- data files ----------------------------------------------------------------------------
    def load_sources(self) -> dict[str, SourceDoc]:
        path = self.root / "data" / "sources.toml"
        if not path.exists():
            self.report(path, 1, "missing sources file")
            return {}
        data, lines = self.read_toml(path)
        sources = {}
        for key, entry in data.items():
            line = key_line(lines, key)
            if not isinstance(entry, dict):
                self.report(path, line, f"source '{key}' must be a table")
                continue
            if check_fields(
                entry, SOURCE_FIELDS, lambda n, m, line=line: self.report(path, line, m), lines
            ):
                sources[key] = SourceDoc(id=key, **entry)
        return sources

    def load_figures(self, sources: dict[str, SourceDoc]) -> dict[str, Figure]:
        figures: dict[str, Figure] = {}
        folder = self.root / "data" / "figures"
        for path in sorted(folder.glob("*.toml")) if folder.exists() else []:
            data, lines = self.read_toml(path)
            for key, entry in data.items():
                line = key_line(lines, key)

                def report(_n, message, path=path, line=line, key=key):
                    self.report(path, line, f"figure '{key}': {message}")

                if not SLUG.match(key):
                    report(0, "id must be lowercase words joined by hyphens")
                    continue
                if not isinstance(entry, dict):
                    report(0, "must be a table")
                    continue
                if not check_fields(entry, FIGURE_FIELDS, report, lines):
                    continue
                if key in figures:
                    report(0, "duplicate id (already defined in another figures file)")
                    continue
                if entry["unit"] not in UNITS:
                    report(0, f"unit must be one of {', '.join(UNITS)}")
                    continue
                if entry["source"] not in sources:
                    report(0, f"unknown source '{entry['source']}'")
                    continue
                if entry["unit"] == "percent" and not 0 <= entry["value"] <= 100:
                    report(0, "a percentage must be between 0 and 100")
                    continue
                if entry.get("n", 1) <= 0:
                    report(0, "n must be positive")
                    continue
                figures[key] = Figure(id=key, **entry)
        return figures

    def load_figure_labels(self, locale: str, figures: dict[str, Figure]) -> dict:
        path = self.root / locale / "_figures.toml"
        if not path.exists():
            return {}
        data, lines = self.read_toml(path)
        labels = {}
        for key, entry in data.items():
            line = key_line(lines, key)
            if not isinstance(entry, dict) or not all(isinstance(v, str) for v in entry.values()):
                self.report(path, line, f"'{key}' must be a table of text")
                continue
            labels[key] = dict(entry)
        return labels

    def load_charts(self, figures: dict[str, Figure]) -> dict[str, Chart]:
        """content/data/charts.toml: the charts of the figures page, drawn from figure ids."""
        path = self.root / "data" / "charts.toml"
        if not path.exists():
            return {}
        data, lines = self.read_toml(path)
        charts = {}
        for key, entry in data.items():
            start = key_line(lines, key)
            problems = len(self.problems)

            def report(line, message, key=key):
                self.report(path, line, f"chart '{key}': {message}")

            def entry_line(needle: str, start=start) -> int:
                return line_of(lines, needle, start=start - 1, default=start)

            if not SLUG.match(key):
                report(start, "id must be lowercase words joined by hyphens")
                continue
            if not isinstance(entry, dict):
                report(start, "must be a table")
                continue

            def field_report(n, message, start=start, report=report):
                report(start - 1 + n, message)  # n counts from the chart's header line

            if not check_fields(entry, CHART_FIELDS, field_report, lines[start - 1 :]):
                continue
            if entry["kind"] not in CHART_KINDS:
                report(entry_line("kind"), f"kind must be one of {', '.join(CHART_KINDS)}")
            for name in ("title", "summary", "population"):
                if not entry[name].strip():
                    report(entry_line(name), f"{name} must not be empty")
                elif re.search(r"\d", entry[name]):
                    report(entry_line(name), f"{name} must not type numbers (charts draw figures)")
            if ("bars" in entry) == ("groups" in entry):
                report(start, "needs either bars = [figure ids] or groups = [...], not both")
                continue
            raw_groups = (
                [{"id": "", "label": "", "bars": entry["bars"]}]
                if "bars" in entry
                else entry["groups"]
            )
            if entry["kind"] == "stacked" and "groups" in entry:
                report(entry_line("groups"), "a stacked chart draws one list of bars, not groups")
            groups = self.check_chart_groups(
                raw_groups, "groups" in entry, figures, report, entry_line
            )
            if len(self.problems) > problems or not groups:
                continue
            drawn = [figures[fid] for group in groups for fid in group.bars]
            if len({f.id for f in drawn}) != len(drawn):
                report(start, "a figure is drawn twice")
            if len({(f.unit, f.source) for f in drawn}) > 1:
                report(start, "all figures of a chart must share a unit and a source")
            # Periods may differ between groups (a comparison over time): each group names its own.
            if entry["kind"] == "stacked" and any(f.unit != "percent" for f in drawn):
                report(start, "a stacked chart draws percentages")
            if entry["kind"] == "stacked" and len(drawn) > STACKED_MAX:
                report(start, f"a stacked chart draws at most {STACKED_MAX} figures")
            if f"{CHART_LABEL_PREFIX}{key}" in figures:
                report(start, f"'{CHART_LABEL_PREFIX}{key}' is a figure id: rename the chart")
            if len(self.problems) > problems:
                continue
            charts[key] = Chart(
                id=key,
                title=entry["title"].strip(),
                summary=entry["summary"].strip(),
                kind=entry["kind"],
                population=entry["population"].strip(),
                groups=tuple(groups),
            )
        return charts

    def check_chart_groups(
        self, raw_groups: list, named: bool, figures: dict[str, Figure], report, entry_line
    ) -> list[ChartGroup]:
        groups: list[ChartGroup] = []
        seen: set[str] = set()
        if not raw_groups:
            report(entry_line("groups"), "groups must not be empty")
        for item in raw_groups:
            if not isinstance(item, dict) or set(item) != {"id", "label", "bars"}:
                shape = '{ id = "...", label = "...", bars = [figure ids] }'
                report(entry_line("groups"), f"each group must be {shape}")
                continue
            gid, label, bars = item["id"], item["label"], item["bars"]
            line = entry_line(f'"{gid}"') if named else entry_line("bars")
            if named:
                if not isinstance(gid, str) or not SLUG.match(gid) or gid in seen:
                    report(line, f"group id '{gid}' must be unique lowercase words and hyphens")
                    continue
                seen.add(gid)
                if not isinstance(label, str) or not label.strip() or re.search(r"\d", label):
                    report(line, f"group '{gid}' needs a label, without typed numbers")
                    continue
            if not isinstance(bars, list) or not bars or not all(isinstance(b, str) for b in bars):
                report(line, "bars must be a non-empty list of figure ids")
                continue
            unknown = [fid for fid in bars if fid not in figures]
            for fid in unknown:
                report(entry_line(f'"{fid}"'), f"unknown figure '{fid}'")
            if unknown:
                continue
            if len({(figures[f].n, figures[f].period) for f in bars}) > 1:
                report(line, "figures drawn together must share n and period")
                continue
            groups.append(ChartGroup(id=gid, label=label.strip(), bars=tuple(bars)))
        return groups

    # -- pages ---------------------------------------------------------------------------------
    def discover(self) -> tuple[list[str], list[str]]:
        locales = []
        for folder in sorted(p for p in self.root.iterdir() if p.is_dir()):
            if folder.name == "data":
                continue
            if not LOCALE_CODE.match(folder.name):
                self.report(folder, 1, f"'{folder.name}' is not a locale code")
                continue
            try:
                Locale.parse(folder.name, sep="-")
            except (ValueError, UnknownLocaleError):
                self.report(folder, 1, f"unknown locale '{folder.name}'")
                continue
            locales.append(folder.name)
        if self.default_locale not in locales:
            self.report(self.root / self.default_locale, 1, "the default locale has no content")
        locales.sort(key=lambda code: (code != self.default_locale, code))
        base = self.root / self.default_locale
        found = [p.name for p in (base.iterdir() if base.exists() else [])]
        sections = sorted(
            (name for name in found if (base / name).is_dir() and name != PAGES_FOLDER),
            # Parents first: most readers arrive worried about their own child.
            key=lambda name: (SECTION_ORDER.index(name) if name in SECTION_ORDER else 99, name),
        )
        return locales, sections

    def page_files(self, locale: str) -> list[tuple[str, str, Path]]:
        found = []
        base = self.root / locale
        for path in sorted(base.rglob("*")):
            if path.is_dir() or path.name == "_figures.toml":
                continue
            parts = path.relative_to(base).parts
            if len(parts) != 2 or path.suffix != ".md":
                self.report(path, 1, "unexpected file: content is <locale>/<section>/<slug>.md")
                continue
            section, slug = parts[0], path.stem
            if slug != INDEX_SLUG and not SLUG.match(slug):
                self.report(path, 1, f"slug '{slug}' must be lowercase words joined by hyphens")
                continue
            found.append((section, slug, path))
        return found

    def split(self, path: Path, text: str) -> tuple[str, str, int] | None:
        lines = text.split("\n")
        if not lines or lines[0].strip() != FRONT_MATTER:
            self.report(path, 1, "file must start with a '+++' front matter line")
            return None
        for number, line in enumerate(lines[1:], start=1):
            if line.strip() == FRONT_MATTER:
                return "\n".join(lines[1:number]), "\n".join(lines[number + 1 :]), number + 1
        self.report(path, 1, "front matter is not closed with a '+++' line")
        return None

    def load_page(
        self,
        locale: str,
        section: str,
        slug: str,
        path: Path,
        sources: dict[str, SourceDoc],
        md,
    ) -> Page | None:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8").replace("\r\n", "\n")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            self.report(path, line, "file is not valid UTF-8")
            return None
        parts = self.split(path, text)
        if parts is None:
            return None
        front, body, body_start = parts
        lines = text.split("\n")
        start_problems = len(self.problems)

        def report(line: int, message: str) -> None:
            self.report(path, line, message)

        try:
            meta = tomllib.loads(front)
        except tomllib.TOMLDecodeError as error:
            line = (getattr(error, "lineno", None) or _toml_error_line(error)) + 1
            report(line, f"invalid front matter: {_toml_error_message(error)}")
            return None

        is_plan = section == "classroom" and slug != INDEX_SLUG
        schema = PAGE_FIELDS | (PLAN_FIELDS if is_plan else {})
        front_lines = lines[:body_start]
        if not check_fields(meta, schema, report, front_lines):
            return None
        if meta["audience"] not in AUDIENCES:
            report(key_line(front_lines, "audience"), f"audience must be one of {AUDIENCES}")
        if not meta["title"].strip() or not meta["summary"].strip():
            report(key_line(front_lines, "title"), "title and summary must not be empty")
        if meta.get("reading_time", 1) < 1:
            report(key_line(front_lines, "reading_time"), "reading_time must be at least 1")

        refs = []
        for item in meta["sources"]:
            line = key_line(front_lines, "sources")
            if not isinstance(item, dict) or set(item) != {"id", "section"}:
                report(line, 'each source must be { id = "...", section = "..." }')
                continue
            if item["id"] not in sources:
                report(
                    line_of(front_lines, item["id"], default=line), f"unknown source '{item['id']}'"
                )
                continue
            refs.append(SourceRef(item["id"], item["section"]))

        translation = None
        if "translation" in meta:
            translation = self.check_translation(meta["translation"], report, front_lines)
            if locale == self.default_locale:
                report(
                    key_line(front_lines, "translation"),
                    "the source locale has no translation table",
                )
        elif locale != self.default_locale:
            report(
                1,
                "translated file needs a [translation] table (source_hash, translated_on, "
                "machine_assisted, reviewed_by)",
            )

        plan = self.check_plan(meta, report, front_lines) if is_plan else None

        html, toc, md_problems = site_markdown.convert(md, body, locale)
        body_lines = body.split("\n")
        for needle, message in md_problems:
            report(
                line_of(body_lines, needle, default=0) + body_start if needle else body_start,
                message,
            )
        if re.search(r"^#\s", body, re.MULTILINE):
            report(
                line_of(body_lines, "# ") + body_start,
                "no level-1 headings in the body: the title is the page's only <h1>",
            )

        if len(self.problems) > start_problems:
            return None
        return Page(
            locale=locale,
            section=section,
            slug=slug,
            path=self.rel(path),
            title=meta["title"].strip(),
            summary=meta["summary"].strip(),
            audience=meta["audience"],
            order=meta["order"],
            updated=meta["updated"],
            sources=tuple(refs),
            reading_time=meta.get("reading_time")
            or reading_minutes(site_markdown.plain_text(html)),
            body=body,
            html=html,
            toc=tuple(_flatten_toc(toc)),
            content_hash=file_hash(raw),
            translation=translation,
            plan=plan,
        )

    def check_translation(self, data: object, report, lines: list[str]) -> Translation | None:
        line = key_line(lines, "translation")
        if not isinstance(data, dict):
            report(line, "translation must be a table")
            return None
        ok = True
        for name in data:
            if name not in TRANSLATION_FIELDS:
                report(key_line(lines, name, line), f"unknown translation field '{name}'")
                ok = False
        for name, expected in TRANSLATION_FIELDS.items():
            if name not in data:
                report(line, f"translation is missing '{name}'")
                ok = False
            elif not is_type(data[name], expected):
                report(
                    key_line(lines, name, line),
                    f"translation field '{name}' must be {type_name(expected)}",
                )
                ok = False
        if ok and not re.fullmatch(r"sha256:[0-9a-f]{64}", data["source_hash"]):
            report(
                key_line(lines, "source_hash", line),
                "source_hash must be 'sha256:' and 64 hex digits (flask translate hash FILE)",
            )
            ok = False
        return Translation(**data) if ok else None

    def check_plan(self, meta: dict, report, lines: list[str]) -> LessonPlan | None:
        ok = True
        if meta["grade_band"] not in GRADE_BANDS:
            report(key_line(lines, "grade_band"), f"grade_band must be one of {GRADE_BANDS}")
            ok = False
        if not 15 <= meta["duration"] <= 120:
            report(key_line(lines, "duration"), "duration must be 15 to 120 minutes")
            ok = False
        for name in ("objectives", "materials", "preparation"):
            items = meta[name]
            if not items or not all(isinstance(i, str) and i.strip() for i in items):
                report(key_line(lines, name), f"{name} must be a non-empty list of text")
                ok = False
        standards = meta.get("standards", [])
        for item in standards:
            found = STANDARD.fullmatch(item) if isinstance(item, str) else None
            if not found or found["framework"] not in STANDARD_FRAMEWORKS:
                report(
                    key_line(lines, "standards"),
                    f"each standard must be '<framework>: <indicator>' with a framework from "
                    f"{', '.join(STANDARD_FRAMEWORKS)}; got {item!r}",
                )
                ok = False
        if not standards and meta["grade_band"] != "families":
            report(key_line(lines, "grade_band"), "a classroom plan must list its standards")
            ok = False
        vocabulary = []
        for item in meta["vocabulary"]:
            if not isinstance(item, dict) or set(item) != {"term", "definition"}:
                report(
                    key_line(lines, "vocabulary"),
                    'each vocabulary entry must be { term = "...", definition = "..." }',
                )
                ok = False
                continue
            vocabulary.append(Vocabulary(item["term"], item["definition"]))
        if not ok:
            return None
        return LessonPlan(
            grade_band=meta["grade_band"],
            duration=meta["duration"],
            objectives=tuple(meta["objectives"]),
            vocabulary=tuple(vocabulary),
            materials=tuple(meta["materials"]),
            preparation=tuple(meta["preparation"]),
            standards=tuple(standards),
        )

    # -- all of it -----------------------------------------------------------------------------
    def load(self) -> Site:
        if not self.root.is_dir():
            self.report(self.root, 1, "content folder not found")
            return self._site([], [], {}, {}, {}, {})
        sources = self.load_sources()
        figures = self.load_figures(sources)
        charts = self.load_charts(figures)
        locales, sections = self.discover()

        # Every page the default locale has, so links can be checked before any file renders.
        files = {code: self.page_files(code) for code in locales}
        for section, slug, _ in files.get(self.default_locale, []):
            if section == PAGES_FOLDER:
                self.site_paths.add("/" if slug == HOME_SLUG else f"/{slug}/")
            elif slug == INDEX_SLUG:
                self.site_paths.add(f"/{section}/")
            else:
                self.site_paths.add(f"/{section}/{slug}/")

        def format_figure(figure_id: str, part: str | None, md) -> str | None:
            figure = figures.get(figure_id)
            return figure.format(md.locale.replace("-", "_"), part) if figure else None

        md = site_markdown.create_markdown(
            format_figure=format_figure,
            internal_link_exists=lambda path: path in self.site_paths,
            allowed_hosts=self.allowed_hosts,
        )

        pages: dict[tuple[str, str, str], Page] = {}
        labels = {}
        default_keys = {(s, slug) for s, slug, _ in files.get(self.default_locale, [])}
        for code in locales:
            labels[code] = self.load_figure_labels(code, figures)
            seen: dict[str, Path] = {}
            for section, slug, path in files[code]:
                if code != self.default_locale and (section, slug) not in default_keys:
                    self.report(path, 1, f"no {self.default_locale} page at this path to translate")
                    continue
                if section != PAGES_FOLDER and section not in sections:
                    self.report(path, 1, f"unknown section '{section}'")
                    continue
                name = slug if section == PAGES_FOLDER else f"{section}/{slug}"
                if name.lower() in seen:
                    self.report(
                        path, 1, f"duplicate slug '{slug}' (also {self.rel(seen[name.lower()])})"
                    )
                    continue
                seen[name.lower()] = path
                if section == PAGES_FOLDER and (slug in sections or slug in RESERVED_NAMES):
                    self.report(path, 1, f"page slug '{slug}' clashes with a section or app path")
                    continue
                page = self.load_page(code, section, slug, path, sources, md)
                if page is not None:
                    pages[(code, section, slug)] = page
        for section in sections:
            if (section, INDEX_SLUG) not in default_keys:
                self.report(
                    self.root / self.default_locale / section / "_index.md",
                    1,
                    f"section '{section}' needs an _index.md",
                )
        return self._site(locales, sections, pages, figures, labels, sources, charts)

    def _site(self, locales, sections, pages, figures, labels, sources, charts=None) -> Site:
        infos = []
        for code in locales:
            infos.append(locale_info(code))
        return Site(
            root=self.root,
            default_locale=self.default_locale,
            locales=tuple(infos),
            sections=tuple(sections),
            pages=MappingProxyType(pages),
            figures=MappingProxyType(figures),
            figure_labels=MappingProxyType(labels),
            charts=MappingProxyType(charts or {}),
            sources=MappingProxyType(sources),
            problems=tuple(self.problems),
        )


def _toml_error_line(error: tomllib.TOMLDecodeError) -> int:
    match = re.search(r"line (\d+)", str(error))
    return int(match.group(1)) if match else 1


def _toml_error_message(error: tomllib.TOMLDecodeError) -> str:
    return getattr(error, "msg", None) or re.sub(r"\s*\(at line.*\)$", "", str(error))


def _flatten_toc(tokens: list, out: list | None = None) -> list[TocEntry]:
    out = [] if out is None else out
    for token in tokens:
        out.append(TocEntry(token["id"], token["name"], token["level"]))
        _flatten_toc(token.get("children", []), out)
    return out


def load_site(root: Path, *, default_locale: str = "en", allowed_hosts: Iterable[str] = ()) -> Site:
    return Loader(root, default_locale=default_locale, allowed_hosts=allowed_hosts).load()
