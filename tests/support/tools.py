"""What to do when a system tool a test needs (Chromium, nginx, LibreOffice, node) is missing:
skip, saying which and why, except under OSL_REQUIRE_BROWSER=1 (.ci/run, after
scripts/system-deps.sh has installed them all): there a missing tool is a failure."""

import os
from typing import NoReturn

import pytest

REQUIRED = os.environ.get("OSL_REQUIRE_BROWSER") == "1"


def tool_missing(missing: str, skipped: str = "") -> NoReturn:
    """``missing`` says what is not installed; ``skipped``, what was not tested for it."""
    if REQUIRED:
        pytest.fail(f"OSL_REQUIRE_BROWSER=1 and {missing}", pytrace=False)
    pytest.skip(f"{skipped}: {missing}" if skipped else missing)
