"""Terminal text: tables and paragraphs that fit a width, losing no character on the way."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nzcoop._table import GAP, _fit, paragraphs, table

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


def test_an_empty_table_is_a_note() -> None:
    assert table(["NAME"], [], 80) == "(none)"


def test_a_cell_of_spaces_narrower_than_itself_is_blank() -> None:
    assert table(["A", "B"], [["x", "   "]], 5).splitlines() == ["A  B", "x"]


def test_continuation_lines_are_indented_where_there_is_room() -> None:
    assert paragraphs("  aaa bbb ccc", 8).splitlines() == ["  aaa", "bbb ccc"]
    assert paragraphs("  aaa bbb ccc ddd", 14).splitlines() == ["  aaa bbb ccc", "      ddd"]
