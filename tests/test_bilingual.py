"""The bilingual view: block splitting and pairing, the pages, their 404s and the links to them."""

import re
from pathlib import Path

import pytest
from flask_babel import force_locale, gettext

from app import create_app
from app.freeze import all_urls
from app.views.bilingual import pair_blocks, pair_by_index, prefix_ids, split_blocks
from tests.test_classroom import make_tree
from tests.test_performance import PAGE_WEIGHT_BUDGET

FIXTURE = Path(__file__).parent / "fixtures" / "content"


# -- pure functions --------------------------------------------------------------------------------
def test_split_blocks_keeps_each_top_level_element_whole():
    html = (
        '<h2 id="a">A</h2>\n<p>One <em>two</em></p>\n'
        "<ul>\n<li><p>nested</p></li>\n<li>x</li>\n</ul>\n"
        '<div class="admonition note"><p>inner</p><div><p>deep</p></div></div>\n'
        "<hr>\n<table><tr><td>1</td></tr></table>\nstray text"
    )
    assert split_blocks(html) == [
        '<h2 id="a">A</h2>',
        "<p>One <em>two</em></p>",
        "<ul>\n<li><p>nested</p></li>\n<li>x</li>\n</ul>",
        '<div class="admonition note"><p>inner</p><div><p>deep</p></div></div>',
        "<hr>",
        "<table><tr><td>1</td></tr></table>",
        "stray text",
    ]


def test_split_blocks_handles_multiline_offsets_and_entities():
    html = "<p>first\nline &amp; more</p>\n\n<blockquote>\n<p>q</p>\n</blockquote>"
    assert split_blocks(html) == [
        "<p>first\nline &amp; more</p>",
        "<blockquote>\n<p>q</p>\n</blockquote>",
    ]


def test_pair_by_index_puts_extras_in_the_last_row():
    assert pair_by_index([1, 2, 3], ["a", "b"]) == [([1], ["a"]), ([2, 3], ["b"])]
    assert pair_by_index([1], ["a", "b", "c"]) == [([1], ["a", "b", "c"])]
    assert pair_by_index([], ["a"]) == [([], ["a"])]
    assert pair_by_index([], []) == []


def test_pair_blocks_aligns_sections_first_and_loses_no_text():
    translated = "<p>intro</p><h2>Uno</h2><p>u1</p><p>u2</p><p>u3</p><h2>Dos</h2><p>d1</p>"
    english = "<p>intro-en</p><p>intro-en-2</p><h2>One</h2><p>o1</p><h2>Two</h2><p>t1</p><p>t2</p>"
    assert pair_blocks(translated, english) == [
        ("<p>intro</p>", "<p>intro-en</p>\n<p>intro-en-2</p>"),
        ("<h2>Uno</h2>", "<h2>One</h2>"),
        # one extra paragraph on the translated side: it joins the section's last row
        ("<p>u1</p>\n<p>u2</p>\n<p>u3</p>", "<p>o1</p>"),
        ("<h2>Dos</h2>", "<h2>Two</h2>"),
        ("<p>d1</p>", "<p>t1</p>\n<p>t2</p>"),
    ]


def test_prefix_ids_prefixes_ids_and_fragment_links_only():
    html = '<h2 id="more">M</h2><a href="#more">x</a><a href="/en/parents/other/#more">y</a>'
    assert prefix_ids(html) == (
        '<h2 id="en-more">M</h2><a href="#en-more">x</a><a href="/en/parents/other/#more">y</a>'
    )


# -- the real site ---------------------------------------------------------------------------------
def ids_of(html):
    return re.findall(r'\sid="([^"]+)"', html)


@pytest.mark.parametrize(
    ("url", "code", "direction", "translated_text", "english_text"),
    [
        ("/es/parents/sextortion/bilingual/", "es", "ltr", "Sextorsión", "Sextortion"),
        ("/ar/parents/sextortion/bilingual/", "ar", "rtl", "الابتزاز", "Sextortion"),
    ],
)
def test_bilingual_page_shows_both_languages(
    client, url, code, direction, translated_text, english_text
):
    response = client.get(url)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'<html lang="{code}" dir="{direction}">' in html
    assert html.count("<h1") == 1
    rows = html.split('<div class="bilingual__row">')[1:]
    assert len(rows) > 5
    for row in rows:
        assert row.startswith(f'<div lang="{code}" dir="{direction}">')
        assert row.count('<div lang="en" dir="ltr">') == 1
    assert translated_text in html and english_text in html
    assert '<p class="bilingual__title" lang="en" dir="ltr">' in html
    ids = ids_of(html)
    assert len(ids) == len(set(ids))
    assert any(i.startswith("en-") for i in ids)


def test_english_unknown_and_index_have_no_bilingual_view(client):
    assert client.get("/en/parents/sextortion/bilingual/").status_code == 404
    assert client.get("/es/parents/no-such-lesson/bilingual/").status_code == 404
    assert client.get("/es/parents/_index/bilingual/").status_code == 404
    assert client.get("/en/classroom/parent-night/bilingual/").status_code == 404
    assert client.get("/es/classroom/no-such-plan/bilingual/").status_code == 404
    assert client.get("/es/classroom/_index/bilingual/").status_code == 404
    assert client.get("/es/pages/about/bilingual/").status_code == 404


# -- classroom plans: their handouts only ----------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "code", "direction", "title", "translated_text", "english_text"),
    [
        (
            "/es/classroom/parent-night/bilingual/",
            "es",
            "ltr",
            "Noche para padres: cómo proteger",
            "Hoja para la familia",
            "Family sheet",
        ),
        (
            "/ar/classroom/think-before-you-post/bilingual/",
            "ar",
            "rtl",
            "فكّر قبل أن تنشر",
            "ورقة عمل الطالب",
            "Student worksheet",
        ),
    ],
)
def test_classroom_bilingual_pairs_the_handouts_only(
    client, url, code, direction, title, translated_text, english_text
):
    response = client.get(url)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'<html lang="{code}" dir="{direction}">' in html
    assert html.count("<h1") == 1 and f"<h1>{title}" in html
    assert f"<title>{title}" in html
    with client.application.test_request_context(f"/{code}/"), force_locale(code.replace("-", "_")):
        note = gettext("Student worksheet and family note, side by side with English")
    assert note != "Student worksheet and family note, side by side with English"  # translated
    assert note in html
    rows = html.split('<div class="bilingual__row">')[1:]
    assert len(rows) > 3
    for row in rows:
        assert row.startswith(f'<div lang="{code}" dir="{direction}">')
        assert row.count('<div lang="en" dir="ltr">') == 1
    assert translated_text in html and english_text in html
    body = html.split('<div class="bilingual__rows')[1]
    # Only .handout sections: no timed step of the plan is paired.
    assert 'class="handout"' in body and 'class="step"' not in body
    ids = ids_of(html)
    assert len(ids) == len(set(ids))
    assert any(i.startswith("en-") for i in ids)


def test_every_classroom_bilingual_page_is_within_the_page_budget(app, client):
    site = app.extensions["osl_site"]
    assets = client.get("/en/").get_data(as_text=True)
    asset_urls = re.findall(r'<link rel="stylesheet" href="([^"]+)"|<script src="([^"]+)"', assets)
    asset_bytes = sum(len(client.get(a or b).data) for a, b in asset_urls)
    measured = 0
    for code, section, slug in sorted(site.pages):
        if code == "en" or section != "classroom" or slug == "_index":
            continue
        response = client.get(f"/{code}/classroom/{slug}/bilingual/")
        assert response.status_code == 200, (code, slug)
        assert len(response.data) + asset_bytes <= PAGE_WEIGHT_BUDGET, (code, slug)
        measured += 1
    assert measured >= 4 * 6


def test_classroom_plans_link_to_their_handouts_bilingual_view(client):
    html = client.get("/es/classroom/parent-night/").get_data(as_text=True)
    # Once, beside the plan's other formats: not the whole-lesson link at the top.
    assert html.count('href="/es/classroom/parent-night/bilingual/"') == 1
    assert html.index("/es/classroom/parent-night/handout/") < html.index(
        "/es/classroom/parent-night/bilingual/"
    )
    assert "/bilingual/" not in client.get("/en/classroom/parent-night/").get_data(as_text=True)
    bilingual = client.get("/es/classroom/parent-night/bilingual/").get_data(as_text=True)
    assert 'href="/es/classroom/parent-night/"' in bilingual
    assert 'hreflang="en"' not in bilingual
    assert 'href="/ar/classroom/parent-night/bilingual/"' in bilingual


def test_untranslated_plan_has_no_bilingual_view_and_no_link(tmp_path):
    app = create_app(
        {"TESTING": True, "CONTENT_DIR": make_tree(tmp_path / "content"), "PAGE_CACHE": False}
    )
    client = app.test_client()
    assert client.get("/ar/classroom/fixture-plan/bilingual/").status_code == 200
    assert client.get("/ar/classroom/families-evening/bilingual/").status_code == 404
    assert client.get("/es/classroom/fixture-plan/bilingual/").status_code == 404
    fallback = client.get("/ar/classroom/families-evening/").get_data(as_text=True)
    assert "/bilingual/" not in fallback


def test_translated_lessons_link_to_the_bilingual_view(client):
    html = client.get("/es/parents/sextortion/").get_data(as_text=True)
    assert 'href="/es/parents/sextortion/bilingual/"' in html
    english = client.get("/en/parents/sextortion/").get_data(as_text=True)
    assert "/bilingual/" not in english
    bilingual = client.get("/es/parents/sextortion/bilingual/").get_data(as_text=True)
    assert 'href="/es/parents/sextortion/"' in bilingual
    # The switcher offers only locales that have a bilingual view: never English.
    assert (
        'hreflang="en"' not in bilingual and 'href="/vi/parents/sextortion/bilingual/"' in bilingual
    )


@pytest.fixture(scope="module")
def fixture_app():
    return create_app({"TESTING": True, "CONTENT_DIR": FIXTURE, "PAGE_CACHE": False})


def test_fallback_page_has_no_bilingual_view_and_no_link(fixture_app):
    client = fixture_app.test_client()
    assert client.get("/es/parents/untranslated/bilingual/").status_code == 404
    assert "/bilingual/" not in client.get("/es/parents/untranslated/").get_data(as_text=True)
    guide = client.get("/es/parents/guide/bilingual/")
    assert guide.status_code == 200
    html = guide.get_data(as_text=True)
    # The English column's in-page ids are prefixed; the translated column keeps its own.
    assert 'id="en-more"' in html
    ids = ids_of(html)
    assert len(ids) == len(set(ids))


def test_static_export_lists_every_bilingual_view(app):
    with app.test_request_context():
        urls = [values for endpoint, values in all_urls(app) if endpoint == "bilingual.lesson"]
    site = app.extensions["osl_site"]
    expected = [
        {"locale": code, "section": section, "slug": slug}
        for (code, section, slug) in sorted(site.pages)
        if code != "en" and section in ("parents", "classroom") and slug != "_index"
    ]
    assert urls == expected and len(urls) >= 4 * (9 + 6)
    assert {"locale": "ar", "section": "classroom", "slug": "parent-night"} in urls


def test_pairs_are_computed_once_per_page(app, client):
    client.get("/vi/parents/sextortion/bilingual/")
    cache = app.extensions["osl_bilingual"]
    rows = cache[("vi", "parents", "sextortion")]
    # A query string keeps the page cache out of the way (tests/test_performance.py): the view runs.
    client.get("/vi/parents/sextortion/bilingual/?again")
    assert cache[("vi", "parents", "sextortion")] is rows
