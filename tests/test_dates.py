"""Years and dates: the queries by year follow the year rules, written out plainly here."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nzcoop
from nzcoop import Dataset, Precision
from nzcoop._dates import Years, describe, first_date, iso_dates, precision_span

from . import sample
from . import strategies as s
from .sample import structure

RANGES = st.tuples(st.none() | s.YEARS, st.none() | s.YEARS)


def _event_years(event: nzcoop.Event) -> set[int]:
    """The years an event spans: from its first date to its last, one bound's year alone."""
    dates = [date for date in (event.start, event.end) if date is not None]
    return set(range(dates[0].year, dates[-1].year + 1)) if dates else set()


def _engagement_years(data: nzcoop.Dataset, engagement: nzcoop.Engagement) -> set[int]:
    """The years an engagement is held, by the rules of `nzcoop._dates`, as sets of years."""
    since, until = engagement.since, engagement.until
    if since is not None and until is not None:
        return set(range(since, until + 1))
    target = data.lookup(engagement.target)
    attested = _event_years(target) if isinstance(target, nzcoop.Event) else set()
    for citation in engagement.sources:
        source = data.lookup(citation.source)
        if isinstance(source, nzcoop.Source) and source.date is not None:
            attested.add(source.date.year)
    if since is None and until is None:
        return attested
    attested.add(since if since is not None else until)  # type: ignore[arg-type]
    first = since if since is not None else min(attested)
    last = until if until is not None else max(attested)
    return set(range(first, last + 1))


def _in(years: set[int], first: int | None, last: int | None) -> bool:
    return any(
        (first is None or year >= first) and (last is None or year <= last) for year in years
    )


@given(s.dated_dataset(), RANGES)
def test_events_in_a_range_are_those_that_span_a_year_of_it(
    data: nzcoop.Dataset, bounds: tuple[int | None, int | None]
) -> None:
    """Law: an event is found in a range of years exactly when it spans one of them.

    An event with one bound spans only that bound's year; an undated one, none.
    """
    first, last = bounds
    found = data._index.events_in(Years(first, last))
    expected = [i for i, e in enumerate(data.events()) if _in(_event_years(e), first, last)]
    assert list(found) == expected
    if first is not None and first == last:
        assert [e.id for e in data.events(year=first)] == [data.events()[i].id for i in expected]


@given(s.dated_dataset(), RANGES)
def test_engagements_in_a_range_are_those_held_in_a_year_of_it(
    data: nzcoop.Dataset, bounds: tuple[int | None, int | None]
) -> None:
    """Law: an engagement is found in a range exactly when it is held in a year of it."""
    first, last = bounds
    found = data._index.engagements_in(Years(first, last))
    engagements = data.engagements()
    held = [_engagement_years(data, e) for e in engagements]
    assert list(found) == [i for i, years in enumerate(held) if _in(years, first, last)]
    if first is not None and first == last:
        expected = [e for e, years in zip(engagements, held, strict=True) if first in years]
        assert list(data.engagements(year=first)) == expected


@given(s.dated_dataset())
def test_events_come_in_date_order_undated_last(data: nzcoop.Dataset) -> None:
    """Law: events are ordered by their first date (start, or else end), undated last."""
    firsts = [e.start or e.end for e in data.events()]
    dated = [date for date in firsts if date is not None]
    assert firsts == [*dated, *(None for date in firsts if date is None)]
    assert dated == sorted(dated)


@given(s.event_dates())
def test_written_dates_say_no_more_than_the_precision(
    dates: tuple[datetime.date | None, datetime.date | None, Precision | None],
) -> None:
    """Law: ISO dates written for an event are a prefix of its dates, as the precision says.

    Only an undated event is described as undated.
    """
    start, end, precision = dates
    event = nzcoop.Event("e", "E", (), nzcoop.EventKind.MEETING, start, end, precision,
                         (), (), (), (), (), "", (), ())  # fmt: skip
    first, last = iso_dates(event)
    widths = {Precision.DAY: 10, Precision.MONTH: 7, Precision.YEAR: 4}
    if precision in widths:
        assert (len(first or ""), len(last or "")) == (widths[precision],) * 2
    for written, date in ((first, start), (last, end)):
        if written is not None and date is not None:
            assert date.isoformat().startswith(written)
    assert (first_date(event) is None) == (start is None and end is None)
    assert (describe(event) == "undated") == (precision is None)


def test_a_precision_spans_its_whole_unit() -> None:
    day = datetime.date(2024, 2, 14)
    assert precision_span(day, Precision.WEEK, day) == (
        datetime.date(2024, 2, 12),
        datetime.date(2024, 2, 18),
    )
    assert precision_span(day, Precision.MONTH, day) == (
        datetime.date(2024, 2, 1),
        datetime.date(2024, 2, 29),
    )
    december = datetime.date(9999, 12, 5)
    assert precision_span(december, Precision.MONTH, december) == (
        datetime.date(9999, 12, 1),
        datetime.date(9999, 12, 31),
    )
    assert precision_span(december, Precision.YEAR, december)[1] == datetime.date.max  # type: ignore[index]


@pytest.mark.parametrize(
    ("start", "precision"),
    [(datetime.date(9999, 12, 27), Precision.WEEK), (datetime.date.max, Precision.WEEK)],
)
def test_a_span_past_the_calendar_is_none(start: datetime.date, precision: Precision) -> None:
    assert precision_span(start, precision, start) is None


# -- examples of the rules ----------------------------------------------------------


def _engagement(**changes: object) -> Dataset:
    docs = sample.documents()
    docs["engagements"]["engagements"][1].update(changes)
    return structure(docs)


def _years(data: Dataset) -> list[int]:
    return [
        y for y in range(1990, 2040) if data.get("aland--member--forum") in data.engagements(year=y)
    ]


def test_undated_engagement_matches_only_years_documents_show() -> None:
    assert _years(_engagement()) == [2013]  # the citing document is dated 2013


def test_engagement_from_undated_documents_matches_no_year() -> None:
    docs = sample.documents()
    docs["sources"]["sources"][0]["date"] = None
    data = structure(docs)
    assert _years(data) == []
    assert data.engagements(year=2013) == (data.lookup("aland--co-chair--meeting"),)


def test_open_end_runs_to_the_last_year_shown() -> None:
    assert _years(_engagement(since=2003)) == list(range(2003, 2014))


def test_open_start_runs_from_the_first_year_shown() -> None:
    assert _years(_engagement(until=2020)) == list(range(2013, 2021))


def test_closed_engagement_spans_its_years() -> None:
    assert _years(_engagement(since=2001, until=2004)) == [2001, 2002, 2003, 2004]


def test_events_match_every_year_they_span() -> None:
    docs = sample.documents()
    docs["events"]["events"][0].update(start="2012-12-30", end="2014-01-02")
    data = structure(docs)
    assert [y for y in range(2010, 2016) if data.events(year=y)] == [2012, 2013, 2014]


def test_undated_events_match_no_year_and_sort_last() -> None:
    docs = sample.documents()
    later = dict(docs["events"]["events"][0], id="undated", name="Undated", start=None, end=None)
    later["precision"] = None
    docs["events"]["events"].insert(0, later)
    data = structure(docs)
    assert [e.id for e in data.events()] == ["meeting", "undated"]
    assert [e.id for e in data.events(year=2013)] == ["meeting"]
