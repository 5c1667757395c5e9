"""The help-now page: one page for a parent in crisis, in every locale, linked from every page."""

import re

import pytest

from tests.readability import grade
from tests.test_readability import plain

HOTLINE = "1-800-843-5678"
MUST_LINK = [
    "https://report.cybertip.org/",
    "https://tips.fbi.gov/",
    "https://takeitdown.ncmec.org/",
]


def locales(app):
    return app.extensions["osl_site"].locale_codes


def help_now(app, code):
    return app.extensions["osl_site"].pages[(code, "pages", "help-now")]


def test_help_now_exists_in_every_locale_in_its_own_language(app):
    for code in locales(app):
        page = help_now(app, code)
        assert page.translation is not None or code == "en", code


def test_safety_comes_first_then_the_steps_in_order(app):
    for code in locales(app):
        body = help_now(app, code).body
        headings = re.findall(r"^## .*\{: #([a-z-]+) \}", body, re.M)
        assert headings == ["safety", "what-to-say", "steps", "afterwards"], code
        safety = body.split("{: #safety }", 1)[1].split("\n## ", 1)[0]
        assert "988" in safety and "911" in safety, code
        steps = re.findall(r"^\d+\. ", body.split("{: #steps }", 1)[1].split("\n## ", 1)[0], re.M)
        assert len(steps) >= 8, code
        for link in MUST_LINK:
            assert link in body, (code, link)
        assert HOTLINE in body and "1-800-CALL-FBI" in body, code
        assert body.rfind('!!! action "') > body.rfind("\n## "), code


def test_the_first_minute_is_three_short_sentences(app):
    for code in locales(app):
        body = help_now(app, code).body
        say = body.split("{: #what-to-say }", 1)[1].split("\n## ", 1)[0]
        lines = re.findall(r"^- (.+)$", say, re.M)
        assert len(lines) == 3, code
        assert all(len(line) <= 60 for line in lines), (code, lines)


def test_english_help_now_reads_at_grade_6_or_below(app):
    assert grade(plain(help_now(app, "en").body)) <= 6


@pytest.mark.parametrize("path", ["/{code}/", "/{code}/parents/sextortion/", "/{code}/figures/"])
def test_every_page_header_links_to_help_now_beside_the_report_button(client, app, path):
    for code in locales(app):
        html = client.get(path.format(code=code)).get_data(as_text=True)
        header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
        help_link = header.index(f'class="help-link" href="/{code}/help-now/"')
        assert help_link < header.index('class="report-link"'), (code, path)


def test_home_crisis_box_links_help_now_and_988(app):
    for code in locales(app):
        body = app.extensions["osl_site"].pages[(code, "pages", "home")].body
        box = body.split('!!! action "', 1)[1].split("\n\n", 1)[0]
        assert "(/help-now/)" in box and "988" in box and "911" in box, code


def test_help_now_html_is_small(client, app):
    for code in locales(app):
        response = client.get(f"/{code}/help-now/")
        assert response.status_code == 200
        assert len(response.data) < 30_000, code
