"""Small content trees for tests: the fixture tree, copies of it, and the files tests add.

Every tree is written under a test's tmp_path, so a test can break one file and see what the
loader, the linter or the app make of it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from app.content import file_hash, load_site

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "content"
HOSTS = ("report.cybertip.org", "www.missingkids.org")


def load(root: Path):
    """(site, problems as "path:line: message" strings) of a content tree."""
    site, problems = load_site(root, default_locale="en", allowed_hosts=HOSTS)
    return site, [str(problem) for problem in problems]


def copy_fixture(root: Path) -> Path:
    shutil.copytree(FIXTURE, root)
    return root


def write(root: Path, name: str, text: str | bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


FRONT = """+++
title = "Broken"
summary = "A broken file."
audience = "parents"
order = 9
updated = 2026-01-01
sources = []
+++
"""


def front(title: str, *, order: int = 9, audience: str = "parents", extra: str = "") -> str:
    return (
        f'+++\ntitle = "{title}"\nsummary = "A short summary."\naudience = "{audience}"\n'
        f"order = {order}\nupdated = 2026-01-01\nsources = []\n{extra}+++\n"
    )


def translation_table(english: str, *, machine: bool = True, reviewer: str = "") -> str:
    return (
        f'[translation]\nsource_hash = "{file_hash(english.encode())}"\n'
        f"translated_on = 2026-01-02\nmachine_assisted = {'true' if machine else 'false'}\n"
        f'reviewed_by = "{reviewer}"\n'
    )


# Three more figures of the fixture's study: a share of the same reports, a count, a later year.
MORE_FIGURES = (
    '[study-boys]\nvalue = 14\nunit = "percent"\nlabel = "of reports were about boys"\n'
    'population = "reports"\nn = 5863\nperiod = "2015"\nsource = "study"\n\n'
    '[study-count]\nvalue = 5863\nunit = "count"\nlabel = "reports"\n'
    'population = "reports"\nn = 5863\nperiod = "2015"\nsource = "study"\n\n'
    '[study-later]\nvalue = 20\nunit = "percent"\nlabel = "of later reports"\n'
    'population = "reports"\nn = 100\nperiod = "2016"\nsource = "study"\n'
)


# -- a parents lesson that keeps every editorial rule (app/content/lint.py) -----------------------
LESSON_BODY = """
If a child is scared, stay calm. Tell them they are not in trouble.

## What happens next

You can [report it](https://report.cybertip.org/). Read [how to report](/parents/how-to-report/).

!!! action "What to do now"
    Save the messages. Then report them.
"""


def lesson(title: str, order: int = 9) -> str:
    return front(title, order=order) + LESSON_BODY


def lint_clean_tree(root: Path) -> Path:
    """The fixture tree with lessons that keep every editorial rule: `content check` passes."""
    copy_fixture(root)
    write(root, "en/parents/_index.md", front("Fixture parents", order=0) + "\nRead these.\n")
    for order, slug in enumerate(("guide", "other", "untranslated", "how-to-report"), start=1):
        english = lesson(slug.replace("-", " ").capitalize(), order)
        write(root, f"en/parents/{slug}.md", english)
        if slug in ("guide", "other"):  # the Spanish translations keep the lesson's structure
            table = translation_table(english)
            spanish = english.replace("sources = []\n", "sources = []\n" + table)
            write(root, f"es/parents/{slug}.md", spanish)
    return root


# -- classroom plans: English, Arabic and Simplified Chinese ---------------------------------------
PLAN = """+++
title = "Fixture plan"
summary = "A small plan for tests."
audience = "teachers"
order = 1
updated = 2026-01-01
sources = []
grade_band = "6-8"
duration = 20
objectives = ["Students can say no."]
vocabulary = [{ term = "Report", definition = "Telling someone who can help." }]
materials = ["Worksheet"]
preparation = ["Read the plan."]
standards = ["CASEL: Responsible Decision-Making", "NHES: 4.8.2"]
+++

## About this lesson

Background for the teacher.

## Warm-up {: .step data-minutes="5" }

Warm-up text.

## Practice {: .step data-minutes="15" }

Practice text. Read [the guide](/parents/guide/).

## Student worksheet {: .handout }

1. Question one: __________

## Family take-home note {: .handout }

Dear families.

## Letter home {: .letter }

Dear families, next week we talk about staying safe online. Letter text.

## If a student tells you something {: .disclosure }

Stay calm.
"""
FAMILIES_PLAN = (
    PLAN.replace('"Fixture plan"', '"Families evening"')
    .replace('grade_band = "6-8"', 'grade_band = "families"')
    .replace("order = 1", "order = 2")
)
CLASSROOM_INDEX = front("Fixture classroom", order=0, audience="teachers") + "\nPlans.\n"
AR_TITLE = "خطة الدرس التجريبية"
AR_WORKSHEET = "ورقة عمل الطالب"
# After Arabic letters, the hotline's digit groups are laid out right to left unless isolated.
AR_STEP = "نص التمهيد. اتصل بالرقم 1-800-843-5678 الآن."
ZH_TITLE = "示例课程计划"
ZH_WORKSHEET = "学生练习单"


def translated_plan(title: str, worksheet: str, step: str) -> str:
    text = PLAN.replace('"Fixture plan"', f'"{title}"')
    text = text.replace("## Student worksheet", f"## {worksheet}").replace("Warm-up text.", step)
    return text.replace("+++\n\n", translation_table(PLAN) + "+++\n\n", 1)


def classroom_tree(root: Path) -> Path:
    """The fixture tree with a classroom: two English plans, one of them in Arabic and Chinese."""
    return add_classroom(copy_fixture(root))


def add_classroom(root: Path) -> Path:
    write(root, "en/classroom/_index.md", CLASSROOM_INDEX)
    write(root, "en/classroom/fixture-plan.md", PLAN)
    write(root, "en/classroom/families-evening.md", FAMILIES_PLAN)
    write(root, "ar/classroom/fixture-plan.md", translated_plan(AR_TITLE, AR_WORKSHEET, AR_STEP))
    zh_plan = translated_plan(ZH_TITLE, ZH_WORKSHEET, "热身活动。")
    write(root, "zh-Hans/classroom/fixture-plan.md", zh_plan)
    return root
