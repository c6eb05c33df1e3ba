"""Pictures of the packaged data, drawn from it with matplotlib when the docs are built.

- ``.. nzcoop-organisations::``: the organisations New Zealand holds a role in, each
  inside the body it belongs to, marked with New Zealand's roles.
- ``.. nzcoop-timeline::``: what happened, one row per event on one axis of years, each
  drawn as exactly as the documents date it; then the engagements they give or show
  years for; then the events they give no date for.

Nothing is drawn by hand and nothing is committed: each picture is drawn from
`nzcoop.dataset()` into the build folder (beside the doctrees) for each of furo's
themes (its ``only-light`` and ``only-dark`` classes show the right one), on a
transparent background, and in two layouts: one as wide as furo's column, one for a
phone, laid out again rather than shrunk (a stylesheet this extension adds shows the one
that fits the screen). So the pictures' text is as large on a phone as on a desktop.
Their alt text and caption are made from the same data and say in words what the
picture shows. Dates and years are read by `nzcoop._dates`, the rules the queries and
the command line use.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from docutils import nodes
from nzcoop_docs import note_data_dependencies
from sphinx.util.docutils import SphinxDirective

import nzcoop
from nzcoop._cli import roles_held  # the roles as `nzcoop orgs` shows them
from nzcoop._dates import (
    attesting_years,
    describe,
    engagement_years,
    event_years,
    precision_span,
    sort_key,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from docutils.nodes import Node
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

HOLDER = "New Zealand"
"""Whose roles the pictures mark."""

PALETTES: dict[str, dict[str, str]] = {
    "light": {
        "text": "#1f2328",
        "muted": "#59636e",
        "grid": "#d1d9e0",
        "band": "#f6f8fa",
        "day": "#0969da",
        "span": "#9a6700",
        "engagement": "#1a7f37",
        "standing": "#0969da",
        "event": "#8250df",
        "box": "#f6f8fa",
    },
    "dark": {
        "text": "#e6edf3",
        "muted": "#9198a1",
        "grid": "#3d444d",
        "band": "#1c2128",
        "day": "#4493f8",
        "span": "#d29922",
        "engagement": "#3fb950",
        "standing": "#4493f8",
        "event": "#ab7df8",
        "box": "#1c2128",
    },
}
"""The colours of each theme: readable on furo's light and on its dark background."""

LAYOUTS: dict[str, float] = {"wide": 7.6, "narrow": 3.6}
"""The width of each layout, in inches (a CSS inch is 96 pixels).

The wide one is at most furo's column (46em), so it is never shrunk where it is shown;
the narrow one at most a 420-pixel phone's column (the screen less furo's 1em margins),
and little wider than a 360-pixel one's.
"""
NARROW_BELOW = "48em"
"""The screens the narrow layout is shown on: those at most this wide, the width below
which furo's column is narrower than the wide layout."""
FONT_SIZE = 10.5
"""The size of the pictures' text, in points: 14 CSS pixels where a picture is shown at
its own size, so capitals stand about 10 pixels tall."""
LINE_HEIGHT = 0.2
"""The height of a line of text, in inches."""
PAD = 0.1
"""Around a picture, and inside a box, around its text and the boxes inside it (inches)."""


# -- drawing into the build folder -----------------------------------------------------------


class _FigureDirective(SphinxDirective):
    """Draws a picture in each layout and theme, and shows it with its alt text."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}
    name_stem = ""

    @classmethod
    def draw(cls, data: nzcoop.Dataset, colours: dict[str, str], width: float) -> Figure:
        """Return the picture of *data*, in *colours*, *width* inches wide."""
        raise NotImplementedError

    @classmethod
    def describe(cls, data: nzcoop.Dataset) -> tuple[str, str]:
        """Return the alt text and the caption."""
        raise NotImplementedError

    def run(self) -> list[Node]:
        import matplotlib as mpl

        data = nzcoop.dataset()
        folder = Path(self.env.doctreedir).parent / "nzcoop_figures"
        folder.mkdir(parents=True, exist_ok=True)
        here = Path(self.env.doc2path(self.env.docname)).parent
        alt, caption = self.describe(data)
        figure = nodes.figure(classes=["nzcoop-figure"])
        for layout, width in LAYOUTS.items():
            for theme, colours in PALETTES.items():
                path = folder / f"{self.name_stem}-{layout}-{theme}.svg"
                with mpl.rc_context(
                    {
                        "svg.fonttype": "path",
                        "svg.hashsalt": self.name_stem,
                        "font.size": FONT_SIZE,
                        "font.family": "DejaVu Sans",
                    }
                ):
                    drawn = self.draw(data, colours, width)
                    drawn.savefig(path, format="svg", transparent=True, metadata={"Date": None})
                uri = Path(os.path.relpath(path, here)).as_posix()
                classes = [f"only-{theme}", f"nzcoop-{layout}"]
                figure += nodes.image(uri=uri, alt=alt, classes=classes)
        figure += nodes.caption(caption, caption)
        note_data_dependencies(self.env)
        self.env.note_dependency(__file__)
        return [figure]


STYLESHEET = f"""\
/* Written by nzcoop_figures: show each picture in the layout that fits the screen. */
@media (max-width: {NARROW_BELOW}) {{
  html body figure.nzcoop-figure img.nzcoop-wide {{ display: none !important; }}
}}
@media not all and (max-width: {NARROW_BELOW}) {{
  html body figure.nzcoop-figure img.nzcoop-narrow {{ display: none !important; }}
}}
"""
"""Hides the layout that does not fit the screen.

Furo shows the picture of its theme with ``!important`` rules as specific as
``body[data-theme=dark] .only-dark``; these are more specific, so they win over both.
"""


def _add_stylesheet(app: Sphinx) -> None:
    """Write `STYLESHEET` where the HTML builder copies static files from, and link it."""
    folder = Path(app.doctreedir).parent / "nzcoop_figures_static"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nzcoop_figures.css").write_text(STYLESHEET, "utf-8")
    app.config.html_static_path.append(str(folder))
    app.add_css_file("nzcoop_figures.css")


def _sheet(width: float) -> tuple[Figure, Axes]:
    """Return a figure and axes whose units are inches, from its top left corner down.

    Draw on it, then give it its height with `_fit`: what is drawn in inches, or in
    points (text, lines, markers), keeps its size and place.
    """
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, 1))
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, width)
    axes.axis("off")
    return figure, axes


def _fit(figure: Figure, axes: Axes, height: float) -> Figure:
    """Make *figure* *height* inches tall, its top where it was; return it."""
    figure.set_size_inches(figure.get_figwidth(), height)
    axes.set_ylim(height, 0)
    return figure


@functools.cache
def _width(text: str, *, bold: bool = False) -> float:
    """Return the width of *text* in the pictures' font, in inches."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    font = FontProperties(family="DejaVu Sans", size=FONT_SIZE, weight="bold" if bold else None)
    width, _, _ = TextToPath().get_text_width_height_descent(text, font, ismath=False)
    return float(width) / 72


def _wrap(text: str, inches: float, *, bold: bool = False) -> list[str]:
    """Return *text* wrapped at spaces into lines at most *inches* wide, where it can be."""
    lines: list[str] = []
    for word in text.split():
        if lines and _width(f"{lines[-1]} {word}", bold=bold) <= inches:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _text(
    axes: Axes,
    x: float,
    y: float,
    text: str,
    colour: str,
    *,
    bold: bool = False,
    ha: str = "left",
    va: str = "top",
) -> None:
    """Write one line of *text* with its top left (or as *ha* and *va* say) at *x*, *y*."""
    axes.text(
        x,
        y,
        text,
        color=colour,
        fontweight="bold" if bold else "normal",
        fontsize=FONT_SIZE,
        ha=ha,
        va=va,
    )


# -- the timeline ------------------------------------------------------------------------------

LABELS = 3.3
"""The width of the timeline's labels beside the rows, in the wide layout (inches)."""
STACKED_BELOW = 5.5
"""The widths, in inches, at which a timeline's labels stand above the rows, not beside."""
BAR = 0.16
"""The height of a mark in the timeline, in inches."""
MARK = 0.08
"""The narrowest a mark is drawn, in inches: a narrower span is widened about its middle
to this so it can be seen, and its label gives its dates exactly."""
TRACK = 0.26
"""The height of a row's strip of years under its label, when labels stand above."""
BREAK = 0.22
"""The width of a break in the axis of years, in inches."""
YEAR_GAP = 10
"""A longer run of years with nothing in it is left out of the axis, at a break."""
FEWEST_YEARS = 5
"""The fewest years a stretch of the axis shows, so it has room for a year's label."""
STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
"""The steps between labelled years the axis may take: the first that leaves room."""


def _in_years(day: datetime.date, *, after: bool = False) -> float:
    """Return *day*'s start (or its end, *after* it) as a year and a fraction of one."""
    first = datetime.date(day.year, 1, 1).toordinal()
    return day.year + (day.toordinal() - first + after) / (
        366 if calendar.isleap(day.year) else 365
    )


def _stretches(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the stretches of years an axis shows for *spans* (first and last years).

    Each runs from the start of a year to the start of another: from a year before the
    first of its spans to a year after the last, at least `FEWEST_YEARS` long. Spans at
    most `YEAR_GAP` years apart share a stretch; a longer gap is left out.
    """
    runs: list[list[int]] = []
    for low, high in sorted(spans):
        if runs and low - runs[-1][1] <= YEAR_GAP:
            runs[-1][1] = max(runs[-1][1], high)
        else:
            runs.append([low, high])
    stretches = []
    for low, high in runs:
        short = max(0, FEWEST_YEARS - (high + 3 - low))
        stretches.append((low - 1 - short // 2, high + 2 + short - short // 2))
    return stretches


class _Axis:
    """Years on the page: stretches of years side by side, one scale, a break between two."""

    def __init__(self, stretches: Sequence[tuple[int, int]], left: float, right: float) -> None:
        years = sum(last - first for first, last in stretches)
        self.left, self.right = left, right
        self.per_year = (right - left - BREAK * (len(stretches) - 1)) / years
        self.stretches: list[tuple[int, int, float]] = []  # first, last, and where it starts
        for first, last in stretches:
            self.stretches.append((first, last, left))
            left += (last - first) * self.per_year + BREAK
        room = _width("0000") + 0.15
        step = next((s for s in STEPS if s * self.per_year >= room), STEPS[-1])
        self.ticks: list[tuple[int, float]] = []
        """The labelled years and where they are: at least one in each stretch."""
        for first, last, _ in self.stretches:
            labelled = range(first + (-first) % step, last + 1, step) or [(first + last) // 2]
            self.ticks.extend((year, self.x(year)) for year in labelled)

    def x(self, year: float) -> float:
        """Return where *year* (a year and a fraction of one) is on the page."""
        for first, last, start in self.stretches:
            if year <= last:
                return start + (max(year, first) - first) * self.per_year
        return self.right

    def draw_grid(self, axes: Axes, top: float, bottom: float, colours: dict[str, str]) -> None:
        """Draw a line at each labelled year from *top* to *bottom*."""
        for _, x in self.ticks:
            axes.plot([x, x], [top, bottom], color=colours["grid"], linewidth=0.6, zorder=0)

    def draw_scale(self, axes: Axes, y: float, colours: dict[str, str], *, above: bool) -> None:
        """Draw the axis at *y*, its years written above it or below it."""
        for first, last, start in self.stretches:
            end = start + (last - first) * self.per_year
            axes.plot([start, end], [y, y], color=colours["muted"], linewidth=0.8)
            if (first, last, start) != self.stretches[0]:
                self._break(axes, start - BREAK / 2, y, colours)
        for year, x in self.ticks:
            tick = -0.05 if above else 0.05
            axes.plot([x, x], [y, y + tick], color=colours["muted"], linewidth=0.8)
            _text(
                axes,
                x,
                y + 2 * tick,
                str(year),
                colours["text"],
                ha="center",
                va="bottom" if above else "top",
            )

    @staticmethod
    def _break(axes: Axes, x: float, y: float, colours: dict[str, str]) -> None:
        """Draw a break in the axis, as two slanted strokes, centred on *x*."""
        for offset in (-0.035, 0.035):
            axes.plot(
                [x + offset - 0.03, x + offset + 0.03],
                [y + 0.06, y - 0.06],
                color=colours["muted"],
                linewidth=0.8,
            )


def _box(
    axes: Axes,
    x0: float,
    x1: float,
    y: float,
    colour: str,
    *,
    filled: bool,
    dashed: bool = False,
) -> None:
    """Draw a mark from *x0* to *x1* centred on *y*, widened to `MARK` if narrower."""
    from matplotlib.patches import Rectangle

    if x1 - x0 < MARK:
        x0, x1 = (x0 + x1 - MARK) / 2, (x0 + x1 + MARK) / 2
    axes.add_patch(
        Rectangle(
            (x0, y - BAR / 2),
            x1 - x0,
            BAR,
            facecolor=colour if filled else colour + "33",
            edgecolor=colour,
            linewidth=1.4,
            linestyle=(0, (2.5, 1.5)) if dashed else "-",
            zorder=3,
        )
    )


def _dot(axes: Axes, x: float, y: float, colour: str) -> None:
    """Draw a single day at *x*."""
    from matplotlib.patches import Circle

    axes.add_patch(Circle((x, y), MARK / 2 + 0.005, color=colour, zorder=3))


def _open(axes: Axes, x: float, edge: float, y: float, colour: str) -> None:
    """Draw a dotted line from *x* to *edge*, the side a date or an end is not known on."""
    axes.plot([x, edge], [y, y], color=colour, linewidth=1.6, linestyle=(0, (1, 2)), zorder=2)
    axes.plot([edge], [y], marker=">" if edge > x else "<", color=colour, markersize=6, zorder=3)


def _bound(axes: Axes, x: float, y: float, colour: str) -> None:
    """Draw the one date an event is known to be after or before, as an upright stroke."""
    axes.plot([x, x], [y - BAR / 2, y + BAR / 2], color=colour, linewidth=2, zorder=3)


class _Mark(NamedTuple):
    """How a row is drawn: a sort of mark (a `LEGEND` key), where, and any open side."""

    kind: str
    spans: tuple[tuple[float, float], ...]
    """Each from a year and a fraction of one to another; for a ``bound``, the bound."""
    open: str = ""
    """``"left"`` or ``"right"``: the mark runs on to that end of the axis, its start or
    end not known."""


LEGEND = {
    "day": "an event on one day",
    "days": "an event over the days it took",
    "dated": "an event the documents date only to a week, month or year",
    "between": "an event that happened between two dates",
    "bound": "an event known only to be after, or before, a date",
    "engagement": "an engagement, in the years the documents give or show it",
    "open": "an engagement with no end (or no start) given",
}
"""What each sort of mark means, in the order the legend lists those drawn."""


def _event_mark(event: nzcoop.Event) -> _Mark:
    """Return the mark of a dated *event*: as exactly as the documents date it."""
    start, end, precision = event.start, event.end, event.precision
    if start is None and end is not None:  # it happened by *end*
        return _Mark("bound", ((_in_years(end, after=True),) * 2,), "left")
    if start is None or precision is None:
        raise ValueError(f"{event.id}: the documents give no date to draw")
    if end is None:  # it happened on or after *start*
        return _Mark("bound", ((_in_years(start),) * 2,), "right")
    first, last = precision_span(start, precision, end) or (start, end)
    span = ((_in_years(first), _in_years(last, after=True)),)
    if precision is nzcoop.Precision.DAY:
        return _Mark("day" if first == last else "days", span)
    return _Mark("between" if precision is nzcoop.Precision.BETWEEN else "dated", span)


def _engagement_mark(
    since: int | None, until: int | None, spans: Sequence[tuple[int, int]]
) -> _Mark:
    """Return the mark of an engagement held in *spans* of years (`engagement_years`)."""
    side = "right" if until is None and since is not None else ""
    side = "left" if since is None and until is not None else side
    return _Mark("engagement", tuple((low, high + 1) for low, high in spans), side)


def _years_held(since: int | None, until: int | None, spans: Sequence[tuple[int, int]]) -> str:
    """Return, in words, the years an engagement is held: given, or shown by documents."""
    if since is not None and until is not None:
        return str(since) if since == until else f"{since} to {until}"
    if since is not None:
        return f"since {since}, no end given"
    if until is not None:
        return f"until {until}, no start given"
    years = ", ".join(str(low) if low == high else f"{low} to {high}" for low, high in spans)
    return f"in documents of {years}"


def _draw_mark(axes: Axes, axis: _Axis, y: float, mark: _Mark, colours: dict[str, str]) -> None:
    """Draw *mark* on *axis*, centred on *y*."""
    places = [(axis.x(low), axis.x(high)) for low, high in mark.spans]
    colour = {
        "day": colours["day"],
        "days": colours["day"],
        "engagement": colours["engagement"],
    }.get(mark.kind, colours["span"])
    if mark.kind == "day":
        _dot(axes, sum(places[0]) / 2, y, colour)
    elif mark.kind == "bound":
        _bound(axes, places[0][0], y, colour)
    else:
        for x0, x1 in places:
            _box(
                axes,
                x0,
                x1,
                y,
                colour,
                filled=mark.kind in {"days", "engagement"},
                dashed=mark.kind == "between",
            )
    if mark.open == "right":
        _open(axes, places[-1][1], axis.right, y, colour)
    elif mark.open == "left":
        _open(axes, places[0][0], axis.left, y, colour)


SAMPLE = 0.45
"""The width of a mark's sample in the legend, in inches."""


def _sample(kind: str) -> _Mark:
    """Return a mark of *kind* for the legend, on an axis of one year (`SAMPLE` wide)."""
    if kind == "day":
        return _Mark("day", ((0.4, 0.6),))
    if kind == "bound":
        return _Mark("bound", ((0.3, 0.3),), "right")
    if kind == "open":
        return _Mark("engagement", ((0.0, 0.35),), "right")
    return _Mark(kind, ((0.1, 0.9),))


class _Row(NamedTuple):
    """One row of the timeline: what it is, what the documents say of it, and its mark."""

    title: str
    detail: str
    mark: _Mark
    years: tuple[tuple[int, int], ...]
    """The first and last years it spans, by the rules of `nzcoop._dates`."""


class _Timeline(NamedTuple):
    """What the timeline shows, in words and marks."""

    events: list[_Row]
    engagements: list[_Row]
    undated: list[str]


def timeline(data: nzcoop.Dataset) -> _Timeline:
    """Return the rows of *data*'s timeline.

    A row for each dated event, with `HOLDER`'s roles at it and how many others take
    part; a row for each engagement the documents give or show years for (by
    `engagement_years`), except those held at an event, which its row counts, with the
    engagements in the same body over the same years in one row; and the names of the
    events the documents give no date for.
    """
    holder = data.get(HOLDER)
    mine = holder.id if holder is not None else None
    at: dict[str, list[nzcoop.Engagement]] = {}
    for engagement in data.engagements():
        at.setdefault(engagement.target, []).append(engagement)
    events: list[_Row] = []
    undated: list[str] = []
    for event in sorted(data.events(), key=sort_key):
        span = event_years(event)
        if span is None:
            undated.append(event.name)
            continue
        here = at.get(event.id, [])
        roles = [e.role.value for e in here if e.participant == mine]
        others = len({e.participant for e in here} - {mine})
        detail = [describe(event)]
        if roles:
            detail.append(f"{HOLDER}: {', '.join(roles)}")
        if others:
            word = "participant" if others == 1 else "participants"
            detail.append(f"{others} {'other ' if roles else ''}{word}")
        events.append(_Row(event.name, "; ".join(detail), _event_mark(event), (span,)))
    attesting = attesting_years(data.entities())
    dated = {event.id for event in data.events()}
    groups: dict[tuple[str, int | None, int | None, tuple[tuple[int, int], ...]], Any] = {}
    for engagement in data.engagements():
        spans = engagement_years(engagement, attesting)
        if spans and engagement.target not in dated:
            key = (engagement.target, engagement.since, engagement.until, spans)
            roles_in = groups.setdefault(key, {}).setdefault(engagement.role.value, [])
            roles_in.append(data.full_name(engagement.participant))
    engagements = []
    for (target, since, until, spans), by_role in sorted(
        groups.items(), key=lambda item: (item[0][3][0], data.full_name(item[0][0]))
    ):
        detail = [_years_held(since, until, spans)]
        detail.extend(f"{role}: {', '.join(names)}" for role, names in by_role.items())
        mark = _engagement_mark(since, until, spans)
        engagements.append(_Row(data.full_name(target), "; ".join(detail), mark, spans))
    return _Timeline(events, engagements, undated)


ROW_PAD = 0.07
"""Above and below a row's text, in inches."""
SCALE = 0.34
"""The room an axis's years take above or below it, in inches."""


class TimelineDirective(_FigureDirective):
    """What happened, on one axis of years; the engagements with years; the undated events."""

    name_stem = "timeline"

    @classmethod
    def describe(cls, data: nzcoop.Dataset) -> tuple[str, str]:
        """Return the alt text (every row, in words) and the caption."""
        shown = timeline(data)
        parts = ["Timeline, one row for each event on one axis of years"]
        for heading, rows in (
            ("Events", shown.events),
            ("Engagements the documents give or show years for", shown.engagements),
        ):
            if rows:
                parts.append(f"{heading}: " + "; ".join(f"{r.title} ({r.detail})" for r in rows))
        if shown.undated:
            parts.append("Events the documents give no date for: " + "; ".join(shown.undated))
        caption = (
            "What happened: one row for each event, drawn on one axis of years as exactly "
            "as the documents date it; then the engagements the documents give years for, "
            "or that dated documents show (those held at an event are counted in its row). "
            "Marks are drawn to the axis's scale but never narrower than a dot, so that a "
            "day can be seen; each row's label gives its dates. A break (//) in the axis "
            "leaves out years in which nothing is drawn."
        )
        return ". ".join(parts) + ".", caption

    @classmethod
    def draw(cls, data: nzcoop.Dataset, colours: dict[str, str], width: float) -> Figure:
        """Draw the legend, each section of rows with its axis, and the undated events."""
        shown = timeline(data)
        rows = shown.events + shown.engagements
        figure, axes = _sheet(width)
        y = PAD
        used = {row.mark.kind for row in rows} | {"open" for row in rows if row.mark.open}
        for kind in (kind for kind in LEGEND if kind in used):
            y = cls._legend(axes, kind, y, width, colours)
        stacked = width < STACKED_BELOW
        half_year = _width("0000") / 2
        left = PAD + half_year if stacked else PAD + LABELS + 0.2
        years = _stretches(span for row in rows for span in row.years)
        axis = _Axis(years, left, width - PAD - half_year) if years else None
        sections = [
            ("Events", shown.events),
            ("Engagements the documents give or show years for", shown.engagements),
        ]
        for heading, section in sections:
            if axis is None or not section:
                continue
            y = cls._heading(axes, heading, y + 0.12, width, colours) + SCALE
            axis.draw_scale(axes, y, colours, above=True)
            top, y = y, y + ROW_PAD
            for i, row in enumerate(section):
                if i:
                    axes.plot([PAD, width - PAD], [y, y], color=colours["grid"], linewidth=0.6)
                y = cls._row(axes, axis, row, y, width, colours)
            if not stacked:  # one line through the rows for each labelled year
                axis.draw_grid(axes, top, y, colours)
            axis.draw_scale(axes, y, colours, above=False)
            y += SCALE
        if shown.undated:
            y = cls._undated(axes, shown.undated, y, width, colours)
        return _fit(figure, axes, y + PAD)

    @classmethod
    def _undated(
        cls, axes: Axes, names: list[str], y: float, width: float, colours: dict[str, str]
    ) -> float:
        """List the events the documents give no date for, at *y*; return where it ends."""
        y = cls._heading(axes, "Events the documents give no date for", y + 0.12, width, colours)
        indent = _width("\u2022 ")
        for name in names:
            _text(axes, PAD, y, "\u2022", colours["text"])
            for line in _wrap(name, width - 2 * PAD - indent):
                _text(axes, PAD + indent, y, line, colours["text"])
                y += LINE_HEIGHT
        return y

    @staticmethod
    def _row(
        axes: Axes, axis: _Axis, row: _Row, y: float, width: float, colours: dict[str, str]
    ) -> float:
        """Draw *row* from *y* down: its labels and its mark; return where it ends.

        Its labels stand beside its mark in a wide picture, above it in a narrow one,
        where its strip of years is shaded, with its own lines for the labelled years,
        to tell it from the text.
        """
        stacked = width < STACKED_BELOW
        text_width = width - 2 * PAD if stacked else LABELS
        lines = [(line, colours["text"]) for line in _wrap(row.title, text_width)]
        lines += [(line, colours["muted"]) for line in _wrap(row.detail, text_width)]
        for n, (line, colour) in enumerate(lines):
            _text(axes, PAD, y + ROW_PAD + n * LINE_HEIGHT, line, colour)
        height = len(lines) * LINE_HEIGHT + 2 * ROW_PAD
        top, bottom = y, y + height
        if stacked:
            top, bottom = y + height - ROW_PAD, y + height - ROW_PAD + TRACK
            height += TRACK
            _band(axes, PAD, width - PAD, top, bottom, colours["band"])
            axis.draw_grid(axes, top, bottom, colours)
        _draw_mark(axes, axis, (top + bottom) / 2, row.mark, colours)
        return y + height

    @staticmethod
    def _heading(axes: Axes, text: str, y: float, width: float, colours: dict[str, str]) -> float:
        """Write *text* as a heading at *y*; return where it ends."""
        for line in _wrap(text, width - 2 * PAD, bold=True):
            _text(axes, PAD, y, line, colours["text"], bold=True)
            y += LINE_HEIGHT
        return y

    @staticmethod
    def _legend(axes: Axes, kind: str, y: float, width: float, colours: dict[str, str]) -> float:
        """Draw a sample of *kind* of mark and what it means at *y*; return where it ends."""
        sample = _Axis([(0, 1)], PAD, PAD + SAMPLE)
        _draw_mark(axes, sample, y + LINE_HEIGHT / 2 + 0.01, _sample(kind), colours)
        for line in _wrap(LEGEND[kind], width - 2 * PAD - SAMPLE - 0.12):
            _text(axes, PAD + SAMPLE + 0.12, y, line, colours["text"])
            y += LINE_HEIGHT
        return y + 0.04


def _band(axes: Axes, left: float, right: float, top: float, bottom: float, colour: str) -> None:
    """Shade a row's strip of years."""
    from matplotlib.patches import Rectangle

    axes.add_patch(Rectangle((left, top), right - left, bottom - top, color=colour, zorder=0))


# -- the organisations -------------------------------------------------------------------------

GAP = 0.12
"""Between two boxes (inches)."""
COLUMN = 2.3
"""The narrowest column of boxes, in inches: as many columns as fit a picture."""


class _Box:
    """One organisation's box: its name and roles, and the boxes of the bodies inside it."""

    def __init__(
        self,
        organisation: nzcoop.Organisation,
        roles: list[tuple[str, bool]],
        children: list[_Box],
    ) -> None:
        self.organisation = organisation
        self.roles = roles
        self.children = children
        self.lines: list[tuple[str, str]] = []  # (text, style)
        self.height = 0.0

    def layout(self, width: float) -> float:
        """Wrap the text to *width*; return the box's height."""
        inner = width - 2 * PAD
        name = _wrap(self.organisation.name, inner, bold=True)
        self.lines = [(line, "name") for line in name]
        for text, standing in self.roles:
            bullet = "\u25cf " if standing else "\u25cb "
            wrapped = _wrap(text, inner - _width(bullet))
            self.lines.append((bullet + wrapped[0], "standing" if standing else "event"))
            self.lines.extend(
                ("   " + more, "standing" if standing else "event") for more in wrapped[1:]
            )
        height = 2 * PAD + LINE_HEIGHT * len(self.lines)
        for child in self.children:
            height += GAP + child.layout(width - 2 * PAD)
        self.height = height
        return height

    def draw(self, axes: Axes, x: float, y: float, width: float, colours: dict[str, str]) -> None:
        """Draw the box with its top left corner at *x*, *y*, and the boxes inside it."""
        from matplotlib.patches import FancyBboxPatch

        holds = bool(self.roles)
        axes.add_patch(
            FancyBboxPatch(
                (x, y),
                width,
                self.height,
                boxstyle="round,pad=0,rounding_size=0.06",
                facecolor=colours["box"] if holds else "none",
                edgecolor=colours["text"] if holds else colours["muted"],
                linewidth=1.0,
                linestyle="-" if holds else (0, (4, 3)),
            )
        )
        line_y = y + PAD
        for text, style in self.lines:
            colour = {
                "name": colours["text"] if holds else colours["muted"],
                "standing": colours["standing"],
                "event": colours["event"],
            }[style]
            _text(axes, x + PAD, line_y, text, colour, bold=style == "name")
            line_y += LINE_HEIGHT
        for child in self.children:
            line_y += GAP
            child.draw(axes, x + PAD, line_y, width - 2 * PAD, colours)
            line_y += child.height


def boxes(data: nzcoop.Dataset) -> list[_Box]:
    """Return the boxes of the bodies `HOLDER` holds a role in, and of those around them."""
    holder = data.get(HOLDER)
    roles = roles_held(data, holder.id) if holder is not None else {}
    shown: set[str] = set()
    for org in roles:
        current: str | None = org
        while current is not None and current not in shown:
            shown.add(current)
            current = data.organisation(current).parent
    by_parent: dict[str | None, list[nzcoop.Organisation]] = {}
    for organisation in data.organisations():
        if organisation.id in shown:
            by_parent.setdefault(organisation.parent, []).append(organisation)

    def box(organisation: nzcoop.Organisation) -> _Box:
        inside = [box(child) for child in by_parent.get(organisation.id, [])]
        return _Box(organisation, roles.get(organisation.id, []), inside)

    return [box(organisation) for organisation in by_parent.get(None, [])]


class OrganisationsDirective(_FigureDirective):
    """The organisations New Zealand holds a role in, nested by parent, with its roles."""

    name_stem = "organisations"

    @classmethod
    def describe(cls, data: nzcoop.Dataset) -> tuple[str, str]:
        """Return the alt text (every box, its roles and what it holds) and the caption."""

        def words(item: _Box) -> list[str]:
            roles = ", ".join(text for text, _ in item.roles) or "no role of its own"
            inside = [text for child in item.children for text in words(child)]
            return [f"{data.full_name(item.organisation)} ({roles})", *inside]

        alt = " ".join(
            [
                (
                    f"Diagram of the organisations {HOLDER} holds a role in, each drawn "
                    "inside the body it belongs to, with its roles (a body inside another "
                    "is named after it, joined by \u203a)."
                ),
                *("; ".join(words(item)) + "." for item in boxes(data)),
            ]
        )
        caption = (
            f"The organisations {HOLDER} holds a role in, each drawn inside the body it "
            "belongs to. A filled dot is a standing role; an open one, a role held at one "
            f"of the body's meetings or events. A dashed box is a body {HOLDER} holds no "
            "role in itself, drawn for the bodies inside it."
        )
        return alt, caption

    @classmethod
    def draw(cls, data: nzcoop.Dataset, colours: dict[str, str], width: float) -> Figure:
        """Draw the top-level bodies' boxes in columns, each in the shortest so far."""
        columns = max(1, int((width - GAP) // (COLUMN + GAP)))
        column_width = (width - GAP) / columns - GAP
        heights = [0.0] * columns
        placed: list[tuple[_Box, float, float]] = []
        for item in boxes(data):
            item.layout(column_width)
            column = heights.index(min(heights))
            x = GAP + column * (column_width + GAP)
            placed.append((item, x, heights[column] + GAP))
            heights[column] += GAP + item.height
        figure, axes = _sheet(width)
        for item, x, y in placed:
            item.draw(axes, x, y, column_width, colours)
        return _fit(figure, axes, max(heights) + GAP)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the directives and the stylesheet that picks a picture's layout."""
    app.add_directive("nzcoop-timeline", TimelineDirective)
    app.add_directive("nzcoop-organisations", OrganisationsDirective)
    app.connect("builder-inited", _add_stylesheet)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
