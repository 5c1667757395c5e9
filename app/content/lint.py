"""Editorial rules, checked on loaded pages (one that failed to load is already reported)."""

import re
from collections.abc import Iterator

from .models import CLASSROOM, INDEX_SLUG, PAGES_FOLDER, Page, Site
from .parity import parity
from .problems import Problem, line_of

REPORT_URL = "https://report.cybertip.org/"
GRADE_CEILING = 8.0  # parent pages: Flesch-Kincaid grade 8 or below
CRISIS_GRADE_CEILING = 6.0  # the help-now page, read by a parent in crisis
CRISIS_PAGE = "help-now"
MAX_TITLE_WORDS, MAX_SUMMARY_WORDS = 14, 45
VOWEL_GROUPS = re.compile(r"[aeiouy]+")
SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)|\n\s*\n|\n\s*[-*]\s|\n\s*\d+\.\s")
MARKUP = (
    (re.compile(r"\{:[^}]*\}"), ""),  # attribute lists
    (re.compile(r"\[\[fig:[^\]]+\]\]"), "12%"),  # a figure reads as a short number
    (re.compile(r"\]\([^)]*\)"), "]"),  # link targets
    (re.compile(r"https?://\S+"), ""),
    (re.compile(r"[#*_>!\[\]|`]"), " "),
)


def syllables(word: str) -> int:
    word = word.lower()
    count = len(VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(1, count)


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade of Markdown text, with a plain syllable estimate (a ceiling check)."""
    for pattern, replacement in MARKUP:
        text = pattern.sub(replacement, text)
    words = re.findall(r"[A-Za-z]+(?:'[a-z]+)?", text)
    if not words:
        return 0.0
    sentences = max(1, len([s for s in SENTENCE_END.split(text) if re.search(r"[A-Za-z]", s)]))
    return 0.39 * len(words) / sentences + 11.8 * sum(map(syllables, words)) / len(words) - 15.59


def parent_page_problems(page: Page, site: Site) -> Iterator[tuple[str, str]]:
    if page.locale == site.default_locale:  # measured in English words and syllables
        ceiling = CRISIS_GRADE_CEILING if page.slug == CRISIS_PAGE else GRADE_CEILING
        if (grade := reading_grade(page.body)) > ceiling:
            yield (
                "",
                f"reads at grade {grade:.1f}; parent pages must read at grade {ceiling:g} or below",
            )
        if len(page.title.split()) > MAX_TITLE_WORDS:
            yield "title", f"title is longer than {MAX_TITLE_WORDS} words"
        if len(page.summary.split()) > MAX_SUMMARY_WORDS:
            yield "summary", f"summary is longer than {MAX_SUMMARY_WORDS} words"
    if page.section == PAGES_FOLDER or page.slug == INDEX_SLUG:
        return
    if REPORT_URL not in page.body:
        yield "", f"a parents lesson must link to the CyberTipline ({REPORT_URL})"
    if page.slug != "how-to-report" and "(/parents/how-to-report/" not in page.body:
        yield "", "a parents lesson must link to /parents/how-to-report/"
    box = page.body.rfind('!!! action "')
    if box == -1 or box < page.body.rfind("\n## "):
        yield '!!! action "', 'a parents lesson ends with its "What to do now" action box'


def plan_problems(page: Page) -> Iterator[tuple[str, str]]:
    minutes = [step.minutes for step in page.parts_of("step")]
    if not minutes or not all(minutes):
        yield "{: .step", 'every timed step needs data-minutes="N"; a plan needs steps'
    elif sum(minutes) != page.plan.duration:
        yield "duration", f"the steps add up to {sum(minutes)} minutes, not the duration"
    for kind, count in (("handout", 2), ("disclosure", 1), ("letter", 1)):
        if (found := len(page.parts_of(kind))) != count:
            yield "", f"a plan has {count} '.{kind}' section(s), found {found}"


def lint(site: Site) -> list[Problem]:
    problems = []
    # Translations keep the structure of their English page: the same rules, except reading grade
    # and length, which are measured in English.
    for page in site.pages.values():
        if page.plan is not None:  # only classroom lessons have one
            found = plan_problems(page)
        elif page.audience in ("parents", "everyone") and page.section != CLASSROOM:
            found = parent_page_problems(page, site)
        else:
            continue
        found = list(found)
        if found:  # each at the first line of the file holding its needle ("": line 1)
            lines = (site.root.parent / page.path).read_text(encoding="utf-8").split("\n")
            problems += [Problem(page.path, line_of(lines, n), message) for n, message in found]
    problems += [Problem(page.path, 1, message) for page, message in parity(site)]
    return problems
