"""The numbers: every figure the site uses, with its population, period and source."""

from __future__ import annotations

from flask import Blueprint, render_template

from .. import i18n
from .common import site

bp = Blueprint("figures", __name__)


@bp.get("/<locale:locale>/figures/")
def index():
    code = i18n.current_locale()
    by_source: dict[str, list] = {}
    for figure in site().figures.values():
        by_source.setdefault(figure.source, []).append(figure)
    groups = [(site().sources[source], figures) for source, figures in by_source.items()]
    return render_template("figures.html", groups=groups, babel_locale=site().locale(code).babel)
