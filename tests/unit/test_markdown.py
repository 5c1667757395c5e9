"""The site's Markdown (app/content/markdown.py): figures, left-to-right runs, links written for
the reader's locale, checklists, and the outline every view splits pages by."""

import pytest

from app.content.markdown import convert, create_markdown
from app.content.models import Figure
from tests.support.trees import classroom_tree, load

FIGURES = {
    "share": Figure("share", 78, "percent", "of reports", "reports", "2015", "study", n=5863),
    "under-one": Figure("under-one", 1, "percent", "x", "reports", "2015", "study", qualifier="<"),
    "count": Figure("count", 5863, "count", "reports", "reports", "2015", "study"),
}
SITE_PATHS = {"/", "/parents/guide/", "/parents/how-to-report/"}
HOSTS = ("report.cybertip.org", "www.missingkids.org")


def format_figure(figure_id: str, part: str | None, locale: str) -> str | None:
    figure = FIGURES.get(figure_id)
    return figure.format(locale.replace("-", "_"), part) if figure else None


@pytest.fixture(scope="module")
def md():
    return create_markdown(
        format_figure=format_figure, link_exists=SITE_PATHS.__contains__, allowed_hosts=HOSTS
    )


def render(md, text: str, locale: str = "en", reader: str | None = None):
    """(html, blocks, toc, problems) of ``text`` written in ``locale`` for ``reader``."""
    return convert(md, text, locale, reader or locale)


def html_of(md, text: str, locale: str = "en", reader: str | None = None) -> str:
    html, _, _, problems = render(md, text, locale, reader)
    assert problems == []
    return html


def ltr(text: str) -> str:
    return f'<span class="nowrap" dir="ltr">{text}</span>'


# -- figures ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("en", "[[fig:share]]", "78%"),
        ("en", "[[fig:share:n]]", "5,863"),
        ("en", "[[fig:count]]", "5,863"),
        ("es", "[[fig:share]]", "78\xa0%"),
        ("es", "[[fig:count]]", "5.863"),
        ("ar", "[[fig:share]]", "78%"),
        ("zh-Hans", "[[fig:share:n]]", "5,863"),
        # a qualifier such as "<" or ">" would be mirrored in a right-to-left line: isolated
        ("en", "[[fig:under-one]]", ltr("&lt;1%")),
    ],
)
def test_a_figure_is_written_formatted_for_the_locale(md, locale, text, expected):
    assert html_of(md, f"It was {text} of them.", locale) == f"<p>It was {expected} of them.</p>"


def test_an_unknown_figure_or_a_missing_n_is_a_problem_and_stays_visible(md):
    html, _, _, problems = render(md, "A [[fig:nope]] and [[fig:under-one:n]].")
    assert problems == [
        ("[[fig:nope]]", "unknown figure 'nope'"),
        ("[[fig:under-one:n]]", "unknown figure 'under-one' or it has no n"),
    ]
    assert "[[fig:nope]]" in html


# -- left-to-right runs -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "run", ["1-800-843-5678", "1-800-THE-LOST", "1-800-CALL-FBI", "9–17", "2013-14", "3-5", "1/2"]
)
def test_phone_numbers_and_number_runs_are_kept_whole_and_left_to_right(md, run):
    assert html_of(md, f"اتصل {run} الآن", "ar") == f"<p>اتصل {ltr(run)} الآن</p>"


@pytest.mark.parametrize("text", ["abc-12-3", "x9-17", "covid-19", "2013", "12-"])
def test_runs_inside_words_or_single_numbers_are_left_alone(md, text):
    assert html_of(md, text) == f"<p>{text}</p>"


def test_an_attribute_list_id_keeps_its_digits(md):
    html = html_of(md, "## Reports 2013–14 {: #reports-2013-14 }")
    assert html == f'<h2 id="reports-2013-14">Reports {ltr("2013–14")}</h2>'


# -- links ------------------------------------------------------------------------------------
@pytest.mark.parametrize("reader", ["en", "es", "zh-Hans", "ar"])
def test_site_links_are_written_for_the_readers_locale(md, reader):
    html = html_of(md, "[Guide](/parents/guide/#more) and [home](/)", "en", reader)
    assert html == f'<p><a href="/{reader}/parents/guide/#more">Guide</a> and ' + (
        f'<a href="/{reader}/">home</a></p>'
    )


def test_in_page_links_are_left_alone(md):
    assert html_of(md, "[up](#top)") == '<p><a href="#top">up</a></p>'


def test_external_links_never_send_a_referrer_and_web_addresses_read_left_to_right(md):
    html = html_of(
        md,
        "[Report](https://report.cybertip.org/) at [report.cybertip.org](https://report.cybertip.org/)",
    )
    assert html == (
        '<p><a href="https://report.cybertip.org/" rel="noopener noreferrer">Report</a> at '
        '<a dir="ltr" href="https://report.cybertip.org/" rel="noopener noreferrer">'
        "report.cybertip.org</a></p>"
    )


@pytest.mark.parametrize(
    ("href", "problem"),
    [
        ("/parents/gone/", "broken internal link '/parents/gone/'"),
        ("/parents/guide", "broken internal link '/parents/guide'"),
        ("https://evil.example/", "link to 'evil.example' is not on the allowed host list"),
        ("https://report.cybertip.org.evil.example/", "is not on the allowed host list"),
        ("http://report.cybertip.org/", "link 'http://report.cybertip.org/' must use https"),
        ("//report.cybertip.org/", "must use https"),
        ("mailto:someone@example.org", "must use https"),
        ("javascript:alert(1)", "must use https"),
    ],
)
def test_every_other_link_is_a_problem(md, href, problem):
    _, _, _, problems = render(md, f"[x]({href})")
    assert [needle for needle, _ in problems] == [href]
    assert problem in problems[0][1]


# -- checklists and the outline ---------------------------------------------------------------
def test_an_unchecked_box_is_a_printable_checklist_item_not_a_form(md):
    html = html_of(md, "- [ ] The username\n- [x] done\n- plain")
    assert (
        html
        == '<ul>\n<li class="check">The username</li>\n<li>[x] done</li>\n<li>plain</li>\n</ul>'
    )
    assert "<input" not in html


TEXT = """Lead paragraph with [[fig:share]].

## Warm-up {: .step data-minutes="5" }

Go.

## Sheet {: .handout .extra }

- [ ] one

!!! action "What to do now"
    Report & go, 1 < 2.
"""


def test_the_outline_records_every_top_level_block(md):
    html, blocks, toc, _ = render(md, TEXT)
    assert "\n".join(block.html for block in blocks) == html
    assert [(b.tag, b.kind, b.id, b.minutes) for b in blocks] == [
        ("p", "", "", None),
        ("h2", "step", "warm-up", 5),
        ("p", "", "", None),
        ("h2", "handout", "sheet", None),
        ("ul", "", "", None),
        ("div", "", "", None),
    ]
    assert blocks[0].text == "Lead paragraph with 78%."
    assert blocks[-1].text == "What to do now Report & go, 1 < 2."  # plain text
    assert [(entry.id, entry.name, entry.level) for entry in toc] == [
        ("warm-up", "Warm-up", 2),
        ("sheet", "Sheet", 2),
    ]


def test_each_render_starts_afresh(md):
    render(md, "[x](/nope/) and [[fig:nope]]")
    html, blocks, _, problems = render(md, "Fine.")
    assert (html, len(blocks), problems) == ("<p>Fine.</p>", 1, [])


# -- parts: a page split at its level-2 headings ----------------------------------------------
@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    root = classroom_tree(tmp_path_factory.mktemp("plan") / "content")
    site, problems = load(root)
    assert problems == []
    return site


def test_a_plan_is_split_into_its_kinds_of_part_and_loses_nothing(plan):
    page = plan.pages[("en", "classroom", "fixture-plan")]
    parts = page.parts
    assert [(p.kind, p.id, p.minutes) for p in parts] == [
        ("", "about-this-lesson", None),
        ("step", "warm-up", 5),
        ("step", "practice", 15),
        ("handout", "student-worksheet", None),
        ("handout", "family-take-home-note", None),
        ("letter", "letter-home", None),
        ("disclosure", "if-a-student-tells-you-something", None),
    ]
    assert parts[1].heading == "Warm-up"
    assert parts[1].html.startswith('<h2 class="step" data-minutes="5" id="warm-up">Warm-up</h2>')
    assert "\n".join(part.html for part in parts) == page.html
    assert [p.id for p in page.parts_of("handout")] == [
        "student-worksheet",
        "family-take-home-note",
    ]
    assert page.parts_of("nothing") == ()
    assert "Background for the teacher." in page.text and "<" not in page.text


def test_text_before_the_first_heading_is_a_part_of_its_own(plan):
    page = plan.pages[("en", "parents", "guide")]
    assert [(p.kind, p.id, p.heading) for p in page.parts] == [("", "", ""), ("", "more", "More")]
    assert page.parts[0].html.startswith("<p>In the study of")
    other = plan.pages[("en", "pages", "about")]
    assert len(other.parts) == 1 and other.parts[0].html == other.html
