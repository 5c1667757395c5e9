"""Every frozen page keeps the site's promises, in its own language, and links only to files
the export wrote (or to the few sites a reader is sent to for help)."""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import urljoin, urlsplit

import pytest
from babel.support import Translations

from tests.export.frozen import NOT_FOUND_FILE, Tags

pytestmark = pytest.mark.slow

EXIT_HOST = "www.weather.gov"
# Attributes that make the browser fetch something, or send the reader somewhere.
FETCHED = {"link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}
TOC_TITLE = "On this page"


def catalog(app, code: str) -> Translations:
    return Translations.load(app.config["TRANSLATIONS_DIR"], [code])


@pytest.fixture(scope="module")
def pages(frozen, site):
    """(url, locale, html, tags) of every frozen HTML page."""
    found = []
    for path in frozen.html_files():
        html = path.read_text(encoding="utf-8")
        found.append(
            (frozen.url_of(path), frozen.locale_of(path, site.default_locale), html, Tags(html))
        )
    assert len(found) > 400
    return found


def test_every_frozen_page_keeps_the_promises(frozen, site, pages):
    report = frozen.app.config["REPORT_URL"]
    for url, code, html, _ in pages:
        info = site.locale(code)
        assert f'<html lang="{code}" dir="{info.dir}">' in html, url
        assert len(re.findall(r"<h1[\s>]", html)) == 1, url
        title = re.search(r"<title>([^<]*)</title>", html).group(1)
        h1 = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1))
        assert title.startswith(h1.strip()), url
        assert f'<a class="report-link" href="{report}" rel="noopener noreferrer">' in html, url
        assert 'class="exit-this-page__button"' in html, url
        assert 'class="not-affiliated"' in html, url
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert " style=" not in html and "<style" not in html, url
        assert 'method="post"' not in html.lower(), url


def test_no_page_loads_anything_from_another_site(pages):
    for url, _, _, tags in pages:
        for tag, attrs in tags.tags:
            value = attrs.get(FETCHED.get(tag, ""), "") or attrs.get("srcset", "")
            if tag == "form":
                value = attrs.get("action", "")
            parts = urlsplit(value)
            assert not (parts.scheme or parts.netloc), (url, tag, value)


def test_links_to_other_sites_go_only_where_a_reader_is_sent_for_help(frozen, pages):
    allowed = {*frozen.app.config["ALLOWED_LINK_HOSTS"], EXIT_HOST}
    hosts = set()
    for url, _, _, tags in pages:
        for tag, attrs in tags.tags:
            parts = urlsplit(attrs.get("href", "")) if tag == "a" else None
            if parts and parts.netloc:
                assert parts.scheme == "https", (url, attrs["href"])
                assert parts.netloc in allowed, (url, attrs["href"])
                assert "noreferrer" in attrs.get("rel", ""), (url, attrs["href"])
                hosts.add(parts.netloc)
    assert {"report.cybertip.org", EXIT_HOST} <= hosts


def test_every_internal_link_resolves_to_a_frozen_file(frozen, pages):
    checked = 0
    for url, _, _, tags in pages:
        for tag, attrs in tags.tags:
            for name in ("href", "src", "action", "data-index"):
                reference = attrs.get(name)
                if not reference:
                    continue
                parts = urlsplit(urljoin(url, reference))
                if parts.scheme or parts.netloc:
                    continue  # another site: the report link, the exit link, sources
                target = frozen.file_for(parts.path)
                assert target.is_file(), f"{url} links to {reference}: no {target}"
                checked += 1
    assert checked > 10_000


def test_subresource_integrity_matches_the_frozen_files(frozen, pages):
    """A browser refuses a stylesheet or script whose bytes do not match its integrity hash."""
    for url, _, _, tags in pages:
        loaded = [
            a
            for t, a in tags.tags
            if (t, a.get("rel")) in (("link", "stylesheet"), ("script", None))
        ]
        assert len(loaded) == 2, url
        for attrs in loaded:
            data = frozen.file_for(attrs.get("href") or attrs["src"]).read_bytes()
            digest = base64.b64encode(hashlib.sha384(data).digest()).decode()
            assert attrs.get("integrity") == f"sha384-{digest}", url


def test_every_page_is_in_its_own_locales_interface_language(frozen, site, pages):
    """One app context renders every page: no locale may leak into the next page's interface."""
    skip_link = {}
    for url, code, html, _ in pages:
        text = re.search(r'<a class="skip-link" href="#main">([^<]+)</a>', html).group(1)
        assert skip_link.setdefault(code, text) == text, (url, code, text)
    assert len(set(skip_link.values())) == len(site.locale_codes), skip_link
    for url, code, html, _ in pages:
        if code != site.default_locale:
            assert TOC_TITLE not in html, url


def test_the_frozen_arabic_sextortion_page_has_arabic_interface_text(frozen):
    html = frozen.file_for("/ar/parents/sextortion/").read_text(encoding="utf-8")
    arabic = catalog(frozen.app, "ar").gettext(TOC_TITLE)
    assert arabic != TOC_TITLE
    assert arabic in html and TOC_TITLE not in html
    english = frozen.file_for("/en/parents/sextortion/").read_text(encoding="utf-8")
    assert TOC_TITLE in english  # the check above can fail: the page has a table of contents


def test_the_frozen_404_page_is_the_english_404(frozen, live):
    html = (frozen.root / NOT_FOUND_FILE).read_text(encoding="utf-8")
    assert '<html lang="en" dir="ltr">' in html
    assert "<h1>Page not found</h1>" in html
    # What a static host sends for any missing path is what the live site says in English.
    response = live.get("/en/no-such-page/")
    assert response.status_code == 404
    assert response.get_data(as_text=True) == html
