"""Every frozen file is what the live app sends, byte for byte, except the two pages a static host
needs of its own; every .gz and .br sibling is that file compressed.

The offline copy adds no variant: /downloads/*.zip are the ZIPs as `flask offline` built them, and
the pages show those files' sizes, live and frozen alike (the pages inside a ZIP show no size).
The offline copy's own pages (relative links, no SRI, the search message) are in the ZIPs only."""

from __future__ import annotations

import gzip

import brotli
import pytest

from tests.export.frozen import FAKE_PDF, NOT_FOUND_FILE, SIBLINGS, STATIC_VARIANTS

pytestmark = pytest.mark.slow

COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


def test_frozen_files_are_byte_identical_to_live_responses(frozen, live):
    compared = 0
    for path in frozen.served():
        url = frozen.url_of(path)
        if STATIC_VARIANTS.match(url):
            continue
        response = live.get(url)
        expected = 404 if path.name == NOT_FOUND_FILE else 200
        assert response.status_code == expected, url
        assert response.data == path.read_bytes(), url
        compared += 1
        if path.suffix == ".pdf":  # made by the fake renderer during the freeze, then kept
            assert response.data == FAKE_PDF, url
    assert compared > 400


def test_only_the_root_and_search_pages_differ_from_the_live_site(frozen, live):
    root = live.get("/")
    assert root.status_code == 302 and "Accept-Language" in root.headers["Vary"]
    for code in frozen.app.extensions["osl"].site.locale_codes:
        page = live.get(f"/{code}/search/")
        assert page.status_code == 200
        frozen_page = frozen.file_for(f"/{code}/search/").read_bytes()
        assert page.data != frozen_page, code
        assert b"data-static-search" in frozen_page and b"data-static-search" not in page.data


def test_compressed_siblings_decompress_to_the_files_bytes(frozen):
    siblings = [p for p in frozen.files() if p.suffix in SIBLINGS]
    for sibling in siblings:
        original = sibling.with_suffix("")
        assert original.is_file(), sibling
        decompress = gzip.decompress if sibling.suffix == ".gz" else brotli.decompress
        assert decompress(sibling.read_bytes()) == original.read_bytes(), sibling
    assert len(siblings) > 800


def test_every_text_file_worth_compressing_has_both_siblings(frozen):
    for path in frozen.served():
        if path.suffix in COMPRESSED and path.stat().st_size >= 1024:
            for suffix in SIBLINGS:
                assert path.with_name(path.name + suffix).is_file(), (path, suffix)
        if path.suffix == ".pdf":  # already compressed: nothing to gain
            assert not path.with_name(path.name + ".gz").exists(), path
