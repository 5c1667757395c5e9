"""Helpers the content views share."""

from __future__ import annotations

from flask import abort, render_template, request

from .. import i18n
from ..content import Page, Shown
from ..state import site


def find_page(section: str, slug: str) -> Shown:
    shown = site().page(i18n.current_locale(), section, slug)
    if shown is None:
        abort(404)
    return shown


def render_page(shown: Shown, templates: list[str], **context) -> str:
    """A page of the content. Its URL names all it shows, so parts of it are kept once rendered
    (templating.fragment) unless the caller passes ``fragment_key=None``."""
    page: Page = shown.page
    return render_template(
        templates,
        page=page,
        fallback=shown.fallback,
        stale=site().is_stale(page),
        switch_locales=site().translated_locales(page.section, page.slug),
        **{"fragment_key": request.path, **context},
    )


def every_locale(endpoint: str, **values):
    """(endpoint, values) in every locale, for a Frozen-Flask generator."""
    return [(endpoint, {"locale": code, **values}) for code in site().locale_codes]
