"""sitemap.xml: every content page in every locale, with absolute URLs on the public site, its
hreflang alternates as the page's own head gives them, and its last change."""

import re
import xml.etree.ElementTree as ET

import pytest

from app.content import locale_url

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def sitemap(app):
    response = app.test_client().get("/sitemap.xml")
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    root = ET.fromstring(response.data)
    assert root.tag == f"{SITEMAP}urlset"
    return root.findall(f"{SITEMAP}url")


def entries(sitemap, base):
    """loc path -> (lastmod, {hreflang: path})."""
    found = {}
    for url in sitemap:
        loc = url.find(f"{SITEMAP}loc").text
        assert loc.startswith(base + "/"), loc
        lastmod = url.find(f"{SITEMAP}lastmod")
        alternates = {
            link.get("hreflang"): link.get("href").removeprefix(base)
            for link in url.findall(f"{XHTML}link")
        }
        assert all(link.get("href").startswith(base + "/") for link in url.findall(f"{XHTML}link"))
        found[loc.removeprefix(base)] = (lastmod.text if lastmod is not None else None, alternates)
    return found


def test_every_content_page_is_listed_in_every_locale_once(app, sitemap):
    site = app.extensions["osl"].site
    listed = entries(sitemap, app.config["SITE_URL"])
    assert len(listed) == len(sitemap)  # no loc twice
    for code in site.locale_codes:
        for section, slug in site.keys():
            path = site.pages[(site.default_locale, section, slug)].url_path
            assert locale_url(code, path) in listed, (code, path)
        assert f"/{code}/figures/" in listed and f"/{code}/about/translations/" in listed
    expected = (len(site.keys()) + 2) * len(site.locale_codes)
    assert len(listed) == expected
    assert not [path for path in listed if "/bilingual/" in path or "/search/" in path]


def test_alternates_are_the_locales_that_have_the_page(app, sitemap):
    listed = entries(sitemap, app.config["SITE_URL"])
    assert listed["/es/parents/guide/"] == (
        "2026-01-01",
        {"en": "/en/parents/guide/", "es": "/es/parents/guide/", "x-default": "/en/parents/guide/"},
    )
    # A page shown in English is listed for the Spanish reader, but only English is its language.
    assert listed["/es/parents/untranslated/"][1] == {
        "en": "/en/parents/untranslated/",
        "x-default": "/en/parents/untranslated/",
    }


def test_every_listed_url_is_served_with_the_same_alternates_in_its_head(app, client, sitemap):
    for path, (_, alternates) in entries(sitemap, app.config["SITE_URL"]).items():
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.get_data(as_text=True)
        head = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
        assert head == alternates, path


def test_the_public_site_url_comes_from_the_config(app, monkeypatch):
    monkeypatch.setitem(app.config, "SITE_URL", "https://lessons.example/")
    xml = app.test_client().get("/sitemap.xml").get_data(as_text=True)
    assert "<loc>https://lessons.example/en/</loc>" in xml
    assert "opensafetylessons.org" not in xml
