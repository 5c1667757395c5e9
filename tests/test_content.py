"""The content loader: the fixture tree loads; each kind of broken file is named with its line."""

import datetime as dt
import shutil
from pathlib import Path

import pytest

from app import create_app
from app.content import load_site, reading_minutes

FIXTURE = Path(__file__).parent / "fixtures" / "content"
HOSTS = ("report.cybertip.org", "www.missingkids.org")


def load(root):
    return load_site(root, default_locale="en", allowed_hosts=HOSTS)


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    return root


def test_fixture_tree_loads_without_problems():
    site = load(FIXTURE)
    assert site.problems == ()
    assert site.locale_codes == ("en", "es")
    assert site.sections == ("parents",)
    guide = site.pages[("en", "parents", "guide")]
    assert guide.updated == dt.date(2026, 1, 1)
    assert guide.sources[0].id == "study"
    assert "5,863" in guide.html and "78%" in guide.html and "&lt;1%" in guide.html
    assert 'class="check"' in guide.html
    assert site.pages[("en", "parents", "other")].reading_time == 4


def test_figures_are_formatted_for_the_locale():
    site = load(FIXTURE)
    spanish = site.pages[("es", "parents", "guide")].html
    assert "5863" in spanish or "5.863" in spanish
    assert "78 %" in spanish or "78\xa0%" in spanish


def test_lessons_are_listed_in_order_with_fallbacks():
    site = load(FIXTURE)
    lessons = site.lessons("es", "parents")
    assert [(p.slug, fallback) for p, fallback in lessons] == [
        ("guide", False),
        ("other", False),
        ("untranslated", True),
    ]


def test_stale_translation_is_detected():
    site = load(FIXTURE)
    assert not site.is_stale(site.pages[("es", "parents", "guide")])
    assert site.is_stale(site.pages[("es", "parents", "other")])


def test_reading_time_counts_words_and_cjk_characters():
    assert reading_minutes("word " * 200) == 1
    assert reading_minutes("word " * 201) == 2
    assert reading_minutes("字" * 1000) == 2


FRONT = """+++
title = "Broken"
summary = "A broken file."
audience = "parents"
order = 9
updated = 2026-01-01
sources = []
+++
"""

BROKEN = [
    ("en/parents/a.md", "no front matter\n", "en/parents/a.md:1: file must start with a '+++'"),
    ("en/parents/a.md", "+++\ntitle = 'x'\n", "en/parents/a.md:1: front matter is not closed"),
    (
        "en/parents/a.md",
        FRONT.replace("order = 9", 'order = "nine"'),
        "en/parents/a.md:5: field 'order' must be a whole number",
    ),
    (
        "en/parents/a.md",
        FRONT.replace("order = 9\n", 'order = 9\ncolour = "red"\n'),
        "en/parents/a.md:6: unknown field 'colour'",
    ),
    (
        "en/parents/a.md",
        FRONT.replace('summary = "A broken file."\n', ""),
        "en/parents/a.md:1: missing required field 'summary'",
    ),
    (
        "en/parents/a.md",
        FRONT.replace("updated = 2026-01-01", 'updated = "yesterday"'),
        "en/parents/a.md:6: field 'updated' must be a date",
    ),
    (
        "en/parents/a.md",
        FRONT.replace('audience = "parents"', 'audience = "pupils"'),
        "en/parents/a.md:4: audience must be one of",
    ),
    (
        "en/parents/a.md",
        FRONT.replace('title = "Broken"', 'title = "Broken'),
        "en/parents/a.md:2: invalid front matter",
    ),
    (
        "en/parents/a.md",
        FRONT.replace("sources = []", 'sources = [{ id = "nope", section = "x" }]'),
        "en/parents/a.md:7: unknown source 'nope'",
    ),
    (
        "en/parents/a.md",
        FRONT + "\nText.\n\nSee [gone](/parents/gone/).\n",
        "en/parents/a.md:12: broken internal link '/parents/gone/'",
    ),
    (
        "en/parents/a.md",
        FRONT + "\nSee [a site](https://evil.example.com/x).\n",
        "en/parents/a.md:10: link to 'evil.example.com' is not on the allowed host list",
    ),
    (
        "en/parents/a.md",
        FRONT + "\nSee [a site](http://report.cybertip.org/).\n",
        "en/parents/a.md:10: link 'http://report.cybertip.org/' must use https",
    ),
    (
        "en/parents/a.md",
        FRONT + "\nLine.\n\nIt was [[fig:made-up]] of reports.\n",
        "en/parents/a.md:12: unknown figure 'made-up'",
    ),
    (
        "en/parents/a.md",
        FRONT + "\n# A second title\n",
        "en/parents/a.md:10: no level-1 headings",
    ),
    ("en/parents/Bad_Slug.md", FRONT, "en/parents/Bad_Slug.md:1: slug 'Bad_Slug' must be"),
    ("en/pages/parents.md", FRONT, "en/pages/parents.md:1: page slug 'parents' clashes"),
    ("es/parents/ghost.md", FRONT, "es/parents/ghost.md:1: no en page at this path"),
    (
        "es/parents/untranslated.md",
        FRONT,
        "es/parents/untranslated.md:1: translated file needs a [translation] table",
    ),
    (
        "es/parents/untranslated.md",
        FRONT.replace("+++\n", "", 1)
        .replace(
            "+++\n",
            '[translation]\nsource_hash = "abc"\ntranslated_on = 2026-01-01\n'
            'machine_assisted = true\nreviewed_by = ""\n+++\n',
        )
        .join(["+++\n", ""]),
        "es/parents/untranslated.md:9: source_hash must be 'sha256:'",
    ),
    (
        "data/figures/zz.toml",
        '[study-share]\nvalue = 1\nunit = "percent"\nlabel = "x"\npopulation = "x"\n'
        'period = "2015"\nsource = "study"\n',
        "data/figures/zz.toml:1: figure 'study-share': duplicate id",
    ),
    (
        "data/figures/more.toml",
        '[study-other]\nvalue = 120\nunit = "percent"\nlabel = "x"\npopulation = "x"\n'
        'period = "2015"\nsource = "study"\n',
        "data/figures/more.toml:1: figure 'study-other': a percentage must be between 0 and 100",
    ),
    (
        "data/figures/more.toml",
        '[study-other]\nvalue = 1\nunit = "percent"\nlabel = "x"\n',
        "data/figures/more.toml:1: figure 'study-other': missing required field 'population'",
    ),
    ("data/figures/more.toml", "[oops\n", "data/figures/more.toml:1: invalid TOML"),
]


@pytest.mark.parametrize(("name", "text", "expected"), BROKEN)
def test_each_broken_file_is_reported_with_file_and_line(tree, name, text, expected):
    path = tree / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    problems = [str(p) for p in load(tree).problems]
    assert any(p.startswith("content/" + expected) for p in problems), problems


def test_invalid_utf8_is_reported(tree):
    (tree / "en/parents/a.md").write_bytes(b"+++\ntitle = '\xff'\n+++\n")
    problems = [str(p) for p in load(tree).problems]
    assert "content/en/parents/a.md:2: file is not valid UTF-8" in problems


def test_content_check_command_passes_on_the_real_content(runner):
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 0, result.output
    assert "content OK" in result.output


def test_content_check_command_fails_with_one_line_per_problem(tree):
    (tree / "en/parents/a.md").write_text(FRONT + "\n[[fig:nope]] and [x](/nowhere/)\n")
    app = create_app({"TESTING": True, "CONTENT_DIR": tree})
    result = app.test_cli_runner().invoke(args=["content", "check"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert "content/en/parents/a.md:10: unknown figure 'nope'" in lines
    assert "content/en/parents/a.md:10: broken internal link '/nowhere/'" in lines
    assert lines[-1] == "2 problem(s) in content/"
