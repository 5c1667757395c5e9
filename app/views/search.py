"""Search: /<locale>/search/?q=… on the live site, and a prebuilt index for the static export.

The live page works with JavaScript off: a plain GET form and results rendered on the server.
The frozen site has no server, so its search page is a "static variant" that site.js fills in
from /<locale>/search/index.json (same origin). Queries are never logged or stored.
"""

from __future__ import annotations

import json

from flask import Blueprint, Flask, Response, current_app, render_template, request

from .. import i18n
from ..search import MAX_QUERY_CHARS, MAX_RESULTS, SearchIndex, clean_query

bp = Blueprint("search", __name__)

# While the site is being frozen (app/freeze.py), the search page is rendered for a static host.
STATIC_EXPORT = "OSL_STATIC_EXPORT"


def search_index() -> SearchIndex:
    return current_app.extensions["osl_search"]


@bp.get("/<locale:locale>/search/")
def index():
    code = i18n.current_locale()
    static = bool(current_app.config.get(STATIC_EXPORT))
    query = "" if static else clean_query(request.args.get("q", ""))
    results = search_index().search(code, query, limit=MAX_RESULTS + 1) if query else []
    return render_template(
        "search.html",
        query=query,
        results=results[:MAX_RESULTS],
        more=len(results) > MAX_RESULTS,
        max_results=MAX_RESULTS,
        max_query_chars=MAX_QUERY_CHARS,
        static_search=static,
        section_title=lambda page: search_index().section_title(code, page),
    )


@bp.get("/<locale:locale>/search/index.json")
def index_json():
    """Every page a reader of this locale can reach, with its folded words, for site.js."""
    code = i18n.current_locale()
    pages = []
    for entry in search_index().static_entries(code):
        entry = dict(entry)
        entry["url"] = i18n.url_for_path(entry.pop("path"), code)
        pages.append(entry)
    # Compact and not ASCII-escaped: Chinese text would otherwise take twice the bytes.
    body = json.dumps({"locale": code, "pages": pages}, ensure_ascii=False, separators=(",", ":"))
    return Response(body, mimetype="application/json")


def freeze_urls(site_):
    """(endpoint, values) of every URL this blueprint serves, for app/freeze.py."""
    for code in site_.locale_codes:
        yield "search.index", {"locale": code}
        yield "search.index_json", {"locale": code}


def init_app(app: Flask) -> None:
    app.extensions["osl_search"] = SearchIndex(app.extensions["osl_site"])
    app.register_blueprint(bp)


__all__ = ["bp", "init_app", "freeze_urls", "STATIC_EXPORT"]
