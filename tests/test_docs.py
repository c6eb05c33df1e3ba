"""The docs' examples fit the page: no line of one is wider than a code block shows."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted([*ROOT.glob("docs/*.md"), *ROOT.glob("docs/*.rst"), ROOT / "README.md"])
MODULES = sorted(path.stem for path in (ROOT / "src" / "nzcoop").glob("*.py"))

WIDEST = 88
"""The characters a line of a code block shows in the docs (furo, 1280 pixels wide)."""


def _too_wide(text: str) -> list[str]:
    """Return the lines of *text*'s examples (prompts included) wider than `WIDEST`."""
    lines: list[str] = []
    for example in doctest.DocTestParser().get_examples(text):
        source = example.source.splitlines()
        prompted = [f">>> {source[0]}", *(f"... {line}" for line in source[1:])]
        lines.extend(line for line in [*prompted, *example.want.splitlines()] if len(line) > WIDEST)
    return lines


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_examples_on_a_page_fit(page: Path) -> None:
    assert _too_wide(page.read_text("utf-8")) == []


@pytest.mark.parametrize("name", MODULES)
def test_examples_in_docstrings_fit(name: str) -> None:
    module = importlib.import_module(f"nzcoop.{name}" if name != "__init__" else "nzcoop")
    for test in doctest.DocTestFinder().find(module):
        assert _too_wide(test.docstring or "") == [], test.name
