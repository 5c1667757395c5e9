"""Open Safety Lessons: a Flask site that serves lessons written in Markdown."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from jinja2 import StrictUndefined

from . import content, i18n, security

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# External hosts content may link to. Each is where a reader goes for help:
ALLOWED_LINK_HOSTS = (
    "report.cybertip.org",  # the CyberTipline: where reports are made
    "www.missingkids.org",  # NCMEC: the sources, Team HOPE, support for families
    "missingkids.org",
    "takeitdown.ncmec.org",  # NCMEC's service for removing images of minors
    "988lifeline.org",  # the US Suicide & Crisis Lifeline
    # The FBI takes sextortion tips and publishes guidance for families; NCMEC's own steps for
    # parents point to both (shared/sources/current/108, 109).
    "tips.fbi.gov",
    "www.fbi.gov",
)


def default_config() -> dict:
    return {
        "CONTENT_DIR": PROJECT_ROOT / "content",
        "TRANSLATIONS_DIR": PROJECT_ROOT / "translations",
        "DEFAULT_LOCALE": "en",
        "ALLOWED_LINK_HOSTS": ALLOWED_LINK_HOSTS,
        "REPORT_URL": "https://report.cybertip.org/",
        "HOTLINE": "1-800-843-5678",
        "EXIT_URL": "https://www.weather.gov/",
        # Where the site is published: sitemap.xml needs absolute URLs (FLASK_SITE_URL=...).
        "SITE_URL": "https://opensafetylessons.org",
        # Strict: a server with broken content refuses to start (wsgi.py); tests may relax it.
        "CONTENT_STRICT": True,
        "JSON_SORT_KEYS": False,
        # Keep each page's bytes (and gzip/brotli) after the first request; off in debug mode.
        "PAGE_CACHE": True,
        # Render every page once at start-up (wsgi.py), so the first visitor waits for nothing.
        "PRERENDER": True,
        "BROTLI_QUALITY": 11,
        "BENCH_BARE_ROUTE": False,
        "MAX_CONTENT_LENGTH": 0,
    }


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        static_folder=str(PROJECT_ROOT / "static"),
        static_url_path="/static",
    )
    app.config.update(default_config())
    app.config.from_prefixed_env()  # FLASK_CONTENT_DIR=... and friends
    if test_config:
        app.config.update(test_config)
    for key in ("CONTENT_DIR", "TRANSLATIONS_DIR"):
        app.config[key] = Path(app.config[key])

    app.jinja_env.undefined = StrictUndefined
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.url_map.strict_slashes = True

    site = content.load_site(
        app.config["CONTENT_DIR"],
        default_locale=app.config["DEFAULT_LOCALE"],
        allowed_hosts=app.config["ALLOWED_LINK_HOSTS"],
    )
    app.extensions["osl_site"] = site

    app.url_map.converters["locale"] = i18n.LocaleConverter
    app.url_map.converters["section"] = i18n.choice_converter(site.sections)
    app.url_map.converters["page"] = i18n.choice_converter(site.single_pages())

    security.init_app(app)
    i18n.init_app(app)

    from .views import bilingual, classroom, errors, figures, lessons, pages

    for blueprint in (pages.bp, lessons.bp, figures.bp, classroom.bp, bilingual.bp):
        app.register_blueprint(blueprint)
    errors.init_app(app)

    from . import freeze
    from .views import search

    search.init_app(app)
    freeze.init_app(app)

    from . import assets, cli, templating
    from .cache import PageCache

    assets.init_app(app)
    templating.init_app(app)
    cli.init_app(app)
    if app.config["BENCH_BARE_ROUTE"]:
        # Only for bench/: the cheapest possible Flask response, to compare a lesson page with.
        app.add_url_rule("/__bench__/ok", "bench_ok", lambda: "ok")
    app.wsgi_app = PageCache(
        security.HostGuard(app.wsgi_app),
        enabled=app.config["PAGE_CACHE"] and not app.debug,
        brotli_quality=app.config["BROTLI_QUALITY"],
    )
    return app


def content_problems(app: Flask) -> tuple[content.Problem, ...]:
    return app.extensions["osl_site"].problems


__all__ = ["create_app", "content_problems"]
