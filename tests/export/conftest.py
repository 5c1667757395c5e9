"""The export tier's fixtures over ``frozen`` (tests/export/frozen.py): the site's content and the
app that froze it, serving live again."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def site(frozen):
    return frozen.app.extensions["osl"].site


@pytest.fixture(scope="session")
def live(frozen):
    """The app that froze the site, serving live again: same content, same catalogs."""
    return frozen.app.test_client()
