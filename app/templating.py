"""Template globals and filters shared by every view."""

import re
from collections.abc import Callable, Hashable

from flask import Flask, current_app, render_template
from flask_babel import format_date, format_decimal, format_percent
from jinja2 import pass_context
from markupsafe import Markup, escape

from . import i18n
from .content.markdown import LTR_RUN_PATTERN
from .state import OnceCache, state

LTR_RUN = re.compile(LTR_RUN_PATTERN)


def html(markup: str) -> Markup:
    """HTML the content renderer made (content/markdown.py): already escaped and checked."""
    return Markup(markup)  # noqa: S704 (our own renderer)


def ltr(text: str) -> Markup:
    """A phone number or web address kept in left-to-right order and on one line in any script."""
    return Markup('<span class="nowrap" dir="ltr">%s</span>') % text


def ltr_runs(text: str) -> Markup:
    """Front-matter text with phone numbers and number runs isolated, as in the Markdown."""
    return Markup(LTR_RUN.sub(lambda run: ltr(run.group(0)), str(escape(text))))  # noqa: S704


def kept(cache: OnceCache, key: Hashable, make: Callable[[], Markup]) -> Markup:
    """``make()``, kept in ``cache`` once made: not while templates reload (``make run``) or when
    links are relative to each page (the offline copy)."""
    app = current_app
    if app.jinja_env.auto_reload or app.config.get("FREEZER_RELATIVE_URLS"):
        return make()
    return cache.get(key, make)


def chrome(template: str) -> Markup:
    """A piece of every page (the top, the footer) that depends only on the locale, rendered once
    per locale: it is most of a page's interface text and links."""
    key = (template, i18n.current_locale())
    return kept(state().chrome, key, lambda: Markup(render_template(template)))  # noqa: S704


@pass_context
def fragment(context, name: str, caller) -> Markup:
    """``{% call fragment(name) %}``: a part of a page that depends only on its URL (the article,
    the language links), kept once rendered, as with Django's ``{% cache %}``. Only pages
    render_page gives a ``fragment_key`` are kept: not search results, errors or PDFs."""
    key = context.get("fragment_key")
    if key is None:
        return caller()
    return kept(state().fragments, (name, key), caller)


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(ltr=ltr, ltr_runs=ltr_runs, html=html)
    app.jinja_env.globals.update(
        chrome=chrome,
        fragment=fragment,
        url_for_path=i18n.url_for_path,
        switch_url=i18n.switch_url,
        language_links=i18n.language_links,
        format_date=format_date,
        format_decimal=format_decimal,
        format_percent=format_percent,
        # The same for every request: globals, so macros imported without context see them.
        site=app.extensions["osl"].site,
        integrity=app.extensions["osl"].integrity,
        report_url=app.config["REPORT_URL"],
        hotline=app.config["HOTLINE"],
        exit_url=app.config["EXIT_URL"],
    )
