"""The module map of docs/design.md is true: every import in the package is one it lists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "nzcoop"
DESIGN = ROOT / "docs" / "design.md"


def _allowed() -> dict[str, set[str]]:
    """Return, for each module in the design's table, the modules it may import."""
    allowed: dict[str, set[str]] = {}
    for line in DESIGN.read_text("utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`_"):
            allowed[cells[0].strip("`")] = set(re.findall(r"`(_\w+)`", cells[2]))
    return allowed


def _imports(path: Path) -> set[str]:
    """Return the package modules *path* imports, at any level, inside functions too."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
            found.add(node.module)
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("nzcoop."):
            found.add(node.module.removeprefix("nzcoop."))
        elif isinstance(node, ast.Import):
            found.update(
                a.name.removeprefix("nzcoop.") for a in node.names if a.name.startswith("nzcoop")
            )
    return found


def test_the_table_names_every_module() -> None:
    assert set(_allowed()) == {path.stem for path in PACKAGE.glob("*.py")}


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda path: path.stem)
def test_each_module_imports_only_what_the_table_allows(path: Path) -> None:
    assert _imports(path) <= _allowed()[path.stem]


def test_imports_only_go_down() -> None:
    """The table's order is a layering: a module may import only modules above it in it."""
    order = list(_allowed())
    for position, (module, allowed) in enumerate(_allowed().items()):
        assert allowed <= set(order[:position]), module
