"""Template globals and filters shared by every view."""

from __future__ import annotations

import re

from flask import Flask, current_app
from flask_babel import format_date, format_decimal, format_percent
from markupsafe import Markup, escape

from . import i18n
from .content.markdown import LTR_RUN_PATTERN
from .state import state

LTR_RUN = re.compile(LTR_RUN_PATTERN)


def html(markup: str) -> Markup:
    """HTML the content renderer made (content/markdown.py): already escaped and checked."""
    return Markup(markup)  # noqa: S704 (our own renderer)


def ltr(text: str) -> Markup:
    """A phone number or web address kept in left-to-right order and on one line in any script."""
    return Markup('<span class="nowrap" dir="ltr">%s</span>') % text


def ltr_runs(text: str) -> Markup:
    """Front-matter text with phone numbers and number runs isolated, as in the Markdown."""
    return Markup(LTR_RUN.sub(lambda m: ltr(m.group(0)), str(escape(text))))  # noqa: S704


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(ltr=ltr, ltr_runs=ltr_runs, html=html)
    app.jinja_env.globals.update(
        url_for_path=i18n.url_for_path,
        switch_url=i18n.switch_url,
        format_date=format_date,
        format_decimal=format_decimal,
        format_percent=format_percent,
    )

    @app.context_processor
    def site_context():
        return {
            "site": state().site,
            "integrity": state().integrity,
            "report_url": current_app.config["REPORT_URL"],
            "hotline": current_app.config["HOTLINE"],
            "exit_url": current_app.config["EXIT_URL"],
        }
