"""Locales: in the URL (/es/...), never in a cookie; Accept-Language only redirects ``/``.

Interface text comes from translations/<babel locale>/LC_MESSAGES/messages.mo, compiled by make.
A missing or outdated .mo would silently show English menus on translated pages, so the app
refuses to start without it (``check_catalogs``).
"""

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from flask import Flask, g, request, url_for
from flask_babel import Babel, get_translations, refresh
from werkzeug.datastructures import LanguageAccept
from werkzeug.exceptions import NotFound
from werkzeug.http import parse_accept_header
from werkzeug.routing import AnyConverter, BaseConverter

from .content import Site, locale_url
from .content.status import catalog_path
from .state import site, state

MAX_ACCEPT_LANGUAGE = 512  # characters of the header considered


class CatalogError(RuntimeError):
    pass


class LocaleConverter(BaseConverter):
    # Anything shaped like a locale reaches the view, so an unknown one gets a localised 404.
    regex = r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}"


def any_of(names) -> Callable[..., AnyConverter]:
    """A converter for a fixed set of names known when the app is created (sections, pages)."""
    names = tuple(names) or ("\x00",)  # AnyConverter needs one name; this one never matches
    return lambda url_map: AnyConverter(url_map, *names)


def check_catalogs(translations: Path, site_: Site) -> None:
    for info in site_.locales[1:]:
        po = catalog_path(translations, info.babel)
        mo = po.with_suffix(".mo")
        if po.exists() and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime):
            problem = "is missing" if not mo.exists() else "is older than its .po"
            raise CatalogError(f"{mo} {problem}: run `make catalogs` (pybabel compile) first")


def current_locale() -> str:
    return g.get("locale") or site().default_locale


def locale_from_path(path: str) -> str | None:
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in site().locale_codes else None


@lru_cache(maxsize=256)
def language_and_script(tag: str) -> tuple[str, str] | None:
    """("zh", "Hant") for zh-TW: Chinese without a script is Traditional in TW, HK and MO."""
    try:
        locale = Locale.parse(tag.replace("_", "-"), sep="-")
    except (ValueError, UnknownLocaleError, TypeError):
        return None
    if locale.script or locale.language != "zh":
        return locale.language, locale.script or ""
    return "zh", "Hant" if locale.territory in ("TW", "HK", "MO") else "Hans"


def negotiate(header: str | None, available: tuple[str, ...], default: str) -> str:
    """The first available locale in the language and script of an accepted one, best first:
    Traditional Chinese readers are never sent to Simplified Chinese (or the other way)."""
    accepted = parse_accept_header((header or "")[:MAX_ACCEPT_LANGUAGE], LanguageAccept)
    for tag, _quality in accepted:
        wanted = language_and_script(tag)
        for code in available:
            if code.lower() == tag.lower() or (wanted and wanted == language_and_script(code)):
                return code
    return default


def switch_url(code: str) -> str:
    """The current page in another locale, its URL's locale segment swapped: one url_for per
    request serves all of a page's (16) language links, as every localised route is /<locale>/."""
    if "switch_base" not in g:
        here = url_for(request.endpoint, **{**(request.view_args or {}), "locale": "-"})
        g.switch_base = here.split("/-", 1)
    root, rest = g.switch_base
    return f"{root}/{code}{rest}"


def language_links(codes: tuple[str, ...] | None) -> dict[str, str]:
    """Locale code -> this page in that locale, for the page's locales (``codes``, else all):
    the alternates in the head and the language menu. Home pages when no view matched (a 404)."""
    codes = site().locale_codes if codes is None else codes
    if request.endpoint:
        return {code: switch_url(code) for code in codes}
    return {code: url_for("pages.home", locale=code) for code in codes}


def catalog():
    """The interface catalog of the request's locale: Flask-Babel finds it once per locale."""
    return state().catalogs.get(current_locale(), get_translations)


def url_for_path(path: str, locale: str | None = None) -> str:
    """A locale-free site path ("/parents/x/") in the reader's locale."""
    return locale_url(locale or current_locale(), path)


def init_app(app: Flask, site_: Site) -> None:
    Babel(
        app,
        locale_selector=lambda: site().locale(current_locale()).babel,
        default_translation_directories=str(app.config["TRANSLATIONS_DIR"]),
    )
    # Templates look up some 35 strings a page; Flask-Babel's own callables resolve the context,
    # domain and locale for each one. These use the locale's catalog, found once.
    app.jinja_env.install_gettext_callables(
        gettext=lambda string: catalog().ugettext(string),
        ngettext=lambda singular, plural, n: catalog().ungettext(singular, plural, n),
        newstyle=True,
    )
    app.url_map.converters["locale"] = LocaleConverter
    app.url_map.converters["section"] = any_of(site_.sections)
    app.url_map.converters["page"] = any_of(site_.single_pages())

    @app.url_value_preprocessor
    def pull_locale(endpoint, values):
        code = (values or {}).pop("locale", None)
        g.locale = code if code in site().locale_codes else site().default_locale
        # Flask-Babel caches the locale in g, which `flask freeze` shares across all the pages
        # it renders in one app context: without this, every page keeps the first one's locale.
        refresh()
        if code is not None and code not in site().locale_codes:
            raise NotFound()
        g.pop("switch_base", None)  # g outlives a request in `flask freeze`, as above

    @app.url_defaults
    def add_locale(endpoint, values):
        if "locale" not in values and app.url_map.is_endpoint_expecting(endpoint, "locale"):
            values["locale"] = current_locale()

    @app.context_processor
    def locale_context():
        return {"locale": site().locale(current_locale())}

    app.jinja_env.globals["locales"] = site_.locales
