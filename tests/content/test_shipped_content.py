"""The shipped content: it passes `flask content check` (schema, links, figures and the editorial
rules of app/content/lint.py) with no problem at all, and keeps the promises that are about this
content rather than rules any content must follow: every locale complete, the parent lessons, and
a help-now page for a parent in crisis in every language, linked from every page."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from app.cli import content_cli, extract_args
from app.content import GRADE_BANDS
from app.content.status import catalog_status, content_status

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_LOCALES = {"en", "es", "zh-Hans", "vi", "ar", "tl", "fr", "ko"}
PARENT_LESSONS = [
    "what-is-online-enticement",
    "how-offenders-operate",
    "warning-signs",
    "sextortion",
    "where-it-happens",
    "fake-and-ai-images",
    "sharing-photos",
    "if-an-image-was-shared",
    "talking-with-your-child",
    "how-to-report",
    "after-a-report",
]
HOTLINE = "1-800-843-5678"
HELP_NOW_LINKS = [
    "https://report.cybertip.org/",
    "https://tips.fbi.gov/",
    "https://takeitdown.ncmec.org/",
]


def test_the_shipped_content_passes_flask_content_check():
    result = CliRunner().invoke(
        content_cli, ["check"], env={"FLASK_CONTENT_DIR": str(ROOT / "content")}
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("content OK: ")


# -- translations -----------------------------------------------------------------------------
def test_every_locale_has_every_page_in_its_own_language(site):
    assert set(site.locale_codes) == SHIPPED_LOCALES
    for entry in content_status(site, ROOT / "translations"):
        assert entry.missing == (), (entry.code, entry.missing)
    assert dict(site.fallbacks) == {}


def test_no_translation_is_stale(site):
    """A changed English page is re-translated (or at least re-checked) before release."""
    assert [page.path for page in site.pages.values() if site.is_stale(page)] == []


def test_every_translation_says_how_it_was_made(site):
    for page in site.pages.values():
        if page.locale != site.default_locale:
            assert page.translation.machine_assisted or page.translation.reviewed_by, page.path


def messages(path: Path) -> set[str]:
    with path.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


def test_every_locale_has_a_complete_interface_catalog(site):
    expected = messages(ROOT / "translations" / "messages.pot")
    for info in site.locales[1:]:
        po = ROOT / "translations" / info.babel / "LC_MESSAGES" / "messages.po"
        assert po.exists(), f"no catalog for {info.code}"
        assert catalog_status(po).complete, info.code
        assert expected <= messages(po), (info.code, sorted(expected - messages(po))[:5])


def test_the_catalog_template_has_every_string_the_code_marks(tmp_path):
    """Every string marked in app/ is in messages.pot (run `make extract` after adding one)."""
    out = tmp_path / "fresh.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", *extract_args(str(out))],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    missing = messages(out) - messages(ROOT / "translations" / "messages.pot")
    assert not missing, sorted(missing)[:10]


# -- the lessons and plans --------------------------------------------------------------------
def test_the_parent_lessons_are_listed_in_order(site):
    for code in site.locale_codes:
        lessons = site.lessons(code, "parents")
        assert [shown.page.slug for shown in lessons] == PARENT_LESSONS, code


def test_every_parent_lesson_cites_its_sources_in_every_locale(site):
    for code in site.locale_codes:
        for shown in site.lessons(code, "parents"):
            assert shown.page.sources or shown.page.slug == "talking-with-your-child", (
                code,
                shown.page.slug,
            )


def test_every_grade_band_has_a_plan(site):
    plans = [s.page for s in site.lessons("en", "classroom") if s.page.plan]
    assert len(plans) >= 6
    assert {page.plan.grade_band for page in plans} == set(GRADE_BANDS)


def test_the_before_you_report_checklist_is_printable_in_every_locale(site, client):
    for code in site.locale_codes:
        html = client.get(f"/{code}/parents/how-to-report/").get_data(as_text=True)
        assert 'id="before-you-report"' in html, code
        checklist = html.split('class="admonition checklist"', 1)[1].split("</div>", 1)[0]
        assert checklist.count('<li class="check">') >= 8, code


def test_the_sextortion_lesson_says_what_to_do_in_every_locale(site, client):
    for code in site.locale_codes:
        html = client.get(f"/{code}/parents/sextortion/").get_data(as_text=True)
        assert 'id="what-to-do"' in html, code
        assert "https://takeitdown.ncmec.org/" in html, code


def test_after_a_report_points_to_crisis_help_in_every_locale(site, client):
    for code in site.locale_codes:
        html = client.get(f"/{code}/parents/after-a-report/").get_data(as_text=True)
        assert "https://988lifeline.org/" in html, code
        assert "Team HOPE" in html, code


# -- help now ---------------------------------------------------------------------------------
def help_now(site, code):
    page = site.pages.get((code, "pages", "help-now"))
    assert page is not None, f"{code} has no help-now page of its own"
    return page


def test_help_now_exists_in_every_locale_in_its_own_language(site):
    for code in site.locale_codes:
        assert help_now(site, code).locale == code


def test_help_now_puts_safety_first_then_the_steps(site):
    for code in site.locale_codes:
        body = help_now(site, code).body
        headings = re.findall(r"^## .*\{: #([a-z-]+) \}", body, re.M)
        assert headings == ["safety", "what-to-say", "steps", "afterwards"], code
        safety = body.split("{: #safety }", 1)[1].split("\n## ", 1)[0]
        assert "988" in safety and "911" in safety, code
        steps = body.split("{: #steps }", 1)[1].split("\n## ", 1)[0]
        assert len(re.findall(r"^\d+\. ", steps, re.M)) >= 8, code
        for link in HELP_NOW_LINKS:
            assert link in body, (code, link)
        assert HOTLINE in body and "1-800-CALL-FBI" in body, code
        assert body.rfind('!!! action "') > body.rfind("\n## "), code


def test_the_first_minute_is_three_short_sentences(site):
    for code in site.locale_codes:
        body = help_now(site, code).body
        say = body.split("{: #what-to-say }", 1)[1].split("\n## ", 1)[0]
        lines = re.findall(r"^- (.+)$", say, re.M)
        assert len(lines) == 3, code
        assert all(len(line) <= 60 for line in lines), (code, lines)


def test_the_home_page_crisis_box_leads_to_help_now(site):
    for code in site.locale_codes:
        body = site.pages[(code, "pages", "home")].body
        box = body.split('!!! action "', 1)[1].split("\n\n", 1)[0]
        assert "(/help-now/)" in box and "988" in box and "911" in box, code


@pytest.mark.parametrize("path", ["/{code}/", "/{code}/parents/sextortion/", "/{code}/figures/"])
def test_every_page_header_links_to_help_now_before_the_report_button(site, client, path):
    for code in site.locale_codes:
        html = client.get(path.format(code=code)).get_data(as_text=True)
        header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
        assert header.index(f'class="help-link" href="/{code}/help-now/"') < header.index(
            'class="report-link"'
        ), (code, path)


def test_help_now_is_small_enough_to_load_at_once(site, client):
    for code in site.locale_codes:
        response = client.get(f"/{code}/help-now/")
        assert response.status_code == 200
        assert len(response.data) < 30_000, code
