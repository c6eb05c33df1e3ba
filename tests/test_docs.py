"""The docs fit the page: examples no wider than a code block, pictures readable on a phone."""

from __future__ import annotations

import doctest
import importlib
import re
from pathlib import Path
from types import ModuleType

import pytest

import nzcoop

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


@pytest.fixture
def figures(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The docs' extension that draws the pictures (`docs/_ext/nzcoop_figures.py`)."""
    monkeypatch.syspath_prepend(str(ROOT / "docs" / "_ext"))
    return importlib.import_module("nzcoop_figures")


def test_pictures_keep_their_text_size_on_a_phone_and_a_desktop(figures: ModuleType) -> None:
    """Neither layout is shrunk where it is shown, and its capitals stand 10 pixels tall.

    Furo's column is 46em wide, and on a 420-pixel screen the screen less 1em each side;
    a CSS inch is 96 pixels, a point 4/3 of one; DejaVu Sans's capitals are 0.729 em.
    """
    assert figures.LAYOUTS["wide"] * 96 <= 46 * 16
    assert figures.LAYOUTS["narrow"] * 96 <= 420 - 2 * 16
    assert figures.FONT_SIZE * 4 / 3 * 0.729 >= 10


@pytest.mark.parametrize("layout", ["wide", "narrow"])
def test_pictures_draw_nothing_outside_their_frame(figures: ModuleType, layout: str) -> None:
    """Every line of text and every mark of each picture lies inside it: none is cut off.

    Text is measured as the SVG files draw it, in points (72 to the inch).
    """
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    data = nzcoop.dataset()
    for directive in (figures.TimelineDirective, figures.OrganisationsDirective):
        figure = directive.draw(data, figures.PALETTES["light"], figures.LAYOUTS[layout])
        figure.set_dpi(72)
        FigureCanvasSVG(figure)  # extents measured by the renderer that writes the file
        frame = figure.bbox
        for axes in figure.axes:
            for artist in [*axes.texts, *axes.patches, *axes.lines]:
                extent = artist.get_window_extent()
                assert frame.x0 - 0.5 <= extent.x0 <= extent.x1 <= frame.x1 + 0.5, artist
                assert frame.y0 - 0.5 <= extent.y0 <= extent.y1 <= frame.y1 + 0.5, artist


def test_pictures_say_in_words_what_they_draw(figures: ModuleType) -> None:
    """The alt text names what each picture draws, as `nzcoop` writes it.

    Each event with its dates, each undated event, and each body inside another after
    the body it sits in.
    """
    from nzcoop._dates import describe

    data = nzcoop.dataset()
    timeline, _ = figures.TimelineDirective.describe(data)
    for event in data.events():
        dated = describe(event)
        assert (
            (event.name in timeline) if dated == "undated" else f"{event.name} ({dated}" in timeline
        )
    diagram, _ = figures.OrganisationsDirective.describe(data)
    assert "Bali Process \u203a Ad Hoc Group (member)" in diagram
    for organisation in data.organisations():
        if organisation.parent is not None and organisation.name in diagram:
            assert f"{data.full_name(organisation)} (" in diagram


def test_the_changelog_dates_the_current_version_and_its_data_release() -> None:
    """The newest dated section is this version's, and its data section this release's."""
    text = (ROOT / "CHANGELOG.md").read_text("utf-8")
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", text, re.MULTILINE)
    data = re.findall(r"^### Data \(release (\S+)\)$", text, re.MULTILINE)
    assert text.count("## [Unreleased]") == 1
    assert releases[0] == nzcoop.__version__
    assert data[0] == nzcoop.dataset().release
