"""The bilingual view through the app: a translated lesson or plan beside its English text, the
links to and from it, and 404s for everything that has no translation to pair."""

import re

import pytest

from tests.support.apps import make_app
from tests.support.trees import AR_TITLE, AR_WORKSHEET, classroom_tree


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    root = classroom_tree(tmp_path_factory.mktemp("bilingual") / "content")
    return make_app(root).test_client()


def ids_of(html: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', html)


def rows_of(html: str) -> list[str]:
    return html.split('<div class="bilingual__row">')[1:]


def test_a_translated_lesson_is_shown_beside_its_english_text(client):
    response = client.get("/es/parents/guide/bilingual/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="es" dir="ltr">' in html
    assert html.count("<h1") == 1 and "<h1>Una guía</h1>" in html
    assert '<p class="bilingual__title" lang="en" dir="ltr">A guide</p>' in html
    rows = rows_of(html)
    # The translation has no "More" section: the English one joins the last (only) row.
    assert len(rows) == 1
    for row in rows:
        assert row.startswith('<div lang="es" dir="ltr">')
        assert row.count('<div lang="en" dir="ltr">') == 1
    assert "En el estudio de" in rows[0] and "In the study of" in rows[0]
    # The English column links to English pages; its ids are prefixed, never repeated.
    assert 'href="/en/parents/other/#more"' in rows[0]
    assert 'id="en-more"' in rows[0]
    assert len(ids_of(html)) == len(set(ids_of(html)))


def test_a_translated_plan_is_paired_whole_right_to_left(plans):
    html = plans.get("/ar/classroom/fixture-plan/bilingual/").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html and f"<h1>{AR_TITLE}</h1>" in html
    rows = rows_of(html)
    assert len(rows) > 10
    assert all(row.startswith('<div lang="ar" dir="rtl">') for row in rows)
    body = html.split('<div class="bilingual__rows')[1]
    for text in (AR_WORKSHEET, "Student worksheet", 'class="step"', "Letter home", "Stay calm."):
        assert text in body, text
    assert len(ids_of(html)) == len(set(ids_of(html)))


@pytest.mark.parametrize(
    "url",
    [
        "/en/parents/guide/bilingual/",  # English itself
        "/es/parents/untranslated/bilingual/",  # shown in English: nothing to pair
        "/es/parents/no-such-lesson/bilingual/",
        "/es/parents/_index/bilingual/",
        "/es/pages/about/bilingual/",
        "/es/about/bilingual/",
        "/xx/parents/guide/bilingual/",
    ],
)
def test_there_is_no_bilingual_view_without_a_translation_to_pair(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/en/classroom/fixture-plan/bilingual/",
        "/ar/classroom/families-evening/bilingual/",
        "/es/classroom/fixture-plan/bilingual/",
        "/ar/classroom/_index/bilingual/",
    ],
)
def test_an_untranslated_plan_has_no_bilingual_view(plans, url):
    assert plans.get(url).status_code == 404


def test_translated_pages_link_to_their_bilingual_view_and_back(client, plans):
    assert 'href="/es/parents/guide/bilingual/"' in client.get("/es/parents/guide/").get_data(
        as_text=True
    )
    plan = plans.get("/ar/classroom/fixture-plan/").get_data(as_text=True)
    assert plan.count('href="/ar/classroom/fixture-plan/bilingual/"') == 1
    bilingual = client.get("/es/parents/guide/bilingual/").get_data(as_text=True)
    assert '<a href="/es/parents/guide/">' in bilingual  # back to the lesson
    for url in ("/en/parents/guide/", "/es/parents/untranslated/", "/es/parents/"):
        assert "/bilingual/" not in client.get(url).get_data(as_text=True), url
    assert "/bilingual/" not in plans.get("/ar/classroom/families-evening/").get_data(as_text=True)


def test_the_switcher_offers_only_locales_with_a_bilingual_view(plans):
    html = plans.get("/ar/classroom/fixture-plan/bilingual/").get_data(as_text=True)
    assert 'href="/zh-Hans/classroom/fixture-plan/bilingual/"' in html
    assert 'hreflang="en"' not in html.split("<main")[0]  # neither a link nor an alternate
    assert 'hreflang="x-default"' not in html


def test_a_stale_translation_links_to_the_english_lesson(client):
    html = client.get("/es/parents/other/bilingual/").get_data(as_text=True)
    assert "notice--stale" in html
    assert 'href="/en/parents/other/" hreflang="en" lang="en"' in html
    assert client.get("/en/parents/other/").status_code == 200
