"""The shipped site frozen once per session as `make freeze` does: `flask offline DIR --site SITE`
builds the offline copy's ZIPs, then freezes the site (which serves them) in the same process.

The app is the one `flask` makes (create_app, strict about content); render_pdf is a fake
(see FAKE_PDF), and the build must print no warning at all.
"""

from __future__ import annotations

import warnings

import pytest

from app.views import classroom
from tests.export.frozen import FAKE_PDF, Frozen
from tests.support.apps import make_app


@pytest.fixture(scope="session")
def frozen(tmp_path_factory) -> Frozen:
    app = make_app()
    destination = tmp_path_factory.mktemp("export") / "site"
    offline = destination.parent / "offline"
    made = []

    def fake_pdf(html, **options):
        made.append(html)
        return FAKE_PDF

    with pytest.MonkeyPatch.context() as patch, warnings.catch_warnings():
        patch.setattr(classroom, "render_pdf", fake_pdf)
        warnings.simplefilter("error")
        # The real command, as `make freeze` runs it: inside one application context.
        args = ["offline", str(offline), "--site", str(destination)]
        result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output or repr(result.exception)
    return Frozen(destination, app, result.output, len(made))


@pytest.fixture(scope="session")
def site(frozen):
    return frozen.app.extensions["osl"].site


@pytest.fixture(scope="session")
def live(frozen):
    """The app that froze the site, serving live again: same content, same catalogs."""
    return frozen.app.test_client()
