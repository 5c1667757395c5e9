"""Parent pages read at grade 8 or below (Flesch-Kincaid, English)."""

import re

import pytest

from tests.readability import grade

READING_GRADE_CEILING = 8.0


def plain(markdown: str) -> str:
    text = re.sub(r"\{:[^}]*\}", "", markdown)  # attribute lists
    text = re.sub(r"\[\[fig:[^\]]+\]\]", "12%", text)  # figures read as a short number
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    text = re.sub(r"https?://\S+", "", text)
    return re.sub(r"[#*_>!\[\]|`]", " ", text)


def test_grade_formula_orders_simple_and_hard_text():
    simple = "The cat sat. The dog ran. We had fun. It was a good day."
    hard = (
        "Notwithstanding considerable institutional heterogeneity, comprehensive "
        "organisational accountability necessitates multidimensional evaluation methodologies."
    )
    assert grade(simple) < 3 < 12 < grade(hard)


def english_parent_pages(app):
    site = app.extensions["osl_site"]
    return [
        page
        for (locale, section, slug), page in sorted(site.pages.items())
        if locale == "en" and page.audience in ("parents", "everyone")
    ]


def test_there_are_parent_pages_to_check(app):
    assert len(english_parent_pages(app)) >= 14


def test_parent_pages_read_at_grade_8_or_below(app):
    too_hard = {
        page.path: round(grade(plain(page.body)), 1)
        for page in english_parent_pages(app)
        if grade(plain(page.body)) > READING_GRADE_CEILING
    }
    assert too_hard == {}


@pytest.mark.parametrize("field", ["title", "summary"])
def test_titles_and_summaries_are_short(app, field):
    for page in english_parent_pages(app):
        assert len(getattr(page, field).split()) <= (14 if field == "title" else 45), page.path
