"""Text for a terminal: tables whose columns fit a width, and lines wrapped to it.

The command line prints its listings through `table` and its other text through
`paragraphs`. Every line either returns is at most *width* characters long, so that
columns stay under their headers however narrow the terminal (down to a character a
column). A long cell wraps inside its column, at spaces and hyphens where it can; its
continuation lines are indented, so a new row stands out from the rest of a long one.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

__all__ = ["paragraphs", "table"]

GAP = "  "
"""Between two columns."""

CONTINUED = "  "
"""Before each continuation line of a wrapped cell, or of a wrapped line of text."""

NARROWEST = 8
"""No column is narrowed below this (or its header's longest word) while another can be."""


def table(header: Sequence[str], rows: Iterable[Sequence[object]], width: int) -> str:
    """Return *rows* as columns under *header*, each line at most *width* long.

    A table with no rows is the note ``(none)``.

    >>> print(table(["NAME", "KIND"], [["Migration Five", "forum"]], 80))
    NAME            KIND
    Migration Five  forum
    >>> rows = [["Pacific Immigration Development Community", "forum"]]
    >>> print(table(["NAME", "KIND"], rows, 24))
    NAME               KIND
    Pacific            forum
      Immigration
      Development
      Community
    """
    cells = [[str(cell) for cell in row] for row in rows]
    if not cells:
        return "(none)"
    every = [list(header), *cells]
    natural = [max(len(row[i]) for row in every) for i in range(len(header))]
    widths = _fit(natural, header, width)
    lines = []
    for row in every:
        wrapped = [_wrap(cell, column) for cell, column in zip(row, widths, strict=True)]
        for number in range(max(map(len, wrapped))):
            parts = (
                (lines_[number] if number < len(lines_) else "").ljust(column)
                for lines_, column in zip(wrapped, widths, strict=True)
            )
            lines.append(GAP.join(parts).rstrip())
    return "\n".join(lines)


def paragraphs(text: str, width: int) -> str:
    """Return *text* with each line longer than *width* wrapped, keeping its indent.

    A word longer than the width (an address, a digest) is kept whole on a line of its
    own, so that it can be copied.

    >>> print(paragraphs("  engagements: New Zealand, member of Migration Five", 30))
      engagements: New Zealand,
          member of Migration Five
    """
    out: list[str] = []
    for line in text.splitlines():
        if len(line) <= width:
            out.append(line)
            continue
        lead = line[: len(line) - len(line.lstrip())]
        indent = lead + CONTINUED * 2
        if len(indent) > width // 2:  # indenting would leave too little room: wrap flush
            indent = ""
        out.extend(
            textwrap.wrap(
                line.lstrip(),
                width,
                initial_indent=lead,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n".join(out)


def _fit(natural: Sequence[int], header: Sequence[str], width: int) -> list[int]:
    """Return column widths summing (with the gaps) to at most *width*, where they can.

    The widest column gives a character at a time, so the columns that are narrow to
    begin with (a date, a kind) keep their width; none goes below `NARROWEST` or its
    header's longest word while another can give, nor below one character ever.
    """
    room = width - len(GAP) * (len(natural) - 1)
    widths = list(natural)
    headed = [max(map(len, title.split()), default=0) for title in header]
    for least in (
        [min(n, max(NARROWEST, h)) for n, h in zip(natural, headed, strict=True)],
        [1] * len(natural),
    ):
        while sum(widths) > room:
            column = max(range(len(widths)), key=lambda i: (widths[i] > least[i], widths[i]))
            if widths[column] <= least[column]:
                break
            widths[column] -= 1
    return widths


def _wrap(cell: str, width: int) -> list[str]:
    """Return *cell* as lines of at most *width* characters."""
    if len(cell) <= width:
        return [cell]
    indent = CONTINUED if width > 2 * len(CONTINUED) else ""
    return textwrap.wrap(cell, width, subsequent_indent=indent) or [""]
