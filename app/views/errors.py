"""Error pages: localised, in the site's chrome, never a stack trace."""

from __future__ import annotations

from flask import Flask, g, render_template, request
from flask_babel import lazy_gettext as _l
from flask_babel import refresh
from werkzeug.exceptions import HTTPException, InternalServerError

from .. import i18n
from ..state import site

MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood.")),
    404: (
        _l("Page not found"),
        _l("We could not find that page. It may have moved, or the address may be mistyped."),
    ),
    405: (
        _l("Method not allowed"),
        _l("This site only shows pages. It does not accept forms or uploads."),
    ),
    414: (_l("Address too long"), _l("That web address is too long for this site.")),
    431: (_l("Bad request"), _l("The request could not be understood.")),
}
GENERIC = (
    _l("Something went wrong"),
    _l("Sorry, this page could not be shown. Please try again later."),
)


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):  # Flask passes no redirects, nor codes of None, here
        if request.url_rule is None or not g.get("locale"):
            # Routing failed, so no locale was read from the URL for this request; g may still
            # hold another page's (the freezer renders every page in one app context).
            g.locale = i18n.locale_from_path(request.path) or site().default_locale
            refresh()
        heading, explanation = MESSAGES.get(error.code, GENERIC)
        response = error.get_response()
        try:
            body = render_template(
                "error.html", error=error, heading=heading, explanation=explanation
            )
        except Exception:  # a request too broken to build URLs for: answer plainly
            app.logger.warning("plain error page for %s", error.code)
            return response
        response.set_data(body)
        response.mimetype = "text/html"
        return response

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        app.logger.exception("unexpected error")
        return http_error(InternalServerError())
