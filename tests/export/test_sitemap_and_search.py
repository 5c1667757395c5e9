"""The files a static host serves at the top: sitemap.xml, the language chooser at /, and each
locale's search page that searches in the browser from its own index.json."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from app.content import locale_url

pytestmark = pytest.mark.slow

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
INDEX_BUDGET = 400_000  # bytes of one locale's index.json, uncompressed


def test_sitemap_lists_every_page_in_every_locale_with_alternates(frozen, site):
    root = ET.parse(frozen.root / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    base = frozen.app.config["SITE_URL"].rstrip("/")
    assert base.startswith("https://")
    listed = {}
    for url in root.findall(f"{SITEMAP}url"):
        loc = url.find(f"{SITEMAP}loc").text
        assert loc.startswith(base + "/"), loc
        alternates = {
            link.get("hreflang"): link.get("href").removeprefix(base)
            for link in url.findall(f"{XHTML}link")
        }
        assert all(href.startswith("/") for href in alternates.values()), loc
        listed[loc.removeprefix(base)] = alternates
    assert len(listed) == len(root.findall(f"{SITEMAP}url"))  # no page twice
    expected = set()
    for code in site.locale_codes:
        for section, slug in site.keys():
            expected.add(
                locale_url(code, site.pages[(site.default_locale, section, slug)].url_path)
            )
        expected |= {f"/{code}/figures/", f"/{code}/about/translations/"}
    assert set(listed) == expected
    for path, alternates in listed.items():
        html = frozen.file_for(path).read_text(encoding="utf-8")
        assert dict(ALTERNATE.findall(html)) == alternates, path  # as the page's own head says
        assert alternates["x-default"] == alternates["en"], path
        for href in alternates.values():
            assert frozen.file_for(href).is_file(), href


def test_frozen_root_is_a_language_chooser(frozen, site):
    html = (frozen.root / "index.html").read_text(encoding="utf-8")
    assert "http-equiv" not in html  # no meta refresh: the reader chooses
    for info in site.locales:
        link = f'<a href="/{info.code}/" hreflang="{info.code}" lang="{info.code}">{info.name}</a>'
        assert link in html, info.code
        assert f'<li lang="{info.code}" dir="{info.dir}">' in html
        assert f'<link rel="alternate" hreflang="{info.code}" href="/{info.code}/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="/">' in html


def test_frozen_search_page_is_the_static_variant(frozen, site):
    for code in site.locale_codes:
        html = frozen.file_for(f"/{code}/search/").read_text(encoding="utf-8")
        marker = re.search(
            r'<div class="search-results" data-static-search data-index="([^"]+)"', html
        )
        assert marker and marker.group(1) == f"/{code}/search/index.json", code
        # Without JavaScript the page says why there are no results.
        assert "data-static-search-message" in html
        assert '<meta name="robots" content="noindex">' in html
        assert (
            f'<form class="search-form" role="search" action="/{code}/search/" method="get">'
            in html
        )


def test_frozen_search_index_is_small_and_points_at_frozen_pages(frozen, site):
    for code in site.locale_codes:
        path = frozen.file_for(f"/{code}/search/index.json")
        assert path.stat().st_size < INDEX_BUDGET, code
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["locale"] == code
        assert len(data["pages"]) == len(site.keys())
        urls = [page["url"] for page in data["pages"]]
        assert len(set(urls)) == len(urls), code
        for page in data["pages"]:
            assert page["url"].startswith(f"/{code}/"), page["url"]
            assert frozen.file_for(page["url"]).is_file(), page["url"]
            assert page["lang"] in (code, site.default_locale), page
