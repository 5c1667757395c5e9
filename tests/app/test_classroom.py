"""Classroom plans through the app: the index and grade filters, the plan page, handouts, the letter
home, the presenter view, the catalogue, and real PDFs (WeasyPrint) in English, Arabic, Chinese and
Korean.

The tree is the fixture content plus a classroom (tests/support/trees.py): two English plans, one
of them translated into Arabic and Simplified Chinese, and here into Korean.
"""

import io
import re
import zipfile

import pytest
from markupsafe import escape
from pypdf import PdfReader

from app.content import GRADE_BANDS
from tests.support.apps import make_app
from tests.support.trees import (
    AR_TITLE,
    AR_WORKSHEET,
    PLAN,
    ZH_TITLE,
    ZH_WORKSHEET,
    classroom_tree,
    translated_plan,
    write,
)

PLAN_URL = "/en/classroom/fixture-plan"
# Long enough to fill several lines of an A4 page: WeasyPrint would cut some of its words.
KO_STEP = (
    "단계를 이 순서대로 하나씩 설명하세요. 돈을 노린 사기는 빠르게 진행되고, 겁에 질린 십 대는"
    " 빠져나갈 길이 없다고 생각할 수 있어요. 그래서 안전이 먼저예요. 아이가 스스로를 해치는"
    " 이야기를 하면 988에 전화하거나 문자를 보내세요. 긴급 상황에는 911에 전화하세요. 가족의"
    " 기기 안에서 작동해서 이미지가 기기 밖으로 나가지 않고, 이름을 밝히지 않아도 돼요. 그다음"
    " 참여하는 앱과 사이트가 복사본을 찾아서 지울 수 있어요. 한 페이지짜리 **지금 도움받기**"
    " 페이지에 이 단계가 나와 있어요. **CyberTipline**에 신고하는 방법도 보세요."
)


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    root = classroom_tree(tmp_path_factory.mktemp("classroom") / "content")
    write(
        root, "ko/classroom/fixture-plan.md", translated_plan("시범 지도안", "학생 활동지", KO_STEP)
    )
    return root


@pytest.fixture(scope="module")
def app(tree):
    app = make_app(tree)
    assert app.extensions["osl"].problems == ()
    return app


@pytest.fixture(scope="module")
def site(app):
    return app.extensions["osl"].site


@pytest.fixture(scope="module")
def pdf(app):
    """Each PDF fetched once per module (a render takes about a second)."""
    client, fetched = app.test_client(), {}

    def get(url):
        if url not in fetched:
            fetched[url] = client.get(url)
        return fetched[url]

    return get


def h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


def heading_texts(html: str, level: int = 2) -> list[str]:
    found = re.findall(rf"<h{level}\b[^>]*>(.*?)</h{level}>", html, re.S)
    return [re.sub(r"<[^>]+>", "", text).strip() for text in found]


def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() or "" for page in reader.pages)


def pdf_fonts(reader: PdfReader) -> set[str]:
    return {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"].get("/Font", {}).values()
    }


def pdf_links(data: bytes) -> set[str]:
    return {
        str(annot.get_object()["/A"].get("/URI"))
        for page in PdfReader(io.BytesIO(data)).pages
        for annot in page.get("/Annots", [])
        if "/A" in annot.get_object()
    }


# -- index and grade filters ------------------------------------------------------------------
def listed(html: str, code: str = "en") -> list[str]:
    plans = html[html.index('class="lesson-list plan-list"') :].split("</ol>", 1)[0]
    return re.findall(rf'href="/{code}/classroom/([a-z0-9-]+)/"', plans)


def test_the_index_lists_every_plan_in_order_with_grade_links(client):
    html = client.get("/en/classroom/").get_data(as_text=True)
    assert listed(html) == ["fixture-plan", "families-evening"]
    assert h1_count(html) == 1
    for band in GRADE_BANDS:
        assert f'href="/en/classroom/grades/{band}/"' in html
    assert 'href="/en/classroom/" aria-current="page"' in html
    assert 'href="/en/classroom/catalogue.json"' in html


@pytest.mark.parametrize(
    ("band", "plans"),
    [("3-5", []), ("6-8", ["fixture-plan"]), ("9-12", []), ("families", ["families-evening"])],
)
def test_a_grade_filter_lists_exactly_the_plans_of_that_band(client, band, plans):
    html = client.get(f"/en/classroom/grades/{band}/").get_data(as_text=True)
    assert (listed(html) if plans else []) == plans
    if not plans:
        assert "There are no lesson plans for this grade band yet." in html
    assert f'href="/en/classroom/grades/{band}/" aria-current="page"' in html
    assert h1_count(html) == 1
    assert re.search(r"<title>([^<]*)</title>", html).group(1).startswith(heading_texts(html, 1)[0])


def test_a_grade_filter_in_another_locale_falls_back_to_english_plans(client):
    html = client.get("/ar/classroom/grades/families/").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html
    assert listed(html, "ar") == ["families-evening"]
    assert '<li lang="en">' in html


@pytest.mark.parametrize(
    "url",
    [
        "/en/classroom/grades/k-2/",
        "/en/classroom/grades/6-8x/",
        "/en/classroom/grades/",
        "/xx/classroom/grades/6-8/",
        "/en/classroom/no-such-plan/",
        "/en/classroom/no-such-plan/handout/",
        "/en/classroom/no-such-plan/letter/",
        "/en/classroom/no-such-plan/present/",
        "/en/classroom/no-such-plan/plan.pdf",
        f"{PLAN_URL}/slides.pdf",
        f"{PLAN_URL}/plan.pptx",
        f"{PLAN_URL}/slides.docx",
        "/en/classroom/_index/plan.docx",
        "/en/classroom/_index/handout/",
        "/en/classroom/_index/plan.pdf",
        "/xx/classroom/catalogue.json",
        "/en/parents/fixture-plan/handout/",
        "/en/parents/guide/handout/",
    ],
)
def test_an_unknown_band_plan_or_format_is_404(client, url):
    assert client.get(url).status_code == 404


# -- the plan and its views -------------------------------------------------------------------
def test_the_plan_page_shows_its_facts_standards_licence_and_every_format(client, site):
    plan = site.pages[("en", "classroom", "fixture-plan")].plan
    html = client.get(f"{PLAN_URL}/").get_data(as_text=True)
    facts = html[html.index('class="plan-facts"') : html.index('class="prose"')]
    assert "Grades 6–8" in facts and "20 minutes" in facts and "CC BY-SA 4.0" in facts
    for text in (*plan.objectives, *plan.materials, *plan.preparation):
        assert escape(text) in facts, text
    for word in plan.vocabulary:
        assert escape(word.term) in facts and escape(word.definition) in facts
    standards = facts.split('class="plan-facts__standards" lang="en" dir="ltr">', 1)[1]
    assert re.findall(r"<li>(.*?)</li>", standards.split("</ul>")[0]) == list(plan.standards)
    for suffix in ("handout/", "letter/", "present/", "plan.pdf", "handout.pdf", "letter.pdf"):
        assert f'href="{PLAN_URL}/{suffix}"' in facts
    licence = html.split('<p class="plan-licence">', 1)[1].split("</p>", 1)[0]
    assert "CC BY-SA 4.0" in licence


def test_standards_are_shown_for_a_plan_without_vocabulary(tmp_path):
    root = classroom_tree(tmp_path / "content")
    text = re.sub(r"vocabulary = \[.*\]", "vocabulary = []", PLAN)
    write(root, "en/classroom/fixture-plan.md", text)
    client = make_app(root).test_client()
    html = client.get(f"{PLAN_URL}/").get_data(as_text=True)
    assert "NHES: 4.8.2" in html and "Vocabulary" not in html


def test_the_handouts_are_the_worksheet_and_the_family_note_only(client):
    html = client.get(f"{PLAN_URL}/handout/").get_data(as_text=True)
    assert h1_count(html) == 1 and '<body class="print-handout">' in html
    assert html.count('<section class="handout-part"') == 2
    headings = heading_texts(html)
    assert "Student worksheet" in headings and "Family take-home note" in headings
    for other in ("About this lesson", "Warm-up", "Letter home", "If a student tells you"):
        assert not any(h.startswith(other) for h in headings), other
    assert "Question one" in html and "Dear families." in html


def test_the_letter_home_is_the_letter_only_on_one_sheet(client):
    html = client.get(f"{PLAN_URL}/letter/").get_data(as_text=True)
    assert '<body class="print-handout print-one-page">' in html
    assert html.count('<section class="handout-part"') == 1
    assert "next week we talk about staying safe online" in html
    assert "Student worksheet" not in html and "Warm-up" not in html


def test_the_handouts_of_a_translation_link_into_its_locale(client):
    html = client.get("/ar/classroom/fixture-plan/handout/").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html
    assert AR_WORKSHEET in html and "Warm-up" not in html
    assert 'href="/ar/classroom/fixture-plan/"' in html


def test_the_presenter_has_a_title_slide_a_slide_per_step_and_a_closing_slide(client, site):
    page = site.pages[("en", "classroom", "fixture-plan")]
    steps = page.parts_of("step")
    html = client.get(f"{PLAN_URL}/present/").get_data(as_text=True)
    assert h1_count(html) == 1 and '<body class="presenting">' in html
    sections = re.findall(r'<section id="step-(\d+)"[^>]*aria-labelledby="([^"]+)"', html)
    assert [int(n) for n, _ in sections] == list(range(len(steps) + 2)) == [0, 1, 2, 3]
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    assert all(label in ids for _, label in sections)
    for number, step in enumerate(steps, start=1):
        section = html.split(f'<section id="step-{number}"')[1].split("</section>")[0]
        assert f'id="{step.id}"' in section and f"{step.minutes} minutes" in section
        assert f'href="#step-{number - 1}" rel="prev"' in section
        assert f'href="#step-{number + 1}" rel="next"' in section
    title_slide = html.split('<section id="step-0"')[1].split("</section>")[0]
    assert all(escape(o) in title_slide for o in page.plan.objectives)
    assert 'rel="prev"' not in title_slide
    closing = html.split('<section id="step-3"')[1].split("</section>")[0]
    assert 'rel="next"' not in closing and "report.cybertip.org" in closing
    for heading in ("Student worksheet", "Family take-home note", "Letter home"):
        assert heading not in html


def test_every_pdf_link_on_classroom_pages_routes_to_a_plan(app, client, site):
    links = set()
    for code in site.locale_codes:
        urls = [f"/{code}/classroom/"]
        for _, slug in site.keys("classroom"):
            if slug != "_index":
                base = f"/{code}/classroom/{slug}"
                urls += [f"{base}/", f"{base}/handout/", f"{base}/letter/", f"{base}/present/"]
        for url in urls:
            links.update(re.findall(r'href="([^"]+\.pdf)"', client.get(url).get_data(as_text=True)))
    assert len(links) == 3 * 2 * len(site.locale_codes)
    adapter = app.url_map.bind("localhost")
    for link in links:
        endpoint, values = adapter.match(link)
        assert endpoint == "classroom.pdf", link
        assert site.page(values["locale"], "classroom", values["slug"]).page.plan, link


# -- the catalogue ----------------------------------------------------------------------------
def test_the_catalogue_lists_every_plan_with_its_formats_and_standards(client, site):
    data = client.get("/en/classroom/catalogue.json").get_json()
    assert (data["locale"], data["licence"]) == ("en", "CC BY-SA 4.0")
    assert [entry["slug"] for entry in data["plans"]] == ["fixture-plan", "families-evening"]
    page = site.pages[("en", "classroom", "fixture-plan")]
    assert data["plans"][0] == {
        "slug": "fixture-plan",
        "title": "Fixture plan",
        "summary": "A small plan for tests.",
        "grade_band": "6-8",
        "duration_minutes": 20,
        "objectives": list(page.plan.objectives),
        "standards": ["CASEL: Responsible Decision-Making", "NHES: 4.8.2"],
        "language": "en",
        "licence": "CC BY-SA 4.0",
        "urls": {
            "page": f"{PLAN_URL}/",
            "handout": f"{PLAN_URL}/handout/",
            "letter": f"{PLAN_URL}/letter/",
            "presenter": f"{PLAN_URL}/present/",
            "plan_pdf": f"{PLAN_URL}/plan.pdf",
            "handout_pdf": f"{PLAN_URL}/handout.pdf",
            "letter_pdf": f"{PLAN_URL}/letter.pdf",
            "plan_docx": f"{PLAN_URL}/plan.docx",
            "plan_odt": f"{PLAN_URL}/plan.odt",
            "slides_pptx": f"{PLAN_URL}/slides.pptx",
            "slides_odp": f"{PLAN_URL}/slides.odp",
        },
    }
    for kind in ("page", "handout", "letter", "presenter"):
        assert client.get(data["plans"][0]["urls"][kind]).status_code == 200


def test_the_catalogue_language_is_the_language_actually_served(client):
    response = client.get("/ar/classroom/catalogue.json")
    assert response.mimetype == "application/json"
    data = response.get_json()
    assert data["locale"] == "ar"
    by_slug = {entry["slug"]: entry for entry in data["plans"]}
    assert list(by_slug) == ["fixture-plan", "families-evening"]  # by order
    assert (by_slug["fixture-plan"]["language"], by_slug["fixture-plan"]["title"]) == (
        "ar",
        AR_TITLE,
    )
    assert by_slug["families-evening"]["language"] == "en"
    assert by_slug["families-evening"]["urls"]["page"] == "/ar/classroom/families-evening/"


# -- PDFs -------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["plan", "handout", "letter"])
def test_an_english_pdf_is_a_real_pdf_of_the_right_part(pdf, kind):
    response = pdf(f"{PLAN_URL}/{kind}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert (
        response.headers["Content-Disposition"] == f'inline; filename="fixture-plan-en-{kind}.pdf"'
    )
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert "Set-Cookie" not in response.headers
    reader, text = pdf_text(response.data)
    assert "Fixture plan" in text
    assert "Exit this page" not in text  # no navigation chrome in print
    if kind == "plan":
        assert "Warm-up" in text and "Letter home" in text and "CC BY-SA 4.0" in text
    elif kind == "handout":
        assert "Student worksheet" in text and "Family take-home note" in text
        assert "Warm-up" not in text and "If a student tells you something" not in text
        assert len(reader.pages) >= 2  # the family note starts on a new sheet
    else:
        assert "next week we talk about staying safe online" in text
        assert "Student worksheet" not in text
        assert len(reader.pages) == 1


def test_a_pdf_is_made_once_and_kept(app, pdf):
    first = pdf(f"{PLAN_URL}/handout.pdf").data
    kept = app.extensions["osl"].pdfs
    assert ("en", "fixture-plan", "handout") in kept
    assert kept.get(("en", "fixture-plan", "handout"), lambda: pytest.fail("made twice")) == first
    assert app.test_client().get(f"{PLAN_URL}/handout.pdf").data == first


def test_pdf_links_to_site_pages_point_at_the_public_site(app, pdf):
    links = pdf_links(pdf(f"{PLAN_URL}/plan.pdf").data)
    site_url = app.config["SITE_URL"].rstrip("/")
    assert f"{site_url}/en/parents/guide/" in links
    assert "https://report.cybertip.org/" in links
    assert not [link for link in links if "localhost" in link]


def test_without_a_public_site_pdf_site_links_are_text_only(tree):
    app = make_app(tree, SITE_URL="")
    links = pdf_links(app.test_client().get(f"{PLAN_URL}/plan.pdf").data)
    assert links and not [link for link in links if not link.startswith("https://")]
    assert not [link for link in links if "localhost" in link or "/en/" in link]


@pytest.mark.parametrize(
    ("locale", "title", "worksheet", "font", "kind"),
    [
        ("ar", AR_TITLE, AR_WORKSHEET, "Arabic", "plan"),
        ("ar", AR_TITLE, AR_WORKSHEET, "Arabic", "handout"),
        ("zh-Hans", ZH_TITLE, ZH_WORKSHEET, "CJK-SC", "handout"),
    ],
)
def test_a_pdf_in_arabic_or_chinese_is_drawn_with_real_glyphs(
    pdf, locale, title, worksheet, font, kind
):
    response = pdf(f"/{locale}/classroom/fixture-plan/{kind}.pdf")
    assert response.headers["Content-Disposition"] == (
        f'inline; filename="fixture-plan-{locale}-{kind}.pdf"'
    )
    reader, text = pdf_text(response.data)
    # Text that extracts as the same characters was drawn with real glyphs, in a Noto font.
    assert title in text and worksheet in text
    fonts = pdf_fonts(reader)
    assert any("Noto" in name and font in name for name in fonts), fonts
    assert all("Noto" in name for name in fonts), fonts


@pytest.mark.parametrize("kind", ["plan", "handout", "letter"])
def test_an_arabic_pdf_draws_the_hotline_in_dialling_order(pdf, kind):
    # pypdf extracts glyphs in the order they are drawn: an unisolated number reads 5678-843-800-1.
    _, text = pdf_text(pdf(f"/ar/classroom/fixture-plan/{kind}.pdf").data)
    assert "1-800-843-5678" in text
    assert "5678-843-800-1" not in text


def test_a_korean_pdf_breaks_lines_only_between_words(pdf):
    _, text = pdf_text(pdf("/ko/classroom/fixture-plan/plan.pdf").data)
    step = KO_STEP.replace("**", "")
    assert step not in text  # it fills several lines
    joined = text.replace("\n", " ")  # a word cut at a line's end no longer reads whole
    assert [word for word in step.split() if word not in joined] == []


def test_the_pdf_of_an_untranslated_plan_is_the_english_one(pdf):
    response = pdf("/ar/classroom/families-evening/plan.pdf")
    assert response.status_code == 200
    assert "Families evening" in pdf_text(response.data)[1]
    assert response.headers["Content-Disposition"] == (
        'inline; filename="families-evening-ar-plan.pdf"'
    )


# -- editable files (DOCX, ODT, PPTX, ODP) ----------------------------------------------------
OFFICE = {
    "plan.docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "word/document.xml",
    ),
    "plan.odt": ("application/vnd.oasis.opendocument.text", "content.xml"),
    "slides.pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "ppt/slides/slide1.xml",
    ),
    "slides.odp": ("application/vnd.oasis.opendocument.presentation", "content.xml"),
}


def unzip(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml")}


@pytest.mark.parametrize("name", OFFICE)
def test_an_editable_file_has_its_type_name_and_the_security_headers(pdf, name):
    mimetype, member = OFFICE[name]
    response = pdf(f"{PLAN_URL}/{name}")
    assert response.status_code == 200 and response.mimetype == mimetype
    stem, suffix = name.split(".")
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="fixture-plan-en-{stem}.{suffix}"'
    )
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Set-Cookie" not in response.headers
    assert member in unzip(response.data)


def test_an_editable_file_is_made_once_and_kept(app, pdf):
    first = pdf(f"{PLAN_URL}/plan.odt").data
    assert ("en", "fixture-plan", "odt") in app.extensions["osl"].office
    assert app.test_client().get(f"{PLAN_URL}/plan.odt").data == first


def test_the_plan_document_holds_the_plan_then_handouts_then_letter_on_new_pages(pdf):
    xml = unzip(pdf(f"{PLAN_URL}/plan.docx").data)["word/document.xml"]
    words = [
        "Fixture plan",
        "Warm-up",
        "Practice",
        "Student worksheet",
        "Letter home",
        "CC BY-SA 4.0",
    ]
    positions = [xml.index(word) for word in words[:-1]]
    assert positions == sorted(positions) and words[-1] in xml
    assert xml.count('<w:br w:type="page"/>') == 3  # the handouts, the second one, the letter
    # The plan page's own copies of the handouts and letter are left out: they follow it.
    assert xml.count("Student worksheet") == xml.count("Letter text.") == 1
    odt = unzip(pdf(f"{PLAN_URL}/plan.odt").data)
    assert odt["content.xml"].count('text:style-name="Pagebreak"') == 3
    assert 'style:name="Pagebreak"' in odt["styles.xml"]
    assert "Letter home" in odt["content.xml"] and "CC BY-SA 4.0" in odt["content.xml"]


def test_the_slides_are_the_title_each_step_with_its_minutes_and_the_closing(pdf):
    files = unzip(pdf(f"{PLAN_URL}/slides.pptx").data)
    slides = [files[f"ppt/slides/slide{n}.xml"] for n in range(1, 5)]
    assert "ppt/slides/slide5.xml" not in files
    assert "Fixture plan" in slides[0] and "Thank you" in slides[3]
    assert "Warm-up (5 minutes)" in slides[1] and "Practice (15 minutes)" in slides[2]
    assert "Warm-up text." in files["ppt/notesSlides/notesSlide2.xml"]
    odp = unzip(pdf(f"{PLAN_URL}/slides.odp").data)["content.xml"]
    assert odp.count("<draw:page ") == 4 and 'presentation:class="notes"' in odp
    assert odp.index("Warm-up (5 minutes)") < odp.index("Warm-up text.") < odp.index("Practice")


def test_arabic_files_are_right_to_left_and_name_their_language_and_fonts(pdf):
    docx = unzip(pdf("/ar/classroom/fixture-plan/plan.docx").data)
    paragraphs = re.findall(r"<w:p>.*?</w:p>", docx["word/document.xml"], re.S)
    assert paragraphs and all("<w:bidi />" in p for p in paragraphs if "<w:t" in p)
    assert 'w:bidi="ar-SA"' in docx["word/styles.xml"]
    assert 'w:cs="Noto Sans Arabic"' in docx["word/styles.xml"]
    odt = unzip(pdf("/ar/classroom/fixture-plan/plan.odt").data)["styles.xml"]
    assert 'style:writing-mode="rl-tb"' in odt and 'writing-mode="lr-tb"' not in odt
    assert 'style:language-complex="ar"' in odt
    pptx = unzip(pdf("/ar/classroom/fixture-plan/slides.pptx").data)["ppt/slides/slide2.xml"]
    assert 'rtl="1"' in pptx and 'lang="ar-SA"' in pptx
    odp = unzip(pdf("/ar/classroom/fixture-plan/slides.odp").data)
    assert 'style:writing-mode="rl-tb"' in odp["content.xml"]
    assert "<dc:language>ar-SA</dc:language>" in odp["meta.xml"]


def test_chinese_files_name_the_simplified_chinese_font(pdf):
    docx = unzip(pdf("/zh-Hans/classroom/fixture-plan/plan.docx").data)["word/styles.xml"]
    assert 'w:eastAsia="Noto Sans CJK SC"' in docx and 'w:eastAsia="zh-CN"' in docx
    odp = unzip(pdf("/zh-Hans/classroom/fixture-plan/slides.odp").data)["content.xml"]
    assert "Noto Sans CJK SC" in odp and 'style:language-asian="zh"' in odp


def test_each_plan_view_links_its_editable_files_with_their_sizes(client, pdf):
    for view in ("/", "/handout/", "/letter/"):
        html = client.get(f"{PLAN_URL}{view}").get_data(as_text=True)
        for name, label in [
            ("plan.docx", "Lesson plan (Word, {})"),
            ("plan.odt", "Lesson plan (OpenDocument, {})"),
            ("slides.pptx", "Slides (PowerPoint, {})"),
            ("slides.odp", "Slides (OpenDocument, {})"),
        ]:
            size = f"{max(1, round(len(pdf(f'{PLAN_URL}/{name}').data) / 1000))} kB"
            link = f'<a href="{PLAN_URL}/{name}" type="{OFFICE[name][0]}" download>'
            assert link + label.format(size) + "</a>" in html, (view, name)
    arabic = client.get("/ar/classroom/fixture-plan/").get_data(as_text=True)
    assert "خطة الدرس (Word،" in arabic and "الشرائح (PowerPoint،" in arabic
