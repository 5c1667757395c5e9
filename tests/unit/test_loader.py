"""The content loader (app/content/loader.py): the fixture tree loads into a Site; every broken
file, link, reference or folder is reported with its file and line, and left out."""

import datetime as dt

import pytest

from app.content.loader import reading_minutes
from tests.support.trees import FIXTURE, FRONT, MORE_FIGURES, copy_fixture, load, write

PAGE = "en/parents/a.md"


@pytest.fixture(scope="module")
def site():
    site, problems = load(FIXTURE)
    assert problems == []
    return site


@pytest.fixture
def tree(tmp_path):
    return copy_fixture(tmp_path / "content")


def reported(tree, name: str, text: str | bytes) -> list[str]:
    write(tree, name, text)
    return load(tree)[1]


# -- the fixture tree ------------------------------------------------------------------------
def test_the_fixture_tree_loads_into_a_site(site):
    assert site.locale_codes == ("en", "es")
    assert site.sections == ("parents",)
    guide = site.pages[("en", "parents", "guide")]
    assert guide.updated == dt.date(2026, 1, 1)
    assert [(ref.id, ref.section) for ref in guide.sources] == [("study", "Victims")]
    assert guide.url_path == "/parents/guide/"
    assert site.pages[("en", "parents", "_index")].url_path == "/parents/"
    assert site.pages[("en", "pages", "home")].url_path == "/"
    assert site.pages[("en", "pages", "about")].url_path == "/about/"
    assert site.pages[("en", "parents", "other")].reading_time == 4  # as written


def test_figures_are_written_into_the_text_formatted_for_the_locale(site):
    english = site.pages[("en", "parents", "guide")].html
    assert "5,863" in english and "78%" in english
    assert '<span class="nowrap" dir="ltr">&lt;1%</span>' in english  # a sign stays unmirrored
    spanish = site.pages[("es", "parents", "guide")].html
    assert "5863" in spanish or "5.863" in spanish
    assert "78\xa0%" in spanish


def test_lessons_are_listed_in_order_with_english_where_a_locale_has_no_translation(site):
    lessons = site.lessons("es", "parents")
    assert [(shown.page.slug, shown.fallback) for shown in lessons] == [
        ("guide", False),
        ("other", False),
        ("untranslated", True),
        ("how-to-report", True),
    ]
    assert lessons[2].page.locale == "en"
    assert site.page("es", "parents", "nothing") is None


def test_a_fallback_page_links_into_the_readers_locale(site):
    home = site.page("es", "pages", "home")
    assert home.fallback and home.page.locale == "en"
    assert 'href="/es/parents/guide/"' in home.page.html
    assert 'href="/en/parents/guide/"' in site.page("en", "pages", "home").page.html


def test_a_translation_is_stale_when_its_english_file_changed(site):
    assert not site.is_stale(site.pages[("es", "parents", "guide")])
    assert site.is_stale(site.pages[("es", "parents", "other")])
    assert site.translated_locales("parents", "guide") == ("en", "es")
    assert site.translated_locales("parents", "untranslated") == ("en",)


def test_reading_time_counts_words_and_cjk_characters():
    assert reading_minutes("word " * 200) == 1
    assert reading_minutes("word " * 201) == 2
    assert reading_minutes("字" * 1000) == 2
    assert reading_minutes("") == 1


def test_reading_time_is_computed_when_the_front_matter_does_not_give_it(tree):
    assert reported(tree, PAGE, FRONT + "\n" + "word " * 401) == []
    assert load(tree)[0].pages[("en", "parents", "a")].reading_time == 3


# -- every broken thing, with its file and line ----------------------------------------------
BROKEN = [
    (PAGE, "no front matter\n", "1: front matter must be between two '+++' lines"),
    (PAGE, "+++\ntitle = 'x'\n", "1: front matter must be between two '+++' lines"),
    # Front matter that is only a comment is empty, not a TOML error (it once crashed the check).
    (PAGE, "+++\n# a note\n+++\nBody.\n", "1: missing required field 'title'"),
    (PAGE, b"+++\ntitle = '\xff'\n+++\n", "2: file is not valid UTF-8"),
    (
        PAGE,
        FRONT.replace("sources = []", 'sources = [{ id = "nope", section = "x" }]'),
        "7: unknown source 'nope'",
    ),
    (
        PAGE,
        FRONT + "\nText.\n\nSee [gone](/parents/gone/).\n",
        "12: broken internal link '/parents/gone/'",
    ),
    (
        PAGE,
        FRONT + "\nSee [a site](https://evil.example.com/x).\n",
        "10: link to 'evil.example.com' is not on the allowed host list",
    ),
    (
        PAGE,
        FRONT + "\nSee [a site](http://report.cybertip.org/).\n",
        "10: link 'http://report.cybertip.org/' must use https",
    ),
    (
        PAGE,
        FRONT + "\nSee [a site](//report.cybertip.org/).\n",
        "10: link '//report.cybertip.org/' must use https",
    ),
    (
        PAGE,
        FRONT + "\nLine.\n\nIt was [[fig:made-up]] of reports.\n",
        "12: unknown figure 'made-up'",
    ),
    (
        PAGE,
        FRONT + "\nIt was [[fig:study-under-one:n]] of reports.\n",
        "10: unknown figure 'study-under-one' or it has no n",
    ),
    (PAGE, FRONT + "\n# A second title\n", "10: no level-1 headings"),
    ("en/parents/Bad_Slug.md", FRONT, "1: slug 'Bad_Slug' must be lowercase words"),
    ("en/pages/parents.md", FRONT, "1: page slug 'parents' clashes with a section or app path"),
    ("en/pages/figures.md", FRONT, "1: page slug 'figures' clashes with a section or app path"),
    ("en/parents/notes.txt", "x", "1: unexpected file"),
    ("en/parents/deep/a.md", FRONT, "1: unexpected file"),
    ("en/newsection/a.md", FRONT, None),  # reported at the _index.md the section needs
    ("es/parents/ghost.md", FRONT, "1: no en page at this path"),
    (
        "data/figures/zz.toml",
        '[study-share]\nvalue = 1\nunit = "percent"\nlabel = "x"\npopulation = "x"\n'
        'period = "2015"\nsource = "study"\n',
        "1: figure 'study-share': duplicate id",
    ),
    (
        "data/figures/more.toml",
        '[study-other]\nvalue = 120\nunit = "percent"\nlabel = "x"\npopulation = "x"\n'
        'period = "2015"\nsource = "study"\n',
        "1: figure 'study-other': a percentage must be between 0 and 100",
    ),
    (
        "data/figures/more.toml",
        '# figures\n\n[study-other]\nvalue = 1\nunit = "percent"\nlabel = "x"\npopulation = "x"\n'
        'period = "2015"\nsource = "nobody"\n',
        "3: figure 'study-other': unknown source 'nobody'",
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), BROKEN)
def test_each_broken_file_is_reported_with_file_and_line(tree, name, text, expected):
    problems = reported(tree, name, text)
    if expected is None:
        expected = "en/newsection/_index.md:1: section 'newsection' needs an _index.md"
    else:
        expected = f"{name}:{expected}"
    assert any(p.startswith("content/" + expected) for p in problems), problems


def test_a_folder_that_is_not_a_locale_is_reported(tree):
    problems = reported(tree, "xx-notalocale/parents/a.md", FRONT)
    assert "content/xx-notalocale:1: 'xx-notalocale' is not a known locale code" in problems


def test_a_missing_content_folder_or_default_locale_is_reported(tmp_path):
    assert load(tmp_path / "nowhere")[1] == ["nowhere:1: content folder not found"]
    root = copy_fixture(tmp_path / "content")
    (root / "en").rename(root / "fr")
    assert "content/en:1: the default locale has no content" in load(root)[1]


def test_a_missing_sources_file_is_reported(tree):
    (tree / "data" / "sources.toml").unlink()
    assert "content/data/sources.toml:1: missing sources file" in load(tree)[1]


def test_a_link_to_a_page_the_app_serves_is_not_broken(tree):
    text = FRONT + "\nSee [the numbers](/figures/) and [search](/search/).\n"
    assert reported(tree, PAGE, text) == []


def test_a_broken_link_in_a_translation_is_reported_in_the_translation(tree):
    english = (tree / "es/parents/guide.md").read_text(encoding="utf-8")
    problems = reported(tree, "es/parents/guide.md", english + "\n[x](/parents/gone/)\n")
    line = english.count("\n") + 2
    assert problems == [
        f"content/es/parents/guide.md:{line}: broken internal link '/parents/gone/'"
    ]


# -- charts: consistency with the figures they draw ------------------------------------------
GOOD_CHARTS = """\
[by-gender]
title = "By gender"
summary = "Mostly girls."
kind = "bar"
population = "Reports"
bars = ["study-share", "study-boys"]

[grouped]
title = "Grouped"
summary = "Two groups."
kind = "bar"
population = "Reports"
groups = [
  { id = "girls", label = "Girls", bars = ["study-share"] },
  { id = "rare", label = "Rare", bars = ["study-under-one"] },
]
"""


@pytest.fixture
def chart_tree(tree):
    write(tree, "data/figures/more.toml", MORE_FIGURES)
    return tree


def chart(body: str, key: str = "c") -> str:
    return f'# a comment\n\n[{key}]\ntitle = "T"\nsummary = "S."\npopulation = "P"\n{body}'


def test_a_valid_charts_file_loads_in_order(chart_tree):
    write(chart_tree, "data/charts.toml", GOOD_CHARTS)
    site, problems = load(chart_tree)
    assert problems == []
    assert list(site.charts) == ["by-gender", "grouped"]
    by_gender = site.charts["by-gender"]
    assert (by_gender.title, by_gender.kind) == ("By gender", "bar")
    assert by_gender.figure_ids == ("study-share", "study-boys")
    grouped = site.charts["grouped"]
    assert [(g.id, g.label, g.bars) for g in grouped.groups] == [
        ("girls", "Girls", ("study-share",)),
        ("rare", "Rare", ("study-under-one",)),
    ]
    # Untranslated chart texts fall back to English; an unknown text is an error, not "".
    assert site.chart_text("es", "grouped", "group-rare") == "Rare"
    assert site.chart_text("es", "by-gender", "summary") == "Mostly girls."
    with pytest.raises(KeyError):
        site.chart_text("en", "grouped", "group-nope")


def test_chart_and_figure_texts_are_translated_in_the_locale_figures_file(chart_tree):
    write(chart_tree, "data/charts.toml", GOOD_CHARTS)
    write(
        chart_tree,
        "es/_figures.toml",
        '["chart-grouped"]\ntitle = "Agrupado"\n"group-girls" = "Niñas"\n\n'
        '[study-share]\nlabel = "de los informes eran sobre niñas"\n',
    )
    site, problems = load(chart_tree)
    assert problems == []
    assert site.chart_text("es", "grouped", "title") == "Agrupado"
    assert site.chart_text("es", "grouped", "group-girls") == "Niñas"
    assert site.chart_text("es", "grouped", "summary") == "Two groups."  # not translated
    assert site.chart_text("en", "grouped", "title") == "Grouped"
    assert site.figure_label("es", "study-share") == "de los informes eran sobre niñas"
    assert site.figure_label("es", "study-boys") == "of reports were about boys"


def test_no_charts_file_means_no_charts(site):
    assert dict(site.charts) == {}


BROKEN_CHARTS = [
    (
        chart('kind = "bar"\nbars = ["study-share", "nope"]\n'),
        "8: chart 'c': unknown figure 'nope'",
    ),
    (
        chart('kind = "bar"\ngroups = [{ id = "a", label = "A", bars = ["nope"] }]\n'),
        "8: chart 'c': unknown figure 'nope'",
    ),
    (chart('kind = "bar"\n'), "3: chart 'c': needs either bars"),
    (
        chart('kind = "bar"\nbars = ["study-share", "study-share"]\n'),
        "3: chart 'c': a figure is drawn twice",
    ),
    (
        chart('kind = "bar"\nbars = ["study-share", "study-under-one"]\n'),
        "8: chart 'c': figures drawn together must share n and period",
    ),
    (
        chart('kind = "bar"\nbars = ["study-share", "study-count"]\n'),
        "3: chart 'c': all figures of a chart must share a unit and a source",
    ),
    (
        chart('kind = "stacked"\ngroups = [{ id = "a", label = "A", bars = ["study-share"] }]\n'),
        "7: chart 'c': a stacked chart draws one list",
    ),
    (chart('kind = "stacked"\nbars = ["study-count"]\n'), "7: chart 'c': a stacked chart draws"),
    (
        chart(
            'kind = "bar"\ngroups = [\n  { id = "a", label = "A", bars = ["study-share"] },\n'
            '  { id = "a", label = "B", bars = ["study-boys"] },\n]\n'
        ),
        "8: chart 'c': group ids must be unique",
    ),
    (
        chart(
            'kind = "bar"\ngroups = [{ id = "a", label = "Out of 131", bars = ["study-share"] }]\n'
        ),
        "8: chart 'c': group 'a' needs a lowercase id and a label without numbers",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BROKEN_CHARTS)
def test_each_inconsistent_chart_is_reported_with_file_and_line(chart_tree, text, expected):
    write(chart_tree, "data/charts.toml", text)
    site, problems = load(chart_tree)
    assert any(p.startswith("content/data/charts.toml:" + expected) for p in problems), problems
    assert "c" not in site.charts  # a broken chart is never drawn


def test_a_figure_id_that_reads_as_a_chart_text_key_is_refused(chart_tree):
    # <locale>/_figures.toml keeps chart texts under "chart-<id>": a figure of that name could
    # never be translated.
    write(
        chart_tree,
        "data/figures/clash.toml",
        '[chart-c]\nvalue = 1\nunit = "percent"\nlabel = "x"\npopulation = "x"\n'
        'n = 5863\nperiod = "2015"\nsource = "study"\n',
    )
    problems = load(chart_tree)[1]
    assert any(
        p.startswith("content/data/figures/clash.toml:1: figure 'chart-c'") for p in problems
    )
