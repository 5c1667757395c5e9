"""`flask content check` and `flask translate ...`: commands a writer runs, which work when the app
itself cannot start (broken content), and name every problem with its file and line."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import content_cli, translate_cli
from app.content import file_hash
from tests.support.trees import FIXTURE, FRONT, add_classroom, lint_clean_tree, write

ROOT = Path(__file__).resolve().parents[2]


def invoke(group, args, root: Path):
    # The commands read the configuration as `flask` does: FLASK_* variables over the defaults.
    return CliRunner().invoke(group, args, env={"FLASK_CONTENT_DIR": str(root)})


@pytest.fixture
def good(tmp_path):
    return add_classroom(lint_clean_tree(tmp_path / "content"))


def test_content_check_passes_on_a_tree_that_keeps_every_rule(good):
    result = invoke(content_cli, ["check"], good)
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"content OK: \d+ pages in 4 locales, 2 figures\n", result.output)


def test_content_check_names_every_problem_with_file_and_line(good):
    write(good, "en/parents/a.md", FRONT + "\n[[fig:nope]] and [x](/nowhere/)\n")
    write(good, "en/classroom/fixture-plan.md", "no front matter\n")
    write(good, "data/figures/more.toml", "[oops\n")
    write(
        good, "en/parents/b.md", FRONT + "\nA lesson that loads but breaks the editorial rules.\n"
    )
    result = invoke(content_cli, ["check"], good)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[-1] == f"{len(lines) - 1} problem(s) in content/"
    problems = set(lines[:-1])
    assert {
        "content/en/parents/a.md:10: unknown figure 'nope'",
        "content/en/parents/a.md:10: broken internal link '/nowhere/'",
        "content/en/classroom/fixture-plan.md:1: front matter must be between two '+++' lines",
    } <= problems
    assert any(p.startswith("content/data/figures/more.toml:1: invalid TOML") for p in problems)
    # A page that loads is read by the editorial rules too.
    assert "content/en/parents/b.md:1: a parents lesson must link to /parents/how-to-report/" in (
        problems
    )
    assert all(re.match(r"content/[^:]+:\d+: ", p) for p in problems), problems


def test_content_check_reports_editorial_rules_with_file_and_line(good):
    plan = (good / "en/classroom/fixture-plan.md").read_text(encoding="utf-8")
    write(good, "en/classroom/fixture-plan.md", plan.replace("duration = 20", "duration = 30"))
    result = invoke(content_cli, ["check"], good)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "content/en/classroom/fixture-plan.md:9: the steps add up to 20 minutes, not the duration",
        "1 problem(s) in content/",
    ]


def test_the_flask_command_checks_content_the_app_refuses_to_load(tmp_path):
    root = lint_clean_tree(tmp_path / "content")
    write(root, "en/parents/guide.md", FRONT.replace("order = 9", 'order = "nine"'))
    env = {**os.environ, "FLASK_CONTENT_DIR": str(root)}
    env.pop("FLASK_APP", None)
    result = subprocess.run(
        [str(Path(sys.executable).parent / "flask"), "content", "check"],
        cwd=tmp_path,  # no app to find here: the command needs none
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert "content/en/parents/guide.md:5: field 'order' must be a whole number" in result.stderr


def test_translate_hash_is_the_hash_translations_record():
    english = FIXTURE / "en" / "parents" / "guide.md"
    result = CliRunner().invoke(translate_cli, ["hash", str(english)])
    assert result.exit_code == 0
    digest, path = result.output.split()
    assert (digest, path) == (file_hash(english.read_bytes()), str(english))
    spanish = (FIXTURE / "es" / "parents" / "guide.md").read_text(encoding="utf-8")
    assert f'source_hash = "{digest}"' in spanish  # the Spanish guide is up to date


def test_translate_hash_ignores_windows_line_endings(tmp_path):
    unix = write(tmp_path, "unix.md", "+++\na\n+++\n")
    windows = write(tmp_path, "windows.md", b"+++\r\na\r\n+++\r\n")
    result = CliRunner().invoke(translate_cli, ["hash", str(unix), str(windows)])
    first, second = (line.split()[0] for line in result.output.splitlines())
    assert first == second


def test_translate_status_reports_each_locale(tmp_path):
    root = lint_clean_tree(tmp_path / "content")
    write(root, "es/parents/other.md", (FIXTURE / "es/parents/other.md").read_text())
    result = invoke(translate_cli, ["status"], root)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "en       pages 11/11 translated, 0 stale, 0 missing"
    assert re.match(r"es +pages 2/11 translated, 1 stale, 9 missing; UI strings \d+/\d+", lines[1])
    assert lines[2] == "         stale:   parents/other"
    assert (
        "         missing: parents/untranslated" in lines and "         missing: parents/" in lines
    )
    assert "         missing: parents/guide" not in lines
