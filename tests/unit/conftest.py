"""Unit tests use no Flask app: asking for one is a mistake, caught here."""

import pytest


@pytest.fixture
def app():
    pytest.fail("tests/unit use no Flask app: put this test in tests/app")


client = runner = real_app = app
