"""Editorial rules (app/content/lint.py): each fires with its file and line on a small tree, and a
tree that keeps them all has none."""

import pytest

from app.content import lint
from app.content.lint import reading_grade
from tests.support.trees import (
    LESSON_BODY,
    PLAN,
    add_classroom,
    front,
    lesson,
    lint_clean_tree,
    load,
    translated_plan,
    translation_table,
    write,
)

LESSON = "en/parents/guide.md"
PLAN_FILE = "en/classroom/fixture-plan.md"


@pytest.fixture
def tree(tmp_path):
    return add_classroom(lint_clean_tree(tmp_path / "content"))


def linted(tree, name: str | None = None, text: str | None = None) -> list[str]:
    if name:
        write(tree, name, text)
    site, problems = load(tree)
    assert problems == []  # the rules read pages that loaded
    return [str(problem) for problem in lint(site)]


def test_a_tree_that_keeps_every_rule_has_no_problems(tree):
    assert linted(tree) == []


def test_the_grade_formula_orders_simple_and_hard_text():
    simple = "The cat sat. The dog ran. We had fun. It was a good day."
    hard = (
        "Notwithstanding considerable institutional heterogeneity, comprehensive "
        "organisational accountability necessitates multidimensional evaluation methodologies."
    )
    assert reading_grade(simple) < 3 < 12 < reading_grade(hard)
    assert reading_grade("") == 0


def test_markup_links_and_figures_do_not_count_as_words():
    text = "Read [this](https://www.missingkids.org/theissues/onlineenticement/x). [[fig:a-b-c]]."
    assert reading_grade(text) == reading_grade("Read this. 12%.")


HARD = (
    "\nNotwithstanding considerable institutional heterogeneity, comprehensive organisational "
    "accountability necessitates multidimensional evaluation methodologies.\n"
)
LONG_TITLE = " ".join(["word"] * 15)
LONG_SUMMARY = " ".join(["word"] * 46)

PARENT_RULES = [
    (LESSON, lesson("A guide") + HARD, "1: reads at grade"),
    ("en/pages/about.md", front("About", audience="everyone") + HARD, "1: reads at grade"),
    (LESSON, lesson("A guide").replace("A guide", LONG_TITLE), "2: title is longer than 14 words"),
    (
        LESSON,
        lesson("A guide").replace("A short summary.", LONG_SUMMARY),
        "3: summary is longer than 45 words",
    ),
    (
        LESSON,
        lesson("A guide").replace(
            "(https://report.cybertip.org/)", "(https://www.missingkids.org/)"
        ),
        "1: a parents lesson must link to the CyberTipline",
    ),
    (
        LESSON,
        lesson("A guide").replace("(/parents/how-to-report/)", "(/parents/other/)"),
        "1: a parents lesson must link to /parents/how-to-report/",
    ),
    (
        LESSON,
        lesson("A guide") + "\n## Afterwards\n\nMore text.\n",
        '16: a parents lesson ends with its "What to do now" action box',
    ),
    (
        LESSON,
        front("A guide") + LESSON_BODY.split("\n!!!")[0],
        '1: a parents lesson ends with its "What to do now" action box',
    ),
    (
        LESSON,
        front("A guide") + "\nSee [report](https://report.cybertip.org/) and "
        "[how](/parents/how-to-report/).\n",
        '1: a parents lesson ends with its "What to do now" action box',
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), PARENT_RULES)
def test_each_parent_page_rule_fires_with_file_and_line(tree, name, text, expected):
    problems = linted(tree, name, text)
    assert len(problems) == 1 and problems[0].startswith(f"content/{name}:{expected}"), problems


def test_the_help_now_page_reads_at_grade_6(tree):
    medium = (
        "\nIf someone threatens your child, save the messages and report the account to the "
        "website.\n"
    )
    assert 6 < reading_grade(medium) <= 8
    assert linted(tree, "en/pages/about.md", front("About", audience="everyone") + medium) == []
    problems = linted(tree, "en/pages/help-now.md", front("Help", audience="everyone") + medium)
    assert [p.split(";")[0] for p in problems] == [
        f"content/en/pages/help-now.md:1: reads at grade {reading_grade(medium):.1f}"
    ]
    assert "grade 6 or below" in problems[0]


def test_how_to_report_need_not_link_to_itself(tree):
    text = lesson("How to report").replace("(/parents/how-to-report/)", "(/parents/guide/)")
    assert linted(tree, "en/parents/how-to-report.md", text) == []


def test_teacher_pages_and_section_introductions_are_not_lessons(tree):
    assert linted(tree, "en/parents/_index.md", front("Parents", order=0) + "\nRead on.\n") == []
    teachers = front("Teachers", audience="teachers") + HARD
    assert linted(tree, "en/pages/about.md", teachers) == []


def test_a_translated_lesson_keeps_the_lessons_structure(tree):
    english = (tree / LESSON).read_text(encoding="utf-8")
    spanish = (
        front("Una guía").replace("sources = []\n", "sources = []\n" + translation_table(english))
        + "\nTexto. Vea [cómo](/parents/how-to-report/).\n"
    )
    problems = linted(tree, "es/parents/guide.md", spanish)
    assert problems[:2] == [
        "content/es/parents/guide.md:1: a parents lesson must link to the CyberTipline "
        "(https://report.cybertip.org/)",
        'content/es/parents/guide.md:1: a parents lesson ends with its "What to do now" action box',
    ]
    # ...and its English page's structure (app/content/parity.py, tested on its own).
    assert all("differ from the English page" in p for p in problems[2:]), problems
    # Reading grade and length are measured in English only.
    long = spanish.replace("Una guía", LONG_TITLE) + HARD + LESSON_BODY
    found = linted(tree, "es/parents/guide.md", long)
    assert not [p for p in found if "grade" in p or "longer than" in p], found


PLAN_RULES = [
    ('## Warm-up {: .step data-minutes="5" }', "## Warm-up {: .step }", "21: every timed step"),
    ("duration = 20", "duration = 25", "9: the steps add up to 20 minutes, not the duration"),
    (
        "## Family take-home note {: .handout }",
        "## Family take-home note",
        "1: a plan has 2 '.handout'",
    ),
    ("## Letter home {: .letter }", "## Letter home {: .handout }", "1: a plan has 2 '.handout'"),
    (
        "## Letter home {: .letter }",
        "## Letter home",
        "1: a plan has 1 '.letter' section(s), found 0",
    ),
    (
        "## If a student tells you something {: .disclosure }",
        "## If a student tells you something",
        "1: a plan has 1 '.disclosure' section(s), found 0",
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), PLAN_RULES)
def test_each_plan_rule_fires_with_file_and_line(tree, old, new, expected):
    problems = linted(tree, PLAN_FILE, PLAN.replace(old, new))
    assert any(p.startswith(f"content/{PLAN_FILE}:{expected}") for p in problems), problems


def test_a_plan_without_steps_is_reported(tree):
    text = PLAN.replace(' {: .step data-minutes="5" }', "").replace(
        ' {: .step data-minutes="15" }', ""
    )
    problems = linted(tree, PLAN_FILE, text)
    assert problems == [
        f'content/{PLAN_FILE}:1: every timed step needs data-minutes="N"; a plan needs steps'
    ]


def test_a_translated_plan_keeps_the_plans_structure(tree):
    text = translated_plan("خطة", "ورقة", "نص.").replace("## Letter home {: .letter }", "## رسالة")
    problems = linted(tree, "ar/classroom/fixture-plan.md", text)
    assert problems[0] == (
        "content/ar/classroom/fixture-plan.md:1: a plan has 1 '.letter' section(s), found 0"
    )
    # The comparison with the English page finds the same loss (app/content/parity.py).
    assert problems[1:] == [
        "content/ar/classroom/fixture-plan.md:1: level-2 headings differ from the English page "
        "(content/en/classroom/fixture-plan.md): letter, plain"
    ]
