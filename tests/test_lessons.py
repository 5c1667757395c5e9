"""The parent lessons: all eleven, in every locale, point to reporting and end with what to do."""

import re
import shutil
from pathlib import Path

import pytest

from app import create_app
from app.views.pages import HOME_LESSONS

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
REPORT_URL = "https://report.cybertip.org/"


def test_the_parent_lessons_exist_in_order(app):
    site = app.extensions["osl_site"]
    lessons = [page.slug for page, _ in site.lessons("en", "parents")]
    assert lessons == PARENT_LESSONS


@pytest.mark.parametrize("slug", PARENT_LESSONS)
def test_each_lesson_links_to_reporting_and_ends_with_what_to_do(app, slug):
    site = app.extensions["osl_site"]
    for code in site.locale_codes:
        page = site.pages[(code, "parents", slug)]
        assert page.translation is not None or code == "en"
        body = page.body
        assert "(/parents/how-to-report/" in body or slug == "how-to-report", (code, slug)
        assert REPORT_URL in body, (code, slug)
        boxes = re.findall(r'^!!! action "', body, re.M)
        assert boxes, (code, slug)
        assert body.rfind('!!! action "') > body.rfind("\n## "), (code, slug)  # the last section
        assert page.sources or slug == "talking-with-your-child", (code, slug)


@pytest.mark.parametrize("slug", PARENT_LESSONS)
def test_rendered_lesson_has_report_link_box_and_cited_sources(client, slug):
    html = client.get(f"/en/parents/{slug}/").get_data(as_text=True)
    assert 'class="admonition action"' in html
    assert 'class="report-box"' in html
    assert 'href="/en/parents/how-to-report/"' in html


def test_before_you_report_checklist_is_printable_in_every_locale(client, app):
    for code in app.extensions["osl_site"].locale_codes:
        html = client.get(f"/{code}/parents/how-to-report/").get_data(as_text=True)
        assert 'id="before-you-report"' in html, code
        checklist = html.split('class="admonition checklist"', 1)[1].split("</div>", 1)[0]
        assert checklist.count('<li class="check">') >= 8, code


def test_sextortion_lesson_says_what_to_do(client, app):
    for code in app.extensions["osl_site"].locale_codes:
        html = client.get(f"/{code}/parents/sextortion/").get_data(as_text=True)
        assert 'id="what-to-do"' in html, code
        assert "https://takeitdown.ncmec.org/" in html, code


def test_after_a_report_points_to_crisis_help(client):
    html = client.get("/en/parents/after-a-report/").get_data(as_text=True)
    assert "988" in html and "https://988lifeline.org/" in html
    assert "Team HOPE" in html


def test_home_lists_the_first_lessons_and_links_to_the_rest(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(Path(__file__).parent / "fixtures" / "content", root)
    for number in range(HOME_LESSONS + 3):
        (root / "en" / "parents" / f"extra-{number}.md").write_text(
            f'+++\ntitle = "Extra lesson {number}"\nsummary = "More."\naudience = "parents"\n'
            f"order = {100 + number}\nupdated = 2026-11-22\nsources = []\n+++\n\nText.\n"
        )
    app = create_app({"TESTING": True, "CONTENT_DIR": root})
    total = len(app.extensions["osl_site"].lessons("en", "parents"))
    assert total > HOME_LESSONS
    client = app.test_client()
    home = client.get("/en/").get_data(as_text=True)
    section = home.split('id="home-parents"')[1].split("</section>")[0]
    assert section.count("<li") == HOME_LESSONS
    assert f'<a href="/en/parents/">See all {total} lessons</a>' in section
    index = client.get("/en/parents/").get_data(as_text=True)
    assert index.count('href="/en/parents/extra-') == HOME_LESSONS + 3
