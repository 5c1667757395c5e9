"""Localisation: catalogs complete, provenance recorded, every locale served properly."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from app.content import file_hash
from app.translate import catalog_status, content_status, extract_args

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "app" / "templates"


def shipped_locales(app):
    site = app.extensions["osl_site"]
    return [info for info in site.locales if info.code != site.default_locale]


def test_every_shipped_locale_has_a_complete_catalog(app):
    locales = shipped_locales(app)
    assert {info.code for info in locales} >= {"es", "zh-Hans", "vi", "ar"}
    template = read_po((ROOT / "translations" / "messages.pot").open("rb"))
    expected = {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    for info in locales:
        po = ROOT / "translations" / info.babel / "LC_MESSAGES" / "messages.po"
        assert po.exists(), f"no catalog for {info.code}"
        catalog = read_po(po.open("rb"))
        untranslated = [
            m.id
            for m in catalog
            if m.id and not (all(m.string) if isinstance(m.string, tuple) else m.string)
        ]
        fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
        assert not untranslated, (info.code, untranslated[:5])
        assert not fuzzy, (info.code, fuzzy[:5])
        ids = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
        assert expected <= ids, (info.code, sorted(expected - ids)[:5])
        status = catalog_status(po)
        assert status.complete


def test_catalog_template_is_up_to_date_with_the_code(tmp_path):
    """Every string marked in app/ is in messages.pot (run `make extract` after adding one)."""
    import subprocess
    import sys

    out = tmp_path / "fresh.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", *extract_args(str(out))],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    fresh = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(out.open("rb")) if m.id}
    committed = read_po((ROOT / "translations" / "messages.pot").open("rb"))
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in committed if m.id}
    assert fresh <= known, sorted(fresh - known)[:10]


def test_templates_translate_every_attribute_text():
    """alt, title and aria-label text always goes through gettext."""
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        for match in re.finditer(r'\b(alt|title|aria-label)="([^"]*)"', text):
            value = match.group(2)
            assert not re.search(r"[A-Za-z]", re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", value)), (
                path.name,
                match.group(0),
            )


def test_every_translation_records_its_provenance(app):
    site = app.extensions["osl_site"]
    for (locale, section, slug), page in site.pages.items():
        if locale == site.default_locale:
            assert page.translation is None
            continue
        assert page.translation is not None, page.path
        assert re.fullmatch(r"sha256:[0-9a-f]{64}", page.translation.source_hash), page.path
        assert isinstance(page.translation.machine_assisted, bool)
        assert page.translation.machine_assisted or page.translation.reviewed_by, page.path


def test_no_translation_is_stale(app):
    """A changed English page must be re-translated (or at least re-checked) before release."""
    site = app.extensions["osl_site"]
    stale = [page.path for page in site.pages.values() if site.is_stale(page)]
    assert stale == []


def test_hash_command_matches_the_loader(runner):
    path = ROOT / "content" / "en" / "parents" / "sextortion.md"
    result = runner.invoke(args=["translate", "hash", str(path)])
    assert result.exit_code == 0
    assert result.output.split()[0] == file_hash(path.read_bytes())


def test_translate_status_command_reports_each_locale(runner, app):
    result = runner.invoke(args=["translate", "status"])
    assert result.exit_code == 0
    for info in app.extensions["osl_site"].locales:
        assert re.search(
            rf"^{re.escape(info.code)}\s+pages \d+/\d+ translated", result.output, re.M
        )


def test_shipped_locales_are_complete(app):
    for entry in content_status(app.extensions["osl_site"], ROOT / "translations"):
        assert entry.missing == (), (entry.code, entry.missing)


def test_translation_status_page(client, app):
    for info in app.extensions["osl_site"].locales:
        response = client.get(f"/{info.code}/about/translations/")
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        for other in app.extensions["osl_site"].locales:
            assert f'<span lang="{other.code}">{other.name}</span>' in html


@pytest.mark.parametrize("code", ["es", "zh-Hans", "vi", "ar"])
def test_locale_pages_have_lang_dir_and_localised_chrome(client, code):
    html = client.get(f"/{code}/parents/sextortion/").get_data(as_text=True)
    direction = "rtl" if code == "ar" else "ltr"
    assert f'<html lang="{code}" dir="{direction}">' in html
    assert "Skip to main content" not in html  # the chrome is translated
    assert 'hreflang="x-default"' in html


def test_numbers_and_dates_are_formatted_for_the_locale(client):
    spanish = client.get("/es/parents/what-is-online-enticement/").get_data(as_text=True)
    assert "5863" in spanish or "5.863" in spanish
    english = client.get("/en/parents/what-is-online-enticement/").get_data(as_text=True)
    assert "5,863" in english
    assert re.search(r"\d{4}", client.get("/zh-Hans/parents/sextortion/").get_data(as_text=True))
