"""Every content problem is a ``Problem``: a file, a line and a message a writer can act on."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("content has problems:\n" + "\n".join(str(p) for p in problems))


class Problems:
    """Collects problems for the files of one content tree (paths relative to its project)."""

    def __init__(self, root: Path):
        self.project = root.parent
        self.items: list[Problem] = []

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.project))
        except ValueError:
            return str(path)

    def add(self, path: Path, line: int, message: str) -> None:
        self.items.append(Problem(self.rel(path), line, message))

    def __len__(self) -> int:
        return len(self.items)


def line_of(lines: list[str], needle: str, start: int = 0, default: int = 1) -> int:
    """1-based number of the first line at or after ``start`` containing ``needle``."""
    for number, text in enumerate(lines[start:], start=start + 1):
        if needle in text:
            return number
    return default


def key_line(lines: list[str], key: str, start: int = 0, default: int = 1) -> int:
    """The line where ``key = ...`` or ``[key]`` is written, at or after line ``start``."""
    pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=|^\s*\[\"?{re.escape(key)}\"?\]")
    for number, text in enumerate(lines[start:], start=start + 1):
        if pattern.match(text):
            return number
    return default


def read_toml(path: Path, problems: Problems, text: str | None = None) -> tuple[dict, list[str]]:
    text = path.read_text(encoding="utf-8") if text is None else text
    try:
        return tomllib.loads(text), text.splitlines()
    except tomllib.TOMLDecodeError as error:
        problems.add(path, toml_error_line(error), f"invalid TOML: {toml_error_message(error)}")
        return {}, text.splitlines()


def toml_error_line(error: tomllib.TOMLDecodeError) -> int:
    found = getattr(error, "lineno", None) or re.search(r"line (\d+)", str(error))
    return found if isinstance(found, int) else int(found.group(1)) if found else 1


def toml_error_message(error: tomllib.TOMLDecodeError) -> str:
    return getattr(error, "msg", None) or re.sub(r"\s*\(at line.*\)$", "", str(error))


TYPE_NAMES = {
    "string": "text",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "list": "a list",
    "dict": "a table",
    "model": "a table",
    "date": "a date (YYYY-MM-DD, no quotes)",
}


def describe(error: dict, what: str) -> str:
    """One pydantic error in the words `flask content check` has always used."""
    name = ".".join(str(part) for part in error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"unknown {what} '{name}'"
    if kind == "missing":
        return f"missing required {what} '{name}'"
    for prefix, words in TYPE_NAMES.items():
        if kind.startswith(prefix) and ("type" in kind or "parsing" in kind):
            return f"{what} '{name}' must be {words}"
    if kind == "literal_error":
        return f"{name} must be one of {error['ctx']['expected']}"
    return f"{name}: {error['msg'].removeprefix('Value error, ')}"


def report_validation(
    error: ValidationError, problems: Problems, path: Path, lines: list[str], *, start: int = 0,
    what: str = "field", prefix: str = "",
) -> None:
    """Each error of a validated table, at the line of the key it is about."""
    for item in error.errors():
        key = str(item["loc"][0]) if item["loc"] else ""
        line = key_line(lines, key, start, default=start + 1) if key else start + 1
        problems.add(path, line, prefix + describe(item, what))
