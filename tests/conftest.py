import pytest

from app import create_app
from tests.crawl import crawl


@pytest.fixture(scope="session")
def app():
    # Content problems are asserted by test_content.py; pages with problems are simply left out.
    # Fast brotli: tests check that compression is right, not how small it gets.
    return create_app({"TESTING": True, "BROTLI_QUALITY": 4})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def crawled(app):
    """Every URL reachable from / (all locales), with its response: crawled once per session."""
    return crawl(app)
