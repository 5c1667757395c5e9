"""What `flask freeze` writes: every page of every locale, the same files in each, every view."""

from __future__ import annotations

import re

import pytest
from werkzeug.exceptions import NotFound

from app.content import CLASSROOM, INDEX_SLUG, locale_url
from tests.export.frozen import FAKE_PDF, NOT_FOUND_FILE, SIBLINGS

pytestmark = pytest.mark.slow

TOP_LEVEL = {"index.html", NOT_FOUND_FILE, "sitemap.xml", "static", "downloads"}
FOLDERS = {"static", "downloads"}
BILINGUAL_SECTIONS = ("parents", CLASSROOM)


def test_the_command_counts_every_file_it_wrote(frozen):
    match = re.search(r"\nfroze (\d+) pages and files into (.+)\n$", frozen.output)
    assert match, frozen.output
    assert int(match.group(1)) == len(frozen.served())


def test_every_page_of_every_locale_is_written(frozen, site):
    english = site.default_locale
    for code in site.locale_codes:
        for section, slug in site.keys():
            url = locale_url(code, site.pages[(english, section, slug)].url_path)
            assert frozen.file_for(url).is_file(), url
        for path in ("figures/", "about/translations/", "search/", "search/index.json"):
            assert frozen.file_for(f"/{code}/{path}").is_file(), (code, path)
        assert frozen.file_for(f"/{code}/{CLASSROOM}/catalogue.json").is_file(), code
        for _, slug in site.keys(CLASSROOM):
            if slug == INDEX_SLUG:
                continue
            plan = f"/{code}/{CLASSROOM}/{slug}/"
            for view in (
                "handout/",
                "letter/",
                "present/",
                "plan.pdf",
                "handout.pdf",
                "letter.pdf",
                "plan.docx",
                "plan.odt",
                "slides.pptx",
                "slides.odp",
            ):
                assert frozen.file_for(plan + view).is_file(), plan + view
    for name in TOP_LEVEL - FOLDERS:
        assert (frozen.root / name).is_file(), name


def test_bilingual_views_are_written_for_every_translated_lesson_and_plan_only(frozen, site):
    written = {frozen.url_of(p) for p in frozen.root.glob("*/*/*/bilingual/index.html")}
    expected = {
        f"/{code}/{section}/{slug}/bilingual/"
        for code, section, slug in site.pages
        if code != site.default_locale and section in BILINGUAL_SECTIONS and slug != INDEX_SLUG
    }
    assert written == expected
    assert any(f"/{CLASSROOM}/" in url for url in written)  # plans are paired whole too


def test_static_holds_exactly_the_hashed_assets(frozen):
    names = {p.name for p in (frozen.root / "static").iterdir() if p.suffix not in SIBLINGS}
    assert names == set(frozen.app.extensions["osl"].assets.values())


def test_each_locale_has_the_same_files(frozen, site):
    def names(code):
        folder = frozen.root / code
        return sorted(
            p.relative_to(folder).as_posix()
            for p in folder.rglob("*")
            if p.is_file() and "/bilingual/" not in p.as_posix()
        )

    default = names(site.default_locale)
    assert len(default) >= len(site.keys()) + 4
    for code in site.locale_codes:
        assert names(code) == default, code
    outside = {p.name for p in frozen.root.iterdir() if p.name not in site.locale_codes}
    assert outside == TOP_LEVEL | {
        name + suffix for name in TOP_LEVEL - FOLDERS for suffix in SIBLINGS
    }


def test_every_view_of_the_app_is_frozen(frozen):
    """No view is left out: every GET endpoint answers at least one frozen file (the export does
    not ask Frozen-Flask to warn, since a view may have no content in a small tree)."""
    adapter = frozen.app.url_map.bind("localhost")
    frozen_endpoints = set()
    for path in frozen.served():
        try:
            endpoint, _ = adapter.match(frozen.url_of(path), method="GET")
        except NotFound:
            assert path.name == NOT_FOUND_FILE, path
            continue
        frozen_endpoints.add(endpoint)
    endpoints = {r.endpoint for r in frozen.app.url_map.iter_rules() if "GET" in r.methods}
    assert frozen_endpoints == endpoints


def test_the_offline_zips_are_frozen_as_they_were_built(frozen, site):
    built = frozen.root.parent / "offline"
    names = sorted(p.name for p in (frozen.root / "downloads").iterdir())
    assert len(names) == len(site.locale_codes) + 1
    for name in names:
        assert (frozen.root / "downloads" / name).read_bytes() == (built / name).read_bytes()
        assert f"{built / name}: " in frozen.output


def test_each_pdf_is_made_once(frozen):
    """Once for the offline copy and the site together: the second freeze reuses them."""
    pdfs = [p for p in frozen.served() if p.suffix == ".pdf"]
    assert pdfs and frozen.pdfs_made == len(pdfs)
    assert all(p.read_bytes() == FAKE_PDF for p in pdfs)
