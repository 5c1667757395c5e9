"""Every content problem is a ``Problem``: a file, a line and a message a writer can act on."""

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
        super().__init__("content has problems:\n" + "\n".join(map(str, problems)))


class Problems(list[Problem]):
    """The problems of one content tree's files, with paths relative to its project."""

    def __init__(self, root: Path):
        super().__init__()
        self.project = root.parent

    def rel(self, path: Path) -> str:
        inside = path.is_relative_to(self.project)
        return str(path.relative_to(self.project) if inside else path)

    def add(self, path: Path, line: int, message: str) -> None:
        self.append(Problem(self.rel(path), line, message))


def line_of(lines: list[str], needle: str | re.Pattern, start: int = 0, default: int = 1) -> int:
    """1-based number of the first line at or after ``start`` with ``needle`` (text or regex)."""
    pattern = re.compile(re.escape(needle)) if isinstance(needle, str) else needle
    found = (number for number, text in enumerate(lines[start:], start + 1) if pattern.search(text))
    return next(found, default)


def key_line(lines: list[str], key: str, start: int = 0, default: int = 1) -> int:
    """The line where ``key = ...`` or ``[key]`` is written, at or after line ``start``."""
    name = rf"\"?{re.escape(key)}\"?"
    return line_of(lines, re.compile(rf"^\s*{name}\s*=|^\s*\[{name}\]"), start, default)


def read_toml(
    path: Path, problems: Problems, text: str | None = None, *, what="TOML", offset=0
) -> tuple[dict, list[str]]:
    """The data ({} if invalid) and lines of a TOML file, or of ``text`` found ``offset`` lines
    into it; a missing file is empty."""
    if text is None:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    try:
        return tomllib.loads(text), text.splitlines()
    except tomllib.TOMLDecodeError as error:
        if hasattr(error, "lineno"):  # Python 3.14 and later
            line, message = error.lineno, error.msg
        else:  # before, both are only in the text: "Invalid value (at line 3, column 9)"
            found = re.search(r"line (\d+)", str(error))
            line = int(found[1]) if found else 1
            message = re.sub(r"\s*\(at line.*\)$", "", str(error))
        problems.add(path, offset + line, f"invalid {what}: {message}")
        return {}, text.splitlines()


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


def describe(error: dict) -> str:
    """One pydantic error in the words `flask content check` has always used."""
    name = ".".join(map(str, error["loc"]))
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"unknown field '{name}'"
    if kind == "missing":
        return f"missing required field '{name}'"
    for prefix, words in TYPE_NAMES.items():
        if kind.startswith(prefix) and ("type" in kind or "parsing" in kind):
            return f"field '{name}' must be {words}"
    if kind == "literal_error":
        return f"{name} must be one of {error['ctx']['expected']}"
    return f"{name}: {error['msg'].removeprefix('Value error, ')}"


# pydantic names the branch of a union that failed ("value.int", "value.float"); a writer needs
# one message about the field: the last branch's, the widest.
UNION_BRANCHES = frozenset({"int", "float", "str", "bool", "date"})
TABLE_HEADER = re.compile(r"^\s*\[")


def error_line(lines: list[str], loc: tuple, start: int = 0) -> int:
    """The line of the key an error is about, looked for inside its own table only (a key
    missing from one table is never found in the next); else the table's first line."""
    line = start + 1
    for part in (p for p in loc if isinstance(p, str)):
        end = line_of(lines, TABLE_HEADER, line, default=len(lines) + 1) - 1
        header = re.compile(rf"^\s*\[[\w.\"-]*\b{re.escape(part)}\"?\]")
        found = key_line(lines[:end], part, line - 1, 0) or line_of(lines, header, line - 1, 0)
        if not found:
            break
        line = found
    return line


def report_validation(
    error: ValidationError, problems: Problems, path: Path, lines: list[str], *, start=0, prefix=""
) -> None:
    """Each error of a validated table, at the line of the key it is about."""
    errors = {}
    for item in error.errors():
        loc = tuple(item["loc"])
        while loc and loc[-1] in UNION_BRANCHES:
            loc = loc[:-1]
        errors[loc] = {**item, "loc": loc}
    for loc, item in errors.items():
        problems.add(path, error_line(lines, loc, start), prefix + describe(item))
