"""The WSGI entry point: `gunicorn -c gunicorn.conf.py wsgi:app`.

create_app() refuses broken content (ContentError), so a server never starts on it.
"""

from app import create_app

app = create_app()
