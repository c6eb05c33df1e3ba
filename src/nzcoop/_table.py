r"""Text for a terminal: values that show what they hold, and tables and lines that fit.

The command line passes every value from the data through `visible`, so that a name
cannot move the cursor, clear the screen or reverse the text after it; JSON goes
through `visible_json`, which escapes the same characters as JSON does. It prints its
listings through `table` and its other text through `paragraphs`.

Every line either returns is at most *width* characters long, but for a word too long
for any line, which stands whole on a line of its own (after its indent). A URL is
never broken, nor an id: in a table, a column of URLs that cannot have its full width,
or a URL longer than its column, goes whole on a line of its own under its row,
indented, and so does a column of ids that would leave the others too little room, or
make the table longer than it is with the ids under the rows.
Other long cells wrap inside their column, at spaces and hyphens where they can; their
continuation lines are indented, so that a new row stands out from the rest of a long
one.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Collection, Iterable, Sequence

__all__ = ["paragraphs", "table", "visible", "visible_json"]

GAP = "  "
"""Between two columns."""

CONTINUED = "  "
"""Before each continuation line of a wrapped cell, or of a wrapped line of text."""

NARROWEST = 8
"""No column is narrowed below this (or its header's longest word) while another can be."""

URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+")
"""A web address, or any address with a scheme: never broken. The one pattern of a URL."""

_OPENING = "([<\"'\u201c\u2018"
"""What may come before a URL inside a word: an opening bracket or quote."""

_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
"""Control and format characters (escape, newline, the bidirectional overrides and
isolates, zero-width spaces), lone surrogates, and line and paragraph separators."""

_INVISIBLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2065\u3164\ufe00-\ufe0f\uffa0"
    "\ufff0-\ufff8\U000e0000-\U000e0fff]"
)
"""The characters Unicode says show nothing (``Default_Ignorable_Code_Point``) that are
not in `_HIDDEN_CATEGORIES`: fillers, variation selectors, the combining grapheme joiner."""

_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    r"""Return *text* with each character that shows nothing, or acts on the terminal, escaped.

    Control characters (an escape sequence's ``ESC``, a newline), format characters
    (the bidirectional overrides and isolates, zero-width spaces), line separators,
    lone surrogates and the other characters Unicode says show nothing are written as
    Python writes them in a string (``\x1b``, ``\n``, ``\u202e``); everything else is
    kept, so that a name reads as it is written.

    >>> visible("Forum\x1b[2J\u202eevil\nname")
    'Forum\\x1b[2J\\u202eevil\\nname'
    >>> visible("Māori — “quoted”")
    'Māori — “quoted”'
    """
    if text.isprintable() and not _INVISIBLE.search(text):
        return text
    return "".join(_escape(char) if _hidden(char) else char for char in text)


def visible_json(text: str) -> str:
    r"""Return the JSON *text* with each character `visible` escapes written as a JSON escape.

    JSON written with its non-ASCII characters as they are escapes control characters
    below U+0020 but keeps the others, bidirectional overrides included; this escapes
    those too (``\u202e``), so the JSON still reads back to exactly the same values.
    Newlines are left alone: in JSON text they can only be its own layout.

    >>> import json
    >>> print(visible_json(json.dumps(["a\u202eb\x85", "Māori"], ensure_ascii=False)))
    ["a\u202eb\u0085", "Māori"]
    >>> print(visible_json('"\U000e0001"'))
    "\udb40\udc01"
    """
    if text.isprintable() and not _INVISIBLE.search(text):
        return text
    return "".join(_json_escape(char) if char != "\n" and _hidden(char) else char for char in text)


def _url_word(word: str) -> bool:
    """Return whether *word* is a URL, perhaps after an opening bracket or quote."""
    return URL.match(word.lstrip(_OPENING)) is not None


def _hidden(char: str) -> bool:
    return unicodedata.category(char) in _HIDDEN_CATEGORIES or bool(_INVISIBLE.match(char))


def _escape(char: str) -> str:
    code = ord(char)
    if char in _SHORT:
        return _SHORT[char]
    if code <= 0xFF:  # noqa: PLR2004 - the largest code point written \xNN
        return f"\\x{code:02x}"
    if code <= 0xFFFF:  # noqa: PLR2004 - the largest written \uNNNN
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:  # noqa: PLR2004 - the largest code point JSON writes as one escape
        return f"\\u{code:04x}"
    code -= 0x10000  # beyond, JSON writes the UTF-16 surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def table(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    width: int,
    *,
    whole: Collection[str] = (),
) -> str:
    """Return *rows* as columns under *header*, each line at most *width* long.

    A table with no rows is the note ``(none)``. Each cell is shown through `visible`.
    A column of URLs that cannot have its full width leaves the table: each URL goes
    under its row instead, whole. A column headed by a title in *whole* (ids, which a
    reader copies) is never broken, at a hyphen or anywhere: it is as wide as its
    longest cell, the other columns giving the room (down to `NARROWEST`), or it goes
    under each row as a column of URLs does, in brackets, where they cannot, or where
    that makes the table shorter.

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
    >>> rows = [["NZ joins IOM", "https://www.beehive.govt.nz/release/nz-joins-iom"]]
    >>> print(table(["TITLE", "URL"], rows, 40))
    TITLE
    NZ joins IOM
      https://www.beehive.govt.nz/release/nz-joins-iom
    >>> rows = [["Bali Process › Ad Hoc Group", "bali-process-ad-hoc-group"]]
    >>> print(table(["NAME", "ID"], rows, 60, whole=["ID"]))
    NAME                         ID
    Bali Process › Ad Hoc Group  bali-process-ad-hoc-group
    >>> print(table(["NAME", "ID"], rows, 40, whole=["ID"]))
    NAME
    Bali Process › Ad Hoc Group
      [bali-process-ad-hoc-group]
    """
    cells = [[visible(str(cell)) for cell in row] for row in rows]
    if not cells:
        return "(none)"
    header = list(header)
    held = _lay_out(header, cells, width, whole, hold=True)
    if not any(title in whole for title in header):
        return held
    under = _lay_out(header, cells, width, whole, hold=False)
    fits = _fits(_natural([header, *cells]), header, width, whole)
    return held if fits and held.count("\n") <= under.count("\n") else under


def _lay_out(
    header: list[str], cells: list[list[str]], width: int, whole: Collection[str], *, hold: bool
) -> str:
    """Return the lines of `table`, with the columns in *whole* held in the table.

    Unless *hold*: then each goes under its row where fitting the table narrows it,
    unless every column would go.
    """
    natural = _natural([header, *cells])
    widths = _fit(natural, header, width, whole if hold else ())
    below = [
        column
        for column, (fitted, wide) in enumerate(zip(widths, _natural(cells), strict=True))
        if fitted < wide
        and (
            (not hold and header[column] in whole)
            or all(URL.fullmatch(row[column]) for row in cells)
        )
    ]
    if below and len(below) < len(header):
        kept = [column for column in range(len(header)) if column not in below]
        under = [[_under(header[column], row[column], whole) for column in below] for row in cells]
        header = [header[column] for column in kept]
        cells = [[row[column] for column in kept] for row in cells]
        widths = _fit(_natural([header, *cells]), header, width, whole)
    else:
        under = [[] for _ in cells]
        widths = _fit(natural, header, width, whole)
    lines = _row(header, widths)
    for row, urls in zip(cells, under, strict=True):
        lines.extend(_row(row, widths, urls))
    return "\n".join(lines)


def _under(title: str, cell: str, whole: Collection[str]) -> str:
    """Return *cell*, of the column headed *title*, as it stands under its row.

    An id is in brackets (``[apec]``), as the command line's text shows ids, so that it
    does not read as the end of a name wrapped above it; a URL shows what it is.
    """
    return f"[{cell}]" if title in whole else cell


def _natural(rows: Sequence[Sequence[str]]) -> list[int]:
    return [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]


def _row(row: Sequence[str], widths: Sequence[int], urls: Sequence[str] = ()) -> list[str]:
    """Return the lines of one row: its cells side by side, then URLs that did not fit."""
    wrapped = [_wrap(cell, column) for cell, column in zip(row, widths, strict=True)]
    lines = []
    for number in range(max(len(cell_lines) for cell_lines, _ in wrapped)):
        parts = (
            (cell_lines[number] if number < len(cell_lines) else "").ljust(column)
            for (cell_lines, _), column in zip(wrapped, widths, strict=True)
        )
        lines.append(GAP.join(parts).rstrip())
    below = [*urls, *(url for _, too_long in wrapped for url in too_long)]
    if below and not any(lines):  # the row held only URLs, each now under it
        lines = []
    lines.extend(CONTINUED + url for url in below)
    return lines


def paragraphs(text: str, width: int) -> str:
    """Return *text* with each line longer than *width* wrapped, keeping its indent.

    Lines are wrapped at spaces only (`visible` has escaped every other space and
    break). A continuation line is indented further, where that leaves room. No line is
    longer than *width*, but for one that holds a single word longer than *width* (an
    address, a digest): it is kept whole, on a line of its own, so that it can be
    copied. An indent is left out where a word that fits a line would not fit after it.

    >>> print(paragraphs("  engagements: New Zealand, member of Migration Five", 30))
      engagements: New Zealand,
          member of Migration Five
    >>> print(paragraphs("  see https://example.org/a/long/address", 20))
      see
          https://example.org/a/long/address
    """
    out: list[str] = []
    for line in text.splitlines():
        out.extend([line] if len(line) <= width else _wrap_line(line, width))
    return "\n".join(out)


def _wrap_line(line: str, width: int) -> list[str]:
    """Return *line*, longer than *width*, as lines that fit, but for a word too long."""
    lead = line[: len(line) - len(line.lstrip(" "))]
    indent = lead + CONTINUED * 2
    if len(indent) > width // 2:  # indenting would leave too little room: wrap flush
        indent = ""
    lines: list[str] = []
    current = lead  # the line being filled: an indent, then words and the spaces between
    words = 0  # how many words it holds
    for word, space in re.findall("([^ ]+)( *)", line.lstrip(" ")):
        if words and len(current) + len(word) > width:
            lines.append(current.rstrip(" "))
            current, words = indent, 0
        if not words and len(current) + len(word) > width >= len(word):
            current = ""  # the word fits a line, but not after the indent
        current += word + space
        words += 1
    lines.append(current.rstrip(" "))
    return lines


def _least(natural: Sequence[int], header: Sequence[str], whole: Collection[str]) -> list[int]:
    """Return the width each column keeps while another can give: see `_fit`.

    That is its *natural* width for a column headed by a title in *whole*; for another,
    `NARROWEST` or its header's longest word, or its natural width if that is less.
    """
    headed = [max(map(len, title.split()), default=0) for title in header]
    return [
        n if title in whole else min(n, max(NARROWEST, h))
        for n, h, title in zip(natural, headed, header, strict=True)
    ]


def _fits(
    natural: Sequence[int], header: Sequence[str], width: int, whole: Collection[str]
) -> bool:
    """Return whether the columns in *whole* can have their *natural* width.

    That is, with the others narrowed no further than `_fit` narrows a column while
    another can give.
    """
    return sum(_least(natural, header, whole)) + len(GAP) * (len(natural) - 1) <= width


def _fit(
    natural: Sequence[int], header: Sequence[str], width: int, whole: Collection[str] = ()
) -> list[int]:
    """Return column widths summing (with the gaps) to at most *width*, where they can.

    The widest column gives a character at a time, so the columns that are narrow to
    begin with (a date, a kind) keep their width; none goes below `NARROWEST` or its
    header's longest word while another can give, nor below one character ever. A
    column headed by a title in *whole* never gives.
    """
    room = width - len(GAP) * (len(natural) - 1)
    widths = list(natural)
    lowest = [n if title in whole else 1 for n, title in zip(natural, header, strict=True)]
    for least in (_least(natural, header, whole), lowest):
        while sum(widths) > room:
            column = max(range(len(widths)), key=lambda i: (widths[i] > least[i], widths[i]))
            if widths[column] <= least[column]:
                break
            widths[column] -= 1
    return widths


class _Wrapper(textwrap.TextWrapper):
    """Wraps at spaces and hyphens, and breaks a word longer than the line, but never a URL."""

    def _split(self, text: str) -> list[str]:
        chunks: list[str] = []
        for word in re.split("( +)", text):  # a cell's only spaces: `visible` escapes the rest
            if _url_word(word):
                chunks.append(word)
            elif word:
                chunks.extend(super()._split(word))
        return chunks


def _wrap(cell: str, width: int) -> tuple[list[str], list[str]]:
    """Return *cell* as lines of at most *width* characters, and the URLs too long for them.

    A URL too long for a continuation line is taken out of the cell, to go whole under
    the row; any other fits on any line, so it is never broken.
    """
    if len(cell) <= width:
        return [cell], []
    indent = CONTINUED if width > 2 * len(CONTINUED) else ""
    words = cell.split(" ")
    too_long = [word for word in words if len(word) > width - len(indent) and _url_word(word)]
    rest = " ".join(word for word in words if word not in too_long)
    return _Wrapper(width, subsequent_indent=indent).wrap(rest) or [""], too_long
