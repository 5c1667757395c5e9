"""Page weight as the web's median is measured, in bytes as transferred (gzip, as nginx sends the
export's .gz siblings): everything a page loads on a first visit, HTML, stylesheet, script, icon
and images, is at most 50 KB; a parent lesson's HTML fits in the first round trip.

Over every frozen HTML page of every locale: the bilingual views show whole lessons and plans side
by side, and are the heaviest pages."""

from __future__ import annotations

import pytest

from tests.export.frozen import ASSET_PATTERN, Tags, sent_bytes

pytestmark = pytest.mark.slow

PAGE_WEIGHT_BUDGET = 50 * 1024  # bytes, as transferred
LESSON_GZIP_BUDGET = 14_600  # bytes: 10 TCP segments, the first round trip of a new connection


def page_weight(frozen, path) -> tuple[int, list[str]]:
    assets = sorted(set(ASSET_PATTERN.findall(path.read_text(encoding="utf-8"))))
    return sent_bytes(path) + sum(sent_bytes(frozen.file_for(a)) for a in assets), assets


def test_the_asset_pattern_finds_everything_a_page_loads(frozen):
    html = frozen.file_for("/en/parents/sextortion/").read_text(encoding="utf-8")
    found = ASSET_PATTERN.findall(html)
    kinds = sorted(name.rsplit(".", 1)[-1] for name in found)
    assert kinds == ["css", "js", "svg"], found
    assert ASSET_PATTERN.findall('<img alt="" src="/static/chart.png">') == ["/static/chart.png"]
    # On every page, the pattern agrees with a real HTML parser.
    for path in frozen.html_files():
        html = path.read_text(encoding="utf-8")
        assert ASSET_PATTERN.findall(html) == Tags(html).loaded(), path


def test_everything_a_page_loads_is_at_most_50_kb_as_transferred(frozen):
    weights = {}
    for path in frozen.html_files():
        total, assets = page_weight(frozen, path)
        assert len(assets) >= 3, (path, assets)  # stylesheet, script and icon at least
        weights[frozen.url_of(path)] = total
    over = {url: total for url, total in weights.items() if total > PAGE_WEIGHT_BUDGET}
    assert over == {}, f"over {PAGE_WEIGHT_BUDGET} bytes: {over}"
    assert len(weights) > 400


def test_every_parent_lesson_fits_in_the_first_round_trip(frozen, site):
    lessons = sorted(frozen.root.glob("*/parents/*/index.html"))
    assert len(lessons) == len(site.locale_codes) * (len(site.keys("parents")) - 1)
    over = {frozen.url_of(p): sent_bytes(p) for p in lessons if sent_bytes(p) > LESSON_GZIP_BUDGET}
    assert over == {}, f"over {LESSON_GZIP_BUDGET} bytes gzipped: {over}"
