"""Real servers on loopback: the frozen export behind the shipped nginx configurations, gunicorn.

The export is tests/fixtures/content frozen once per session by the real `flask freeze` (set
OSL_DEPLOY_SITE to an export you already have, such as build/site, to test that one instead; the
gunicorn here then serves FLASK_CONTENT_DIR, or the shipped content). nginx is started from the
configuration deploy/local.py writes, exactly as `make serve` starts it. Without nginx these tests
are skipped with the reason, unless OSL_REQUIRE_BROWSER is set (CI): then it is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app import create_app
from tests.deploy.servers import ROOT, Export, local
from tests.support.tools import tool_missing

FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"


@pytest.fixture(scope="session")
def nginx() -> str:
    binary = local.nginx_binary()
    if binary is None:
        tool_missing(
            "nginx is not installed (scripts/system-deps.sh installs nginx-light)",
            "NGINX NOT INSTALLED: deploy/ was not tested",
        )
    return binary


@pytest.fixture(scope="session")
def export(tmp_path_factory) -> Export:
    given = os.environ.get("OSL_DEPLOY_SITE")
    if given:
        content = Path(os.environ.get("FLASK_CONTENT_DIR", ROOT / "content"))
        return Export(Path(given).resolve(), content.resolve())
    # One offline ZIP (an empty one), so nginx's type for /downloads/ is tested too.
    offline = tmp_path_factory.mktemp("offline")
    (offline / "open-safety-lessons.zip").write_bytes(b"PK\x05\x06" + b"\0" * 18)
    app = create_app({"TESTING": True, "CONTENT_DIR": FIXTURE_CONTENT, "OFFLINE_DIR": offline})
    destination = tmp_path_factory.mktemp("export") / "site"
    result = app.test_cli_runner().invoke(args=["freeze", str(destination)])
    assert result.exit_code == 0, result.output or repr(result.exception)
    return Export(destination, FIXTURE_CONTENT)
