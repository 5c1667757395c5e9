"""/<locale>/search/ and its index.json on the fixture content, through the test client."""

import json
import re

import pytest

from app.search import MAX_QUERY_CHARS

RESULT = re.compile(r'<li( lang="(\w+)" dir="ltr")?>\s*<a href="([^"]+)">(.*?)</a>', re.S)


def results(client, path: str) -> list[tuple[str, str, str]]:
    """(lang attribute, href, title HTML) of each result on a search page."""
    response = client.get(path)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    listed = re.search(r'<ol class="lesson-list search-results__list">.*?</ol>', html, re.S)
    return (
        [(m.group(2) or "", m.group(3), m.group(4)) for m in RESULT.finditer(listed.group(0))]
        if listed
        else []
    )


def test_results_link_in_the_reader_locale_with_marked_titles(client):
    found = results(client, "/en/search/?q=guide")
    assert found[0] == ("", "/en/parents/guide/", "A <mark>guide</mark>")
    assert {href for _, href, _ in found} >= {"/en/parents/guide/", "/en/parents/other/"}
    html = client.get("/en/search/?q=guide").get_data(as_text=True)
    assert '<p class="search-results__snippet">A <mark>guide</mark> for parents.</p>' in html


def test_any_word_is_enough(client):
    assert results(client, "/en/search/?q=zzzqqq+guide")[0][1] == "/en/parents/guide/"


def test_an_english_page_shown_in_spanish_is_found_and_marked_as_english(client):
    found = results(client, "/es/search/?q=English")
    assert ("en", "/es/parents/untranslated/", "Only in <mark>English</mark>") in found
    assert results(client, "/es/search/?q=gu%C3%ADa")[0][1] == "/es/parents/guide/"
    assert results(client, "/es/search/?q=guia")[0][1] == "/es/parents/guide/"  # no accent


def test_no_query_no_results_and_no_match(client):
    assert "<ol" not in client.get("/en/search/").get_data(as_text=True)
    html = client.get("/en/search/?q=zzzqqq").get_data(as_text=True)
    assert 'id="search-results-heading"' in html and "<ol" not in html


@pytest.mark.parametrize(
    "query",
    [
        "guide OR x",
        '"guide',
        "NEAR(guide x)",
        "guide*",
        "%00guide%01",
        "<script>guide</script>",
        "x" * (MAX_QUERY_CHARS * 10),
        "%E2%80%AE%F0%9F%98%80",
    ],
)
def test_hostile_queries_are_words(client, query):
    response = client.get(f"/en/search/?q={query}")
    assert response.status_code == 200
    assert "<script>guide" not in response.get_data(as_text=True)


def test_index_json_for_the_browser(client):
    response = client.get("/es/search/index.json")
    assert response.mimetype == "application/json"
    data = json.loads(response.data)
    assert data["locale"] == "es"
    assert set(data) >= {"pages", "terms", "forms", "synonyms", "stop", "particles", "rank"}
    urls = [page["url"] for page in data["pages"]]
    assert "/es/parents/guide/" in urls and "/es/parents/untranslated/" in urls
    lang = {page["url"]: page["lang"] for page in data["pages"]}
    assert lang["/es/parents/guide/"] == "es" and lang["/es/parents/untranslated/"] == "en"
    terms = dict(line.split(" ", 1) for line in data["terms"].split("|"))
    assert "gui" in terms  # guía, folded and stemmed
    assert data["rank"]["weights"] == [10.0, 5.0, 1.0]
