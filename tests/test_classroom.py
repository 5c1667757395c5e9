"""Classroom lesson plans: validation, grade filters, handouts, presenter view, PDFs, catalogue.

The real content (every locale present) is checked for valid plans. PDFs in a right-to-left locale
and in Chinese are made from a temporary content tree with small ar and zh-Hans plans, so these
tests do not depend on the translations of the real plans existing.
"""

import io
import os
import re
import shutil
import socket
import threading
from pathlib import Path

import pytest
from markupsafe import escape
from pypdf import PdfReader

from app import create_app
from app.content import GRADE_BANDS, file_hash, load_site
from app.pdf import PdfCache, StaticFiles, render_pdf, unlink_site_links
from app.views import classroom
from app.views.classroom import split_parts

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
FIXTURE = Path(__file__).parent / "fixtures" / "content"
PLAN = "secrets-and-requests"  # a real English plan used where one plan is enough


def h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


def heading_texts(html: str, level: int = 2) -> list[str]:
    found = re.findall(rf"<h{level}\b[^>]*>(.*?)</h{level}>", html, re.S)
    return [re.sub(r"<[^>]+>", "", text).strip() for text in found]


def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() or "" for page in reader.pages)


def pdf_fonts(reader: PdfReader) -> set[str]:
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    return fonts


# -- a temporary content tree with plans in English, Arabic and Simplified Chinese ---------------
FIXTURE_PLAN = """+++
title = "Fixture plan"
summary = "A small plan for tests."
audience = "teachers"
order = 1
updated = 2026-01-01
sources = []
grade_band = "6-8"
duration = 20
objectives = ["Students can say no."]
vocabulary = [{ term = "Report", definition = "Telling someone who can help." }]
materials = ["Worksheet"]
preparation = ["Read the plan."]
standards = ["CASEL: Responsible Decision-Making", "NHES: 4.8.2"]
+++

## About this lesson

Background for the teacher.

## Warm-up {: .step data-minutes="5" }

Warm-up text.

## Practice {: .step data-minutes="15" }

Practice text. Read [the guide](/parents/guide/).

## Student worksheet {: .handout }

1. Question one: __________

## Family take-home note {: .handout }

Dear families.

## Letter home {: .letter }

Dear families, next week we talk about staying safe online. Letter text.

## If a student tells you something {: .disclosure }

Stay calm.
"""
ONLY_ENGLISH_PLAN = (
    FIXTURE_PLAN.replace('"Fixture plan"', '"Families evening"')
    .replace('grade_band = "6-8"', 'grade_band = "families"')
    .replace("order = 1", "order = 2")
)
AR_TITLE = "خطة الدرس التجريبية"
AR_WORKSHEET = "ورقة عمل الطالب"
# After Arabic letters, the hotline's digit groups are laid out right to left unless isolated.
AR_STEP = "نص التمهيد. اتصل بالرقم 1-800-843-5678 الآن."
ZH_TITLE = "示例课程计划"
ZH_WORKSHEET = "学生练习单"
INDEX = """+++
title = "Fixture classroom"
summary = "Plans for teachers."
audience = "teachers"
order = 0
updated = 2026-01-01
sources = []
+++

Plans for teachers.
"""


def translated(title: str, worksheet: str, step: str) -> str:
    translation = (
        f'[translation]\nsource_hash = "{file_hash(FIXTURE_PLAN.encode())}"\n'
        'translated_on = 2026-01-02\nmachine_assisted = true\nreviewed_by = ""\n+++\n\n'
    )
    text = FIXTURE_PLAN.replace('"Fixture plan"', f'"{title}"')
    text = text.replace("## Student worksheet", f"## {worksheet}").replace("Warm-up text.", step)
    return text.replace("+++\n\n", translation, 1)


def make_tree(root: Path) -> Path:
    shutil.copytree(FIXTURE, root)
    plans = {
        "en": {
            "_index": INDEX,
            "fixture-plan": FIXTURE_PLAN,
            "families-evening": ONLY_ENGLISH_PLAN,
        },
        "ar": {"fixture-plan": translated(AR_TITLE, AR_WORKSHEET, AR_STEP)},
        "zh-Hans": {"fixture-plan": translated(ZH_TITLE, ZH_WORKSHEET, "热身活动。")},
    }
    for code, files in plans.items():
        folder = root / code / "classroom"
        folder.mkdir(parents=True)
        for slug, text in files.items():
            (folder / f"{slug}.md").write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def tree_app(tmp_path_factory):
    root = make_tree(tmp_path_factory.mktemp("classroom") / "content")
    app = create_app({"TESTING": True, "CONTENT_DIR": root, "PAGE_CACHE": False})
    assert app.extensions["osl_site"].problems == ()
    return app


@pytest.fixture
def tree_client(tree_app):
    return tree_app.test_client()


# -- splitting rendered HTML at h2 -----------------------------------------------------------------
def test_split_parts_keeps_kinds_ids_minutes_and_every_byte_of_each_part():
    html = (
        "<p>Lead.</p>\n"
        '<h2 id="about">About</h2>\n<p>Intro.</p>\n'
        '<h2 class="step" data-minutes="5" id="warm-up">Warm-up <em>now</em></h2>\n<p>Go.</p>\n'
        '<h2 class="handout extra" id="sheet">Sheet</h2>\n<ol><li>Q?</li></ol>\n'
        '<h2 class="disclosure" id="tell">Tell</h2>\n<p>Calm.</p>'
    )
    parts = split_parts(html)
    assert [p.kind for p in parts] == ["", "", "step", "handout", "disclosure"]
    assert [p.id for p in parts] == ["", "about", "warm-up", "sheet", "tell"]
    assert parts[0].html == "<p>Lead.</p>"
    assert parts[2].minutes == 5 and parts[3].minutes is None
    assert parts[2].heading == "Warm-up <em>now</em>"
    assert parts[3].html == '<h2 class="handout extra" id="sheet">Sheet</h2>\n<ol><li>Q?</li></ol>'
    assert "".join(p.html for p in parts).replace("\n", "") == html.replace("\n", "")


def test_split_parts_of_html_without_h2_is_one_lead_part():
    assert split_parts("<p>Only text.</p>") == (classroom.Part("", "", "", "<p>Only text.</p>"),)
    assert split_parts("") == ()


def test_parts_are_split_once_per_page_not_per_request(tree_app, monkeypatch):
    calls = []
    real = classroom.split_parts
    monkeypatch.setattr(classroom, "split_parts", lambda html: calls.append(1) or real(html))
    tree_app.extensions.pop("osl_classroom", None)
    client = tree_app.test_client()
    for _ in range(3):
        assert client.get("/en/classroom/fixture-plan/handout/").status_code == 200
        assert client.get("/en/classroom/fixture-plan/present/").status_code == 200
    assert len(calls) == 1
    assert client.get("/ar/classroom/fixture-plan/handout/").status_code == 200
    assert len(calls) == 2  # the Arabic page is another page


# -- every plan validates --------------------------------------------------------------------------
def plan_files() -> list[Path]:
    return sorted(p for p in CONTENT.glob("*/classroom/*.md") if p.stem != "_index")


def test_there_are_six_english_plans():
    assert len([p for p in plan_files() if p.parent.parent.name == "en"]) >= 6


@pytest.mark.parametrize("path", plan_files(), ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_every_plan_validates(app, path):
    site = app.extensions["osl_site"]
    rel = str(path.relative_to(ROOT))
    assert [str(p) for p in site.problems if p.path == rel] == []
    page = site.pages.get((path.parent.parent.name, "classroom", path.stem))
    assert page is not None, f"{rel} did not load"
    plan = page.plan
    assert plan is not None and page.audience == "teachers"
    assert plan.grade_band in GRADE_BANDS
    assert 15 <= plan.duration <= 120
    for items in (plan.objectives, plan.materials, plan.preparation):
        assert items and all(item.strip() for item in items)
    assert all(word.term.strip() and word.definition.strip() for word in plan.vocabulary)
    parts = split_parts(page.html)
    steps = [p for p in parts if p.kind == "step"]
    assert steps, f"{rel} has no timed steps"
    assert all(step.minutes for step in steps), f"{rel}: a step without data-minutes"
    assert sum(step.minutes for step in steps) == plan.duration, f"{rel}: minutes != duration"
    assert len([p for p in parts if p.kind == "handout"]) == 2, f"{rel}: worksheet + family note"
    assert len([p for p in parts if p.kind == "disclosure"]) == 1, f"{rel}: disclosure guidance"
    assert "CC BY-SA 4.0" in page.html


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('grade_band = "6-8"', 'grade_band = "k-2"', "grade_band must be one of"),
        ("duration = 20", "duration = 10", "duration must be 15 to 120"),
        ("duration = 20", "duration = 121", "duration must be 15 to 120"),
        ('objectives = ["Students can say no."]\n', "", "missing required field 'objectives'"),
        ('materials = ["Worksheet"]', "materials = []", "materials must be a non-empty list"),
    ],
)
def test_invalid_plans_are_rejected_with_file_and_line(tmp_path, old, new, message):
    root = make_tree(tmp_path / "content")
    path = root / "en" / "classroom" / "fixture-plan.md"
    path.write_text(FIXTURE_PLAN.replace(old, new), encoding="utf-8")
    site = load_site(root, default_locale="en", allowed_hosts=("report.cybertip.org",))
    found = [p for p in site.problems if p.path.endswith("en/classroom/fixture-plan.md")]
    assert any(message in p.message and p.line >= 1 for p in found), found


# -- section index and grade filters ---------------------------------------------------------------
def listed_slugs(html: str) -> list[str]:
    plan_list = html[html.index('class="lesson-list plan-list"') :]
    plan_list = plan_list[: plan_list.index("</ol>")]
    return re.findall(r'href="/en/classroom/([a-z0-9-]+)/"', plan_list)


def english_plans(app, band=None) -> list[str]:
    site = app.extensions["osl_site"]
    return [
        page.slug
        for page, _ in site.lessons("en", "classroom")
        if page.plan and band in (None, page.plan.grade_band)
    ]


def test_index_lists_every_plan_in_order_with_grade_links(client, app):
    response = client.get("/en/classroom/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert listed_slugs(html) == english_plans(app)
    assert h1_count(html) == 1
    for band in GRADE_BANDS:
        assert f'href="/en/classroom/grades/{band}/"' in html
    assert 'href="/en/classroom/" aria-current="page"' in html
    assert 'href="/en/classroom/catalogue.json"' in html


@pytest.mark.parametrize("band", GRADE_BANDS)
def test_grade_filter_lists_exactly_the_plans_of_that_band(client, app, band):
    response = client.get(f"/en/classroom/grades/{band}/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert listed_slugs(html) == english_plans(app, band)
    assert f'href="/en/classroom/grades/{band}/" aria-current="page"' in html
    assert h1_count(html) == 1
    title = re.search(r"<title>([^<]*)</title>", html).group(1)
    assert title.startswith(heading_texts(html, 1)[0])


def test_every_band_has_a_plan_in_the_real_content(app):
    assert all(english_plans(app, band) for band in GRADE_BANDS)


@pytest.mark.parametrize(
    "url",
    [
        "/en/classroom/grades/k-2/",
        "/en/classroom/grades/6-8x/",
        "/en/classroom/grades/",
        "/xx/classroom/grades/6-8/",
        "/en/classroom/no-such-plan/",
        "/en/classroom/no-such-plan/handout/",
        "/en/classroom/no-such-plan/present/",
        "/en/classroom/no-such-plan/plan.pdf",
        "/en/classroom/no-such-plan/handout.pdf",
        f"/en/classroom/{PLAN}/slides.pdf",
        "/en/classroom/_index/handout/",
        "/en/classroom/_index/plan.pdf",
        "/xx/classroom/catalogue.json",
        f"/en/parents/{PLAN}/handout/",
    ],
)
def test_unknown_band_slug_or_format_is_404(client, url):
    assert client.get(url).status_code == 404


def test_grade_filter_in_another_locale_falls_back_to_english_plans(tree_client):
    html = tree_client.get("/ar/classroom/grades/families/").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html
    assert 'href="/ar/classroom/families-evening/"' in html
    assert "/ar/classroom/fixture-plan/" not in html.split('class="lesson-list plan-list"')[1]
    assert '<li lang="en">' in html


# -- the plan page ---------------------------------------------------------------------------------
def test_plan_page_shows_front_matter_licence_and_links_to_every_format(client, app):
    page = app.extensions["osl_site"].pages[("en", "classroom", PLAN)]
    response = client.get(f"/en/classroom/{PLAN}/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    facts = html[html.index('class="plan-facts"') : html.index('class="prose"')]
    assert "Grades 6–8" in facts and "45 minutes" in facts and "CC BY-SA 4.0" in facts
    plan = page.plan
    for text in (*plan.objectives, *plan.materials, *plan.preparation):
        assert escape(text) in facts, text
    for word in plan.vocabulary:
        assert escape(word.term) in facts and escape(word.definition) in facts
    for suffix in ("handout/", "present/", "plan.pdf", "handout.pdf"):
        assert f'href="/en/classroom/{PLAN}/{suffix}"' in html
    assert html.index('class="plan-facts"') < html.index('class="prose"')  # before the body


# -- handout view ----------------------------------------------------------------------------------
def test_handout_has_only_the_worksheet_and_family_note(client, app):
    page = app.extensions["osl_site"].pages[("en", "classroom", PLAN)]
    response = client.get(f"/en/classroom/{PLAN}/handout/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert h1_count(html) == 1
    assert '<body class="print-handout">' in html
    headings = heading_texts(html)
    assert "Student worksheet" in headings and "Family take-home note" in headings
    parts = split_parts(page.html)
    for part in parts:
        if part.kind != "handout":
            text = re.sub(r"<[^>]+>", "", part.heading)
            assert text not in headings, f"{text} is not a handout part"
    assert html.count('<section class="handout-part"') == 2
    assert "Part 1: My words" in html  # a worksheet question block
    assert "Dear families," in html
    assert "Warm-up: surprise or secret?" not in html


def test_handout_links_point_into_the_readers_locale(tree_client):
    html = tree_client.get("/ar/classroom/fixture-plan/handout/").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html
    assert AR_WORKSHEET in html and "Warm-up" not in html


# -- presenter view --------------------------------------------------------------------------------
def test_presenter_has_a_title_slide_one_section_per_step_and_a_closing_slide(client, app):
    page = app.extensions["osl_site"].pages[("en", "classroom", PLAN)]
    steps = [p for p in split_parts(page.html) if p.kind == "step"]
    response = client.get(f"/en/classroom/{PLAN}/present/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert h1_count(html) == 1 and " style=" not in html
    sections = re.findall(r'<section id="step-(\d+)"[^>]*aria-labelledby="([^"]+)"', html)
    assert [int(n) for n, _ in sections] == list(range(len(steps) + 2))
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    assert all(label in ids for _, label in sections)
    for number, _ in sections[1:-1]:
        step = steps[int(number) - 1]
        section = html.split(f'<section id="step-{number}"')[1].split("</section>")[0]
        assert f'id="{step.id}"' in section
        assert f"{step.minutes} minutes" in section
        assert f'href="#step-{int(number) - 1}" rel="prev"' in section
        assert f'href="#step-{int(number) + 1}" rel="next"' in section
    title_slide = html.split('<section id="step-0"')[1].split("</section>")[0]
    assert all(escape(o) in title_slide for o in page.plan.objectives)
    assert 'rel="prev"' not in title_slide
    closing = html.split(f'<section id="step-{len(steps) + 1}"')[1].split("</section>")[0]
    assert 'rel="next"' not in closing and "report.cybertip.org" in closing
    for heading in ("Student worksheet", "Family take-home note"):
        assert heading not in html


# -- PDFs ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["plan", "handout"])
def test_english_pdf_is_a_real_pdf_with_the_plan_title(client, app, kind):
    page = app.extensions["osl_site"].pages[("en", "classroom", PLAN)]
    response = client.get(f"/en/classroom/{PLAN}/{kind}.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == f'inline; filename="{PLAN}-en-{kind}.pdf"'
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Set-Cookie" not in response.headers
    assert response.data.startswith(b"%PDF-")
    reader, text = pdf_text(response.data)
    assert len(reader.pages) >= 1
    assert page.title in text
    if kind == "handout":
        assert "Student worksheet" in text and "Family take-home note" in text
        assert "Warm-up: surprise or secret?" not in text
        assert "If a student tells you something" not in text
        assert len(reader.pages) >= 2  # the family note starts on a new page
    else:
        assert "Warm-up: surprise or secret?" in text and "CC BY-SA 4.0" in text
        assert "Exit this page" not in text  # no navigation chrome in print


def test_pdf_is_made_once_and_kept(client, app):
    first = client.get(f"/en/classroom/{PLAN}/handout.pdf").data
    cache = app.extensions["osl_classroom"].pdfs
    assert ("en", PLAN, "handout") in cache
    assert cache.get(("en", PLAN, "handout"), lambda: pytest.fail("made twice")) == first
    assert client.get(f"/en/classroom/{PLAN}/handout.pdf").data == first


@pytest.mark.parametrize(
    ("locale", "title", "worksheet", "font"),
    [("ar", AR_TITLE, AR_WORKSHEET, "Arabic"), ("zh-Hans", ZH_TITLE, ZH_WORKSHEET, "CJK-SC")],
    ids=["ar", "zh-Hans"],
)
@pytest.mark.parametrize("kind", ["plan", "handout"])
def test_pdf_in_arabic_and_chinese_has_the_right_glyphs(
    tree_client, locale, title, worksheet, font, kind
):
    response = tree_client.get(f"/{locale}/classroom/fixture-plan/{kind}.pdf")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        f'inline; filename="fixture-plan-{locale}-{kind}.pdf"'
    )
    reader, text = pdf_text(response.data)
    assert len(reader.pages) >= 1
    # Text that extracts as the same characters was drawn with real glyphs, in a Noto font.
    assert title in text and worksheet in text
    assert any("Noto" in name and font in name for name in pdf_fonts(reader)), pdf_fonts(reader)
    assert all("Noto" in name for name in pdf_fonts(reader)), pdf_fonts(reader)


@pytest.mark.parametrize("kind", ["plan", "handout", "letter"])
def test_arabic_pdf_draws_the_hotline_in_dialling_order(tree_client, kind):
    # pypdf extracts glyphs in the order they are drawn: an unisolated number reads 5678-843-800-1.
    _, text = pdf_text(tree_client.get(f"/ar/classroom/fixture-plan/{kind}.pdf").data)
    assert "1-800-843-5678" in text
    assert "5678-843-800-1" not in text


def test_pdf_of_an_untranslated_plan_falls_back_to_english(tree_client):
    response = tree_client.get("/ar/classroom/families-evening/plan.pdf")
    assert response.status_code == 200
    _, text = pdf_text(response.data)
    assert "Families evening" in text
    assert response.headers["Content-Disposition"] == (
        'inline; filename="families-evening-ar-plan.pdf"'
    )


def test_pdf_links_to_site_pages_only_with_a_public_origin(tmp_path):
    html = '<a href="/en/parents/">in</a> <a class="x" href="https://report.cybertip.org/">out</a>'
    assert (
        unlink_site_links(html)
        == '<a>in</a> <a class="x" href="https://report.cybertip.org/">out</a>'
    )
    root = make_tree(tmp_path / "content")
    app = create_app(
        {"CONTENT_DIR": root, "PAGE_CACHE": False, "SITE_URL": "https://lessons.example/"}
    )
    data = app.test_client().get("/en/classroom/fixture-plan/plan.pdf").data
    uris = {
        str(annot.get_object()["/A"].get("/URI"))
        for page in PdfReader(io.BytesIO(data)).pages
        for annot in page.get("/Annots", [])
        if "/A" in annot.get_object()
    }
    assert "https://lessons.example/en/parents/guide/" in uris


def test_static_files_serves_only_this_sites_static_folder(tmp_path):
    folder = tmp_path / "static"
    folder.mkdir()
    (folder / "site.css").write_text("body { color: black }")
    (tmp_path / "secret.txt").write_text("no")
    files = StaticFiles(folder, origin="http://localhost/", aliases={"site.abc123.css": "site.css"})
    assert files.path_for("http://localhost/static/site.css").name == "site.css"
    assert files.path_for("http://localhost/static/site.abc123.css").name == "site.css"
    for url in (
        "http://evil.example/static/site.css",
        "https://localhost/static/site.css",
        "http://localhost/en/",
        "http://localhost/static/../secret.txt",
        "http://localhost/static/%2e%2e/secret.txt",
        "http://localhost/static/missing.css",
        "file:///etc/passwd",
        "data:text/css,body{}",
    ):
        with pytest.raises(ValueError):
            files.path_for(url)


def test_render_pdf_never_touches_the_network(tmp_path, monkeypatch):
    attempts = []

    def refuse(self, address):
        attempts.append(address)
        raise OSError("network used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    folder = tmp_path / "static"
    folder.mkdir()
    (folder / "site.css").write_text("h1 { color: rgb(1, 2, 3) }")
    html = (
        '<html lang="en"><head><title>T</title><link rel="stylesheet" href="/static/site.css">'
        '<link rel="stylesheet" href="https://fonts.example/x.css"></head><body><h1>Title</h1>'
        '<img src="http://images.example/a.png" alt=""><img src="file:///etc/hostname" alt="">'
        "</body></html>"
    )
    data = render_pdf(
        html, base_url="http://localhost/", files=StaticFiles(folder, origin="http://localhost/")
    )
    assert attempts == []
    assert "Title" in pdf_text(data)[1]


def test_pdf_cache_makes_each_pdf_once_under_concurrent_requests():
    cache = PdfCache()
    made = []
    barrier = threading.Barrier(4)

    def make():
        made.append(1)
        return b"%PDF-1.7"

    def worker():
        barrier.wait()
        cache.get(("en", "x", "plan"), make)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert made == [1]
    assert cache.get(("en", "x", "plan"), lambda: b"other") == b"%PDF-1.7"


def test_every_pdf_link_on_classroom_pages_routes_to_a_plan(crawled, app):
    adapter = app.url_map.bind("localhost")
    site = app.extensions["osl_site"]
    links = set()
    for url, response in crawled.items():
        if "/classroom/" in url and response.mimetype == "text/html":
            links.update(re.findall(r'href="([^"]+\.pdf)"', response.get_data(as_text=True)))
    assert len(links) >= 2 * len(english_plans(app))
    for link in links:
        endpoint, values = adapter.match(link)
        assert endpoint == "classroom.pdf" and values["kind"] in ("plan", "handout", "letter")
        assert site.page(values["locale"], "classroom", values["slug"]) is not None


def test_freeze_urls_cover_every_classroom_endpoint_in_every_locale(app, client):
    from flask import url_for

    site = app.extensions["osl_site"]
    with app.test_request_context():
        urls = [(endpoint, url_for(endpoint, **v)) for endpoint, v in classroom.freeze_urls(site)]
    served = {r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("classroom.")}
    assert {endpoint for endpoint, _ in urls} == served
    assert len(set(urls)) == len(urls)
    pdfs = [url for endpoint, url in urls if endpoint == "classroom.pdf"]
    assert len(pdfs) == 3 * len(english_plans(app)) * len(site.locale_codes)
    for endpoint, url in urls:
        if endpoint != "classroom.pdf":  # PDFs are checked above; each takes seconds
            assert client.get(url).status_code == 200, url


# -- catalogue -------------------------------------------------------------------------------------
def test_catalogue_lists_every_plan_with_its_formats(client, app):
    response = client.get("/en/classroom/catalogue.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    data = response.get_json()
    site = app.extensions["osl_site"]
    plans = [page for page, _ in site.lessons("en", "classroom") if page.plan]
    assert [entry["slug"] for entry in data["plans"]] == [p.slug for p in plans]
    for entry, page in zip(data["plans"], plans, strict=True):
        assert entry == {
            "slug": page.slug,
            "title": page.title,
            "summary": page.summary,
            "grade_band": page.plan.grade_band,
            "duration_minutes": page.plan.duration,
            "objectives": list(page.plan.objectives),
            "standards": list(page.plan.standards),
            "language": "en",
            "licence": "CC BY-SA 4.0",
            "urls": {
                "page": f"/en/classroom/{page.slug}/",
                "handout": f"/en/classroom/{page.slug}/handout/",
                "letter": f"/en/classroom/{page.slug}/letter/",
                "letter_pdf": f"/en/classroom/{page.slug}/letter.pdf",
                "plan_pdf": f"/en/classroom/{page.slug}/plan.pdf",
                "handout_pdf": f"/en/classroom/{page.slug}/handout.pdf",
                "presenter": f"/en/classroom/{page.slug}/present/",
            },
        }
    for kind in ("page", "handout", "presenter"):
        assert client.get(data["plans"][0]["urls"][kind]).status_code == 200


def test_catalogue_language_is_the_language_actually_served(tree_client):
    data = tree_client.get("/ar/classroom/catalogue.json").get_json()
    assert data["locale"] == "ar"
    by_slug = {entry["slug"]: entry for entry in data["plans"]}
    assert list(by_slug) == ["fixture-plan", "families-evening"]  # by order
    assert by_slug["fixture-plan"]["language"] == "ar"
    assert by_slug["fixture-plan"]["title"] == AR_TITLE
    assert by_slug["families-evening"]["language"] == "en"
    assert by_slug["families-evening"]["urls"]["page"] == "/ar/classroom/families-evening/"


# -- the presenter in a real browser ---------------------------------------------------------------
CHROMIUM = os.environ.get("OSL_CHROMIUM") or "/usr/bin/chromium"


@pytest.mark.browser
def test_presenter_keyboard_moves_one_step_at_a_time(tree_app):
    missing = not (shutil.which(CHROMIUM) and os.access(shutil.which(CHROMIUM), os.X_OK))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = True
    if missing:
        if os.environ.get("OSL_REQUIRE_BROWSER") == "1":
            pytest.fail("OSL_REQUIRE_BROWSER=1 and Chromium or Playwright is missing")
        pytest.skip("Chromium or Playwright is missing")
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, tree_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which(CHROMIUM),
                args=["--headless", "--no-sandbox", "--disable-background-networking"],
            )
            page = browser.new_page()
            page.goto(f"{base}/en/classroom/fixture-plan/present/")

            def visible():
                return page.eval_on_selector_all(
                    "section[id^='step-']", "els => els.filter(e => !e.hidden).map(e => e.id)"
                )

            assert visible() == ["step-0"]
            page.keyboard.press("ArrowRight")
            assert visible() == ["step-1"] and page.evaluate("location.hash") == "#step-1"
            page.keyboard.press("Space")
            page.keyboard.press("PageDown")
            assert visible() == ["step-3"]  # the closing slide: 2 steps + title + closing
            page.keyboard.press("ArrowRight")
            assert visible() == ["step-3"]
            page.keyboard.press("PageUp")
            assert visible() == ["step-2"]
            page.keyboard.press("Home")
            assert visible() == ["step-0"]
            page.keyboard.press("End")
            assert visible() == ["step-3"]
            page.keyboard.press("ArrowLeft")
            assert page.evaluate("location.hash") == "#step-2"
            page.goto(f"{base}/en/classroom/fixture-plan/present/#step-1")
            assert visible() == ["step-1"]
            page.click("#step-1 a[rel=next]")
            assert visible() == ["step-2"]
            assert page.evaluate("document.cookie + localStorage.length") in ("0", "")
            browser.close()
    finally:
        server.shutdown()
        thread.join(timeout=10)


def test_student_plans_list_standards_and_show_them(client, app):
    site = app.extensions["osl_site"]
    for page, _ in site.lessons("en", "classroom"):
        if page.plan.grade_band != "families":
            assert page.plan.standards, page.slug
            html = client.get(f"/en/classroom/{page.slug}/").get_data(as_text=True)
            assert all(standard in html for standard in page.plan.standards), page.slug


def test_every_plan_has_a_one_page_letter_home_in_every_locale(client, app):
    site = app.extensions["osl_site"]
    for code in site.locale_codes:
        for page, fallback in site.lessons(code, "classroom"):
            assert not fallback, (code, page.slug)
            response = client.get(f"/{code}/classroom/{page.slug}/letter/")
            assert response.status_code == 200, (code, page.slug)
            assert "https://report.cybertip.org/" in response.get_data(as_text=True)
