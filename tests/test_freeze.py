"""The static export: every page of every locale, links that resolve, bytes equal to the live site.

The site is frozen once per session (``frozen_site``); tests/test_nginx.py serves the same folder.
"""

from __future__ import annotations

import json
import re
import warnings
import xml.etree.ElementTree as ET
from contextlib import ExitStack
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from app import create_app
from app.freeze import (
    NOT_FOUND_FILE,
    page_endpoint,
    sitemap_entries,
    url_generators,
)
from app.views.search import STATIC_EXPORT

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
REPORT_URL = "https://report.cybertip.org/"
# A stand-in PDF: making the real ones takes minutes, and tests/test_classroom.py checks them.
FAKE_PDF = b"%PDF-1.4\n% frozen by tests\n%%EOF\n"


@dataclass
class Frozen:
    root: Path
    urls: list[str]
    app: object

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def url_of(self, path: Path) -> str:
        relative = path.relative_to(self.root).as_posix()
        if relative == "index.html":
            return "/"
        if relative.endswith("/index.html"):
            return "/" + relative[: -len("index.html")]
        return "/" + relative


_FROZEN: dict[str, Frozen] = {}


def frozen(tmp_path_factory) -> Frozen:
    """The real site frozen once per session (shared with tests/test_nginx.py)."""
    if "site" not in _FROZEN:
        app = create_app({"TESTING": True})
        destination = tmp_path_factory.mktemp("frozen") / "site"
        with ExitStack() as stack:
            monkeypatch = stack.enter_context(pytest.MonkeyPatch.context())
            try:
                from app.views import classroom

                monkeypatch.setattr(classroom, "render_pdf", lambda *a, **k: FAKE_PDF)
            except (ImportError, AttributeError):
                pass
            stack.enter_context(warnings.catch_warnings())
            warnings.simplefilter("error")  # the build must print no warnings at all
            # The real command, as `flask freeze` runs it: inside one application context.
            result = app.test_cli_runner().invoke(args=["freeze", str(destination)])
            assert result.exit_code == 0, result.output
            files = [p for p in destination.rglob("*") if p.is_file()]
            assert f"froze {len(files)} files" in result.output  # every URL it froze is a file
            urls = [p.relative_to(destination).as_posix() for p in files]
        _FROZEN["site"] = Frozen(destination, urls, app)
    return _FROZEN["site"]


@pytest.fixture(scope="session")
def frozen_site(tmp_path_factory) -> Frozen:
    return frozen(tmp_path_factory)


@pytest.fixture(scope="session")
def site(app):
    return app.extensions["osl_site"]


def content_url(section: str, slug: str, code: str) -> str:
    if section == "pages":
        return f"/{code}/" if slug == "home" else f"/{code}/{slug}/"
    if slug == "_index":
        return f"/{code}/{section}/"
    return f"/{code}/{section}/{slug}/"


def file_for(root: Path, url: str) -> Path:
    path = urlsplit(url).path
    return root / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))


# -- what was written ----------------------------------------------------------------------------
def test_every_page_of_every_locale_is_written(frozen_site, site):
    root = frozen_site.root
    for code in site.locale_codes:
        for section, slug in site.keys():
            assert file_for(root, content_url(section, slug, code)).is_file(), (code, slug)
        for path in ("figures/", "about/translations/", "search/", "search/index.json"):
            assert file_for(root, f"/{code}/{path}").is_file(), (code, path)
    for name in ("index.html", NOT_FOUND_FILE, "sitemap.xml"):
        assert (root / name).is_file(), name
    assert sorted(p.name for p in (root / "static").iterdir()) == sorted(
        frozen_site.app.extensions["osl_assets"].values()
    )


def test_each_locale_has_the_same_files(frozen_site, site):
    root = frozen_site.root
    files = {
        code: sorted(
            p.relative_to(root / code).as_posix() for p in (root / code).rglob("*") if p.is_file()
        )
        for code in site.locale_codes
    }
    # The bilingual view pairs a translation with English, so English has none (test_bilingual.py).
    bilingual = {code: [n for n in names if "/bilingual/" in n] for code, names in files.items()}
    files = {code: [n for n in names if "/bilingual/" not in n] for code, names in files.items()}
    assert bilingual[site.default_locale] == []
    default = files[site.default_locale]
    assert len(default) >= len(site.keys()) + 4
    for code, names in files.items():
        assert names == default, code
    outside = [p for p in root.iterdir() if p.name not in site.locale_codes]
    assert sorted(p.name for p in outside) == sorted(
        ["index.html", NOT_FOUND_FILE, "sitemap.xml", "static"]
    )
    total = sum(1 for p in root.rglob("*") if p.is_file())
    assert (
        total
        == len(frozen_site.urls)
        == len(default) * len(site.locale_codes)
        + sum(map(len, bilingual.values()))
        + 3
        + len(list((root / "static").iterdir()))
    )


def test_every_get_endpoint_has_a_url_generator(app):
    endpoints = {r.endpoint for r in app.url_map.iter_rules() if "GET" in r.methods}
    generated = set()
    with app.test_request_context():
        for generator in url_generators(app):
            generated |= {endpoint for endpoint, _ in generator(app.extensions["osl_site"])}
    assert endpoints <= generated, endpoints - generated


# -- links ---------------------------------------------------------------------------------------
class References(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action", "data-index") and value:
                self.urls.append(value)


def test_every_internal_link_resolves_to_a_frozen_file(frozen_site):
    root = frozen_site.root
    checked = 0
    for path in frozen_site.html_files():
        parser = References()
        parser.feed(path.read_text(encoding="utf-8"))
        base = frozen_site.url_of(path)
        for reference in parser.urls:
            url = urljoin(base, reference)
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                continue  # another site: the report link, the exit link, sources
            target = file_for(root, parts.path)
            assert target.is_file(), f"{base} links to {reference}: no {target}"
            checked += 1
    assert checked > 1000


def test_every_frozen_page_keeps_the_promises(frozen_site, site):
    for path in frozen_site.html_files():
        url = frozen_site.url_of(path)
        html = path.read_text(encoding="utf-8")
        code = url.split("/")[1] if url.count("/") > 1 else site.default_locale
        info = site.locale(code)
        assert f'<html lang="{code}" dir="{info.dir}">' in html, url
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url
        title = re.search(r"<title>([^<]*)</title>", html).group(1)
        h1 = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1))
        assert title.startswith(h1.strip()), url
        assert f'<a class="report-link" href="{REPORT_URL}" rel="noopener noreferrer">' in html, url
        assert 'class="exit-this-page__button"' in html, url
        assert 'class="not-affiliated"' in html, url
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert " style=" not in html and "<style" not in html, url
        assert 'method="post"' not in html.lower(), url


# -- identical to the live site ------------------------------------------------------------------
STATIC_VARIANTS = re.compile(r"^/$|^/[^/]+/search/$")


def test_frozen_files_are_byte_identical_to_live_responses(frozen_site):
    # The same app, serving live again: content and catalogs are exactly those it froze.
    client = frozen_site.app.test_client()
    compared = 0
    for path in sorted(p for p in frozen_site.root.rglob("*") if p.is_file()):
        url = frozen_site.url_of(path)
        if STATIC_VARIANTS.match(url):
            continue
        response = client.get(url)
        if path.name == NOT_FOUND_FILE:
            assert response.status_code == 404
        elif path.suffix == ".pdf":
            assert path.read_bytes() == FAKE_PDF  # see FAKE_PDF; the route itself answered 200
            continue
        else:
            assert response.status_code == 200, url
        assert response.data == path.read_bytes(), url
        compared += 1
    assert compared > 100


def test_only_the_root_and_search_pages_differ_from_the_live_site(frozen_site, client):
    assert client.get("/").status_code == 302  # the live root still negotiates
    assert client.get("/en/search/").data != file_for(frozen_site.root, "/en/search/").read_bytes()
    assert STATIC_EXPORT not in frozen_site.app.config or not frozen_site.app.config[STATIC_EXPORT]


# -- the language chooser ------------------------------------------------------------------------
def test_frozen_root_is_a_language_chooser(frozen_site, site):
    html = (frozen_site.root / "index.html").read_text(encoding="utf-8")
    assert "http-equiv" not in html  # no meta refresh: the reader chooses
    for info in site.locales:
        link = re.search(
            rf'<a href="/{info.code}/" hreflang="{info.code}" lang="{info.code}">', html
        )
        assert link, info.code
        assert f'<li lang="{info.code}" dir="{info.dir}">' in html
        assert f'<link rel="alternate" hreflang="{info.code}" href="/{info.code}/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="/">' in html
    assert 'class="language-switcher"' in html


# -- search in the export ------------------------------------------------------------------------
def test_frozen_search_page_is_the_static_variant(frozen_site, site):
    for code in site.locale_codes:
        html = file_for(frozen_site.root, f"/{code}/search/").read_text(encoding="utf-8")
        marker = re.search(
            r'<div class="search-results" data-static-search data-index="([^"]+)"', html
        )
        assert marker and marker.group(1) == f"/{code}/search/index.json", code
        # Without JavaScript the page says why there are no results.
        assert "data-static-search-message" in html
        assert '<meta name="robots" content="noindex">' in html


def test_frozen_search_index_is_small_and_points_at_frozen_pages(frozen_site, site):
    for code in site.locale_codes:
        path = file_for(frozen_site.root, f"/{code}/search/index.json")
        assert path.stat().st_size < 400_000, code
        data = json.loads(path.read_text(encoding="utf-8"))
        assert len(data["pages"]) == len(site.keys())
        for page in data["pages"]:
            assert file_for(frozen_site.root, page["url"]).is_file(), page["url"]
            assert page["url"].startswith(f"/{code}/")
            assert page["words"] == page["words"].lower()


# -- the sitemap ---------------------------------------------------------------------------------
def test_sitemap_lists_every_page_in_every_locale_with_alternates(frozen_site, site, app):
    tree = ET.parse(frozen_site.root / "sitemap.xml")
    urls = tree.getroot().findall(f"{SITEMAP}url")
    assert tree.getroot().tag == f"{SITEMAP}urlset"
    assert len(urls) == len(sitemap_entries(app)) * len(site.locale_codes)
    assert len(sitemap_entries(app)) >= len(site.keys()) + 2
    base = app.config["SITE_URL"]
    assert base.startswith("https://")
    locs = set()
    for url in urls:
        loc = url.find(f"{SITEMAP}loc").text
        assert loc.startswith(base + "/"), loc
        assert file_for(frozen_site.root, loc[len(base) :]).is_file(), loc
        locs.add(loc)
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        assert alternates["x-default"].startswith(base + "/en/"), loc
        assert alternates["en"].startswith(base + "/en/"), loc
        for hreflang, href in alternates.items():
            assert href.startswith(base + "/"), href
            assert file_for(frozen_site.root, href[len(base) :]).is_file(), href
    assert len(locs) == len(urls)
    for code in site.locale_codes:
        assert f"{base}/{code}/figures/" in locs


def test_sitemap_alternates_match_each_pages_head(app, client):
    tree = ET.fromstring(client.get("/sitemap.xml").data)
    base = app.config["SITE_URL"]
    for url in tree.findall(f"{SITEMAP}url"):
        loc = url.find(f"{SITEMAP}loc").text[len(base) :]
        html = client.get(loc).get_data(as_text=True)
        head = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
        sitemap = {
            link.get("hreflang"): link.get("href")[len(base) :]
            for link in url.findall(f"{XHTML}link")
        }
        assert head == sitemap, loc


def test_page_endpoint_builds_the_content_urls(app, site):
    with app.test_request_context():
        from flask import url_for

        for section, slug in site.keys():
            endpoint, values = page_endpoint(section, slug)
            assert url_for(endpoint, locale="en", **values) == content_url(section, slug, "en")


# -- the command ---------------------------------------------------------------------------------
def test_freeze_command_refuses_a_folder_that_is_not_an_export(runner, tmp_path):
    (tmp_path / "precious.txt").write_text("keep me")
    result = runner.invoke(args=["freeze", str(tmp_path)])
    assert result.exit_code != 0
    assert "not a previous export" in result.output
    assert (tmp_path / "precious.txt").read_text() == "keep me"


def test_blueprints_can_add_pages_to_the_sitemap(app, monkeypatch):
    from app.views import search

    before = sitemap_entries(app)
    monkeypatch.setattr(search, "sitemap_urls", lambda site: [("search.index", {})], raising=False)
    after = sitemap_entries(app)
    assert len(after) == len(before) + 1
    assert after[-1].endpoint == "search.index"
    assert after[-1].alternates == app.extensions["osl_site"].locale_codes
