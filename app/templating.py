"""Template globals and filters shared by every view."""

from __future__ import annotations

from flask import Flask, current_app
from flask_babel import format_date, format_decimal, format_percent
from markupsafe import Markup

from . import i18n
from .content import Page
from .markdown import resolve_links


def page_html(page: Page) -> Markup:
    """A page's rendered Markdown with its site links pointing into the reader's locale."""
    return Markup(resolve_links(page.html, i18n.url_for_path))  # noqa: S704 (our own renderer)


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        url_for_path=i18n.url_for_path,
        switch_url=i18n.switch_url,
        page_html=page_html,
        format_date=format_date,
        format_decimal=format_decimal,
        format_percent=format_percent,
    )

    @app.context_processor
    def site_context():
        return {
            "site": current_app.extensions["osl_site"],
            "report_url": current_app.config["REPORT_URL"],
            "hotline": current_app.config["HOTLINE"],
            "exit_url": current_app.config["EXIT_URL"],
        }
