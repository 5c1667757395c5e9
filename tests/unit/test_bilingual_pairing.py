"""Pairing a translation with its English page for the bilingual view (app/views/bilingual.py):
by level-2 section, then block by block; nothing is ever lost, and the English ids never repeat
the translation's."""

import pytest

from app.views.bilingual import pages_to_pair, pair_by_index, pair_pages, prefix_ids
from tests.support.trees import classroom_tree, front, load, translation_table, write

ENGLISH = (
    front("Pair", order=5)
    + """
Intro one.

Intro two.

## One {: #more }

O1 with [a link](#more) and [another page](/parents/guide/).

## Two

T1.

T2.
"""
)
SPANISH_BODY = """
Intro.

## Uno {: #more }

U1.

U2.

U3.

## Dos

D1.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = classroom_tree(tmp_path_factory.mktemp("pairs") / "content")
    write(root, "en/parents/pair.md", ENGLISH)
    spanish = front("Par", order=5).replace(
        "sources = []\n", "sources = []\n" + translation_table(ENGLISH)
    )
    write(root, "es/parents/pair.md", spanish + SPANISH_BODY)
    site, problems = load(root)
    assert problems == []
    return site


def test_pair_by_index_puts_extras_in_the_last_row():
    assert pair_by_index([1, 2, 3], ["a", "b"]) == [([1], ["a"]), ([2, 3], ["b"])]
    assert pair_by_index([1], ["a", "b", "c"]) == [([1], ["a", "b", "c"])]
    assert pair_by_index([], ["a"]) == [([], ["a"])]
    assert pair_by_index(["x"], []) == [(["x"], [])]
    assert pair_by_index([], []) == []


def test_pages_are_paired_by_section_then_block_and_lose_no_text(site):
    rows = pair_pages(site.pages[("es", "parents", "pair")], site.pages[("en", "parents", "pair")])
    assert rows == [
        ("<p>Intro.</p>", "<p>Intro one.</p>\n<p>Intro two.</p>"),
        ('<h2 id="more">Uno</h2>', '<h2 id="en-more">One</h2>'),
        # two extra paragraphs on the translated side: they join the section's last row
        (
            "<p>U1.</p>\n<p>U2.</p>\n<p>U3.</p>",
            '<p>O1 with <a href="#en-more">a link</a> and '
            '<a href="/en/parents/guide/">another page</a>.</p>',
        ),
        ('<h2 id="dos">Dos</h2>', '<h2 id="en-two">Two</h2>'),
        ("<p>D1.</p>", "<p>T1.</p>\n<p>T2.</p>"),
    ]


def test_prefix_ids_prefixes_ids_and_in_page_links_only():
    html = '<h2 id="more">M</h2><a href="#more">x</a><a href="/en/parents/other/#more">y</a>'
    assert prefix_ids(html) == (
        '<h2 id="en-more">M</h2><a href="#en-more">x</a><a href="/en/parents/other/#more">y</a>'
    )
    assert prefix_ids('<a href="#">top</a>') == '<a href="#">top</a>'


def test_only_a_translated_lesson_or_plan_has_a_pair(site):
    assert pages_to_pair(site, "es", "parents", "pair") == (
        site.pages[("es", "parents", "pair")],
        site.pages[("en", "parents", "pair")],
    )
    assert pages_to_pair(site, "ar", "classroom", "fixture-plan") is not None
    for locale, section, slug in [
        ("en", "parents", "pair"),  # English itself
        ("es", "parents", "untranslated"),  # shown in English: nothing to pair
        ("es", "parents", "_index"),
        ("es", "parents", "nothing"),
        ("ar", "classroom", "families-evening"),
        ("es", "pages", "home"),
        ("zz", "parents", "pair"),
    ]:
        assert pages_to_pair(site, locale, section, slug) is None, (locale, section, slug)
