"""The apps tests make: one factory call, and a test client that reads every response whole."""

from __future__ import annotations

from pathlib import Path

from flask.testing import FlaskClient

from app import create_app


class WholeResponseClient(FlaskClient):
    """Reads each response whole and closes it, as a server does, so a static file's handle is
    never left open (filterwarnings = error turns that into a failure)."""

    def open(self, *args, buffered: bool = True, **kwargs):
        return super().open(*args, buffered=buffered, **kwargs)


# Tests never see ZIPs a developer built in build/offline; a test that wants some passes its own.
NO_OFFLINE_COPY = Path(__file__).resolve().parent / "no-offline-copy"


def make_app(content_dir: Path | None = None, **config):
    values = {"TESTING": True, "OFFLINE_DIR": NO_OFFLINE_COPY, **config}
    if content_dir is not None:
        values["CONTENT_DIR"] = content_dir
    app = create_app(values)
    app.test_client_class = WholeResponseClient
    return app
