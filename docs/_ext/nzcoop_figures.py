"""Pictures of the packaged data, drawn from it with matplotlib when the docs are built.

- ``.. nzcoop-timeline::``: the dated events, each as exactly as the documents date it,
  and the engagements the documents give years for.
- ``.. nzcoop-organisations::``: the organisations New Zealand holds a role in, each
  inside the body it belongs to, marked with New Zealand's roles.

Nothing is drawn by hand and nothing is committed: each picture is drawn from
`nzcoop.dataset()` into the build folder (beside the doctrees), once for furo's light
theme and once for its dark one (its ``only-light`` and ``only-dark`` classes show the
right one), on a transparent background. Its alt text, generated from the same data,
says in words what the picture shows.
"""

from __future__ import annotations

import datetime
import functools
import os
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from nzcoop_docs import note_data_dependencies
from sphinx.util.docutils import SphinxDirective

import nzcoop
from nzcoop._cli import roles_held  # the roles as `nzcoop orgs` shows them

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from docutils.nodes import Node
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

    _Draw = Callable[[Axes, float, dict[str, str]], None]
    """Draws one row of a timeline's panel, at a height (in inches) from its top."""
    _Scale = Callable[[Axes, dict[str, str]], None]
    """Sets a timeline panel's scale: of years, or of the days of one year."""

HOLDER = "New Zealand"
"""Whose roles the pictures mark."""

PALETTES: dict[str, dict[str, str]] = {
    "light": {
        "text": "#1f2328",
        "muted": "#59636e",
        "grid": "#d1d9e0",
        "day": "#0969da",
        "span": "#9a6700",
        "engagement": "#1a7f37",
        "standing": "#0969da",
        "event": "#8250df",
        "box": "#f6f8fa",
        "on-engagement": "#ffffff",
    },
    "dark": {
        "text": "#e6edf3",
        "muted": "#9198a1",
        "grid": "#3d444d",
        "day": "#4493f8",
        "span": "#d29922",
        "engagement": "#3fb950",
        "standing": "#4493f8",
        "event": "#ab7df8",
        "box": "#1c2128",
        "on-engagement": "#0d1117",
    },
}
"""The colours of each theme: readable on furo's light and on its dark background."""

WIDTH = 7.8
"""The width of a picture, in inches: about that of furo's column of text."""
LABELS = 2.9
"""The width of the timeline's labels, in inches."""
BAR = 0.16
"""The height of a bar in the timeline, in inches."""
FONT_SIZE = 9
LINE_HEIGHT = 0.17
"""The height of a line of the labels, in inches."""


# -- drawing into the build folder -----------------------------------------------------------


class _FigureDirective(SphinxDirective):
    """Draws a picture in each theme's colours and shows it with its alt text."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {}
    name_stem = ""

    def draw(self, data: nzcoop.Dataset, colours: dict[str, str]) -> Figure:
        """Return the picture of *data*, in *colours*."""
        raise NotImplementedError

    def describe(self, data: nzcoop.Dataset) -> tuple[str, str]:
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
        for theme, colours in PALETTES.items():
            path = folder / f"{self.name_stem}-{theme}.svg"
            style = {
                "svg.fonttype": "path",
                "svg.hashsalt": self.name_stem,
                "font.size": FONT_SIZE,
                "font.family": "DejaVu Sans",
            }
            with mpl.rc_context(style):
                drawn = self.draw(data, colours)
                drawn.savefig(path, format="svg", transparent=True, metadata={"Date": None})
            uri = Path(os.path.relpath(path, here)).as_posix()
            figure += nodes.image(uri=uri, alt=alt, classes=[f"only-{theme}"])
        figure += nodes.caption(caption, caption)
        note_data_dependencies(self.env)
        self.env.note_dependency(__file__)
        return [figure]


def _new_figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height))


@functools.cache
def _width(text: str, *, bold: bool = False) -> float:
    """Return the width of *text* in the pictures' font, in inches."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    font = FontProperties(family="DejaVu Sans", size=FONT_SIZE, weight="bold" if bold else None)
    width, _, _ = TextToPath().get_text_width_height_descent(text, font, ismath=False)
    return float(width) / 72


def _wrap(text: str, inches: float, *, bold: bool = False) -> str:
    """Return *text* wrapped at spaces into lines at most *inches* wide, where it can be."""
    lines: list[str] = []
    for word in text.split():
        if lines and _width(f"{lines[-1]} {word}", bold=bold) <= inches:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


# -- the timeline ------------------------------------------------------------------------------


def _when(event: nzcoop.Event) -> str:
    """Return how exactly the documents date *event*, in words."""
    start, end, precision = event.start, event.end, event.precision
    if start is None or end is None:  # an open bound, or no date at all
        return f"by {end:%-d %B %Y}" if end else f"from {start:%-d %B %Y}" if start else "undated"
    words = {
        nzcoop.Precision.WEEK: f"in the week of {start:%-d %B %Y}",
        nzcoop.Precision.MONTH: f"in {start:%B %Y}",
        nzcoop.Precision.YEAR: f"in {start.year}",
        nzcoop.Precision.BETWEEN: f"between {start:%-d %B} and {end:%-d %B %Y}",
    }
    if precision in words:
        return words[precision]
    return f"on {start:%-d %B %Y}" if start == end else f"from {start:%-d} to {end:%-d %B %Y}"


def _first(event: nzcoop.Event) -> datetime.date:
    return typing.cast("datetime.date", event.start or event.end)


def _last(event: nzcoop.Event) -> datetime.date:
    return typing.cast("datetime.date", event.end or event.start)


def _span(engagement: nzcoop.Engagement) -> str:
    since, until = engagement.since, engagement.until
    if since is not None and until is not None:
        return f"from {since} to {until}"
    if since is not None:
        return f"since {since}, no end given"
    return f"until {until}, no start given"


class TimelineDirective(_FigureDirective):
    """The dated events, year by year, and the engagements the documents give years for."""

    name_stem = "timeline"

    def describe(self, data: nzcoop.Dataset) -> tuple[str, str]:
        """Return the alt text (every dated event and engagement) and the caption."""
        events = [e for e in data.events() if e.start or e.end]
        dated = [e for e in data.engagements() if e.since is not None or e.until is not None]
        undated = [e.name for e in data.events() if not (e.start or e.end)]
        alt = (
            "Timeline of the events the documents date, one panel for each year: "
            + "; ".join(f"{e.name}, {_when(e)}" for e in events)
            + ". Engagements with years: "
            + "; ".join(f"{e.name}, {_span(e)}" for e in dated)
            + "."
        )
        caption = (
            "Events, each as exactly as the documents date it, and the engagements they "
            "give years for. A dot is a single day; a filled bar, the days an event took; "
            "an outlined bar, the week, month or year the documents date it to; a dashed "
            "bar, the dates it happened between."
        )
        if undated:
            caption += " The documents give no date for: " + "; ".join(undated) + "."
        return alt, caption

    def draw(self, data: nzcoop.Dataset, colours: dict[str, str]) -> Figure:
        """Draw the overview on a scale of years, then each year's events on one of days."""
        events = [e for e in data.events() if e.start or e.end]
        engaged = [e for e in data.engagements() if e.since is not None or e.until is not None]
        years: dict[int, list[nzcoop.Event]] = {}
        for event in events:
            years.setdefault(_first(event).year, []).append(event)
        holder = data.get(HOLDER)
        roles: dict[str, list[str]] = {}
        if holder is not None:
            for engagement in data.engagements(participant=holder):
                roles.setdefault(engagement.target, []).append(engagement.role.value)
        overview: list[tuple[str, _Draw]] = [("Events (each year below)", self._ticks(events))]
        overview.extend((e.name, self._years(e)) for e in engaged)
        panels: list[tuple[str, _Scale, list[tuple[str, _Draw]]]] = [
            ("Over the years", self._scale_of_years(events, engaged), overview)
        ]
        for year, found in years.items():
            rows = []
            for event in found:
                text = f"{event.name} ({_when(event)})"
                if holder is not None and event.id in roles:
                    text += f"; {holder.name}: {', '.join(roles[event.id])}"
                rows.append((text, self._days(event)))
            panels.append((str(year), self._scale_of_days(year), rows))
        return self._figure(panels, colours)

    def _figure(
        self, panels: list[tuple[str, _Scale, list[tuple[str, _Draw]]]], colours: dict[str, str]
    ) -> Figure:
        """Lay the panels out one under another, each row as tall as its label."""
        width, left, right = WIDTH, LABELS + 0.15, 0.2
        legend, title, ticks, gap = 0.6, 0.28, 0.3, 0.12
        wrapped = [[_wrap(text, LABELS) for text, _ in rows] for _, _, rows in panels]
        heights = [
            [max(0.3, LINE_HEIGHT * (label.count("\n") + 1) + 0.1) for label in labels]
            for labels in wrapped
        ]
        total = legend + sum(title + sum(rows) + ticks + gap for rows in heights)
        figure = _new_figure(width, total)
        cursor = total - legend
        for (name, scale, rows), labels, row_heights in zip(panels, wrapped, heights, strict=True):
            tall = sum(row_heights)
            cursor -= title
            axes = figure.add_axes(
                (
                    left / width,
                    (cursor - tall) / total,
                    (width - left - right) / width,
                    tall / total,
                )
            )
            cursor -= tall + ticks + gap
            self._style(axes, colours)
            scale(axes, colours)
            axes.tick_params(axis="x", which="both", labelcolor=colours["text"])
            centres = [sum(row_heights[:i]) + h / 2 for i, h in enumerate(row_heights)]
            for centre, (_, draw) in zip(centres, rows, strict=True):
                draw(axes, centre, colours)
            axes.set_ylim(tall, 0)
            axes.set_yticks(centres)
            axes.set_yticklabels(labels)
            axes.set_title(name, loc="left", color=colours["text"], fontweight="bold", pad=5)
        self._legend(figure, colours)
        return figure

    @staticmethod
    def _style(axes: Axes, colours: dict[str, str]) -> None:
        axes.set_facecolor("none")
        for side in ("top", "right", "left"):
            axes.spines[side].set_visible(False)
        axes.spines["bottom"].set_color(colours["muted"])
        axes.tick_params(colors=colours["text"], labelcolor=colours["text"], length=3)
        axes.tick_params(axis="y", length=0)
        axes.grid(axis="x", which="major", color=colours["grid"], linewidth=0.6)
        axes.set_axisbelow(True)

    @staticmethod
    def _scale_of_years(
        events: Sequence[nzcoop.Event], engaged: Sequence[nzcoop.Engagement]
    ) -> _Scale:
        first = min(
            [_first(e).year for e in events] + [e.since for e in engaged if e.since is not None]
        )
        last = max(
            [_last(e).year for e in events] + [e.until for e in engaged if e.until is not None]
        )
        low, high = first - 2, max(last, datetime.datetime.now(datetime.UTC).year) + 2

        def scale(axes: Axes, _: dict[str, str]) -> None:
            axes.set_xlim(low, high)

        return scale

    @staticmethod
    def _scale_of_days(year: int) -> _Scale:
        def scale(axes: Axes, _: dict[str, str]) -> None:
            import matplotlib.dates as mdates
            from matplotlib.ticker import NullFormatter

            axes.set_xlim(
                mdates.date2num(datetime.date(year, 1, 1)),
                mdates.date2num(datetime.date(year + 1, 1, 1)),
            )
            axes.xaxis.set_major_locator(mdates.MonthLocator())
            axes.xaxis.set_major_formatter(NullFormatter())
            axes.xaxis.set_minor_locator(mdates.MonthLocator(bymonthday=16))
            axes.xaxis.set_minor_formatter(mdates.DateFormatter("%b"))
            axes.tick_params(axis="x", which="minor", length=0)

        return scale

    @staticmethod
    def _ticks(events: Sequence[nzcoop.Event]) -> _Draw:
        def draw(axes: Axes, centre: float, colours: dict[str, str]) -> None:
            for event in events:
                middle = _first(event).year + 0.5
                axes.plot([middle], [centre], "|", color=colours["day"], markersize=10, mew=1.6)

        return draw

    @staticmethod
    def _years(engagement: nzcoop.Engagement) -> _Draw:
        def draw(axes: Axes, centre: float, colours: dict[str, str]) -> None:
            low, high = axes.get_xlim()
            start = engagement.since if engagement.since is not None else low
            end = engagement.until + 1 if engagement.until is not None else high
            axes.barh(centre, end - start, left=start, height=BAR, color=colours["engagement"])
            if engagement.until is None:
                axes.annotate(
                    "no end given",
                    (high, centre),
                    xytext=(-4, 0),
                    textcoords="offset points",
                    ha="right",
                    va="center",
                    color=colours["on-engagement"],
                    fontsize=FONT_SIZE - 1,
                )

        return draw

    @staticmethod
    def _days(event: nzcoop.Event) -> _Draw:
        """Draw *event* as exactly as the documents date it, and no more exactly."""

        def draw(axes: Axes, centre: float, colours: dict[str, str]) -> None:
            import matplotlib.dates as mdates
            from matplotlib.patches import Rectangle

            low, high = axes.get_xlim()
            start = mdates.date2num(event.start) if event.start else low
            end = mdates.date2num(event.end) + 1 if event.end else high
            precision = event.precision
            if precision is nzcoop.Precision.DAY and event.start == event.end:
                axes.plot([start + 0.5], [centre], "o", color=colours["day"], markersize=6)
            elif precision is nzcoop.Precision.DAY:
                axes.barh(centre, end - start, left=start, height=BAR, color=colours["day"])
            else:
                axes.add_patch(
                    Rectangle(
                        (start, centre - BAR / 2),
                        end - start,
                        BAR,
                        facecolor=colours["span"] + "33",
                        edgecolor=colours["span"],
                        linewidth=1.4,
                        linestyle="--" if precision is nzcoop.Precision.BETWEEN else "-",
                    )
                )

        return draw

    @staticmethod
    def _legend(figure: Figure, colours: dict[str, str]) -> None:
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        handles = [
            Line2D([], [], marker="o", linestyle="", color=colours["day"], label="a single day"),
            Patch(color=colours["day"], label="the days it took"),
            Patch(
                facecolor=colours["span"] + "33",
                edgecolor=colours["span"],
                label="dated to a week, month or year",
            ),
            Patch(
                facecolor=colours["span"] + "33",
                edgecolor=colours["span"],
                linestyle="--",
                label="between two dates",
            ),
            Patch(color=colours["engagement"], label="an engagement's years"),
        ]
        legend = figure.legend(
            handles=handles,
            loc="upper center",
            ncols=3,
            frameon=False,
            fontsize=FONT_SIZE - 0.5,
            handlelength=1.4,
            columnspacing=1.2,
        )
        for text in legend.get_texts():
            text.set_color(colours["text"])


# -- the organisations -------------------------------------------------------------------------

PAD = 0.1
"""Inside a box, around its text and the boxes inside it (inches)."""
GAP = 0.12
"""Between two boxes (inches)."""


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

    def layout(self, width: float) -> float:
        """Wrap the text to *width*; return the box's height."""
        inner = width - 2 * PAD
        name = _wrap(self.organisation.name, inner, bold=True)
        self.lines = [(line, "name") for line in name.split("\n")]
        for text, standing in self.roles:
            bullet = "\u25cf " if standing else "\u25cb "
            wrapped = _wrap(text, inner - _width(bullet)).split("\n")
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
            axes.text(
                x + PAD,
                line_y,
                text,
                color=colour,
                va="top",
                ha="left",
                fontweight="bold" if style == "name" else "normal",
                fontsize=FONT_SIZE,
            )
            line_y += LINE_HEIGHT
        for child in self.children:
            line_y += GAP
            child.draw(axes, x + PAD, line_y, width - 2 * PAD, colours)
            line_y += child.height


class OrganisationsDirective(_FigureDirective):
    """The organisations New Zealand holds a role in, nested by parent, with its roles."""

    name_stem = "organisations"
    columns = 3

    def _boxes(self, data: nzcoop.Dataset) -> list[_Box]:
        holder = data.get(HOLDER)
        roles = roles_held(data, holder.id) if holder is not None else {}
        shown: set[str] = set()
        for org in roles:
            current: str | None = org
            while current is not None and current not in shown:
                shown.add(current)
                current = data.organisation(current).parent
        by_parent: dict[str | None, list[nzcoop.Organisation]] = {}
        for organisation in data.organisations(participant=None):
            if organisation.id in shown:
                by_parent.setdefault(organisation.parent, []).append(organisation)

        def box(organisation: nzcoop.Organisation) -> _Box:
            inside = [box(child) for child in by_parent.get(organisation.id, [])]
            return _Box(organisation, roles.get(organisation.id, []), inside)

        return [box(organisation) for organisation in by_parent.get(None, [])]

    def describe(self, data: nzcoop.Dataset) -> tuple[str, str]:
        """Return the alt text (every box, its roles and what it holds) and the caption."""

        def words(item: _Box) -> str:
            roles = ", ".join(text for text, _ in item.roles) or "no role of its own"
            text = f"{item.organisation.name} ({roles})"
            if item.children:
                text += ", containing " + "; ".join(words(child) for child in item.children)
            return text

        alt = (
            f"Diagram of the organisations {HOLDER} holds a role in, each inside the body it "
            "belongs to, with its roles: " + "; ".join(words(b) for b in self._boxes(data))
        )
        caption = (
            f"The organisations {HOLDER} holds a role in, each drawn inside the body it "
            "belongs to. A filled dot is a standing role; an open one, a role held at one "
            f"of the body's meetings or events. A dashed box is a body {HOLDER} holds no "
            "role in itself, drawn for the bodies inside it."
        )
        return alt, caption

    def draw(self, data: nzcoop.Dataset, colours: dict[str, str]) -> Figure:
        """Draw the top-level bodies' boxes in columns, each in the shortest so far."""
        boxes = self._boxes(data)
        width = WIDTH
        column_width = (width - 2 * GAP - (self.columns - 1) * GAP) / self.columns
        heights = [0.0] * self.columns
        placed: list[tuple[_Box, float, float]] = []
        for item in boxes:
            item.layout(column_width)
            column = heights.index(min(heights))
            x = GAP + column * (column_width + GAP)
            placed.append((item, x, heights[column] + GAP))
            heights[column] += GAP + item.height
        height = max(heights) + GAP
        figure = _new_figure(width, height)
        axes = figure.add_axes((0, 0, 1, 1))
        axes.set_xlim(0, width)
        axes.set_ylim(height, 0)
        axes.axis("off")
        for item, x, y in placed:
            item.draw(axes, x, y, column_width, colours)
        return figure


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the directives."""
    app.add_directive("nzcoop-timeline", TimelineDirective)
    app.add_directive("nzcoop-organisations", OrganisationsDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
