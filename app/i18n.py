"""Locales: the URL carries the locale; Accept-Language is only consulted to redirect ``/``.

Locales are discovered from content/ (see content.py); the gettext catalogs live in
translations/<babel locale>/LC_MESSAGES/messages.po. No cookie, no session.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from flask import Flask, abort, current_app, g, request, url_for
from flask_babel import Babel, refresh
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BaseConverter

# Browsers send short headers; anything longer is cut rather than parsed (it is only a hint).
MAX_ACCEPT_LANGUAGE = 512


class ChoiceConverter(BaseConverter):
    """Matches one of a fixed set of names known when the app is created."""

    choices: tuple[str, ...] = ()

    def __init__(self, map, *args, **kwargs):
        super().__init__(map, *args, **kwargs)
        names = sorted(self.choices, key=len, reverse=True)
        self.regex = "(?:" + "|".join(_escape(n) for n in names) + ")" if names else "(?!)"


def _escape(name: str) -> str:
    import re

    return re.escape(name)


def choice_converter(choices) -> type[ChoiceConverter]:
    return type("ChoiceConverter", (ChoiceConverter,), {"choices": tuple(choices)})


class LocaleConverter(BaseConverter):
    # Anything shaped like a locale reaches the view, so an unknown one gets a localised 404.
    regex = r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}"


def site():
    return current_app.extensions["osl_site"]


def current_locale() -> str:
    return g.get("locale") or site().default_locale


def locale_from_path(path: str) -> str | None:
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in site().locale_codes else None


def select_babel_locale() -> str:
    return site().locale(current_locale()).babel


@lru_cache(maxsize=256)
def _parse(tag: str) -> Locale | None:
    try:
        return Locale.parse(tag.replace("_", "-"), sep="-")
    except (ValueError, UnknownLocaleError, TypeError):
        return None


def _script(locale: Locale) -> str | None:
    if locale.script:
        return locale.script
    if locale.language == "zh":
        return "Hant" if locale.territory in ("TW", "HK", "MO") else "Hans"
    return None


def negotiate(header: str | None, available: tuple[str, ...], default: str) -> str:
    """Pick the best available locale for an Accept-Language header."""
    from werkzeug.datastructures import LanguageAccept
    from werkzeug.http import parse_accept_header

    accepted = parse_accept_header((header or "")[:MAX_ACCEPT_LANGUAGE], LanguageAccept)
    by_lower = {code.lower(): code for code in available}
    for tag, _quality in accepted:
        if tag == "*":
            continue
        if tag.lower() in by_lower:
            return by_lower[tag.lower()]
        wanted = _parse(tag)
        if wanted is None:
            continue
        for code in available:
            have = _parse(code)
            if have is None or have.language != wanted.language:
                continue
            if _script(have) and _script(wanted) and _script(have) != _script(wanted):
                continue
            return code
    return default


def init_app(app: Flask) -> None:
    Babel(
        app,
        locale_selector=select_babel_locale,
        default_translation_directories=str(app.config["TRANSLATIONS_DIR"]),
    )

    @app.url_value_preprocessor
    def pull_locale(endpoint, values):
        if values and "locale" in values:
            code = values.pop("locale")
            if code not in site().locale_codes:
                g.locale = site().default_locale
                abort(404)
            g.locale = code
            # Flask-Babel caches the locale in g, and g is the app context's: `flask freeze` renders
            # every page inside one app context, so without this each page after the first would
            # keep the first page's locale (English menus and dates on translated pages).
            refresh()

    @app.url_defaults
    def add_locale(endpoint, values):
        if "locale" in values or not current_app.url_map.is_endpoint_expecting(endpoint, "locale"):
            return
        values["locale"] = current_locale()

    @app.context_processor
    def locale_context():
        info = site().locale(current_locale())
        return {"locale": info, "locales": site().locales}


def url_for_path(path: str, locale: str | None = None) -> str:
    """URL of a locale-free site path ("/parents/x/") in ``locale``, through the URL map."""
    locale = locale or current_locale()
    return _url_for_path(locale, path)


def _url_for_path(locale: str, path: str) -> str:
    adapter = current_app.url_map.bind("localhost")
    try:
        endpoint, values = adapter.match(f"/{locale}{path}", method="GET")
    except HTTPException:
        return f"/{locale}{path}"
    return url_for(endpoint, **values)


def switch_url(code: str) -> str:
    """The current page in another locale."""
    values = dict(request.view_args or {})
    values["locale"] = code
    return url_for(request.endpoint, **values)
