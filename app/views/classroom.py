"""Classroom lesson plans: grade filters, handouts, presenter view, PDFs and a JSON catalogue.

The plan page itself is the lessons blueprint's (templates/classroom/lesson.html). Everything here
is built from the rendered HTML of a plan, split at its level-2 headings: `.step` parts are the
timed steps, `.handout` parts the student worksheet and family note (docs/content-format.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape

from flask import Blueprint, Response, abort, current_app, url_for
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from .. import i18n
from ..content import GRADE_BANDS, INDEX_SLUG, Page
from ..markdown import resolve_links
from ..pdf import PdfCache, StaticFiles, render_pdf, unlink_site_links
from .common import find_page, render_page, site

SECTION = "classroom"
LICENCE = "CC BY-SA 4.0"
PDF_KINDS = ("plan", "handout", "letter")
BAND_LABELS = {
    "3-5": _l("Grades 3–5"),
    "6-8": _l("Grades 6–8"),
    "9-12": _l("Grades 9–12"),
    "families": _l("Families"),
}

bp = Blueprint("classroom", __name__)


# -- splitting a plan into its parts ---------------------------------------------------------------
H2 = re.compile(r"<h2\b(?P<attrs>[^>]*)>(?P<heading>.*?)</h2>", re.S)
ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')
KINDS = ("step", "handout", "letter", "disclosure")


@dataclass(frozen=True)
class Part:
    kind: str  # step, handout, letter, disclosure, or "" (text before the first h2, other h2s)
    id: str  # the heading's id ("" for the text before the first h2)
    heading: str  # inner HTML of the h2
    html: str  # the h2 and everything up to the next one
    minutes: int | None = None  # a step's data-minutes


def split_parts(html: str) -> tuple[Part, ...]:
    """Split a page's rendered HTML at its level-2 headings, keeping each heading's class."""
    parts = []
    matches = list(H2.finditer(html))
    lead = html[: matches[0].start()] if matches else html
    if lead.strip():
        parts.append(Part(kind="", id="", heading="", html=lead.strip()))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(html)
        attrs = {name: unescape(value) for name, value in ATTRIBUTE.findall(match["attrs"])}
        classes = attrs.get("class", "").split()
        minutes = attrs.get("data-minutes", "")
        parts.append(
            Part(
                kind=next((kind for kind in KINDS if kind in classes), ""),
                id=attrs.get("id", ""),
                heading=match["heading"].strip(),
                html=html[match.start() : end].strip(),
                minutes=int(minutes) if minutes.isdigit() else None,
            )
        )
    return tuple(parts)


@dataclass(frozen=True)
class PlanParts:
    parts: tuple[Part, ...]

    @property
    def steps(self) -> tuple[Part, ...]:
        return tuple(p for p in self.parts if p.kind == "step")

    @property
    def handouts(self) -> tuple[Part, ...]:
        return tuple(p for p in self.parts if p.kind == "handout")

    @property
    def letters(self) -> tuple[Part, ...]:
        return tuple(p for p in self.parts if p.kind == "letter")


class ClassroomCache:
    """Per app: each plan's parts (split once per page) and its PDFs (made on first request)."""

    def __init__(self) -> None:
        self.parts: dict[tuple[str, str], PlanParts] = {}
        self.pdfs = PdfCache()

    def plan_parts(self, page: Page) -> PlanParts:
        key = (page.locale, page.slug)
        found = self.parts.get(key)
        if found is None:
            found = self.parts[key] = PlanParts(split_parts(page.html))
        return found


def cache() -> ClassroomCache:
    return current_app.extensions.setdefault("osl_classroom", ClassroomCache())


# -- helpers ---------------------------------------------------------------------------------------
def find_plan(slug: str) -> tuple[Page, bool]:
    if slug == INDEX_SLUG:
        abort(404)
    page, fallback = find_page(SECTION, slug)
    if page.plan is None:
        abort(404)
    return page, fallback


def part_html(part: Part) -> Markup:
    """A part's HTML with its site links pointing into the reader's locale."""
    return Markup(resolve_links(part.html, i18n.url_for_path))  # noqa: S704 (our own renderer)


def plan_urls(slug: str, **values) -> dict[str, str]:
    return {
        "page": url_for("lessons.lesson", section=SECTION, slug=slug, **values),
        "handout": url_for("classroom.handout", slug=slug, **values),
        "letter": url_for("classroom.letter", slug=slug, **values),
        "letter_pdf": url_for("classroom.pdf", slug=slug, kind="letter", **values),
        "plan_pdf": url_for("classroom.pdf", slug=slug, kind="plan", **values),
        "handout_pdf": url_for("classroom.pdf", slug=slug, kind="handout", **values),
        "presenter": url_for("classroom.presenter", slug=slug, **values),
    }


def plans(band: str | None = None) -> list[tuple[Page, bool]]:
    items = site().lessons(i18n.current_locale(), SECTION)
    return [item for item in items if item[0].plan and band in (None, item[0].plan.grade_band)]


@bp.app_context_processor
def classroom_context():
    return {"band_labels": BAND_LABELS, "plan_urls": plan_urls, "licence": LICENCE}


# -- views -----------------------------------------------------------------------------------------
def render_index(band: str | None) -> str:
    intro, fallback = find_page(SECTION, INDEX_SLUG)
    return render_page(
        intro,
        fallback,
        ["classroom/index.html"],
        band=band,
        bands=[(code, BAND_LABELS.get(code, code)) for code in GRADE_BANDS],
        plans=plans(band),
    )


@bp.get("/<locale:locale>/classroom/")
def index():
    return render_index(None)


@bp.get("/<locale:locale>/classroom/grades/<band>/")
def grade(band: str):
    if band not in GRADE_BANDS:
        abort(404)
    return render_index(band)


def render_handout(page: Page, fallback: bool) -> str:
    return render_page(
        page,
        fallback,
        ["classroom/handout.html"],
        handouts=cache().plan_parts(page).handouts,
        part_html=part_html,
    )


def render_letter(page: Page, fallback: bool) -> str:
    """The letter home alone: one printed page for families, sent before the lesson."""
    letters = cache().plan_parts(page).letters
    if not letters:
        abort(404)
    return render_page(
        page, fallback, ["classroom/letter.html"], letters=letters, part_html=part_html
    )


def render_plan(page: Page, fallback: bool) -> str:
    """The plan page exactly as the lessons blueprint serves it."""
    return render_page(page, fallback, [f"{SECTION}/lesson.html", "lesson.html"], section=SECTION)


@bp.get("/<locale:locale>/classroom/<slug>/handout/")
def handout(slug: str):
    return render_handout(*find_plan(slug))


@bp.get("/<locale:locale>/classroom/<slug>/letter/")
def letter(slug: str):
    return render_letter(*find_plan(slug))


@bp.get("/<locale:locale>/classroom/<slug>/present/")
def presenter(slug: str):
    page, fallback = find_plan(slug)
    return render_page(
        page,
        fallback,
        ["classroom/present.html"],
        steps=cache().plan_parts(page).steps,
        part_html=part_html,
    )


@bp.get("/<locale:locale>/classroom/<slug>/<any(plan, handout, letter):kind>.pdf")
def pdf(slug: str, kind: str):
    page, fallback = find_plan(slug)
    locale = i18n.current_locale()

    def make() -> bytes:
        render = {"plan": render_plan, "handout": render_handout, "letter": render_letter}[kind]
        html = render(page, fallback)
        # Site links in the PDF point at the public site when SITE_URL is set. The Host header of
        # whoever asked first must not decide them: the PDF is kept and served to everyone.
        origin = current_app.config.get("SITE_URL")
        if not origin:
            origin, html = "http://localhost/", unlink_site_links(html)
        files = StaticFiles(
            current_app.static_folder,
            origin=origin,
            url_path=current_app.static_url_path,
            aliases={v: k for k, v in current_app.extensions.get("osl_assets", {}).items()},
        )
        return render_pdf(html, base_url=origin, files=files)

    data = cache().pdfs.get((locale, slug, kind), make)
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{slug}-{locale}-{kind}.pdf"'
    return response


@bp.get("/<locale:locale>/classroom/catalogue.json")
def catalogue():
    locale = i18n.current_locale()
    entries = []
    for page, _fallback in plans():
        entries.append(
            {
                "slug": page.slug,
                "title": page.title,
                "summary": page.summary,
                "grade_band": page.plan.grade_band,
                "duration_minutes": page.plan.duration,
                "objectives": list(page.plan.objectives),
                "standards": list(page.plan.standards),
                "language": page.locale,
                "licence": LICENCE,
                "urls": plan_urls(page.slug),
            }
        )
    body = {"locale": locale, "licence": LICENCE, "plans": entries}
    return current_app.json.response(body)


def freeze_urls(site_) -> Iterator[tuple[str, dict]]:
    """Every URL this blueprint serves, for the static export (app/freeze.py collects it)."""
    plans_ = [
        slug
        for _, slug in site_.keys(SECTION)
        if slug != INDEX_SLUG and site_.pages[(site_.default_locale, SECTION, slug)].plan
    ]
    for code in site_.locale_codes:
        yield "classroom.index", {"locale": code}
        yield "classroom.catalogue", {"locale": code}
        for band in GRADE_BANDS:
            yield "classroom.grade", {"locale": code, "band": band}
        for slug in plans_:
            yield "classroom.handout", {"locale": code, "slug": slug}
            yield "classroom.presenter", {"locale": code, "slug": slug}
            yield "classroom.letter", {"locale": code, "slug": slug}
            for kind in PDF_KINDS:
                yield "classroom.pdf", {"locale": code, "slug": slug, "kind": kind}
