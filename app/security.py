"""Response headers and request limits that protect people who visit.

The values score A+ on Mozilla's HTTP Observatory. They are set on every response: pages, errors,
redirects and static files alike.
"""

from flask import Flask, Response, request
from werkzeug.exceptions import MethodNotAllowed, RequestURITooLarge

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",  # the static export's search loads its index from the same origin
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "manifest-src 'none'",
        "object-src 'none'",
    ]
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
        "interest-cohort",
    )
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "X-Frame-Options": "DENY",
}
HSTS = "max-age=63072000; includeSubDomains"
ALLOWED_METHODS = ("GET", "HEAD")
MAX_URL_LENGTH = 2048


def init_app(app: Flask) -> None:
    # A URL value preprocessor runs before every other request hook (and before the locale is
    # checked), so a POST to an unknown page is still a 405, not a 404.
    @app.url_value_preprocessor
    def limit_requests(endpoint, values):
        if request.method not in ALLOWED_METHODS:
            raise MethodNotAllowed(valid_methods=list(ALLOWED_METHODS))
        uri = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or ""
        if len(uri) > MAX_URL_LENGTH or len(request.query_string) > MAX_URL_LENGTH:
            raise RequestURITooLarge()

    @app.after_request
    def add_headers(response: Response) -> Response:
        cacheable = response.status_code == 200 and not request.query_string
        if "Cache-Control" not in response.headers:
            # Pages may change when content is deployed: a short, shared cache. Nothing else is
            # kept (errors, redirects chosen by Accept-Language, search results).
            response.headers["Cache-Control"] = "public, max-age=300" if cacheable else "no-store"
        if cacheable and not response.direct_passthrough:
            # A strong ETag and 304s for pages (static files get theirs from send_file).
            response.add_etag()
            response.make_conditional(request)
        response.headers.update(SECURITY_HEADERS)
        if request.is_secure:
            response.headers["Strict-Transport-Security"] = HSTS
        # The site never sets a cookie; this makes sure nothing slips through.
        response.headers.pop("Set-Cookie", None)
        response.headers.pop("Server", None)
        return response
