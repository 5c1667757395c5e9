"""Every editable file the export wrote (each plan, each locale, DOCX, ODT, PPTX, ODP), opened by
LibreOffice as a teacher's office suite would open it.

One headless soffice run (a private profile) prints them all to PDF; pdftotext then reads each
PDF for the plan's title and every step heading. The Arabic files are checked in their XML too:
every DOCX paragraph carries ``w:bidi``, every ODT paragraph style ``writing-mode="rl-tb"``.
Without LibreOffice or poppler-utils the tests are skipped saying why (scripts/system-deps.sh
installs them), unless OSL_REQUIRE_BROWSER=1 (CI): then that is a failure.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import zipfile
from xml.etree import ElementTree

import pytest

from app.content import CLASSROOM, INDEX_SLUG
from app.render.office import text
from tests.support.tools import tool_missing

pytestmark = pytest.mark.slow

KINDS = {"docx": "plan", "odt": "plan", "pptx": "slides", "odp": "slides"}
# What pdftotext adds or splits: bidi controls, Arabic vowel marks, spaces and line breaks.
NOISE = re.compile(r"[\s\u200e\u200f\u202a-\u202e\u064b-\u0652]+")


def tools_missing() -> str | None:
    missing = [tool for tool in ("soffice", "pdftotext") if shutil.which(tool) is None]
    return f"{' and '.join(missing)} not installed (scripts/system-deps.sh)" if missing else None


def plain(value: str) -> str:
    return NOISE.sub("", unicodedata.normalize("NFKC", value))


def letters(value: str) -> list[str]:
    """Arabic ligatures come out of pdftotext in either order (لى as ىل): compare the letters."""
    return sorted(plain(value))


@pytest.fixture(scope="module")
def plans(site):
    return [
        (code, slug)
        for code in site.locale_codes
        for _, slug in site.keys(CLASSROOM)
        if slug != INDEX_SLUG
    ]


@pytest.fixture(scope="module")
def printed(frozen, plans, tmp_path_factory) -> dict[tuple[str, str, str], str]:
    """(locale, slug, kind) -> the text of the PDF LibreOffice printed from the file."""
    missing = tools_missing()
    if missing:
        tool_missing(missing, "LIBREOFFICE TESTS SKIPPED")
    work = tmp_path_factory.mktemp("office")
    (work / "in").mkdir()
    copies = {}
    for code, slug in plans:
        for kind, name in KINDS.items():
            source = frozen.file_for(f"/{code}/{CLASSROOM}/{slug}/{name}.{kind}")
            # One folder, so one file name each: soffice names every PDF after its file.
            copies[(code, slug, kind)] = work / "in" / f"{slug}.{code}.{kind}.{kind}"
            shutil.copyfile(source, copies[(code, slug, kind)])
    profile = f"-env:UserInstallation=file://{work}/profile"
    command = ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(work)]
    subprocess.run([*command, *map(str, copies.values())], check=True, capture_output=True)
    result = {}
    for key, copy in copies.items():
        pdf = work / f"{copy.stem}.pdf"
        assert pdf.is_file(), f"LibreOffice could not open {copy.name}"
        read = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True)
        result[key] = read.stdout.decode()
    return result


def test_libreoffice_opens_every_file_with_its_title_and_every_step(printed, plans, site):
    for code, slug in plans:
        page = site.page(code, CLASSROOM, slug).page
        wanted = [page.title, *(text(part.heading) for part in page.parts_of("step"))]
        for kind in KINDS:
            found = printed[(code, slug, kind)]
            for heading in wanted:
                if plain(heading) not in plain(found):  # Arabic: its ligatures, in any order
                    assert code == "ar" and is_in(letters(heading), found), (
                        code,
                        slug,
                        kind,
                        heading,
                    )


def is_in(wanted: list[str], found: str) -> bool:
    """Arabic: some line of the PDF text holds every letter of the heading."""
    lines = [line for line in found.splitlines() if plain(line)]
    for start in range(len(lines)):
        window = letters("".join(lines[start : start + 3]))
        if not _missing(wanted, window):
            return True
    return False


def _missing(wanted: list[str], window: list[str]) -> list[str]:
    rest = list(window)
    gone = []
    for char in wanted:
        if char in rest:
            rest.remove(char)
        else:
            gone.append(char)
    return gone


def test_arabic_documents_set_the_paragraph_direction(frozen, plans):
    """The XML itself (no LibreOffice needed): the direction is set, not only the alignment."""
    style_ns = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
    fo_ns = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
    for code, slug in plans:
        if code != "ar":
            continue
        base = f"/{code}/{CLASSROOM}/{slug}/plan"
        with zipfile.ZipFile(frozen.file_for(f"{base}.docx")) as docx:
            body = docx.read("word/document.xml").decode()
        paragraphs = [p for p in re.findall(r"<w:p>.*?</w:p>", body, re.S) if "<w:t" in p]
        assert paragraphs and all("<w:bidi />" in p for p in paragraphs), slug
        with zipfile.ZipFile(frozen.file_for(f"{base}.odt")) as odt:
            roots = [
                ElementTree.fromstring(odt.read(name)) for name in ("styles.xml", "content.xml")
            ]
        styles = [
            element
            for root in roots
            for element in root.iter()
            if element.tag in (f"{style_ns}style", f"{style_ns}default-style")
            and element.get(f"{style_ns}family") == "paragraph"
        ]
        assert len(styles) > 10, slug
        for element in styles:
            props = element.find(f"{style_ns}paragraph-properties")
            mode = None if props is None else props.get(f"{style_ns}writing-mode")
            assert mode == "rl-tb", (slug, element.get(f"{style_ns}name"))
            # Read from the right: LibreOffice aligns "start" (the default) to the left.
            align = None if props is None else props.get(f"{fo_ns}text-align")
            assert align in ("right", "center"), (slug, element.get(f"{style_ns}name"), align)
