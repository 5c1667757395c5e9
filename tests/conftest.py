"""Fixtures shared by every tier (see tests/README.md for the layout).

``app`` is built per module from the small tree in tests/fixtures/content, like the Flask
tutorial's: every app test sees the same few pages and no state leaks between modules. ``real_app``
is the shipped content, built once per session, for tests/content and the export tier.
"""

import pytest

from tests.support.apps import make_app
from tests.support.trees import FIXTURE


@pytest.fixture(scope="module")
def app():
    return make_app(FIXTURE)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def real_app():
    # Not strict: the app tiers must run while translations are in progress. That the shipped
    # content has no problems at all is one test of its own (tests/content).
    return make_app(CONTENT_STRICT=False)
