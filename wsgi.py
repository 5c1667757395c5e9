"""The WSGI entry point: `gunicorn wsgi:app`."""

from app import content_problems, create_app

app = create_app()

if app.config["CONTENT_STRICT"] and content_problems(app):
    # Broken content must never reach a reader: refuse to start and say where the problems are.
    raise SystemExit(
        "content has problems; run `flask content check`:\n"
        + "\n".join(str(p) for p in content_problems(app))
    )
