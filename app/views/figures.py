"""The numbers: charts drawn from the figures, then every figure with its population, period
and source."""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_decimal
from flask import Blueprint, current_app, render_template
from flask_babel import gettext
from markupsafe import Markup

from .. import charts, i18n
from ..content import CHART_LABEL_PREFIX, Chart, Figure, Site, SourceDoc
from .common import site

bp = Blueprint("figures", __name__)

CACHE_KEY = "osl_chart_views"  # app.extensions: locale -> [ChartView], built once per locale


@dataclass(frozen=True)
class ChartRow:
    figure: Figure
    label: str
    value: str


@dataclass(frozen=True)
class ChartGroupView:
    label: str  # "" for a chart's single unnamed group
    n: str | None  # the group's population size, formatted
    rows: tuple[ChartRow, ...]


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


def build_chart_view(data: Site, code: str, chart: Chart) -> ChartView:
    babel = data.locale(code).babel

    def text(key: str) -> str:
        return data.figure_label(code, CHART_LABEL_PREFIX + chart.id, key)

    first = data.figures[chart.groups[0].bars[0]]
    sizes = {data.figures[fid].n for fid in chart.figure_ids}
    shared_n = format_decimal(first.n, locale=babel) if len(sizes) == 1 and first.n else None

    groups = []
    for group in chart.groups:
        figures = [data.figures[fid] for fid in group.bars]
        rows = tuple(
            ChartRow(f, data.figure_label(code, f.id), f.format(babel) or "") for f in figures
        )
        n = format_decimal(figures[0].n, locale=babel) if figures[0].n else None
        label = text(f"group-{group.id}") if group.id else ""
        groups.append(ChartGroupView(label, n, rows))

    def heading(group: ChartGroupView) -> str:
        if group.label and group.n and not shared_n:
            return gettext("%(label)s (out of %(n)s)", label=group.label, n=group.n)
        return group.label

    svg_groups = [
        charts.Group(
            heading(g), tuple(charts.Bar(r.figure.id, r.label, r.figure.value) for r in g.rows)
        )
        for g in groups
    ]
    values = {row.figure.id: row.value for group in groups for row in group.rows}
    options = {
        "format_value": lambda bar: values[bar.id],
        "scale_max": 100 if first.unit == "percent" else None,
        "rtl": data.locale(code).rtl,
    }
    dom_id = f"chart-{chart.id}"
    title, summary = text("title"), text("summary")
    if chart.kind == "stacked":
        svg = charts.stacked_chart(dom_id, title, summary, svg_groups[0].bars, **options)
    else:
        svg = charts.bar_chart(dom_id, title, summary, svg_groups, **options)
    return ChartView(
        chart=chart,
        dom_id=dom_id,
        title=title,
        summary=summary,
        population=text("population"),
        period=data.figure_label(code, first.id, "period"),
        n=shared_n,
        source=data.sources[first.source],
        groups=tuple(groups),
        svg=Markup(svg),  # noqa: S704 (charts.py escapes every text it writes)
    )


def chart_views(code: str) -> list[ChartView]:
    """Every chart for a locale, drawn on the first request in that locale and then kept."""
    cache = current_app.extensions.setdefault(CACHE_KEY, {})
    if code not in cache:
        cache[code] = [build_chart_view(site(), code, chart) for chart in site().charts.values()]
    return cache[code]


@bp.get("/<locale:locale>/figures/")
def index():
    code = i18n.current_locale()
    by_source: dict[str, list] = {}
    for figure in site().figures.values():
        by_source.setdefault(figure.source, []).append(figure)
    groups = [(site().sources[source], figures) for source, figures in by_source.items()]
    return render_template(
        "figures.html",
        charts=chart_views(code),
        groups=groups,
        babel_locale=site().locale(code).babel,
    )
