"""The figures pages: an index of charts and sources, every chart drawn from its figures on its
own page, every figure listed on its source's page, every figure reference in the content
resolved."""

import re
import shutil
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from flask import g
from markupsafe import escape

from app import charts, create_app
from app.content import load_site
from app.views import figures as figures_view

CONTENT = Path(__file__).resolve().parent.parent / "content"
FIXTURE = Path(__file__).parent / "fixtures" / "content"
SVG = "{http://www.w3.org/2000/svg}"
FIGURE_REFERENCE = re.compile(r"\[\[fig:([^\]]*)\]\]")


def site_of(app):
    return app.extensions["osl_site"]


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
    return bars, values, labels


def views_for(app, code):
    with app.test_request_context(f"/{code}/figures/"):
        g.locale = code
        return figures_view.chart_views(code)


# -- the content ---------------------------------------------------------------------------------
def test_the_real_content_loads_without_problems(app):
    site = load_site(CONTENT, allowed_hosts=app.config["ALLOWED_LINK_HOSTS"])
    assert [str(p) for p in site.problems] == []


def test_every_chart_in_charts_toml_is_loaded_in_order(app):
    with open(CONTENT / "data" / "charts.toml", "rb") as file:
        declared = list(tomllib.load(file))
    assert list(site_of(app).charts) == declared
    assert len(declared) >= 8


def test_every_figure_reference_in_every_content_file_resolves(app):
    figures = site_of(app).figures
    found = 0
    for path in sorted(CONTENT.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        for match in FIGURE_REFERENCE.finditer(text):
            found += 1
            where = f"{path.relative_to(CONTENT)}:{text[: match.start()].count(chr(10)) + 1}"
            reference = match.group(1)
            assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*(?::n)?", reference), where
            figure_id, _, part = reference.partition(":")
            assert figure_id in figures, f"{where}: unknown figure '{figure_id}'"
            if part == "n":
                assert figures[figure_id].n, f"{where}: figure '{figure_id}' has no n"
    assert found > 50  # the lessons really do cite figures this way


# -- the charts ---------------------------------------------------------------------------------
@pytest.mark.parametrize("code", ["en", "es", "zh-Hans", "vi", "ar"])
def test_each_chart_draws_exactly_its_figures(app, code):
    site = site_of(app)
    if code not in site.locale_codes:
        pytest.skip(f"no {code} content yet")
    babel = site.locale(code).babel
    views = views_for(app, code)
    assert [v.chart.id for v in views] == list(site.charts)
    for view in views:
        chart = view.chart
        root = ET.fromstring(str(view.svg))  # well-formed XML
        assert root.get("role") == "img"
        title = root.find(f"{SVG}title").text
        assert title == view.title == site.figure_label(code, f"chart-{chart.id}", "title")
        if code == "en":
            assert title == chart.title
        assert root.find(f"{SVG}desc").text == view.summary
        bars, values, labels = svg_parts(root)
        assert [b.get("data-figure") for b in bars] == list(chart.figure_ids)
        assert len(bars) == len(chart.figure_ids)
        for figure_id in chart.figure_ids:
            figure = site.figures[figure_id]
            assert values[figure_id] == figure.format(babel), (chart.id, figure_id)
        # Lines are broken at spaces (dropped) or between CJK characters: compare without spaces.
        expected = ["".join(site.figure_label(code, f).split()) for f in chart.figure_ids]
        assert ["".join(label.split()) for label in labels] == expected
        assert (root.get("direction") == "rtl") == site.locale(code).rtl


def test_bar_lengths_match_the_figures(app):
    """A bar's length is its figure's share of the whole: 50% is half of 100%."""
    site = site_of(app)
    for view in views_for(app, "en"):
        if view.chart.kind != "bar":
            continue
        bars, _, _ = svg_parts(ET.fromstring(str(view.svg)))
        track = max(float(b.get("width")) for b in bars) / max(
            site.figures[b.get("data-figure")].value for b in bars
        )
        for bar in bars:
            value = site.figures[bar.get("data-figure")].value
            assert float(bar.get("width")) == pytest.approx(value * track, abs=0.15)
            # Percentages are drawn as shares of the whole: 34% is never a full-width bar.
            assert float(bar.get("width")) <= value / 100 * charts.WIDTH + 0.1


def test_chart_svg_is_built_once_per_locale(monkeypatch):
    calls = []

    def counting(draw):
        def wrapper(*args, **kwargs):
            calls.append(args[0])
            return draw(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(charts, "bar_chart", counting(charts.bar_chart))
    monkeypatch.setattr(charts, "stacked_chart", counting(charts.stacked_chart))
    app = create_app({"TESTING": True, "PAGE_CACHE": False, "PRERENDER": False})
    count = len(site_of(app).charts)
    first = views_for(app, "en")
    assert len(calls) == count
    assert views_for(app, "en") is first
    client = app.test_client()
    assert client.get("/en/figures/").status_code == 200
    for chart_id in site_of(app).charts:
        assert client.get(f"/en/figures/{chart_id}/").status_code == 200
        assert client.get(f"/en/figures/{chart_id}/").status_code == 200
    assert len(calls) == count  # requests reuse the SVG drawn for the locale
    views_for(app, "es")
    assert len(calls) == 2 * count


# -- the pages -----------------------------------------------------------------------------------
def figure_block(html: str, chart_id: str) -> str:
    blocks = re.findall(
        r'<figure class="chart[^"]*" id="chart-([a-z0-9-]+)">(.*?)</figure>', html, re.S
    )
    assert [found for found, _ in blocks] == [chart_id]
    return blocks[0][1]


@pytest.mark.parametrize("code", ["en", "ar"])
def test_the_index_links_to_every_chart_and_every_source(app, client, code):
    site = site_of(app)
    response = client.get(f"/{code}/figures/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert "<svg" not in html and "<table" not in html  # the index stays light
    for view in views_for(app, code):
        assert f'<a href="/{code}/figures/{view.chart.id}/">{view.title}</a>' in html.replace(
            "&#39;", "'"
        )
    sources = {figure.source for figure in site.figures.values()}
    assert sources
    for source_id in sources:
        assert f'href="/{code}/figures/sources/{source_id}/"' in html


@pytest.mark.parametrize("code", ["en", "ar"])
def test_each_chart_page_shows_its_chart_with_caption_summary_and_table(app, client, code):
    site = site_of(app)
    babel = site.locale(code).babel
    for view in views_for(app, code):
        response = client.get(f"/{code}/figures/{view.chart.id}/")
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        assert f'href="/{code}/figures/"' in html  # back to the index
        block = figure_block(html, view.chart.id)
        caption = re.search(r"<figcaption>(.*?)</figcaption>", block, re.S).group(1)
        assert view.title in caption.replace("&#39;", "'")
        assert str(escape(view.population)) in caption and view.period in caption
        assert str(escape(view.source.title)) in caption
        if view.n:
            assert view.n in caption
        svgs = re.findall(r"<svg\b.*?</svg>", block, re.S)
        assert len(svgs) == 1
        bars, _, _ = svg_parts(ET.fromstring(svgs[0]))
        assert len(bars) == len(view.chart.figure_ids)
        assert f'<p class="chart__summary">{view.summary}</p>' in block.replace("&#39;", "'")
        table = re.search(r"<table\b.*?</table>", block, re.S).group(0)
        assert "<caption>" in table and 'scope="col"' in table
        rows = re.findall(
            r'<th scope="row">(.*?)</th>\s*<td class="num">(.*?)</td>', table.replace("&#39;", "'")
        )
        assert len(rows) == len(view.chart.figure_ids)
        for (label, value), figure_id in zip(rows, view.chart.figure_ids, strict=True):
            figure = site.figures[figure_id]
            assert label == site.figure_label(code, figure_id)
            assert value == figure.format(babel).replace("<", "&lt;").replace(">", "&gt;")
        for group in view.groups:
            if group.label:
                assert 'scope="rowgroup"' in table and str(escape(group.label)) in table


def unescape(html: str) -> str:
    for entity, char in (("&#39;", "'"), ("&#34;", '"'), ("&lt;", "<"), ("&gt;", ">")):
        html = html.replace(entity, char)
    return html.replace("&amp;", "&")


def source_rows(html: str) -> list[tuple[str, str, str]]:
    """(value, label, group heading) of every row of a source page's table."""
    rows = []
    for body in re.findall(r"<tbody>(.*?)</tbody>", unescape(html), re.S):
        heading = re.search(r'<th scope="rowgroup" colspan="2">(.*?)</th>', body, re.S).group(1)
        for value, label in re.findall(r'<tr><td class="num">(.*?)</td><td>(.*?)</td></tr>', body):
            rows.append((value, label, heading))
    return rows


@pytest.mark.parametrize("code", ["en", "vi", "ar"])
def test_every_figure_appears_on_its_source_page(app, client, code):
    site = site_of(app)
    if code not in site.locale_codes:
        pytest.skip(f"no {code} content yet")
    babel = site.locale(code).babel
    by_source: dict[str, list] = {}
    for figure in site.figures.values():
        by_source.setdefault(figure.source, []).append(figure)
    for source_id, figures in by_source.items():
        response = client.get(f"/{code}/figures/sources/{source_id}/")
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        assert f'href="/{code}/figures/"' in html  # back to the index
        assert len(re.findall(r"<h1[\s>]", html)) == 1
        rows = source_rows(html)
        assert len(rows) == len(figures), source_id
        for (value, label, heading), figure in zip(rows, figures, strict=True):
            assert value == figure.format(babel), figure.id
            assert label == site.figure_label(code, figure.id), figure.id
            # The row's group heading names its population, n and period.
            assert site.figure_label(code, figure.id, "population") in heading, figure.id
            assert site.figure_label(code, figure.id, "period") in heading, figure.id
            if figure.n:
                assert figure.format(babel, "n") in heading, figure.id


def test_unknown_chart_and_source_ids_are_404(client):
    for path in (
        "/en/figures/no-such-chart/",
        "/en/figures/sources/no-such-source/",
        "/en/figures/sources/",
        "/ar/figures/%3Cscript%3E/",
    ):
        assert client.get(path).status_code == 404, path


def test_the_export_freezes_every_chart_and_source_page(app):
    from app.freeze import all_urls

    site = site_of(app)
    urls = set()
    with app.test_request_context("/"):
        generated = list(all_urls(app))
    for endpoint, values in generated:
        if endpoint.startswith("figures."):
            urls.add((endpoint, tuple(sorted(values.items()))))
    sources = {figure.source for figure in site.figures.values()}
    for code in site.locale_codes:
        assert ("figures.index", (("locale", code),)) in urls
        for chart_id in site.charts:
            assert ("figures.chart", (("chart_id", chart_id), ("locale", code))) in urls
        for source_id in sources:
            assert ("figures.source", (("locale", code), ("source_id", source_id))) in urls


def test_translated_chart_texts_reach_the_svg_and_the_page(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    (root / "data" / "charts.toml").write_text(
        '[shares]\ntitle = "Shares"\nsummary = "Mostly girls."\nkind = "bar"\n'
        'population = "Reports"\ngroups = [{ id = "all", label = "All reports", '
        'bars = ["study-share"] }]\n',
        encoding="utf-8",
    )
    (root / "es" / "_figures.toml").write_text(
        '["chart-shares"]\ntitle = "Proporciones"\nsummary = "Sobre todo niñas."\n'
        'population = "Informes"\n"group-all" = "Todos los informes"\n\n'
        '[study-share]\nlabel = "de los informes eran sobre niñas"\n',
        encoding="utf-8",
    )
    app = create_app({"TESTING": True, "CONTENT_DIR": root, "PAGE_CACHE": False})
    assert site_of(app).problems == ()
    html = app.test_client().get("/es/figures/shares/").get_data(as_text=True)
    svg = ET.fromstring(re.search(r"<svg\b.*?</svg>", html, re.S).group(0))
    assert svg.find(f"{SVG}title").text == "Proporciones"
    assert svg.find(f"{SVG}desc").text == "Sobre todo niñas."
    texts = " ".join("".join(t.itertext()) for t in svg.iter(f"{SVG}text"))
    assert "Todos los informes" in texts and "de los informes eran sobre niñas" in texts
    assert "78\xa0%" in texts or "78 %" in texts  # Babel's Spanish formatting
    assert "Informes" in html and "Sobre todo niñas." in html
    assert "Proporciones" in app.test_client().get("/es/figures/").get_data(as_text=True)
    english = app.test_client().get("/en/figures/shares/").get_data(as_text=True)
    assert '<title id="chart-shares-title">Shares</title>' in english


@pytest.mark.parametrize(
    "path",
    [
        "/{code}/figures/",
        "/{code}/figures/victims-gender/",
        "/{code}/classroom/parent-night/present/",
    ],
)
def test_translated_figures_and_presenter_pages_say_they_are_machine_assisted(client, app, path):
    for code in app.extensions["osl_site"].locale_codes:
        html = client.get(path.format(code=code)).get_data(as_text=True)
        # A page not translated yet says so instead (notice--fallback).
        noticed = "notice--machine" in html or "notice--fallback" in html
        assert noticed == (code != "en"), (code, path)
