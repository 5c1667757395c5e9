"""app/render/office.py without the app: what survives pandoc, and how a step becomes a slide."""

import datetime as dt
import io
import re
import zipfile
from xml.etree import ElementTree

import pytest

from app.content.models import Block, Part
from app.render import office

UPDATED = dt.date(2026, 11, 22)
S, FO = office.S, office.FO  # ODF's style: and fo: namespaces, as ElementTree spells them
PAGE = """<!doctype html><html><body><nav>site menu</nav><main id="main">
<h1>Plan title</h1><nav class="plan-formats"><ul><li>Other formats</li></ul></nav>
<h2 id="s">Step one</h2><ol><li>First</li><li>Second</li></ol>
<table><thead><tr><th>Sign</th><th>Meaning</th></tr></thead><tbody><tr><td>A</td><td>B</td></tr></tbody></table>
<ul><li class="check">Keep the username</li></ul>
<p class="plan-licence">Shared under the CC BY-SA 4.0 license.</p>
</main><footer>footer</footer></body></html>"""


def members(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml")}


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_headings_numbers_tables_checkboxes_and_licence_survive(fmt):
    xml = members(office.document([PAGE, PAGE], fmt, office.Style.of("en", False, UPDATED)))
    body = xml["word/document.xml" if fmt == "docx" else "content.xml"]
    for text in ("Plan title", "Step one", "First", "Sign", "Keep the username", "CC BY-SA 4.0"):
        assert text in body, text
    # The box: DOCX makes the item a task list with a ☐ bullet; ODT keeps the character.
    assert "☐" in (xml["word/numbering.xml"] if fmt == "docx" else body)
    assert "Other formats" not in body and "site menu" not in body and "footer" not in body
    assert ("<w:tbl>" if fmt == "docx" else "<table:table ") in body
    assert ("<w:numPr>" if fmt == "docx" else "<text:list ") in body  # a real numbered list
    breaks = '<w:br w:type="page"/>' if fmt == "docx" else 'text:style-name="Pagebreak"'
    assert body.count(breaks) == 1  # between the two pages
    styles = xml["word/styles.xml" if fmt == "docx" else "styles.xml"]
    assert "Noto Sans" in styles and office.ACCENT.lower() in styles.lower()


@pytest.mark.parametrize("rtl", [False, True])
def test_tables_have_thin_lines_in_the_site_border_colour_and_a_bold_header(rtl):
    style = office.Style.of("ar" if rtl else "en", rtl, UPDATED)
    files = members(office.document([PAGE], "docx", style))
    docx = files["word/styles.xml"]
    # Arabic columns run from the right: Word and LibreOffice read w:bidiVisual, not w:bidi.
    assert files["word/document.xml"].count("<w:bidiVisual />") == (1 if rtl else 0)
    table = re.search(r'<w:style [^>]*w:styleId="Table".*?</w:style>', docx, re.S).group(0)
    lines = re.findall(r'<w:(\w+) w:val="single" w:sz="4" w:color="C8D2DC" />', table)
    assert lines == ["top", "left", "bottom", "right", "insideH", "insideV"]
    header = re.search(r'<w:tblStylePr w:type="firstRow">.*?</w:tblStylePr>', table, re.S)
    assert "<w:b /><w:bCs />" in header.group(0)  # Arabic is bold through bCs
    odt = members(office.document([PAGE], "odt", style))["content.xml"]
    cells = re.findall(r'<style:style style:name="(\w+)" style:family="table-cell">\s*(.*?)/>', odt)
    assert {name for name, _ in cells} == {"TableHeaderRowCell", "TableRowCell"}
    assert all('fo:border="0.5pt solid #C8D2DC"' in props for _, props in cells)
    assert 'writing-mode="rl-tb"' in odt if rtl else 'writing-mode="rl-tb"' not in odt


def test_the_same_page_gives_the_same_bytes():
    style = office.Style.of("ko", False, UPDATED)
    assert office.document([PAGE], "odt", style) == office.document([PAGE], "odt", style)
    assert (
        'w:eastAsia="Noto Sans CJK KR"'
        in members(office.document([PAGE], "docx", style))["word/styles.xml"]
    )


def block(html: str, tag: str) -> Block:
    return Block(html=html, text=office.text(html), tag=tag)


def test_a_step_slide_shows_bold_leads_and_labels_and_keeps_the_script_in_its_notes():
    part = Part(
        "step",
        "s",
        "Talk",
        (
            block("<h2>Talk</h2>", "h2"),
            block("<p>Ask the class.</p>", "p"),
            block("<p><strong>Do</strong></p>", "p"),
            block("<ul><li><strong>Tell an adult.</strong> A parent or teacher.</li></ul>", "ul"),
            block("<ol><li>One</li><li>Two</li></ol>", "ol"),
        ),
        5,
    )
    slide = office.step_slide(part, "Talk (5 minutes)")
    assert slide.points == ((0, "Do"), (1, "Tell an adult."), (1, "1. One"), (1, "2. Two"))
    assert slide.notes == (
        "Ask the class.",
        "Do",
        "Tell an adult. A parent or teacher.",
        "1. One",
        "2. Two",
    )
    only_text = Part("step", "t", "T", (block("<h2>T</h2>", "h2"), block("<p>Say hi.</p>", "p")))
    assert office.step_slide(only_text, "T").points == ((0, "Say hi."),)


def test_a_long_slide_is_cut_into_two_columns_at_a_label():
    points = ((0, "Don't"), *((1, f"d{i}") for i in range(6)))
    points += ((0, "Do"), *((1, f"o{i}") for i in range(7)))
    columns = office.Slide("t", points, ()).columns()
    assert [len(c) for c in columns] == [7, 8] and columns[1][0] == (0, "Do")
    assert office.Slide("t", points[:12], ()).columns() == [points[:12]]


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_a_point_under_a_label_is_indented_on_the_side_it_is_read_from(locale):
    """Impress mirrors a right-to-left paragraph's margins (its left margin is drawn on the
    right), so Arabic's start-side indent is fo:margin-left too; margin-right showed none."""
    style = office.Style.of(locale, locale == "ar", UPDATED)
    content = members(office.odp([office.Slide("t", ((0, "Do"), (1, "Tell")), ())], style))
    sub = re.search(
        r'style:name="Sub".*?<style:paragraph-properties ([^>]*)/>', content["content.xml"]
    )
    assert 'fo:margin-left="1cm"' in sub.group(1) and "margin-right" not in sub.group(1)


@pytest.mark.parametrize("rtl", [False, True])
def test_arabic_odt_paragraphs_are_aligned_to_the_right(rtl):
    # LibreOffice draws "start" (pandoc's default) on the left even in a right-to-left paragraph.
    style = office.Style.of("ar" if rtl else "en", rtl, UPDATED)
    xml = members(office.document([PAGE], "odt", style))
    aligns = set()
    for name in ("styles.xml", "content.xml"):
        for element in ElementTree.fromstring(xml[name]).iter():
            if element.tag in (f"{S}style", f"{S}default-style") and (
                element.get(f"{S}family") == "paragraph"
            ):
                aligns.add(element.find(f"{S}paragraph-properties").get(f"{FO}text-align"))
    assert aligns <= ({"right", "center"} if rtl else {None, "start", "center"}), aligns
