"""Helpers the content views share."""

from __future__ import annotations

from flask import abort, current_app, render_template

from .. import i18n
from ..content import Page, Site


def site() -> Site:
    return current_app.extensions["osl_site"]


def find_page(section: str, slug: str) -> tuple[Page, bool]:
    found = site().page(i18n.current_locale(), section, slug)
    if found is None:
        abort(404)
    return found


def translated_locales(section: str, slug: str) -> tuple[str, ...]:
    """Locales that have this page in their own language (the switcher links only to these)."""
    return tuple(code for code in site().locale_codes if (code, section, slug) in site().pages)


def render_page(page: Page, fallback: bool, templates: list[str], **context) -> str:
    return render_template(
        templates,
        page=page,
        fallback=fallback,
        stale=site().is_stale(page),
        switch_locales=translated_locales(page.section, page.slug),
        **context,
    )
