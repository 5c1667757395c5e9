"""Open Safety Lessons: a Flask site that serves lessons written in Markdown."""

from flask import Flask
from jinja2 import StrictUndefined

from . import assets, export, i18n, offline, security, state, templating
from .config import PROJECT_ROOT, load_config, load_content
from .content import ContentError
from .search import SearchIndex
from .views import bilingual, classroom, errors, figures, lessons, pages, search, sitemap


def create_app(test_config: dict | None = None) -> Flask:
    app = assets.HashedStaticFlask(
        __name__, static_folder=str(PROJECT_ROOT / "static"), static_url_path="/static"
    )
    app.config.update(load_config(test_config))
    app.jinja_env.undefined = StrictUndefined
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    site, problems = load_content(app.config)
    if problems and app.config["CONTENT_STRICT"]:
        raise ContentError(list(problems))
    i18n.check_catalogs(app.config["TRANSLATIONS_DIR"], site)
    state.init_app(app, site=site, problems=problems, search=SearchIndex(site))

    security.init_app(app)
    i18n.init_app(app, site)
    assets.init_app(app)
    templating.init_app(app)
    freezer = export.init_app(app)
    for module in (pages, lessons, figures, classroom, bilingual, search, sitemap, offline):
        module.init_app(app, freezer)
    errors.init_app(app)
    return app
