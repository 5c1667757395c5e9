"""What each language needs beyond its words (issue 14): plural rules, search that finds words as
they are written in Korean and French, Hangul in PDFs, names in the language menu, and that no
translated page dropped a safety instruction's "not"."""

import gettext
import io
import re
import shutil
from pathlib import Path

import pypdf
import pytest
from babel import Locale
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from app import create_app
from app.content.parity import parity
from app.i18n import CatalogError

ROOT = Path(__file__).resolve().parents[2]


def plural_index(expression: str, n: int) -> int:
    """Evaluate a gettext Plural-Forms expression, as Python's own gettext does."""
    return gettext.c2py(expression)(n)


@pytest.mark.parametrize("babel_code", ["ar", "es", "fil_PH", "fr", "ko", "vi", "zh_Hans"])
def test_each_catalog_numbers_its_forms_as_cldr_does(babel_code):
    """Translators fill msgstr[0], [1]... in CLDR's order (zero, one, two, few, many, other), so a
    catalog's rule must give each number the form CLDR (Babel) gives it: Arabic's few (3-10) is
    form 3 and many (11-99) form 4, never the other way round.

    Below a million: CLDR's French and Spanish "many" is for millions, which the site never
    counts, so their usual two-form gettext rule (one, other) is right here."""
    with (ROOT / "translations" / babel_code / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f)
    expected = get_plural(Locale.parse(babel_code))
    last = catalog.num_plurals - 1
    for n in range(0, 1000):
        cldr = plural_index(expected.plural_expr, n)
        wanted = cldr if catalog.num_plurals == expected.num_plurals else min(cldr, last)
        assert plural_index(catalog.plural_expr, n) == wanted, (babel_code, n)


def test_the_language_menu_names_each_language_in_its_own_words(site):
    names = {info.code: info.name for info in site.locales}
    assert names["tl"] == "Tagalog" and names["fr"] == "Français" and names["ko"] == "한국어"


def results(client, locale: str, query: str) -> list[str]:
    html = client.get(f"/{locale}/search/", query_string={"q": query}).get_data(as_text=True)
    listed = (
        html.split("search-results__list", 1)[1].split("</ol>", 1)[0] if "</ol>" in html else ""
    )
    return re.findall(r'<a href="([^"]+)"', listed)


def test_korean_search_finds_a_noun_with_its_particles_attached(real_app, site):
    # Pages that write 부모 only with a particle attached (부모님과, 부모가...) must still be found.
    attached = {
        page.url_path
        for (code, _, _), page in site.pages.items()
        if code == "ko" and "부모" in page.text and not re.search(r"부모(?![가-힣])", page.text)
    }
    if not attached:  # every page also says 부모 alone: check a particle form on any page
        attached = {
            p.url_path for (c, _, _), p in site.pages.items() if c == "ko" and "부모가" in p.text
        }
    assert attached
    found = {
        result.page.url_path
        for result in real_app.extensions["osl"].search.search("ko", "부모", 500)
    }
    assert attached <= found


def test_french_search_matches_words_with_or_without_accents(client):
    with_accents = results(client, "fr", "sécurité")
    assert with_accents and results(client, "fr", "securite") == with_accents


def test_korean_pdfs_draw_hangul_with_a_korean_font(client):
    response = client.get("/ko/classroom/think-before-you-post/letter.pdf")
    assert response.status_code == 200
    reader = pypdf.PdfReader(io.BytesIO(response.data))
    text = "".join(page.extract_text() for page in reader.pages)
    assert re.search(r"[\uac00-\ud7af]{4}", text)  # Hangul extracts as Hangul: real glyphs
    fonts = {
        str(font.get_object().get("/BaseFont"))
        for page in reader.pages
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values()
    }
    assert any("CJK" in font and ("KR" in font or "JP" in font or "SC" in font) for font in fonts)


def test_korean_text_breaks_between_words(client):
    css = client.get("/static/site.css").get_data(as_text=True)
    assert re.search(r":lang\(ko\)\s*\{[^}]*word-break:\s*keep-all", css)


def test_no_translation_drops_a_negative_safety_instruction_or_its_structure(site):
    assert [(page.path, problem) for page, problem in parity(site)] == []


def test_a_server_without_compiled_catalogs_refuses_to_start(tmp_path):
    translations = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", translations)
    for mo in translations.rglob("*.mo"):
        mo.unlink()
    with pytest.raises(CatalogError, match="messages.mo is missing"):
        create_app({"TESTING": True, "TRANSLATIONS_DIR": translations})
