"""The numbers pages: an index of charts and sources, a page per chart (its SVG drawn from the
figures, and the same numbers as a table), and a page per source listing every figure it gives."""

import re
import xml.etree.ElementTree as ET

import pytest

from app.render import charts
from tests.support.apps import make_app
from tests.support.trees import MORE_FIGURES, classroom_tree, write

SVG = "{http://www.w3.org/2000/svg}"
CHARTS = """\
[by-gender]
title = "By gender"
summary = "Mostly girls."
kind = "bar"
population = "Reports about a child"
bars = ["study-share", "study-boys"]

[over-time]
title = "Over time"
summary = "Girls, then later reports."
kind = "bar"
population = "Reports"
groups = [
  { id = "first", label = "Reports", bars = ["study-share"] },
  { id = "later", label = "Later reports", bars = ["study-later"] },
]

[split]
title = "Split"
summary = "Girls and boys."
kind = "stacked"
population = "Reports about a child"
bars = ["study-share", "study-boys"]
"""
SPANISH = """\
["chart-by-gender"]
title = "Por género"
summary = "Sobre todo niñas."
population = "Informes sobre un niño"

[study-share]
label = "de los informes eran sobre niñas"
"""


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    root = classroom_tree(tmp_path_factory.mktemp("figures") / "content")
    write(root, "data/figures/more.toml", MORE_FIGURES)
    write(root, "data/charts.toml", CHARTS)
    write(root, "es/_figures.toml", SPANISH)
    app = make_app(root)
    assert app.extensions["osl"].problems == ()
    return app


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def unescape(html: str) -> str:
    for entity, char in (("&#39;", "'"), ("&#34;", '"'), ("&lt;", "<"), ("&gt;", ">")):
        html = html.replace(entity, char)
    return html.replace("&amp;", "&")


def chart_of(html: str) -> tuple[str, ET.Element]:
    """The one <figure> of a chart page, and its SVG parsed."""
    figures = re.findall(
        r'<figure class="chart[^"]*" id="chart-[a-z-]+">(.*?)</figure>', html, re.S
    )
    assert len(figures) == 1
    svgs = re.findall(r"<svg\b.*?</svg>", figures[0], re.S)
    assert len(svgs) == 1
    return figures[0], ET.fromstring(svgs[0])


def svg_parts(root: ET.Element):
    bars = [r for r in root.iter(f"{SVG}rect") if "bar" in r.get("class", "").split()]
    values = {
        t.get("data-figure"): "".join(t.itertext())
        for t in root.iter(f"{SVG}text")
        if t.get("class") == "chart__value"
    }
    labels = [
        " ".join(s.text for s in t.iter(f"{SVG}tspan")) or t.text
        for t in root.iter(f"{SVG}text")
        if t.get("class") == "chart__label"
    ]
    groups = [
        "".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("class") == "chart__group"
    ]
    return bars, values, labels, groups


def table_rows(block: str) -> list[tuple[str, str]]:
    table = re.search(r"<table\b.*?</table>", block, re.S).group(0)
    assert "<caption>" in table and 'scope="col"' in table
    rows = re.findall(r'<th scope="row">(.*?)</th>\s*<td class="num">(.*?)</td>', table)
    return [(unescape(label), unescape(value)) for label, value in rows]


# -- the index --------------------------------------------------------------------------------
@pytest.mark.parametrize("code", ["en", "ar"])
def test_the_index_links_every_chart_and_every_source_and_stays_light(client, code):
    html = page(client, f"/{code}/figures/")
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert "<svg" not in html and "<table" not in html
    for chart_id, title in (
        ("by-gender", "By gender"),
        ("over-time", "Over time"),
        ("split", "Split"),
    ):
        assert f'<a href="/{code}/figures/{chart_id}/">{title}</a>' in html
    assert f'<a href="/{code}/figures/sources/study/">' in html


# -- chart pages ------------------------------------------------------------------------------
def test_a_chart_page_shows_its_chart_caption_summary_and_table(client):
    html = page(client, "/en/figures/by-gender/")
    block, svg = chart_of(html)
    caption = re.search(r"<figcaption>(.*?)</figcaption>", block, re.S).group(1)
    assert '<h1 class="chart__title">By gender</h1>' in caption
    assert "Reports about a child, 2015, out of 5,863." in caption
    assert '<cite lang="en" dir="ltr">A Study</cite> (2017)' in caption
    assert svg.get("role") == "img" and svg.get("direction") is None
    assert svg.find(f"{SVG}title").text == "By gender"
    assert svg.find(f"{SVG}desc").text == "Mostly girls."
    bars, values, labels, _ = svg_parts(svg)
    assert [b.get("data-figure") for b in bars] == ["study-share", "study-boys"]
    assert values == {"study-share": "78%", "study-boys": "14%"}
    assert labels == ["of reports were about girls", "of reports were about boys"]
    assert '<p class="chart__summary">Mostly girls.</p>' in block
    assert table_rows(block) == [
        ("of reports were about girls", "78%"),
        ("of reports were about boys", "14%"),
    ]
    assert 'href="/en/figures/sources/study/"' in html and 'href="/en/figures/"' in html


def test_a_bar_is_its_figures_share_of_the_whole(client):
    _, svg = chart_of(page(client, "/en/figures/by-gender/"))
    bars, _, _, _ = svg_parts(svg)
    girls, boys = (float(bar.get("width")) for bar in bars)
    assert girls / boys == pytest.approx(78 / 14, rel=0.01)
    assert girls <= 0.78 * charts.WIDTH + 0.1  # 78% is never a full-width bar


def test_a_chart_in_a_right_to_left_locale_is_mirrored(client):
    html = page(client, "/ar/figures/by-gender/")
    assert '<html lang="ar" dir="rtl">' in html
    _, svg = chart_of(html)
    assert svg.get("direction") == "rtl"
    bars, values, _, _ = svg_parts(svg)
    for bar in bars:
        assert float(bar.get("x")) + float(bar.get("width")) == pytest.approx(charts.WIDTH)
    assert values == {"study-share": "78%", "study-boys": "14%"}  # Babel's Arabic: Latin digits


def test_translated_chart_texts_reach_the_svg_and_the_page(client):
    html = page(client, "/es/figures/by-gender/")
    block, svg = chart_of(html)
    assert svg.find(f"{SVG}title").text == "Por género"
    assert svg.find(f"{SVG}desc").text == "Sobre todo niñas."
    _, values, labels, _ = svg_parts(svg)
    assert labels == ["de los informes eran sobre niñas", "of reports were about boys"]  # fallback
    assert values["study-share"] == "78\xa0%"  # Babel's Spanish formatting
    assert (
        "Informes sobre un niño" in block
        and '<p class="chart__summary">Sobre todo niñas.</p>' in block
    )
    assert "Por género" in page(client, "/es/figures/")
    english = page(client, "/en/figures/by-gender/")
    assert '<title id="chart-by-gender-title">By gender</title>' in english


def test_groups_of_different_periods_each_name_their_period_and_size(client):
    block, svg = chart_of(page(client, "/en/figures/over-time/"))
    _, _, _, groups = svg_parts(svg)
    assert groups == ["Reports, 2015 (out of 5,863)", "Later reports, 2016 (out of 100)"]
    assert '<p class="chart__note">Reports.' in block  # no shared period or size
    headings = re.findall(r'<th scope="rowgroup" colspan="2">(.*?)</th>', block)
    assert headings == ["Reports, 2015 (out of 5,863)", "Later reports, 2016 (out of 100)"]


def test_a_stacked_chart_draws_one_bar_in_segments_with_a_key(client):
    block, svg = chart_of(page(client, "/en/figures/split/"))
    assert "chart__svg--stacked" in svg.get("class")
    bars, values, labels, _ = svg_parts(svg)
    assert [b.get("class") for b in bars] == ["bar bar--1", "bar bar--2"]
    assert values == {"study-share": "78%", "study-boys": "14%"}
    assert len(labels) == 2 and len(table_rows(block)) == 2


def test_charts_are_drawn_once_per_locale_not_per_request(app, monkeypatch):
    drawn = []

    def counting(draw):
        def wrapper(*args, **kwargs):
            drawn.append(args[0])
            return draw(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(charts, "bar_chart", counting(charts.bar_chart))
    monkeypatch.setattr(charts, "stacked_chart", counting(charts.stacked_chart))
    client = app.test_client()
    for _ in range(2):
        for url in ("/zh-Hans/figures/", "/zh-Hans/figures/by-gender/", "/zh-Hans/figures/split/"):
            assert client.get(url).status_code == 200
    assert sorted(drawn) == ["chart-by-gender", "chart-over-time", "chart-split"]


# -- source pages -----------------------------------------------------------------------------
def source_rows(html: str) -> list[tuple[str, str, str]]:
    """(value, label, group heading) of every row of a source page's table."""
    rows = []
    for body in re.findall(r"<tbody>(.*?)</tbody>", unescape(html), re.S):
        heading = re.search(r'<th scope="rowgroup" colspan="2">(.*?)</th>', body, re.S).group(1)
        for value, label in re.findall(r'<tr><td class="num">(.*?)</td><td>(.*?)</td></tr>', body):
            rows.append((value, label, heading))
    return rows


def test_a_source_page_lists_every_figure_grouped_by_population_and_period(client):
    html = page(client, "/en/figures/sources/study/")
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert "5 figures" in html
    # In the order of the figures files (more.toml, then study.toml); consecutive rows that
    # share a population, size and period share a heading.
    assert source_rows(html) == [
        ("14%", "of reports were about boys", "reports, 2015, out of 5,863."),
        ("5,863", "reports", "reports, 2015, out of 5,863."),
        ("20%", "of later reports", "reports, 2016, out of 100."),
        ("78%", "of reports were about girls", "reports, 2015, out of 5,863."),
        ("<1%", "of reports had a threat", "reports, 2015."),
    ]
    assert html.count('<th scope="rowgroup"') == 4


def test_a_source_page_in_another_locale_uses_its_labels_and_numbers(client):
    rows = source_rows(page(client, "/es/figures/sources/study/"))
    girls = next(row for row in rows if row[1] == "de los informes eran sobre niñas")
    assert girls[0] == "78\xa0%" and "5.863" in girls[2]
    assert ("14\xa0%", "of reports were about boys") == rows[0][:2]  # not translated: English


@pytest.mark.parametrize(
    "url",
    [
        "/en/figures/no-such-chart/",
        "/en/figures/sources/no-such-source/",
        "/en/figures/sources/",
        "/ar/figures/%3Cscript%3E/",
        "/xx/figures/",
    ],
)
def test_unknown_charts_and_sources_are_404(client, url):
    assert client.get(url).status_code == 404
