import pytest

from tests.support.crawl import crawl


@pytest.fixture(scope="module")
def crawled(app):
    """Every URL reachable from / in the module's app (all locales), with its response."""
    return crawl(app)
