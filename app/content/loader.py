"""Reads content/ once at start-up into a Site; every problem names its file and line."""

from __future__ import annotations

import dataclasses
import hashlib
import math
import re
from collections.abc import Iterable
from pathlib import Path
from types import MappingProxyType

from babel import Locale, UnknownLocaleError
from pydantic import ValidationError

from . import markdown as site_markdown
from . import models as m
from .data import DataLoader
from .problems import Problems, key_line, line_of, read_toml, report_validation
from .schema import SLUG, FrontMatter, PlanFrontMatter

FRONT_MATTER = "+++"
LOCALE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
SECTION_ORDER = ("parents", "classroom")  # parents first: most readers arrive worried
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Names communities use for their language where CLDR's differ: Babel calls "tl" Filipino
# (Pilipinas), but Filipino-American families and their organizations say Tagalog; a language
# menu names French with a capital, as French speakers write it at the start of a line.
LOCALE_NAMES = {"tl": ("Tagalog", "Tagalog"), "fr": ("Français", "French")}


def file_hash(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest()


def reading_minutes(text: str) -> int:
    """About 200 words or 500 CJK characters a minute: a relaxed pace for worried readers."""
    cjk = len(CJK.findall(text))
    return max(1, math.ceil(len(WORD.findall(CJK.sub(" ", text))) / 200 + cjk / 500))


def locale_info(code: str) -> m.LocaleInfo:
    babel = Locale.parse(code, sep="-")
    name, english = LOCALE_NAMES.get(code, (None, None))
    return m.LocaleInfo(
        code=code,
        babel=str(babel),  # "tl" is fil_PH to Babel: its catalog is translations/fil_PH
        name=name or babel.get_display_name(babel) or code,
        english_name=english or babel.get_display_name("en") or code,
        rtl=babel.character_order == "right-to-left",
    )


def is_locale_code(name: str) -> bool:
    if not LOCALE_CODE.match(name):
        return False
    try:
        Locale.parse(name, sep="-")
    except (ValueError, UnknownLocaleError):
        return False
    return True


def lesson_plan(front: PlanFrontMatter) -> m.LessonPlan:
    lists = front.model_dump(include={"objectives", "materials", "preparation", "standards"})
    return m.LessonPlan(
        grade_band=front.grade_band,
        duration=front.duration,
        vocabulary=tuple(m.Vocabulary(entry.term, entry.definition) for entry in front.vocabulary),
        **{name: tuple(items) for name, items in lists.items()},
    )


class Loader:
    def __init__(self, root: Path, *, default_locale: str, allowed_hosts: Iterable[str]):
        self.root = Path(root)
        self.default_locale = default_locale
        self.problems = Problems(self.root)
        self.site_paths: set[str] = set(m.APP_PATHS)
        self.data = DataLoader(self.root, self.problems)
        self.md = site_markdown.create_markdown(
            format_figure=self.format_figure,
            link_exists=lambda path: path in self.site_paths,
            allowed_hosts=allowed_hosts,
        )

    def format_figure(self, figure_id: str, part: str | None, locale: str) -> str | None:
        figure = self.data.figures.get(figure_id)
        return figure.format(locale.replace("-", "_"), part) if figure else None

    def discover(self) -> tuple[list[str], list[str]]:
        """The locale folders (the default first) and the sections of the default locale."""
        locales = []
        for folder in sorted(p for p in self.root.iterdir() if p.is_dir() and p.name != "data"):
            if is_locale_code(folder.name):
                locales.append(folder.name)
            else:
                self.problems.add(folder, 1, f"'{folder.name}' is not a known locale code")
        base = self.root / self.default_locale
        if self.default_locale not in locales:
            self.problems.add(base, 1, "the default locale has no content")
        locales.sort(key=lambda code: (code != self.default_locale, code))
        names = [p.name for p in base.iterdir() if p.is_dir()] if base.exists() else []
        sections = sorted(
            (name for name in names if name != m.PAGES_FOLDER),
            key=lambda name: (SECTION_ORDER.index(name) if name in SECTION_ORDER else 99, name),
        )
        return locales, sections

    def page_files(self, locale: str, sections: list[str]) -> list[tuple[str, str, Path]]:
        found = []
        base = self.root / locale
        for path in sorted(p for p in base.rglob("*") if p.is_file()):
            if path.name == "_figures.toml":  # the locale's figure labels (content/data.py)
                continue
            parts = path.relative_to(base).parts
            section, slug = (parts[0], path.stem) if len(parts) == 2 else ("", "")
            problem = None
            if len(parts) != 2 or path.suffix != ".md":
                problem = "unexpected file: content is <locale>/<section>/<slug>.md"
            elif slug != m.INDEX_SLUG and not SLUG.match(slug):
                problem = f"slug '{slug}' must be lowercase words joined by hyphens"
            elif section != m.PAGES_FOLDER and section not in sections:
                problem = f"unknown section '{section}'"
            elif section == m.PAGES_FOLDER and (slug in sections or slug in m.RESERVED_NAMES):
                problem = f"page slug '{slug}' clashes with a section or app path"
            if problem:
                self.problems.add(path, 1, problem)
                continue
            found.append((section, slug, path))
        return found

    def read_page(self, path: Path) -> tuple[bytes, dict, list[str], str] | None:
        """The file's bytes, front matter, the lines up to the body and the body."""
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8").replace("\r\n", "\n")
        except UnicodeDecodeError as error:
            self.problems.add(path, raw[: error.start].count(b"\n") + 1, "file is not valid UTF-8")
            return None
        lines = text.split("\n")
        fences = [number for number, line in enumerate(lines) if line.strip() == FRONT_MATTER]
        if len(fences) < 2 or fences[0] != 0:
            self.problems.add(path, 1, "front matter must be between two '+++' lines")
            return None
        end = fences[1]
        before = len(self.problems)
        front = "\n".join(lines[1:end])
        meta, _ = read_toml(path, self.problems, front, what="front matter", offset=1)
        if len(self.problems) > before:
            return None
        return raw, meta, lines[: end + 1], "\n".join(lines[end + 1 :])

    def load_page(self, locale: str, section: str, slug: str, path: Path) -> m.Page | None:
        read = self.read_page(path)
        if read is None:
            return None
        raw, meta, front_lines, body = read
        before = len(self.problems)
        is_plan = section == m.CLASSROOM and slug != m.INDEX_SLUG
        try:
            front = (PlanFrontMatter if is_plan else FrontMatter).model_validate(meta)
        except ValidationError as error:
            report_validation(error, self.problems, path, front_lines)
            return None
        self.check_front(path, front, front_lines, locale)
        html, blocks, toc, problems = site_markdown.convert(self.md, body, locale, locale)
        self.markdown_problems(path, body, len(front_lines), problems)
        if len(self.problems) > before:
            return None
        text = " ".join(block.text for block in blocks)
        translation = front.translation
        return m.Page(
            locale=locale,
            section=section,
            slug=slug,
            path=self.problems.rel(path),
            **front.model_dump(include={"title", "summary", "audience", "order", "updated"}),
            sources=tuple(m.SourceRef(ref.id, ref.section) for ref in front.sources),
            reading_time=front.reading_time or reading_minutes(text),
            body=body,
            html=html,
            blocks=blocks,
            toc=toc,
            content_hash=file_hash(raw),
            translation=m.Translation(**translation.model_dump()) if translation else None,
            plan=lesson_plan(front) if is_plan else None,
        )

    def check_front(self, path: Path, front: FrontMatter, lines: list[str], locale: str) -> None:
        """What the schema cannot check alone: sources, translation table, a plan's standards."""
        for ref in front.sources:
            if ref.id not in self.data.sources:
                line = line_of(lines, ref.id, default=key_line(lines, "sources"))
                self.problems.add(path, line, f"unknown source '{ref.id}'")
        if (front.translation is None) != (locale == self.default_locale):
            message = (
                "the source locale has no translation table"
                if front.translation
                else "translated file needs a [translation] table (source_hash, translated_on, "
                "machine_assisted, reviewed_by)"
            )
            self.problems.add(path, key_line(lines, "translation"), message)
        plan = isinstance(front, PlanFrontMatter)
        if plan and not front.standards and front.grade_band != "families":
            line = key_line(lines, "grade_band")
            self.problems.add(path, line, "a classroom plan must list its standards")

    def markdown_problems(self, path: Path, body: str, offset: int, problems: list) -> None:
        """Each (needle, message) problem of the body, which starts ``offset`` lines in."""
        if re.search(r"^#\s", body, re.MULTILINE):
            message = "no level-1 headings in the body: the title is the page's only <h1>"
            problems.append(("# ", message))
        body_lines = body.split("\n")
        for needle, message in problems:
            self.problems.add(path, offset + line_of(body_lines, needle), message)

    def fallback(self, page: m.Page, reader: str) -> m.Page:
        """The English page rendered again with its site links into the reader's locale."""
        html, blocks, toc, _ = site_markdown.convert(self.md, page.body, page.locale, reader)
        return dataclasses.replace(page, html=html, blocks=blocks, toc=toc)

    def load(self) -> m.Site:
        if not self.root.is_dir():
            self.problems.add(self.root, 1, "content folder not found")
            return self.site([], [], {}, {})
        self.data.load_sources()
        self.data.load_figures()
        self.data.load_charts()
        locales, sections = self.discover()
        files = {code: self.page_files(code, sections) for code in locales}
        english = dict.fromkeys((s, slug) for s, slug, _ in files.get(self.default_locale, []))
        self.site_paths |= {m.url_path(section, slug) for section, slug in english}
        pages = {}
        for code in locales:
            self.data.load_labels(code)
            for section, slug, path in files[code]:
                if (section, slug) not in english:
                    self.problems.add(path, 1, f"no {self.default_locale} page at this path")
                elif page := self.load_page(code, section, slug, path):
                    pages[(code, section, slug)] = page
        # English shown to readers of a locale with no (valid) translation, linking into theirs.
        fallbacks = {}
        for section, slug in english:
            page = pages.get((self.default_locale, section, slug))
            for reader in locales[1:] if page else ():
                if (reader, section, slug) not in pages:
                    fallbacks[(reader, section, slug)] = self.fallback(page, reader)
        for section in sections:
            if (section, m.INDEX_SLUG) not in english:
                index = self.root / self.default_locale / section / "_index.md"
                self.problems.add(index, 1, f"section '{section}' needs an _index.md")
        return self.site(locales, sections, pages, fallbacks)

    def site(self, locales: list[str], sections: list[str], pages: dict, fallbacks: dict) -> m.Site:
        return m.Site(
            root=self.root,
            default_locale=self.default_locale,
            locales=tuple(locale_info(code) for code in locales),
            sections=tuple(sections),
            pages=MappingProxyType(pages),
            fallbacks=MappingProxyType(fallbacks),
            figures=MappingProxyType(self.data.figures),
            figure_labels=MappingProxyType(self.data.figure_labels),
            chart_labels=MappingProxyType(self.data.chart_labels),
            sources=MappingProxyType(self.data.sources),
            charts=MappingProxyType(self.data.charts),
        )


def load_site(root: Path, *, default_locale: str = "en", allowed_hosts: Iterable[str] = ()):
    """(Site, problems): pages with problems are left out of the Site."""
    loader = Loader(root, default_locale=default_locale, allowed_hosts=allowed_hosts)
    return loader.load(), tuple(loader.problems)
