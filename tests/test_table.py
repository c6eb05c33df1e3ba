"""Terminal text: tables and paragraphs that fit a width, losing no character on the way.

No URL is broken, and no value can act on the terminal.
"""

from __future__ import annotations

import ast
import inspect
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nzcoop import _cli, _table
from nzcoop._table import GAP, URL, _fit, _hidden, paragraphs, table, visible, visible_json

words = st.text(st.sampled_from("abc-, \u2013"), max_size=30)
rows = st.integers(1, 5).flatmap(
    lambda columns: st.tuples(
        st.lists(st.text("ABC ", min_size=1, max_size=12), min_size=columns, max_size=columns),
        st.lists(st.lists(words, min_size=columns, max_size=columns), min_size=1, max_size=6),
    )
)


def _visible(text: str) -> str:
    return "".join(text.split())


@given(rows, st.integers(1, 120))
def test_every_line_fits_when_each_column_can_have_a_character(
    table_: tuple[list[str], list[list[str]]], width: int
) -> None:
    """Law: a table is never wider than *width*, if *width* leaves a character a column."""
    header, body = table_
    text = table(header, body, width)
    if width >= len(header) * (1 + len(GAP)):
        assert max(map(len, text.splitlines())) <= width


@given(rows, st.integers(1, 120))
def test_each_column_keeps_every_character_of_its_cells_in_order(
    table_: tuple[list[str], list[list[str]]], width: int
) -> None:
    """Law: wrapping only moves a cell's characters down its column, in order."""
    header, body = table_
    every = [header, *body]
    widths = _fit([max(len(row[i]) for row in every) for i in range(len(header))], header, width)
    lines = table(header, body, width).splitlines()
    start = 0
    for column, column_width in enumerate(widths):
        shown = "".join(line[start : start + column_width] for line in lines)
        assert _visible(shown) == _visible("".join(row[column] for row in every))
        start += column_width + len(GAP)


@given(st.lists(st.text("ab -", max_size=60), max_size=5), st.integers(1, 80))
def test_paragraphs_keep_their_words_and_fit_but_for_long_words(
    lines: list[str], width: int
) -> None:
    """Law: every character stays, in order; a line is too long only to hold one word."""
    text = "\n".join(lines)
    wrapped = paragraphs(text, width)
    assert _visible(wrapped) == _visible(text)
    for line in wrapped.splitlines():
        assert len(line) <= width or len(line.split()) == 1


ids = st.builds("id-{}".format, st.text(st.sampled_from("xy-"), max_size=30))
"""Ids, told from the words of `words` by their letters."""
id_rows = st.integers(0, 3).flatmap(
    lambda columns: st.lists(
        st.tuples(st.lists(words, min_size=columns, max_size=columns), ids),
        min_size=1,
        max_size=6,
    )
)


@given(id_rows, st.integers(1, 120))
def test_an_id_is_never_broken(rows: list[tuple[list[str], str]], width: int) -> None:
    """Law: each cell of a column in *whole* is whole on one line, in order.

    In its column, as wide as its longest id, or in brackets under its row. And a line
    is longer than *width* only where a column cannot have a character, or to hold one
    id alone.
    """
    header = [*(f"C{column}" for column in range(len(rows[0][0]))), "ID"]
    text = table(header, [[*cells, id_] for cells, id_ in rows], width, whole=["ID"])
    assert re.findall("id-[xy-]*", text) == [id_ for _, id_ in rows]
    if width >= len(header) * (1 + len(GAP)):
        for line in text.splitlines():
            assert len(line) <= width or re.fullmatch(r"\[?id-[xy-]*\]?", line.strip()), line


def test_a_column_of_ids_is_as_wide_as_its_longest_or_goes_under_the_rows() -> None:
    """In the table where it fits and keeps the table as short; else under each row."""
    rows = [["Bali Process \u203a Ad Hoc Group", "meeting-body", "bali-process-ad-hoc-group"]]
    header = ["NAME", "KIND", "ID"]
    assert table(header, rows, 70, whole=["ID"]).splitlines() == [
        "NAME                         KIND          ID",
        "Bali Process \u203a Ad Hoc Group  meeting-body  bali-process-ad-hoc-group",
    ]
    assert table(header, rows, 50, whole=["ID"]).splitlines() == [
        "NAME                         KIND",
        "Bali Process \u203a Ad Hoc Group  meeting-body",
        "  [bali-process-ad-hoc-group]",
    ]
    rows = [["Bali Process \u203a Ad Hoc Group of the many words", "meeting-body", "ad-hoc"]]
    assert table(header, rows, 50, whole=["ID"]).splitlines() == [
        "NAME                          KIND          ID",
        "Bali Process \u203a Ad Hoc Group   meeting-body  ad-hoc",
        "  of the many words",
    ]
    assert table(["ID"], [["bali-process-ad-hoc-group"]], 10, whole=["ID"]).splitlines() == [
        "ID",
        "bali-process-ad-hoc-group",
    ]


def test_one_pattern_says_what_a_url_is() -> None:
    """The command line and its tables find URLs by `URL` alone, compiled once."""
    patterns = [
        node.args[0].value
        for module in (_table, _cli)
        for node in ast.walk(ast.parse(inspect.getsource(module)))
        if isinstance(node, ast.Call)
        and ast.unparse(node.func) == "re.compile"
        and isinstance(node.args[0], ast.Constant)
        and "://" in str(node.args[0].value)
    ]
    assert patterns == [URL.pattern]


def test_an_empty_table_is_a_note() -> None:
    assert table(["NAME"], [], 80) == "(none)"


def test_a_cell_of_spaces_narrower_than_itself_is_blank() -> None:
    assert table(["A", "B"], [["x", "   "]], 5).splitlines() == ["A  B", "x"]


def test_continuation_lines_are_indented_where_there_is_room() -> None:
    assert paragraphs("  aaa bbb ccc", 8).splitlines() == ["  aaa", "bbb ccc"]
    assert paragraphs("  aaa bbb ccc ddd", 14).splitlines() == ["  aaa bbb ccc", "      ddd"]


# -- URLs -----------------------------------------------------------------------------------

urls = st.builds(
    "https://example.org/{}".format,
    st.text(st.sampled_from("ab-/_"), min_size=1, max_size=90),
)
url_rows = st.integers(1, 4).flatmap(
    lambda columns: st.tuples(
        st.lists(st.text("ABC ", min_size=1, max_size=12), min_size=columns, max_size=columns),
        st.lists(
            st.lists(
                words | urls | st.builds("{} {}".format, words, urls),
                min_size=columns,
                max_size=columns,
            ),
            min_size=1,
            max_size=6,
        ),
    )
)


def _urls(text: str) -> list[str]:
    return [match.group() for match in URL.finditer(text)]


@given(url_rows, st.integers(1, 120))
def test_a_table_never_breaks_a_url(table_: tuple[list[str], list[list[str]]], width: int) -> None:
    """Law: every URL of the cells is on one line of the table, whole, as often as given."""
    header, body = table_
    text = table(header, body, width)
    assert sorted(_urls(text)) == sorted(url for row in body for cell in row for url in _urls(cell))


@given(url_rows, st.integers(1, 120))
def test_a_line_of_a_table_is_too_long_only_to_hold_a_url(
    table_: tuple[list[str], list[list[str]]], width: int
) -> None:
    """Law: a table's line longer than *width* is one URL alone (after its indent)."""
    header, body = table_
    if width < len(header) * (1 + len(GAP)):
        return  # not a character a column: nothing can fit
    for line in table(header, body, width).splitlines():
        assert len(line) <= width or URL.fullmatch(line.strip()), line


@given(st.lists(st.text("ab -", max_size=30) | urls, max_size=8), st.integers(1, 80))
def test_paragraphs_never_break_a_url(lines: list[str], width: int) -> None:
    """Law: every URL of the text is on one line, whole."""
    text = " ".join(lines)
    assert _urls(paragraphs(text, width)) == _urls(text)


texts = st.lists(
    st.builds(
        "{}{}".format,
        st.text(" ", max_size=12),
        st.lists(st.text(st.sampled_from("ab-\u00a0"), max_size=14) | urls, max_size=6).map(
            " ".join
        ),
    ),
    max_size=4,
).map("\n".join)


@given(texts, st.integers(1, 10) | st.integers(1, 120))
def test_no_line_of_paragraphs_is_longer_than_the_width_but_a_word_that_is(
    text: str, width: int
) -> None:
    """Law: a line of ``paragraphs`` is at most *width* long, or one word longer than that.

    That is: a line longer than *width* holds a single word (no space inside, after its
    indent) that is itself longer than *width*. At any width, a tiny one included; and
    every word stays, in order. A word here is what spaces separate: a URL, or letters,
    hyphens and no-break spaces.
    """
    wrapped = paragraphs(text, width)
    for line in wrapped.splitlines():
        word = line.strip(" ")
        assert len(line) <= width or (" " not in word and len(word) > width), (line, width)
    assert wrapped.split() == text.split()


def test_a_word_that_fits_a_line_but_not_after_its_indent_goes_flush() -> None:
    assert paragraphs("    abcd ef", 5).splitlines() == ["abcd", "ef"]
    assert paragraphs("  abcdef gh", 5).splitlines() == ["  abcdef", "gh"]
    assert paragraphs("        ", 3) == ""


def test_a_column_of_urls_too_wide_goes_under_its_rows() -> None:
    rows = [["First", "https://example.org/" + "a" * 70], ["Second", "https://example.org/b"]]
    assert table(["TITLE", "URL"], rows, 40).splitlines() == [
        "TITLE",
        "First",
        "  https://example.org/" + "a" * 70,
        "Second",
        "  https://example.org/b",
    ]
    assert table(["TITLE", "URL"], rows, 100).splitlines()[0].split() == ["TITLE", "URL"]


def test_a_url_longer_than_its_column_leaves_the_rest_of_the_cell_in_it() -> None:
    url = "https://example.org/" + "a" * 30
    lines = table(["NAME", "NOTE"], [["One", f"see {url} there"]], 30).splitlines()
    assert lines == ["NAME  NOTE", "One   see there", f"  {url}"]


def test_a_url_that_fits_its_column_moves_down_whole() -> None:
    lines = table(["A", "B"], [["x", "word https://ex.org/a-b-c"]], 26).splitlines()
    assert lines == ["A  B", "x  word", "     https://ex.org/a-b-c"]


def test_a_table_of_only_urls_keeps_its_column() -> None:
    url = "https://example.org/" + "a" * 40
    assert table(["URL"], [[url]], 20).splitlines()[1:] == ["  " + url]


# -- text that cannot act on a terminal -----------------------------------------------------

HOSTILE = (
    "\x1b[2J\x00\x07\x7f\x85\u200b\u200e\u202a\u202e\u2066\u2069\ufeff\u2028\u2029\n\r\t"
    "\U000e0001\u034f\ufe0f\u3164\udcff"
)
"""Characters that act on a terminal or show nothing: an escape sequence, controls, the
bidirectional overrides and isolates, separators, invisible marks, a lone surrogate."""


@given(st.text(st.sampled_from(HOSTILE + "aé ›\u00a0"), max_size=40))
def test_visible_leaves_nothing_that_acts_on_a_terminal(text: str) -> None:
    """Law: `visible` leaves no hidden character, and reads back, as a string literal, as *text*."""
    shown = visible(text)
    assert not any(_hidden(char) for char in shown)
    assert visible(shown) == shown
    assert ast.literal_eval(f'"{shown}"') == text


@given(
    st.recursive(
        st.text(st.sampled_from(HOSTILE + 'aé"\\ ›')),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(st.text("ab", max_size=3), inner, max_size=3)
        ),
        max_leaves=8,
    )
)
def test_visible_json_reads_back_exactly(value: object) -> None:
    """Law: JSON through `visible_json` holds no hidden character but its layout's newlines.

    And it loads back to the same value.
    """
    text = visible_json(json.dumps(value, ensure_ascii=False, indent=2))
    assert not any(_hidden(char) for char in text.replace("\n", ""))
    assert json.loads(text) == value


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[31mred", "\\x1b[31mred"),
        ("a\nb\r\tc", "a\\nb\\r\\tc"),
        ("\u202eevil\u2066", "\\u202eevil\\u2066"),
        ("tag\U000e0041", "tag\\U000e0041"),
        ("fill\u3164er", "fill\\u3164er"),
        ("Māori \u00a0 — “x”", "Māori \u00a0 — “x”"),
    ],
)
def test_visible_escapes_as_python_writes_a_string(text: str, shown: str) -> None:
    assert visible(text) == shown


def test_a_table_shows_its_cells_through_visible() -> None:
    lines = table(["NAME"], [["Evil\nName\x1b[2J"]], 80).splitlines()
    assert lines == ["NAME", "Evil\\nName\\x1b[2J"]
