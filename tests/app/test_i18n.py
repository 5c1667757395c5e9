"""Locales: in the URL, never in a cookie; Accept-Language decides only where / redirects; every
locale gets its language, direction and translated chrome."""

import re
from pathlib import Path

import pytest

from app.i18n import negotiate
from tests.support.apps import make_app
from tests.support.trees import classroom_tree

TEMPLATES = Path(__file__).resolve().parents[2] / "app" / "templates"
AVAILABLE = ("en", "es", "zh-Hans", "ar")


@pytest.fixture(scope="module")
def rtl_client(tmp_path_factory):
    """The fixture tree with plans in Arabic and Chinese: four locales, one right to left."""
    root = classroom_tree(tmp_path_factory.mktemp("i18n") / "content")
    return make_app(root).test_client()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "en"),
        ("", "en"),
        ("de-DE,de;q=0.9", "en"),
        ("es-MX,es;q=0.9,en;q=0.8", "es"),
        ("ES", "es"),
        ("en;q=0.5, es;q=0.9", "es"),
        ("fr-CA, es;q=0.5", "es"),
        ("*", "en"),
        ("x" * 5000, "en"),
        ("es;q=garbage, ;;;,", "en"),
        ("ar-EG", "ar"),
        ("zh-CN", "zh-Hans"),
        ("zh", "zh-Hans"),
        ("zh-Hans-SG", "zh-Hans"),
        # Traditional Chinese readers are never sent to Simplified Chinese.
        ("zh-TW", "en"),
        ("zh-HK,zh;q=0.5", "zh-Hans"),
        ("zh-Hant", "en"),
        ("zh-Hant-TW, es;q=0.1", "es"),
    ],
)
def test_negotiate_picks_the_best_available_locale(header, expected):
    assert negotiate(header, AVAILABLE, "en") == expected


@pytest.mark.parametrize(
    ("header", "expected"), [(None, "/en/"), ("es-MX,es;q=0.9", "/es/"), ("de", "/en/")]
)
def test_the_root_redirects_by_accept_language_and_says_so(client, header, expected):
    response = client.get("/", headers={"Accept-Language": header} if header else {})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(expected)
    assert "Accept-Language" in response.headers["Vary"]
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("url", ["/en/", "/en/parents/guide/", "/es/parents/", "/nowhere/"])
def test_accept_language_never_changes_any_other_page(client, url):
    plain = client.get(url)
    asked = client.get(url, headers={"Accept-Language": "es, ar;q=0.9"})
    assert asked.status_code == plain.status_code != 302
    assert asked.data == plain.data
    assert "Accept-Language" not in asked.headers.get("Vary", "")


def test_the_locale_is_never_remembered(client):
    response = client.get("/es/parents/guide/")
    assert "Set-Cookie" not in response.headers
    assert client.get("/").headers["Location"].endswith("/en/")


@pytest.mark.parametrize(
    ("url", "code", "direction"),
    [
        ("/en/parents/guide/", "en", "ltr"),
        ("/es/parents/guide/", "es", "ltr"),
        ("/ar/parents/guide/", "ar", "rtl"),
        ("/zh-Hans/classroom/fixture-plan/", "zh-Hans", "ltr"),
        ("/ar/classroom/fixture-plan/", "ar", "rtl"),
    ],
)
def test_every_locale_has_its_language_direction_and_chrome(rtl_client, url, code, direction):
    html = rtl_client.get(url).get_data(as_text=True)
    assert f'<html lang="{code}" dir="{direction}">' in html
    assert ("Skip to main content" in html) == (code == "en")  # the chrome is translated
    assert 'hreflang="x-default" href="/en/' in html


def test_english_content_in_a_right_to_left_locale_stays_left_to_right(rtl_client):
    html = rtl_client.get("/ar/parents/guide/").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html
    assert '<article class="content" lang="en" dir="ltr">' in html
    assert 'href="/ar/parents/other/#more"' in html  # its links stay in Arabic


def test_numbers_are_formatted_for_the_locale(client):
    assert "5,863" in client.get("/en/parents/guide/").get_data(as_text=True)
    assert "5.863" in client.get("/es/parents/guide/").get_data(as_text=True)


def test_the_translations_page_names_each_locale_in_its_own_language(rtl_client):
    for code in AVAILABLE:
        response = rtl_client.get(f"/{code}/about/translations/")
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        for other, name in (("en", "English"), ("es", "español"), ("ar", "العربية")):
            assert f'<span lang="{other}">{name}</span>' in html, code


def test_templates_translate_every_attribute_text():
    """alt, title, aria-label and placeholder text always goes through gettext."""
    checked = 0
    for path in TEMPLATES.rglob("*.html"):
        for match in re.finditer(
            r'\b(alt|title|aria-label|placeholder)="([^"]*)"', path.read_text()
        ):
            value = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", match.group(2))
            assert not re.search(r"[A-Za-z]", value), (path.name, match.group(0))
            checked += 1
    assert checked > 5
