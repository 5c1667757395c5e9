"""The content tier's fixtures: the shipped site, and a client on it."""

import pytest


@pytest.fixture(scope="module")
def site(real_app):
    return real_app.extensions["osl"].site


@pytest.fixture(scope="module")
def client(real_app):
    return real_app.test_client()
