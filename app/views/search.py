"""Search: /<locale>/search/?q=… on the live site, and a prebuilt index for the static export.

The live page works with JavaScript off: a plain GET form and results rendered on the server.
The frozen site has no server, so the export writes the page's static variant (``render``), which
site.js fills in from /<locale>/search/index.json (same origin). Queries are never logged or stored.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, render_template, request

from .. import i18n
from ..search import MAX_QUERY_CHARS, MAX_RESULTS, clean_query
from ..state import state
from .common import blueprint_init, every_locale

bp = Blueprint("search", __name__)


def render(query: str = "", static: bool = False) -> str:
    code = i18n.current_locale()
    results = state().search.search(code, query, limit=MAX_RESULTS + 1) if query else []
    return render_template(
        "search.html",
        query=query,
        results=results[:MAX_RESULTS],
        more=len(results) > MAX_RESULTS,
        max_results=MAX_RESULTS,
        max_query_chars=MAX_QUERY_CHARS,
        static_search=static,
        section_title=lambda page: state().search.section_title(code, page),
    )


@bp.get("/<locale:locale>/search/")
def index():
    return render(clean_query(request.args.get("q", "")))


@bp.get("/<locale:locale>/search/index.json")
def index_json():
    """What site.js needs to search this locale's pages as the server does (app/search/)."""
    code = i18n.current_locale()
    entries = state().search.static_entries(code)
    for page in entries["pages"]:
        page["url"] = i18n.url_for_path(page.pop("path"), code)
    # Compact and not ASCII-escaped: Chinese text would otherwise take twice the bytes.
    body = json.dumps({"locale": code, **entries}, ensure_ascii=False, separators=(",", ":"))
    return Response(body, mimetype="application/json")


# The search page itself is written by the export as its static variant (app/export.py).
init_app = blueprint_init(bp, lambda: every_locale("search.index_json"))
