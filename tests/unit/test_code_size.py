"""The size limits the redesign set for app/ (issue 15): no module over 350 lines, no function
over 60. Deterministic budgets, checked here so that growth is a decision, not an accident."""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app"
MODULES = sorted(APP.rglob("*.py"))
MAX_MODULE_LINES = 350
MAX_FUNCTION_LINES = 60


def functions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            yield node.name, node.lineno, node.end_lineno - first + 1


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(APP)))
def test_no_module_is_longer_than_350_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(APP)))
def test_no_function_is_longer_than_60_lines(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    too_long = [
        f"{name} (line {line}): {size} lines"
        for name, line, size in functions(tree)
        if size > MAX_FUNCTION_LINES
    ]
    assert too_long == []
