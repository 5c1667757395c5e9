"""`flask freeze` on the small fixture tree: it never harms a folder it did not write, it replaces
a previous export, and the same content gives the same bytes (the freeze diff in issue reviews)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def freeze(runner, destination):
    result = runner.invoke(args=["freeze", str(destination)])
    assert result.exit_code == 0, result.output or repr(result.exception)


def contents(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_freeze_refuses_a_folder_that_is_not_an_export(runner, tmp_path):
    (tmp_path / "precious.txt").write_text("keep me")
    result = runner.invoke(args=["freeze", str(tmp_path)])
    assert result.exit_code != 0
    assert "not a previous export" in result.output
    assert (tmp_path / "precious.txt").read_text() == "keep me"


def test_freezing_twice_gives_the_same_bytes_and_drops_what_is_gone(runner, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    freeze(runner, first)
    freeze(runner, second)
    assert contents(first) == contents(second)  # .gz siblings included: no timestamps inside
    stale = first / "en" / "parents" / "removed-lesson" / "index.html"
    stale.parent.mkdir()
    stale.write_text("an old page")
    freeze(runner, first)  # into a previous export: allowed, and made exactly current
    assert contents(first) == contents(second)
