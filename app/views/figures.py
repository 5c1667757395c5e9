"""The numbers: an index of the charts and sources, one page per chart (drawn from the figures,
with the same numbers as a table), and one page per source listing every figure it gives with its
population, n and period. One page each keeps every page inside the page-weight budget."""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import groupby

from flask import Blueprint, abort, render_template
from flask_babel import gettext
from markupsafe import Markup

from .. import i18n
from ..content.models import Chart, Figure, SourceDoc
from ..render import charts
from ..state import site, state
from .common import blueprint_init, every_locale

bp = Blueprint("figures", __name__)


@dataclass(frozen=True)
class FigureRow:
    figure: Figure
    value: str  # formatted
    label: str  # in the reader's language


@dataclass(frozen=True)
class ChartGroupView:
    label: str  # "" for a chart's single unnamed group
    n: str | None  # the group's population size, formatted
    rows: tuple[FigureRow, ...]
    period: str  # set when the chart compares periods: each group then names its own


@dataclass(frozen=True)
class ChartView:
    chart: Chart
    dom_id: str
    title: str
    summary: str
    population: str
    period: str
    n: str | None  # shared by every figure drawn, else None (each group then gives its own)
    source: SourceDoc
    groups: tuple[ChartGroupView, ...]
    svg: Markup = Markup()


@dataclass(frozen=True)
class FigureGroup:
    """Consecutive figures sharing population, n and period: those are said once, in a row
    heading, instead of on every row (the enticement analysis alone gives ~100 figures)."""

    population: str
    n: str | None
    period: str
    rows: tuple[FigureRow, ...]


def figure_row(code: str, figure: Figure) -> FigureRow:
    value = figure.format(site().locale(code).babel)
    return FigureRow(figure, value, site().figure_label(code, figure.id))


def draw_chart(view: ChartView, rtl: bool) -> Markup:
    """The chart's SVG: one bar per figure, a heading per group, values as the page shows them."""

    def heading(group: ChartGroupView) -> str:
        label = group.label
        if group.period:
            label = gettext("%(label)s, %(period)s", label=label, period=group.period)
        if label and group.n and not view.n:
            return gettext("%(label)s (out of %(n)s)", label=label, n=group.n)
        return label

    def bars(group: ChartGroupView) -> tuple[charts.Bar, ...]:
        return tuple(charts.Bar(row.figure.id, row.label, row.figure.value) for row in group.rows)

    groups = [charts.Group(heading(group), bars(group)) for group in view.groups]
    values = {row.figure.id: row.value for group in view.groups for row in group.rows}
    options = {
        "format_value": lambda bar: values[bar.id],
        "scale_max": 100 if view.groups[0].rows[0].figure.unit == "percent" else None,
        "rtl": rtl,
    }
    if view.chart.kind == "stacked":
        svg = charts.stacked_chart(view.dom_id, view.title, view.summary, groups[0].bars, **options)
    else:
        svg = charts.bar_chart(view.dom_id, view.title, view.summary, groups, **options)
    return Markup(svg)  # noqa: S704 (charts.py escapes every text it writes)


def build_chart_view(code: str, chart: Chart) -> ChartView:
    data = site()
    babel = data.locale(code).babel
    figures = [data.figures[fid] for fid in chart.figure_ids]
    first = figures[0]
    shared_n = first.format(babel, "n") if len({f.n for f in figures}) == 1 else None
    one_period = len({f.period for f in figures}) == 1
    shared_period = data.figure_label(code, first.id, "period") if one_period else ""
    groups = []
    for group in chart.groups:
        rows = tuple(figure_row(code, data.figures[fid]) for fid in group.bars)
        head = rows[0].figure
        label = data.chart_text(code, chart.id, f"group-{group.id}") if group.id else ""
        period = "" if shared_period else data.figure_label(code, head.id, "period")
        groups.append(ChartGroupView(label, head.format(babel, "n"), rows, period))
    view = ChartView(
        chart=chart,
        dom_id=f"chart-{chart.id}",
        title=data.chart_text(code, chart.id, "title"),
        summary=data.chart_text(code, chart.id, "summary"),
        population=data.chart_text(code, chart.id, "population"),
        period=shared_period,
        n=shared_n,
        source=data.sources[first.source],
        groups=tuple(groups),
    )
    return replace(view, svg=draw_chart(view, data.locale(code).rtl))


def chart_views(code: str) -> dict[str, ChartView]:
    """Chart id -> view, for a locale: drawn on the first request in that locale, then kept."""
    return state().charts.get(
        code, lambda: {chart.id: build_chart_view(code, chart) for chart in site().charts.values()}
    )


def figures_by_source() -> dict[str, list[Figure]]:
    """Source id -> its figures, in the order of the figures files; sources with none left out."""
    by_source: dict[str, list[Figure]] = {}
    for figure in site().figures.values():
        by_source.setdefault(figure.source, []).append(figure)
    return by_source


@bp.get("/<locale:locale>/figures/")
def index():
    by_source = figures_by_source().items()
    sources = [(site().sources[source_id], len(figures)) for source_id, figures in by_source]
    views = chart_views(i18n.current_locale()).values()
    return render_template("figures.html", charts=views, sources=sources)


@bp.get("/<locale:locale>/figures/<chart_id>/")
def chart(chart_id: str):
    view = chart_views(i18n.current_locale()).get(chart_id) or abort(404)
    return render_template("figures_chart.html", view=view)


@bp.get("/<locale:locale>/figures/sources/<source_id>/")
def source(source_id: str):
    code = i18n.current_locale()
    figures = figures_by_source().get(source_id) or abort(404)

    def shared(figure: Figure) -> tuple[str, str | None, str]:
        population = site().figure_label(code, figure.id, "population")
        period = site().figure_label(code, figure.id, "period")
        return population, figure.format(site().locale(code).babel, "n"), period

    groups = [
        FigureGroup(*key, tuple(figure_row(code, figure) for figure in run))
        for key, run in groupby(figures, shared)
    ]
    doc = site().sources[source_id]
    return render_template("figures_source.html", doc=doc, groups=groups, count=len(figures))


def urls():
    yield from every_locale("figures.index")
    for chart_id in site().charts:
        yield from every_locale("figures.chart", chart_id=chart_id)
    for source_id in figures_by_source():
        yield from every_locale("figures.source", source_id=source_id)


init_app = blueprint_init(bp, urls)
