"""Search: every language, hostile queries, safe snippets, ranking, and the static index."""

import json
import logging
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import create_app
from app.search import MAX_QUERY_CHARS, SearchIndex, clean_query, fold, query_terms
from tests.crawl import html_pages

FIXTURE = Path(__file__).parent / "fixtures" / "content"
SOURCE_HASH = "sha256:" + "0" * 64


def lesson(title: str, summary: str, body: str, *, translated: bool = True) -> str:
    translation = (
        f'\n[translation]\nsource_hash = "{SOURCE_HASH}"\ntranslated_on = 2026-01-02\n'
        'machine_assisted = false\nreviewed_by = "A reviewer"\n'
        if translated
        else ""
    )
    return (
        f'+++\ntitle = "{title}"\nsummary = "{summary}"\naudience = "parents"\norder = 5\n'
        f"updated = 2026-01-01\nsources = []\n{translation}+++\n\n{body}\n"
    )


# English pages added to the fixture tree for these tests (section "parents").
ENGLISH = {
    "grooming": lesson("Grooming explained", "What it is.", "A short page.", translated=False),
    "other-words": lesson(
        "Other words",
        "Something else.",
        " ".join(["Grooming is a process."] * 30),
        translated=False,
    ),
    "scripts": lesson(
        "Messages with code",
        "Odd messages.",
        'A stranger may paste `<script>alert("hi")</script>` into a chat. Ignore it.',
        translated=False,
    ),
}
# Translations of the fixture's "guide" lesson.
TRANSLATIONS = {
    "zh-Hans": lesson(
        "指南", "给家长的指南。", "网络引诱是指有人在网上接触儿童。性勒索是一种犯罪，请立即举报。"
    ),
    "vi": lesson(
        "Hướng dẫn",
        "Hướng dẫn cho cha mẹ.",
        "Đừng xóa tin nhắn. Trẻ em cần được bảo vệ khỏi kẻ lạ trên mạng.",
    ),
    "ar": lesson("دليل", "دليل للآباء.", "الابتزاز الجنسي جريمة. أبلغ عنه فوراً."),
}


@pytest.fixture(scope="module")
def search_app(tmp_path_factory):
    root = tmp_path_factory.mktemp("search") / "content"
    shutil.copytree(FIXTURE, root)
    for slug, text in ENGLISH.items():
        (root / "en" / "parents" / f"{slug}.md").write_text(text)
    for code, text in TRANSLATIONS.items():
        (root / code / "parents").mkdir(parents=True)
        (root / code / "parents" / "guide.md").write_text(text)
    app = create_app({"TESTING": True, "CONTENT_DIR": root})
    assert not app.extensions["osl_site"].problems, app.extensions["osl_site"].problems
    return app


@pytest.fixture
def search_client(search_app):
    return search_app.test_client()


@pytest.fixture
def index(search_app) -> SearchIndex:
    return search_app.extensions["osl_search"]


def search(client, locale: str, query: str):
    response = client.get(f"/{locale}/search/", query_string={"q": query})
    return response, response.get_data(as_text=True)


def result_links(html: str) -> list[str]:
    results = re.search(r'<ol class="lesson-list search-results__list">(.*?)</ol>', html, re.S)
    return re.findall(r'<li[^>]*>\s*<a href="([^"]+)"', results.group(1)) if results else []


# -- languages -----------------------------------------------------------------------------------
@pytest.mark.parametrize("query", ["性勒索", "勒索", "网上接触", "举报", "指南"])
def test_chinese_query_finds_the_chinese_page(search_client, query):
    response, html = search(search_client, "zh-Hans", query)
    assert response.status_code == 200
    assert result_links(html)[0] == "/zh-Hans/parents/guide/"
    assert f"<mark>{query}</mark>" in html


def test_chinese_query_for_words_not_there_finds_nothing(search_client):
    response, html = search(search_client, "zh-Hans", "火车站")
    assert response.status_code == 200
    assert result_links(html) == []
    assert '<section class="search-results"' in html  # the "no results" message, in Chinese


@pytest.mark.parametrize("query", ["tre em", "Trẻ em", "TRE EM", "dung xoa", "Đừng xóa", "bao ve"])
def test_vietnamese_matches_with_or_without_diacritics(search_client, query):
    response, html = search(search_client, "vi", query)
    assert response.status_code == 200
    assert result_links(html)[:1] == ["/vi/parents/guide/"]
    assert "<mark>" in html


@pytest.mark.parametrize("query", ["ابتزاز", "الابتزاز", "جريمة"])
def test_arabic_matches_with_or_without_the_article(search_client, query):
    response, html = search(search_client, "ar", query)
    assert result_links(html)[:1] == ["/ar/parents/guide/"]


def test_english_pages_without_a_translation_are_found_in_every_locale(search_client):
    for code in ("es", "vi", "zh-Hans", "ar"):
        _, html = search(search_client, code, "Text only in English")
        assert f"/{code}/parents/untranslated/" in result_links(html), code
        # The English result is marked as English inside the other language's page.
        assert re.search(r'<li lang="en" dir="ltr">\s*<a href="/' + code, html), code


def test_a_locale_only_finds_its_own_translation_not_the_english_original(search_client):
    _, english = search(search_client, "en", "guide")
    _, spanish = search(search_client, "es", "guía")
    assert "/en/parents/guide/" in result_links(english)
    assert result_links(spanish)[:1] == ["/es/parents/guide/"]
    _, spanish_for_english_word = search(search_client, "es", "username")
    assert "/es/parents/guide/" not in result_links(spanish_for_english_word)


def test_english_words_match_their_other_forms(search_client):
    _, html = search(search_client, "en", "reports")  # the page says "report"
    assert "/en/parents/guide/" in result_links(html)


# -- ranking and snippets ------------------------------------------------------------------------
def test_title_matches_rank_first(search_client):
    _, html = search(search_client, "en", "grooming")
    links = result_links(html)
    assert links[0] == "/en/parents/grooming/"
    assert "/en/parents/other-words/" in links[1:]


def test_snippets_escape_page_text_and_only_add_mark(search_client):
    response, html = search(search_client, "en", "alert")
    assert result_links(html) == ["/en/parents/scripts/"]
    snippet = re.search(r'<p class="search-results__snippet">(.*?)</p>', html, re.S).group(1)
    assert "&lt;script&gt;<mark>alert</mark>(&#34;hi&#34;)&lt;/script&gt;" in snippet
    assert re.sub(r"</?mark>", "", snippet).count("<") == 0
    assert "<script>alert" not in html


def test_results_show_title_section_and_link(search_client):
    _, html = search(search_client, "en", "guide")
    item = re.search(r'<li>\s*<a href="/en/parents/guide/">(.*?)</li>', html, re.S).group(1)
    assert "<mark>guide</mark>" in item.lower()
    assert '<p class="meta">Fixture parents</p>' in item


# -- hostile and odd queries ---------------------------------------------------------------------
HOSTILE = [
    '"',
    '""',
    '"guide',
    "*",
    "guide*",
    "NEAR(guide lesson)",
    "guide NEAR lesson",
    "AND",
    "guide AND",
    "OR OR OR",
    "NOT guide",
    "(",
    ")",
    "((guide",
    "title:guide",
    "{title}: guide",
    "^guide",
    "-guide",
    "guide + lesson",
    "'; DROP TABLE pages_0; --",
    "\x00",
    "guide\x00lesson",
    "\u200b\u202e",
    "\u0301",
    "a" * 1500,
    "🙂",
    "",
    "   ",
]


@pytest.mark.parametrize("query", HOSTILE, ids=[repr(q[:20]) for q in HOSTILE])
def test_hostile_queries_are_answered_normally(search_client, query):
    response, html = search(search_client, "en", query)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert "<h1>Search</h1>" in html


@pytest.mark.parametrize("query", ['"guide', "guide*", "((guide", "guide)", '"guide" "', "^guide:"])
def test_syntax_characters_are_just_text(search_client, query):
    _, html = search(search_client, "en", query)
    assert "/en/parents/guide/" in result_links(html)


def test_near_and_or_are_words_not_operators(index):
    # "guide OR nonsense" as FTS5 syntax would find the guide; as words, no page has both.
    assert index.search("en", "guide OR zzzqqq") == []
    assert index.search("en", "guide AND NOT guide") == []


def test_a_10000_character_query_is_cut_not_an_error(search_client, index):
    query = "guide " + "x" * 10_000
    assert clean_query(query) == "guide"  # a word cut in half is left out
    assert clean_query("x" * 10_000) == "x" * MAX_QUERY_CHARS
    assert len(clean_query("guide " * 2000)) <= MAX_QUERY_CHARS
    assert [r.page.slug for r in index.search("en", "guide " * 2000)][:1] == ["guide"]
    assert index.search("en", "x" * 10_000 + " guide") == []
    # Through HTTP a query that long is refused by the URL limit with a clean 414 page.
    response, html = search(search_client, "en", query)
    assert response.status_code == 414
    assert "<h1>" in html
    response, _ = search(search_client, "en", "guide " + "x" * 1800)
    assert response.status_code == 200


def test_a_database_error_shows_no_results(search_client, index, monkeypatch):
    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("fts5: syntax error")

    monkeypatch.setattr(index, "_search_words", broken)
    response, html = search(search_client, "en", "guide")
    assert response.status_code == 200
    assert "No pages match your search" in html


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=300))
def test_any_text_is_a_query(index, query):
    for code in ("en", "zh-Hans", "vi", "ar"):
        assert isinstance(index.search(code, query), list)


def test_clean_query_strips_controls_and_caps_length():
    assert clean_query("  a\x00b\tc\n ") == "ab c"
    assert clean_query("x" * 500) == "x" * MAX_QUERY_CHARS
    assert query_terms('"NEAR(a, b)" AND c*') == ["NEAR", "a", "b", "AND", "c"]
    assert query_terms("Trẻ em") == ["Trẻ", "em"]
    assert query_terms("\u0301 word") == ["word"]


def test_queries_are_never_logged(search_client, caplog):
    with caplog.at_level(logging.DEBUG):
        search(search_client, "en", "secretword123")
        search(search_client, "en", '"((secretword456')
    assert "secretword" not in caplog.text


# -- the page ------------------------------------------------------------------------------------
def test_search_page_is_noindex_with_a_plain_get_form(search_client):
    response, html = search(search_client, "en", "guide")
    assert '<meta name="robots" content="noindex">' in html
    forms = re.findall(r"<form\b[^>]*>", html)
    assert forms == ['<form class="search-form" role="search" action="/en/search/" method="get">']
    assert '<label class="visually-hidden" for="site-search-q">' in html
    assert 'name="q" value="guide"' in html
    assert "data-static-search" not in html


def test_search_page_without_a_query_lists_nothing(search_client):
    response, html = search(search_client, "es", "")
    assert response.status_code == 200
    assert '<html lang="es" dir="ltr">' in html
    assert "search-results" not in html and "No pages match" not in html


def test_every_page_has_the_search_form_in_its_header(crawled):
    for url, response in html_pages(crawled).items():
        html = response.get_data(as_text=True)
        code = url.split("/")[1]
        assert f'role="search" action="/{code}/search/" method="get"' in html, url
        assert 'method="post"' not in html.lower(), url


def test_the_search_form_leads_to_results_in_the_real_content(client):
    response = client.get("/en/search/", query_string={"q": "sextortion"})
    assert response.status_code == 200
    assert "/en/parents/sextortion/" in result_links(response.get_data(as_text=True))


# -- the static export's index -------------------------------------------------------------------
def test_static_index_lists_every_page_with_folded_words(search_client, search_app):
    site = search_app.extensions["osl_site"]
    response = search_client.get("/vi/search/index.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = json.loads(response.data)
    assert data["locale"] == "vi"
    assert len(data["pages"]) == len(site.keys())
    by_url = {page["url"]: page for page in data["pages"]}
    guide = by_url["/vi/parents/guide/"]
    assert guide["title"] == "Hướng dẫn" and guide["lang"] == "vi"
    assert guide["section"] == "Fixture parents"
    assert {"dung", "xoa", "tre", "em", "huong", "dan"} <= set(guide["words"].split())
    assert by_url["/vi/parents/untranslated/"]["lang"] == "en"
    assert "性勒索" in search_client.get("/zh-Hans/search/index.json").get_data(as_text=True)


def test_fold_matches_the_static_search_in_site_js():
    assert fold("Đừng XÓA ảnh") == "dung xoa anh"
    script = (Path(__file__).resolve().parent.parent / "static" / "site.js").read_text()
    section = script.split("== Static export search")[1].split("== end of static export search")[0]
    assert 'normalize("NFKD")' in section and "toLowerCase()" in section
    assert "innerHTML" not in section  # results are built with textContent only


def test_words_on_most_pages_still_decide_which_pages_match(index):
    common = sorted(index._common["en"])
    assert common, "the fixture has enough pages for some words to be common"
    table = index.tables["en"]
    connection = index._connect()

    def fts(expression):
        rows = connection.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", [expression])
        return {index.documents["en"][row[0]].page.slug for row in rows}

    for word in common[:5]:
        results = index.search("en", word)
        assert {r.page.slug for r in results} == fts(f'"{word}"'), word
        titled = fts(f'title : "{word}"')
        in_title = [r.page.slug in titled for r in results]
        assert in_title == sorted(in_title, reverse=True), word  # title matches first
    mixed = index.search("en", f"grooming {common[0]}")
    assert {r.page.slug for r in mixed} == fts(f'"grooming" AND "{common[0]}"')


def test_a_word_is_common_exactly_when_fts5_finds_it_on_most_pages(index):
    # Counted as FTS5 matches: "reports" is as common as the stem "report" it shares with
    # "reporting", though the word itself may be on few pages.
    for code in ("en", "es", "vi", "ar"):
        table, documents = index.tables[code], index.documents[code]
        connection = index._connect()
        words = sorted({w for d in documents for w in re.findall(r"[^\W\d_]+", d.folded)})
        assert len(documents) >= 10 and words
        for word in words:
            pages = connection.execute(
                f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", [f'"{word}"']
            ).fetchone()[0]
            assert (pages > len(documents) / 2) == (word in index._common[code]), (code, word)


def reference_order(index, locale, needles):
    """Every page holding every needle: the whole query in the title first, then pages whose
    title holds the first needle, then by where the first needle first appears."""
    hits = []
    for rowid, document in enumerate(index.documents[locale]):
        folded, title_end = document.folded, document.starts[1]
        if not all(n in folded for n in needles):
            continue
        first = folded.find(needles[0])
        all_in_title = all(folded.find(n, 0, title_end) >= 0 for n in needles)
        hits.append((not all_in_title, first >= title_end, first, rowid))
    return [rowid for *_, rowid in sorted(hits)]


def test_short_chinese_queries_find_every_page_in_order(app):
    index = app.extensions["osl_search"]
    documents = index.documents["zh-Hans"]
    text = "".join(d.folded for d in documents)
    grams = sorted({text[i : i + 2] for i in range(0, len(text) - 1, 7)} | set(text[::11]))
    queries = [g for g in grams if " " not in g][:300]
    queries += [f"{a} {b}" for a, b in zip(queries[::2], queries[1::2], strict=False)][:100]
    assert len(queries) > 300
    for query in queries:
        needles = query.split()
        expected = reference_order(index, "zh-Hans", needles)
        results = index.search("zh-Hans", query)
        found = [(r.page.locale, r.page.section, r.page.slug) for r in results]
        wanted = [
            (d.page.locale, d.page.section, d.page.slug)
            for d in (documents[rowid] for rowid in expected[:20])
        ]
        assert found == wanted, query
