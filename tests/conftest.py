"""Fixtures shared by every tier (see tests/README.md for the layout).

``app`` is built per module from the small tree in tests/fixtures/content, like the Flask
tutorial's: every app test sees the same few pages and no state leaks between modules. ``real_app``
is the shipped content, built once per session, for tests/content and the export tier.
"""

import pytest

from tests.support.apps import make_app
from tests.support.trees import FIXTURE

# ``frozen``, the shipped site as `make freeze` builds it: the export tier and the offline browser
# test share one build.
pytest_plugins = ["tests.export.frozen"]

# `make test` runs on two cores (pytest-xdist, --dist loadgroup). A group runs on one worker, so
# each module's fixtures are made once, and everything that uses the one freeze shares a worker.
# That group is the longest, so it goes first.
FROZEN_GROUP = "frozen"
USES_THE_FREEZE = ("tests/export/", "tests/browser/test_offline.py")


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = item.nodeid.split("::")[0]
        group = FROZEN_GROUP if path.startswith(USES_THE_FREEZE) else path
        item.add_marker(pytest.mark.xdist_group(group))
    items.sort(key=lambda item: not item.nodeid.startswith(USES_THE_FREEZE))


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
