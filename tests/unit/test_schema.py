"""The declared shape of each content file (app/content/schema.py): every field that is missing,
unknown or of the wrong type is reported with the file and the line of its key."""

import pytest

from tests.support.trees import (
    FAMILIES_PLAN,
    FRONT,
    PLAN,
    classroom_tree,
    copy_fixture,
    load,
    write,
)

PAGE = "en/parents/a.md"


@pytest.fixture
def tree(tmp_path):
    return copy_fixture(tmp_path / "content")


def reported(tree, name: str, text: str) -> list[str]:
    write(tree, name, text)
    return load(tree)[1]


def assert_reported(problems: list[str], expected: str) -> None:
    assert any(p.startswith("content/" + expected) for p in problems), problems


# -- page front matter ------------------------------------------------------------------------
FRONT_MATTER = [
    (FRONT.replace("order = 9", 'order = "nine"'), "5: field 'order' must be a whole number"),
    (FRONT.replace("order = 9", "order = 9.5"), "5: field 'order' must be a whole number"),
    (FRONT.replace("order = 9", "order = true"), "5: field 'order' must be a whole number"),
    (FRONT.replace("order = 9\n", 'order = 9\ncolour = "red"\n'), "6: unknown field 'colour'"),
    (FRONT.replace('summary = "A broken file."\n', ""), "1: missing required field 'summary'"),
    (
        FRONT.replace("updated = 2026-01-01", 'updated = "yesterday"'),
        "6: field 'updated' must be a date",
    ),
    (FRONT.replace('audience = "parents"', 'audience = "pupils"'), "4: audience must be one of"),
    (FRONT.replace('title = "Broken"', 'title = ""'), "2: title"),
    (FRONT.replace("sources = []", 'sources = "x"'), "7: field 'sources' must be a list"),
    (
        FRONT.replace("sources = []", 'sources = [{ id = "study" }]'),
        "7: missing required field 'sources.0.section'",
    ),
    (FRONT.replace("order = 9", "order = 9\nreading_time = 0"), "6: reading_time"),
    (FRONT.replace('title = "Broken"', 'title = "Broken'), "2: invalid front matter"),
]


@pytest.mark.parametrize(("text", "expected"), FRONT_MATTER)
def test_each_front_matter_problem_names_file_and_line(tree, text, expected):
    assert_reported(reported(tree, PAGE, text), f"{PAGE}:{expected}")


def test_a_page_with_a_problem_is_left_out_and_the_others_load(tree):
    problems = reported(tree, PAGE, FRONT.replace("order = 9", 'order = "nine"'))
    site, _ = load(tree)
    assert len(problems) == 1
    assert ("en", "parents", "a") not in site.pages
    assert ("en", "parents", "guide") in site.pages


def test_types_are_strict_a_quoted_number_or_date_is_text(tree):
    text = FRONT.replace("order = 9", 'order = "9"').replace("2026-01-01", '"2026-01-01"')
    problems = reported(tree, PAGE, text)
    assert_reported(problems, f"{PAGE}:5: field 'order' must be a whole number")
    assert_reported(problems, f"{PAGE}:6: field 'updated' must be a date")


# -- translations -----------------------------------------------------------------------------
def translated(table: str) -> str:
    return FRONT.replace("sources = []\n", "sources = []\n" + table)


TRANSLATIONS = [
    (FRONT, "1: translated file needs a [translation] table"),
    (
        translated(
            '[translation]\nsource_hash = "abc"\ntranslated_on = 2026-01-01\n'
            'machine_assisted = true\nreviewed_by = ""\n'
        ),
        "9: translation.source_hash",  # the line of the key, inside its table
    ),
    (
        translated(
            '[translation]\nsource_hash = "sha256:' + "0" * 64 + '"\n'
            'translated_on = 2026-01-01\nmachine_assisted = "yes"\nreviewed_by = ""\n'
        ),
        "11: field 'translation.machine_assisted' must be true or false",
    ),
    (
        translated('[translation]\nsource_hash = "sha256:' + "0" * 64 + '"\n'),
        "8: missing required field 'translation.translated_on'",
    ),
]


@pytest.mark.parametrize(("text", "expected"), TRANSLATIONS)
def test_each_translation_table_problem_names_file_and_line(tree, text, expected):
    name = "es/parents/untranslated.md"
    assert_reported(reported(tree, name, text), f"{name}:{expected}")


def test_the_source_locale_has_no_translation_table(tree):
    table = (
        '[translation]\nsource_hash = "sha256:' + "0" * 64 + '"\n'
        'translated_on = 2026-01-01\nmachine_assisted = true\nreviewed_by = ""\n'
    )
    problems = reported(tree, PAGE, translated(table))
    assert_reported(problems, f"{PAGE}:8: the source locale has no translation table")


# -- lesson plans -----------------------------------------------------------------------------
PLAN_FILE = "en/classroom/fixture-plan.md"
STANDARDS = 'standards = ["CASEL: Responsible Decision-Making", "NHES: 4.8.2"]'
PLANS = [
    ('grade_band = "6-8"', 'grade_band = "k-2"', "8: grade_band must be one of"),
    ("duration = 20", "duration = 10", "9: duration"),
    ("duration = 20", "duration = 121", "9: duration"),
    ("duration = 20", 'duration = "20"', "9: field 'duration' must be a whole number"),
    ('objectives = ["Students can say no."]\n', "", "1: missing required field 'objectives'"),
    ('materials = ["Worksheet"]', "materials = []", "12: materials"),
    ('materials = ["Worksheet"]', 'materials = [""]', "12: materials"),
    (
        'vocabulary = [{ term = "Report", definition = "Telling someone who can help." }]',
        'vocabulary = [{ term = "Report" }]',
        "11: missing required field 'vocabulary.0.definition'",
    ),
    (STANDARDS, 'standards = ["XYZ: 1"]', "14: standards: each standard must be"),
    (STANDARDS, 'standards = ["CASEL"]', "14: standards: each standard must be"),
    (STANDARDS, "standards = []", "8: a classroom plan must list its standards"),
]


@pytest.mark.parametrize(("old", "new", "expected"), PLANS)
def test_each_plan_problem_names_file_and_line(tmp_path, old, new, expected):
    root = classroom_tree(tmp_path / "content")
    assert load(root)[1] == []
    problems = reported(root, PLAN_FILE, PLAN.replace(old, new))
    assert_reported(problems, f"{PLAN_FILE}:{expected}")


def test_a_families_plan_needs_no_standards(tmp_path):
    root = classroom_tree(tmp_path / "content")
    plan = FAMILIES_PLAN.replace(STANDARDS + "\n", "")
    assert STANDARDS not in plan
    assert reported(root, "en/classroom/families-evening.md", plan) == []
    assert load(root)[0].pages[("en", "classroom", "families-evening")].plan.standards == ()


# -- data files: sources and figures ----------------------------------------------------------
FIGURE = (
    '[study-other]\nvalue = 1\nunit = "percent"\nlabel = "x"\npopulation = "x"\n'
    'period = "2015"\nsource = "study"\n'
)
DATA = [
    ("data/figures/more.toml", "[oops\n", "1: invalid TOML"),
    (
        "data/figures/more.toml",
        '[study-other]\nvalue = 1\nunit = "percent"\nlabel = "x"\n',
        "1: figure 'study-other': missing required field 'population'",
    ),
    (
        "data/figures/more.toml",
        FIGURE.replace('unit = "percent"', 'unit = "litres"'),
        "3: figure 'study-other': unit must be one of",
    ),
    (
        "data/figures/more.toml",
        FIGURE.replace("value = 1", 'value = "1"'),
        "2: figure 'study-other': field 'value'",
    ),
    (
        "data/figures/more.toml",
        FIGURE.replace("value = 1", "value = 1\nn = 0"),
        "3: figure 'study-other': n",
    ),
    (
        # A key missing from one table is reported there, not at the next table's key.
        "data/figures/more.toml",
        FIGURE.replace('population = "x"\n', "").replace("study-other", "study-one")
        + "\n"
        + FIGURE,
        "1: figure 'study-one': missing required field 'population'",
    ),
    ("data/figures/more.toml", "[Study_Other]\nvalue = 1\n", "1: figure 'Study_Other': id must be"),
    ("data/figures/more.toml", "study-other = 3\n", "1: figure 'study-other': must be a table"),
    (
        "data/sources.toml",
        '[study]\nfile = "a.txt"\ntitle = "T"\npublisher = "P"\nyear = "2017"\n',
        "5: source 'study': field 'year' must be a whole number",
    ),
    ("es/_figures.toml", "[study-share]\nlabel = 3\n", "1: 'study-share' must be a table of text"),
    ("es/_figures.toml", '[study-share\nlabel = "x"\n', "1: invalid TOML"),
]


@pytest.mark.parametrize(("name", "text", "expected"), DATA)
def test_each_data_file_problem_names_file_and_line(tree, name, text, expected):
    assert_reported(reported(tree, name, text), f"{name}:{expected}")


# -- charts -----------------------------------------------------------------------------------
def chart(body: str, key: str = "c") -> str:
    return f'# a comment\n\n[{key}]\ntitle = "T"\nsummary = "S."\npopulation = "P"\n{body}'


CHARTS = [
    (chart('kind = "pie"\nbars = ["study-share"]\n'), "7: chart 'c': kind must be one of"),
    (
        chart('kind = "bar"\nbars = ["study-share"]\ncolour = "red"\n'),
        "9: chart 'c': unknown field 'colour'",
    ),
    (chart('bars = ["study-share"]\n'), "3: chart 'c': missing required field 'kind'"),
    (chart('kind = "bar"\nbars = "study-share"\n'), "8: chart 'c': field 'bars' must be a list"),
    (chart('kind = "bar"\nbars = []\n'), "8: chart 'c': bars"),
    (chart('kind = "bar"\nbars = ["study-share"]\ngroups = []\n'), "9: chart 'c': groups"),
    (
        chart('kind = "bar"\ngroups = [{ id = "a", bars = ["study-share"] }]\n'),
        "8: chart 'c': missing required field 'groups.0.label'",
    ),
    (
        chart('kind = "bar"\nbars = ["study-share"]\n').replace(
            'summary = "S."', 'summary = "Most (78%)."'
        ),
        "5: chart 'c': summary: must not type numbers",
    ),
    (chart('kind = "bar"\nbars = ["study-share"]\n', key="Bad_Id"), "3: chart 'Bad_Id': id must"),
    ('[c]\ntitle = "T\n', "2: invalid TOML"),
]


@pytest.mark.parametrize(("text", "expected"), CHARTS)
def test_each_chart_shape_problem_names_file_and_line(tree, text, expected):
    problems = reported(tree, "data/charts.toml", text)
    assert_reported(problems, f"data/charts.toml:{expected}")
    assert "c" not in load(tree)[0].charts  # a broken chart is never drawn
