"""Helpers the content views share."""

from __future__ import annotations

from flask import Blueprint, Flask, abort, render_template, request

from .. import i18n
from ..content import Page, Shown
from ..state import site


def find_page(section: str, slug: str) -> Shown:
    shown = site().page(i18n.current_locale(), section, slug)
    if shown is None:
        abort(404)
    return shown


def render_page(shown: Shown, templates: list[str], **context) -> str:
    """A page of the content, with ``context`` added (or replacing). Its URL names all it shows,
    so parts of it are kept once rendered (templating.fragment) unless fragment_key=None."""
    page: Page = shown.page
    defaults = {
        "page": page,
        "fallback": shown.fallback,
        "stale": site().is_stale(page),
        "switch_locales": site().translated_locales(page.section, page.slug),
        "fragment_key": request.path,
    }
    return render_template(templates, **(defaults | context))


def every_locale(endpoint: str, **values):
    """(endpoint, values) in every locale, for a Frozen-Flask generator."""
    return [(endpoint, {"locale": code, **values}) for code in site().locale_codes]


def blueprint_init(bp: Blueprint, urls):
    """An init_app that registers the blueprint, and its pages' URLs with the export's freezer."""

    def init_app(app: Flask, freezer) -> None:
        app.register_blueprint(bp)
        freezer.register_generator(urls)

    return init_app
