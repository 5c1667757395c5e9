"""The numbers: an index of the charts and sources, one page per chart (drawn from the figures,
with the same numbers as a table), and one page per source listing every figure it gives with its
population, n and period. One page each keeps every page inside the page-weight budget."""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_decimal
from flask import Blueprint, Flask, abort, render_template
from flask_babel import gettext
from markupsafe import Markup

from .. import i18n
from ..content.models import Chart, Figure, Site, SourceDoc
from ..render import charts
from ..state import site, state
from .common import every_locale

bp = Blueprint("figures", __name__)


@dataclass(frozen=True)
class FigureRow:
    """One figure as a table row or chart bar shows it: formatted value, localised label."""

    figure: Figure
    value: str
    label: str


@dataclass(frozen=True)
class ChartGroupView:
    label: str  # "" for a chart's single unnamed group
    n: str | None  # the group's population size, formatted
    rows: tuple[FigureRow, ...]
    period: str = ""  # set when the chart compares periods: each group then names its own


@dataclass(frozen=True)
class ChartView:
    """One chart as the template shows it: texts in the reader's language and the SVG."""

    chart: Chart
    dom_id: str
    title: str
    summary: str
    population: str
    period: str
    n: str | None  # shared by every figure drawn, else None (each group then gives its own)
    source: SourceDoc
    groups: tuple[ChartGroupView, ...]
    svg: Markup


def draw_chart(data, code, chart, groups, dom_id, title, summary, shared_n) -> str:
    """The chart's SVG: one bar per figure, a heading per group, values as the page shows them."""

    def heading(group: ChartGroupView) -> str:
        label = group.label
        if group.period:
            label = gettext("%(label)s, %(period)s", label=label, period=group.period)
        if label and group.n and not shared_n:
            return gettext("%(label)s (out of %(n)s)", label=label, n=group.n)
        return label

    svg_groups = [
        charts.Group(
            heading(g), tuple(charts.Bar(r.figure.id, r.label, r.figure.value) for r in g.rows)
        )
        for g in groups
    ]
    values = {row.figure.id: row.value for group in groups for row in group.rows}
    options = {
        "format_value": lambda bar: values[bar.id],
        "scale_max": 100 if data.figures[chart.groups[0].bars[0]].unit == "percent" else None,
        "rtl": data.locale(code).rtl,
    }
    if chart.kind == "stacked":
        return charts.stacked_chart(dom_id, title, summary, svg_groups[0].bars, **options)
    return charts.bar_chart(dom_id, title, summary, svg_groups, **options)


def build_chart_view(data: Site, code: str, chart: Chart) -> ChartView:
    babel = data.locale(code).babel

    def text(key: str) -> str:
        return data.chart_text(code, chart.id, key)

    first = data.figures[chart.groups[0].bars[0]]
    sizes = {data.figures[fid].n for fid in chart.figure_ids}
    shared_n = format_decimal(first.n, locale=babel) if len(sizes) == 1 and first.n else None
    periods = {data.figures[fid].period for fid in chart.figure_ids}
    shared_period = data.figure_label(code, first.id, "period") if len(periods) == 1 else ""

    groups = []
    for group in chart.groups:
        figures = [data.figures[fid] for fid in group.bars]
        rows = tuple(
            FigureRow(f, f.format(babel) or "", data.figure_label(code, f.id)) for f in figures
        )
        n = format_decimal(figures[0].n, locale=babel) if figures[0].n else None
        label = text(f"group-{group.id}") if group.id else ""
        period = "" if shared_period else data.figure_label(code, figures[0].id, "period")
        groups.append(ChartGroupView(label, n, rows, period))

    dom_id = f"chart-{chart.id}"
    title, summary = text("title"), text("summary")
    svg = draw_chart(data, code, chart, groups, dom_id, title, summary, shared_n)
    return ChartView(
        chart=chart,
        dom_id=dom_id,
        title=title,
        summary=summary,
        population=text("population"),
        period=shared_period,
        n=shared_n,
        source=data.sources[first.source],
        groups=tuple(groups),
        svg=Markup(svg),  # noqa: S704 (charts.py escapes every text it writes)
    )


def chart_views(code: str) -> list[ChartView]:
    """Every chart for a locale, drawn on the first request in that locale and then kept."""
    return state().charts.get(
        code, lambda: [build_chart_view(site(), code, chart) for chart in site().charts.values()]
    )


def chart_view(code: str, chart_id: str) -> ChartView | None:
    return next((v for v in chart_views(code) if v.chart.id == chart_id), None)


def figures_by_source(data: Site) -> dict[str, list[Figure]]:
    """Source id -> its figures, in the order of the figures files; sources with none left out."""
    by_source: dict[str, list[Figure]] = {}
    for figure in data.figures.values():
        by_source.setdefault(figure.source, []).append(figure)
    return by_source


@dataclass(frozen=True)
class FigureGroup:
    """Consecutive figures sharing population, n and period: those are said once, in a row
    heading, instead of on every row (the enticement analysis alone gives ~100 figures)."""

    population: str
    n: str | None
    period: str
    rows: tuple[FigureRow, ...]


def figure_groups(data: Site, code: str, figures: list[Figure]) -> list[FigureGroup]:
    babel = data.locale(code).babel
    groups: list[FigureGroup] = []
    for figure in figures:
        key = (
            data.figure_label(code, figure.id, "population"),
            figure.format(babel, "n"),
            data.figure_label(code, figure.id, "period"),
        )
        row = FigureRow(figure, figure.format(babel) or "", data.figure_label(code, figure.id))
        last = groups[-1] if groups else None
        if last and (last.population, last.n, last.period) == key:
            groups[-1] = FigureGroup(*key, (*last.rows, row))
        else:
            groups.append(FigureGroup(*key, (row,)))
    return groups


@bp.get("/<locale:locale>/figures/")
def index():
    data = site()
    by_source = figures_by_source(data)
    sources = [(data.sources[source], len(figures)) for source, figures in by_source.items()]
    return render_template(
        "figures.html", charts=chart_views(i18n.current_locale()), sources=sources
    )


@bp.get("/<locale:locale>/figures/<chart_id>/")
def chart(chart_id: str):
    view = chart_view(i18n.current_locale(), chart_id)
    if view is None:
        abort(404)
    return render_template("figures_chart.html", view=view)


@bp.get("/<locale:locale>/figures/sources/<source_id>/")
def source(source_id: str):
    data = site()
    figures = figures_by_source(data).get(source_id)
    if not figures:
        abort(404)
    return render_template(
        "figures_source.html",
        doc=data.sources[source_id],
        groups=figure_groups(data, i18n.current_locale(), figures),
        count=len(figures),
    )


def urls():
    yield from every_locale("figures.index")
    for chart_id in site().charts:
        yield from every_locale("figures.chart", chart_id=chart_id)
    for source_id in figures_by_source(site()):
        yield from every_locale("figures.source", source_id=source_id)


def init_app(app: Flask, freezer) -> None:
    app.register_blueprint(bp)
    freezer.register_generator(urls)
