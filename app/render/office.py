"""Editable files of a lesson plan: the plan as DOCX and ODT (pandoc, then its style sheets
edited), its steps as PPTX and ODP slides (python-pptx, odfpy). What they hold and why:
docs/editable-files.md. The converters are imported where used: python-pptx alone takes 0.2 s,
and a production worker never makes these files.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import re
import subprocess
import zipfile
from pathlib import Path
from typing import NamedTuple
from xml.etree import ElementTree

from markupsafe import Markup

from ..content.models import Part

MIMETYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
# Office applications want a region; the site's locales, as they name them (tl is Filipino there).
LANGUAGES = {"en": "en-US", "es": "es-US", "zh-Hans": "zh-CN", "vi": "vi-VN", "ar": "ar-SA"}
LANGUAGES |= {"tl": "fil-PH", "fr": "fr-FR", "ko": "ko-KR"}
LATIN, ARABIC = "Noto Sans", "Noto Sans Arabic"  # fonts-noto-core; CJK: fonts-noto-cjk
ASIAN = {"ko": "Noto Sans CJK KR"}  # every other locale: Simplified Chinese forms
ACCENT, INK, BORDER = "0B5CAD", "1B1F24", "C8D2DC"  # static/site.css --accent, --ink, --border
ODF = "urn:oasis:names:tc:opendocument:xmlns:"
S, OFFICE = f"{{{ODF}style:1.0}}", f"{{{ODF}office:1.0}}"
FO, SVG = f"{{{ODF}xsl-fo-compatible:1.0}}", f"{{{ODF}svg-compatible:1.0}}font-family"
BREAKS = Path(__file__).with_name("office-breaks.lua")
PAGE_BREAK = '<div class="page-break"></div>'
SECTION = '<section class="handout-part"'
LEAD = re.compile(r"\s*<strong>(.*?)</strong>", re.S)
ITEM = re.compile(r"<li\b[^>]*>(.*?)</li>", re.S)
# Links to the other formats, the contents, the sheets' print hints: not for a file to edit.
PRINT_ONLY = re.compile(r'<nav\b.*?</nav>|<p class="handout-sheet__hint">.*?</p>', re.S)
BOLD_ONLY = re.compile(r"<p><strong>[^<]*</strong></p>")
# The slides' paragraphs (the ODP's style names): type size (pt), colour, indent (cm). "Sub" is
# a point under a label.
LOOKS = {"Title": (32, ACCENT, 0), "Point": (22, INK, 0), "Sub": (20, INK, 1), "Note": (12, INK, 0)}


class Style(NamedTuple):
    """What a file needs to know about its page: language, direction, CJK font, date."""

    language: str  # "ar-SA"
    rtl: bool
    asian: str
    updated: dt.date  # every file's time stamps

    @classmethod
    def of(cls, locale: str, rtl: bool, updated: dt.date) -> Style:
        asian = ASIAN.get(locale, "Noto Sans CJK SC")
        return cls(LANGUAGES.get(locale, locale), rtl, asian, updated)

    def script(self) -> tuple[str, str, str]:
        """Language, country, and ODF's name for the script: Arabic is "complex", CJK "asian"."""
        lang, _, country = self.language.partition("-")
        return lang, country, "complex" if lang == "ar" else "asian" if lang in ("zh", "ko") else ""


class Slide(NamedTuple):
    title: str
    points: tuple[tuple[int, str], ...]  # on the slide: (level, text); level 1 under a label
    notes: tuple[str, ...]  # the speaker notes, one paragraph each

    def columns(self) -> list[tuple[tuple[int, str], ...]]:
        """Up to 12 points in one column; more in two, cut at the label nearest the middle."""
        if len(self.points) <= 12:
            return [self.points]
        labels = [i for i, (level, _) in enumerate(self.points) if i and not level]
        cut = min(labels or [len(self.points) // 2], key=lambda i: abs(2 * i - len(self.points)))
        return [self.points[:cut], self.points[cut:]]


def text(html: str) -> str:
    return " ".join(Markup(html).striptags().split())  # noqa: S704 (our own HTML, to text)


def step_slide(part: Part, title: str) -> Slide:
    """A step on one slide: list items cut to their bold lead and bold-only paragraphs (labels,
    questions) are on it; the notes hold the whole script, item by item."""
    points, notes, level = [], [], 0
    for block in part.blocks[1:]:
        items = ITEM.findall(block.html) if block.tag in ("ul", "ol") else []
        for number, item in enumerate(items, 1):
            mark = f"{number}. " if block.tag == "ol" else ""
            points.append((level, mark + text((LEAD.match(item) or (item, item))[1])))
            notes.append(mark + text(item))
        notes += [] if items else [block.text]
        if block.tag == "p" and BOLD_ONLY.fullmatch(block.html):
            points.append((0, block.text))
            level = 1  # the lists that follow are under this label
    return Slide(title, tuple(points or [(0, n) for n in notes[:1]]), tuple(notes))


def document(pages: list[str], fmt: str, style: Style) -> bytes:
    """The plan's pages (HTML: the plan, its handouts, its letter) as one DOCX or ODT."""
    from pypandoc import get_pandoc_path

    def sheets(page: str) -> str:  # a page's main; each handout after the first on a new sheet
        main = re.search(r"<main\b[^>]*>(.*)</main>", page, re.S).group(1)
        first, mark, rest = main.partition(SECTION)
        return first + mark + rest.replace(SECTION, PAGE_BREAK + SECTION)

    html = PRINT_ONLY.sub("", PAGE_BREAK.join(sheets(page) for page in pages))
    html = html.replace('<li class="check">', '<li class="check">☐ ')
    direction = "rtl" if style.rtl else "ltr"
    command = [get_pandoc_path(), "--quiet", "-f", "html", "-t", fmt, "-o", "-"]
    command += [f"--metadata=lang={style.language}", f"--metadata=dir={direction}"]
    command.append(f"--lua-filter={BREAKS}")
    # The page's date, not the clock, in the file: the same content makes the same bytes.
    when = {"SOURCE_DATE_EPOCH": str(calendar.timegm(style.updated.timetuple()))}
    made = subprocess.run(command, input=html.encode(), capture_output=True, env=when)
    if made.returncode:
        raise RuntimeError(f"pandoc failed: {made.stderr.decode()}")
    return (restyle_docx if fmt == "docx" else restyle_odt)(made.stdout, style)


def restyle_docx(data: bytes, style: Style) -> bytes:
    """The DOCX's styles: the site's fonts, accent and table lines, a bold header row, and in
    Arabic tables whose columns run from the right (``w:bidiVisual``)."""
    fonts = f'w:ascii="{LATIN}" w:hAnsi="{LATIN}" w:eastAsia="{style.asian}" w:cs="{ARABIC}"'
    colour = r'<w:color [^>]*w:themeColor="accent1"[^>]*/>'
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    lines = "".join(f'<w:{side} w:val="single" w:sz="4" w:color="{BORDER}" />' for side in sides)

    def edit(xml: str) -> str:
        xml = re.sub(r"<w:rFonts [^>]*Theme[^>]*/>", f"<w:rFonts {fonts} />", xml)
        xml = xml.replace("<w:tblCellMar>", f"<w:tblBorders>{lines}</w:tblBorders><w:tblCellMar>")
        header = '<w:tblStylePr w:type="firstRow">'
        xml = xml.replace(header, header + "<w:rPr><w:b /><w:bCs /></w:rPr>")
        return re.sub(colour, f'<w:color w:val="{ACCENT}" />', xml)

    edits = {"word/styles.xml": edit}
    if style.rtl:  # pandoc marks the paragraphs w:bidi, not the tables
        table = '<w:tblStyle w:val="Table" />'
        edits["word/document.xml"] = lambda xml: xml.replace(table, table + "<w:bidiVisual />")
    return rewrite(data, style, edits)


def text_property(name: str, script: str) -> str:
    """ODF's attribute for a text property: fo:NAME for Latin text, style:NAME-asian and so on."""
    return f"{S}{name}-{script}" if script else FO + name


def restyle_odt(data: bytes, style: Style) -> bytes:
    """The ODT's styles: the page break, fonts, table lines, (Arabic) right to left, languages,
    headings in the accent colour and upright, as on the site."""
    lang, country, script = style.script()
    fonts = {"font-name": LATIN, "font-name-asian": style.asian, "font-name-complex": ARABIC}
    mode = "rl-tb" if style.rtl else "lr-tb"

    def edit(xml: str) -> str:
        for _event, (prefix, uri) in ElementTree.iterparse(io.StringIO(xml), ["start-ns"]):  # noqa: S314
            ElementTree.register_namespace(prefix, uri)  # keep ODF's usual prefixes
        root = ElementTree.fromstring(xml)  # noqa: S314 (what pandoc just wrote)
        for styles in root.iterfind(OFFICE + "styles"):  # the page break of office-breaks.lua
            pagebreak = {S + "name": "Pagebreak", S + "family": "paragraph"}
            pagebreak = ElementTree.SubElement(styles, S + "style", pagebreak)
            ElementTree.SubElement(
                pagebreak, S + "paragraph-properties", {FO + "break-before": "page"}
            )
        for faces in root.iterfind(OFFICE + "font-face-decls"):
            for name in fonts.values():
                ElementTree.SubElement(faces, S + "font-face", {S + "name": name, SVG: name})
        for cell in root.iter(S + "table-cell-properties"):  # pandoc's have no lines
            cell.attrib |= {FO + "border": f"0.5pt solid #{BORDER}", FO + "padding": "0.1cm"}
        for element in root.iterfind(f".//*[@{S}writing-mode='lr-tb']"):
            element.set(S + "writing-mode", mode)  # the page and frames too
        for family in ("paragraph", "table"):
            for element in root.iterfind(f".//*[@{S}family='{family}']"):
                props = element.find(f"{S}{family}-properties")
                if props is None:
                    props = ElementTree.Element(f"{S}{family}-properties")
                    element.insert(0, props)
                props.set(S + "writing-mode", mode)
                align = props.get(FO + "text-align", "start")
                if style.rtl and family == "paragraph" and align == "start":
                    props.set(FO + "text-align", "right")  # LibreOffice puts "start" on the left
        for props in root.iter(S + "text-properties"):  # the fonts named, but Courier New (code)
            for attribute, font in fonts.items():
                if props.get(S + attribute, "Courier New") != "Courier New":
                    props.set(S + attribute, font)
        default = f".//{S}default-style[@{S}family='paragraph']/{S}text-properties"
        for props in root.iterfind(default):
            props.attrib |= {S + attribute: font for attribute, font in fonts.items()}
            props.set(text_property("language", script), lang)
            props.set(text_property("country", script), country or "none")
        for element in root.iterfind(f".//*[{S}text-properties]"):
            if element.get(S + "name", "").startswith("Heading"):
                props = element.find(S + "text-properties")
                props.set(FO + "color", f"#{ACCENT}")
                for slot in ("", "asian", "complex"):
                    props.set(text_property("font-style", slot), "normal")
        return '<?xml version="1.0" encoding="UTF-8"?>' + ElementTree.tostring(root, "unicode")

    return rewrite(data, style, {"styles.xml": edit, "content.xml": edit})


def rewrite(data: bytes, style: Style, edits: dict) -> bytes:
    """A copy of a zip with some XML members edited, every member dated as the page is."""
    with zipfile.ZipFile(io.BytesIO(data)) as source, io.BytesIO() as out:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                member = source.read(info)
                if info.filename in edits:
                    member = edits[info.filename](member.decode()).encode()
                info.date_time = style.updated.timetuple()[:6]
                target.writestr(info, member)
        return out.getvalue()


def pptx(slides: list[Slide], style: Style) -> bytes:
    """The slides with python-pptx: title, points (shrunk to fit) and speaker notes."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    deck = Presentation()
    deck.core_properties.language = style.language
    for slide in slides:
        columns = slide.columns()[:: -1 if style.rtl else 1]  # Arabic: the first on the right
        page = deck.slides.add_slide(deck.slide_layouts[1 if len(columns) == 1 else 3])
        boxes = [((0, slide.title),), *columns, [(0, note) for note in slide.notes]]
        frames = [page.placeholders[i].text_frame for i in range(len(columns) + 1)]
        frames.append(page.notes_slide.notes_text_frame)
        looks = ["Title", *["Point"] * len(columns), "Note"]
        for frame, lines, look in zip(frames, boxes, looks, strict=True):
            frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
            frame.text = "\n".join(line for _, line in lines)
            for paragraph, (level, _) in zip(frame.paragraphs, lines or [(0, "")], strict=True):
                paragraph.level = level
                size, colour, _indent = LOOKS["Sub" if level else look]
                if style.rtl:
                    paragraph._p.get_or_add_pPr().set("rtl", "1")  # python-pptx has no property
                    paragraph.alignment = PP_ALIGN.RIGHT
                for run in paragraph.runs:
                    run.font.size, run.font.name = Pt(size), LATIN
                    run.font.color.rgb = RGBColor.from_string(colour)
                    properties = run.font._rPr  # East Asian and Arabic fonts: no property either
                    properties.set("lang", style.language)
                    latin = properties.find(qn("a:latin"))
                    for tag, font in (("a:cs", ARABIC), ("a:ea", style.asian)):
                        latin.addnext(properties.makeelement(qn(tag), {"typeface": font}))
    with io.BytesIO() as out:
        deck.save(out)
        return rewrite(out.getvalue(), style, {})


def odp_styles(doc, style: Style):
    """The ODP's slide page and paragraph styles (named), and the style of its text boxes."""
    from odf import style as odf
    from odf.namespaces import DRAWNS, STYLENS

    layout = odf.PageLayout(name="Screen")  # 4:3, like python-pptx's default deck
    layout.addElement(odf.PageLayoutProperties(pagewidth="25.4cm", pageheight="19.05cm"))
    doc.automaticstyles.addElement(layout)
    doc.masterstyles.addElement(odf.MasterPage(name="Plain", pagelayoutname=layout))
    box = odf.Style(name="Box", family="graphic")
    box.addElement(odf.GraphicProperties(stroke="none", fill="none", autogrowheight="false"))
    box.lastChild.setAttrNS(DRAWNS, "fit-to-size", "shrink-to-fit")
    box.lastChild.setAttrNS(STYLENS, "shrink-to-fit", "true")
    doc.styles.addElement(box)
    mode, align = ("rl-tb", "right") if style.rtl else ("lr-tb", "left")  # Impress: start=left
    fonts = {"fontfamily": LATIN, "fontfamilyasian": style.asian, "fontfamilycomplex": ARABIC}
    lang, country, script = style.script()
    language = {f"language{script}": lang, f"country{script}": country}
    for name, (size, colour, indent) in LOOKS.items():
        kind = odf.Style(name=name, family="paragraph")
        # Impress's text engine mirrors a right-to-left paragraph: its left margin is the right.
        paragraph = {"writingmode": mode, "textalign": align, "marginbottom": "0.25cm"}
        kind.addElement(odf.ParagraphProperties(**paragraph, marginleft=f"{indent}cm"))
        sizes = {key: f"{size}pt" for key in ("fontsize", "fontsizeasian", "fontsizecomplex")}
        look = {"color": f"#{colour}", "fontweight": "bold" if name == "Title" else "normal"}
        kind.addElement(odf.TextProperties(**sizes, **fonts, **look, **language))
        doc.automaticstyles.addElement(kind)  # Impress reads automatic ones
    return box


def odp(slides: list[Slide], style: Style) -> bytes:
    """The same slides with odfpy."""
    from odf import dc, draw, presentation
    from odf import text as odt
    from odf.element import Element
    from odf.namespaces import PRESENTATIONNS, SVGNS, nsdict
    from odf.opendocument import OpenDocumentPresentation

    for uri, prefix in nsdict.items():  # odfpy declares every namespace the process ever used:
        Element.namespaces.setdefault(uri, prefix)  # all of them, always, for the same bytes
    doc = OpenDocumentPresentation()
    doc.meta.addElement(dc.Language(text=style.language))
    box = odp_styles(doc, style)  # shrinks to fit

    def frame(role, lines, x, width, y=4.5, height=13.5):
        shape = draw.Frame(stylename=box, x=f"{x}cm", y=f"{y}cm", width=f"{width}cm")
        shape.setAttrNS(SVGNS, "height", f"{height}cm")
        shape.setAttrNS(PRESENTATIONNS, "class", role)
        shape.addElement(draw.TextBox())
        for kind, line in lines:
            shape.lastChild.addElement(odt.P(stylename=kind, text=line))
        return shape

    for number, slide in enumerate(slides, 1):
        page = draw.Page(name=f"slide{number}", masterpagename="Plain")
        page.addElement(frame("title", [("Title", slide.title)], 1.5, 22.4, 1, 3))
        columns = slide.columns()[:: -1 if style.rtl else 1]  # Arabic: the first on the right
        width = (22.4 - 1 * (len(columns) - 1)) / len(columns)
        for place, column in enumerate(columns):
            lines = [("Sub", "– " + p) if level else ("Point", "• " + p) for level, p in column]
            page.addElement(frame("outline", lines, 1.5 + place * (width + 1), width))
        page.addElement(presentation.Notes())
        notes = [("Note", note) for note in slide.notes]
        page.lastChild.addElement(frame("notes", notes, 2, 17, 2, 24))
        doc.presentation.addElement(page)
    with io.BytesIO() as out:
        doc.save(out)
        return rewrite(out.getvalue(), style, {})
