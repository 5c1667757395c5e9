"""Classroom lesson plans: grade filters, handouts, letters home, presenter view, PDFs, catalogue.

The plan page itself is the lessons blueprint's (templates/classroom/lesson.html). The other views
show parts of a plan from its outline (content/markdown.py): ``.step`` parts are the timed steps,
``.handout`` parts the student worksheet and family note, ``.letter`` the letter home.
"""

from __future__ import annotations

from babel.units import format_unit
from flask import Blueprint, Response, abort, current_app, url_for
from flask_babel import get_locale, gettext, ngettext
from flask_babel import lazy_gettext as _l

from .. import i18n
from ..content import CLASSROOM, GRADE_BANDS, INDEX_SLUG, Shown
from ..render import office
from ..render.pdf import StaticFiles, render_pdf, unlink_site_links
from ..state import site, state
from .common import blueprint_init, every_locale, find_page, render_page

LICENCE = "CC BY-SA 4.0"
PDF_KINDS = ("plan", "handout", "letter")
OFFICE_FILES = {"docx": "plan", "odt": "plan", "pptx": "slides", "odp": "slides"}  # kind: name
BAND_LABELS = {
    "3-5": _l("Grades 3–5"),
    "6-8": _l("Grades 6–8"),
    "9-12": _l("Grades 9–12"),
    "families": _l("Families"),
}

# Each view of a plan: (its key in plan_urls, endpoint, URL values besides the locale and slug).
PLAN_VIEWS = (
    *((endpoint, endpoint, {}) for endpoint in ("handout", "letter", "presenter")),
    *((f"{kind}_pdf", "pdf", {"kind": kind}) for kind in PDF_KINDS),
    *(
        (f"{name}_{kind}", "office", {"name": name, "kind": kind})
        for kind, name in OFFICE_FILES.items()
    ),
)

bp = Blueprint("classroom", __name__)


def find_plan(slug: str) -> Shown:
    shown = find_page(CLASSROOM, slug) if slug != INDEX_SLUG else abort(404)
    return shown if shown.page.plan else abort(404)


@bp.app_template_global()
def plan_urls(slug: str) -> dict[str, str]:
    views = {
        key: url_for(f"classroom.{endpoint}", slug=slug, **values)
        for key, endpoint, values in PLAN_VIEWS
    }
    return {"page": url_for("lessons.lesson", section=CLASSROOM, slug=slug), **views}


def plans(band: str | None = None) -> list[Shown]:
    shown = site().lessons(i18n.current_locale(), CLASSROOM)
    return [item for item in shown if item.page.plan and band in (None, item.page.plan.grade_band)]


@bp.get("/<locale:locale>/classroom/")
@bp.get("/<locale:locale>/classroom/grades/<band>/", endpoint="grade")
def index(band: str | None = None):
    if band not in (None, *GRADE_BANDS):
        abort(404)
    bands = [(code, BAND_LABELS[code]) for code in GRADE_BANDS]
    intro = find_page(CLASSROOM, INDEX_SLUG)
    return render_page(intro, ["classroom/index.html"], band=band, bands=bands, plans=plans(band))


def render_parts(shown: Shown, kind: str, **context) -> str:
    """The handouts (every part starts a new sheet) or the letter home, to print."""
    parts = shown.page.parts_of(kind) or abort(404)
    return render_page(shown, ["classroom/parts.html"], parts=parts, kind=kind, **context)


@bp.get("/<locale:locale>/classroom/<slug>/handout/")
def handout(slug: str):
    return render_parts(find_plan(slug), "handout")


@bp.get("/<locale:locale>/classroom/<slug>/letter/")
def letter(slug: str):
    return render_parts(find_plan(slug), "letter")


@bp.get("/<locale:locale>/classroom/<slug>/present/")
def presenter(slug: str):
    shown = find_plan(slug)
    return render_page(shown, ["classroom/present.html"], steps=shown.page.parts_of("step"))


def pdf_html(shown: Shown, kind: str, **context) -> str:
    # Rendered for a PDF or an office file, maybe within the page's own request (for its sizes):
    # none of it is the page as served, so nothing is kept for the page's URL.
    context["fragment_key"] = None
    if kind == "plan":  # the plan page exactly as the lessons blueprint serves it
        templates = ["classroom/lesson.html", "lesson.html"]
        return render_page(shown, templates, section=CLASSROOM, **context)
    return render_parts(shown, kind, **context)


@bp.get("/<locale:locale>/classroom/<slug>/<any(plan, handout, letter):kind>.pdf")
def pdf(slug: str, kind: str):
    shown, locale = find_plan(slug), i18n.current_locale()

    def make() -> bytes:
        html = pdf_html(shown, kind)
        # Site links in the PDF point at the public site when SITE_URL is set. The Host header of
        # whoever asked first must not decide them: the PDF is kept and served to everyone.
        origin = current_app.config.get("SITE_URL")
        if not origin:
            origin, html = "http://localhost/", unlink_site_links(html)
        files = StaticFiles(
            current_app.static_folder,
            origin=origin,
            url_path=current_app.static_url_path,
            aliases=state().asset_files,
        )
        return render_pdf(html, base_url=origin, files=files)

    disposition = f'inline; filename="{slug}-{locale}-{kind}.pdf"'
    data = state().pdfs.get((locale, slug, kind), make)
    return Response(data, mimetype="application/pdf", headers={"Content-Disposition": disposition})


def slides(shown: Shown) -> list[office.Slide]:
    """What the presenter view shows: the title and objectives, each step, the closing words."""
    page, plan = shown.page, shown.page.plan

    def minutes(number: int) -> str:
        return ngettext("%(num)d minute", "%(num)d minutes", number)

    def points(*lines: str) -> tuple[tuple[int, str], ...]:
        return tuple((0, line) for line in lines)

    facts = f"{BAND_LABELS[plan.grade_band]} · {minutes(plan.duration)}"
    steps = [
        office.step_slide(part, f"{office.text(part.heading)} ({minutes(part.minutes or 0)})")
        for part in page.parts_of("step")
    ]
    closing = gettext(
        "If someone is pressuring or threatening a young person online, tell a trusted adult "
        "and report it to the CyberTipline."
    )
    report = current_app.config["REPORT_URL"].split("//")[1].strip("/")
    contact = f"{report} · {current_app.config['HOTLINE']}"
    credit = gettext(
        "From “%(title)s”, Open Safety Lessons. Shared under the %(licence)s license.",
        title=page.title,
        licence=LICENCE,
    )
    return [
        office.Slide(page.title, points(facts, *plan.objectives), (page.summary, credit)),
        *steps,
        office.Slide(gettext("Thank you"), points(closing, contact, credit), ()),
    ]


def office_file(shown: Shown, kind: str) -> bytes:
    """The plan (DOCX, ODT) or its slides (PPTX, ODP) in the reader's locale, made once."""

    def make() -> bytes:
        page = shown.page
        style = office.Style.of(page.locale, site().locale(page.locale).rtl, page.updated)
        if OFFICE_FILES[kind] == "slides":
            return getattr(office, kind)(slides(shown), style)
        kinds = ["plan", *(k for k in ("handout", "letter") if page.parts_of(k))]
        origin = (current_app.config.get("SITE_URL") or "").rstrip("/")  # as in the PDFs
        pages = [pdf_html(shown, k, office_links=False) for k in kinds]
        for block in (b for part in page.parts if part.kind in kinds[1:] for b in part.blocks):
            pages[0] = pages[0].replace(block.html, "", 1)  # on their own pages after the plan
        pages = [
            p.replace(' href="/', f' href="{origin}/') if origin else unlink_site_links(p)
            for p in pages
        ]
        return office.document(pages, kind, style)

    return state().office.get((i18n.current_locale(), shown.page.slug, kind), make)


@bp.app_template_global()
def office_size(slug: str, kind: str) -> str:
    """The file's size for a link: "38 kB" in the reader's locale."""
    kilobytes = max(1, round(len(office_file(find_plan(slug), kind)) / 1000))
    return format_unit(kilobytes, "digital-kilobyte", length="short", locale=get_locale())


@bp.get(
    "/<locale:locale>/classroom/<slug>/<any(plan, slides):name>.<any(docx, odt, pptx, odp):kind>",
    endpoint="office",
)
def office_download(slug: str, name: str, kind: str):
    if OFFICE_FILES[kind] != name:
        abort(404)
    disposition = f'attachment; filename="{slug}-{i18n.current_locale()}-{name}.{kind}"'
    data = office_file(find_plan(slug), kind)
    return Response(
        data, mimetype=office.MIMETYPES[kind], headers={"Content-Disposition": disposition}
    )


@bp.get("/<locale:locale>/classroom/catalogue.json")
def catalogue():
    entries = [
        {
            "slug": item.page.slug,
            "title": item.page.title,
            "summary": item.page.summary,
            "grade_band": item.page.plan.grade_band,
            "duration_minutes": item.page.plan.duration,
            "objectives": list(item.page.plan.objectives),
            "standards": list(item.page.plan.standards),
            "language": item.page.locale,
            "licence": LICENCE,
            "urls": plan_urls(item.page.slug),
        }
        for item in plans()
    ]
    body = {"locale": i18n.current_locale(), "licence": LICENCE, "plans": entries}
    return current_app.json.response(body)


def urls():
    if CLASSROOM not in site().sections:
        return  # no classroom in this content: its pages would all be 404s
    yield from every_locale("classroom.index")
    yield from every_locale("classroom.catalogue")
    for band in GRADE_BANDS:
        yield from every_locale("classroom.grade", band=band)
    for _, slug in site().keys(CLASSROOM):
        if slug != INDEX_SLUG:
            for _, endpoint, values in PLAN_VIEWS:
                yield from every_locale(f"classroom.{endpoint}", slug=slug, **values)


init_app = blueprint_init(bp, urls)
# The same for every request: globals, not a context processor run on every render.
bp.record_once(
    lambda setup: setup.app.jinja_env.globals.update(
        band_labels=BAND_LABELS, licence=LICENCE, office_types=office.MIMETYPES
    )
)
