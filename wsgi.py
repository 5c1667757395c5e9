"""The WSGI entry point: `gunicorn -c gunicorn.conf.py wsgi:app`."""

from app import content_problems, create_app

app = create_app()

if app.config["CONTENT_STRICT"] and content_problems(app):
    # Broken content must never reach a reader: refuse to start and say where the problems are.
    raise SystemExit(
        "content has problems; run `flask content check`:\n"
        + "\n".join(str(p) for p in content_problems(app))
    )

if app.config["PRERENDER"] and app.config["PAGE_CACHE"]:
    # Render every page of every locale once, before the first visitor arrives. With gunicorn's
    # preload_app the workers share these bytes copy-on-write.
    app.wsgi_app.warm([f"/{code}/" for code in app.extensions["osl_site"].locale_codes])
