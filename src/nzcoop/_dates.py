"""Years and dates: what a record's dates say, and what "in a year" means, in one place.

The rules:

- An event's ``start`` and ``end`` are read by its ``precision``: a ``day`` precision
  gives the days themselves; ``week``, ``month`` and ``year`` the whole week (Monday to
  Sunday), month or year the event happened in; ``between`` two bounds, either of which
  may be unknown (an open bound). `precision_span` gives the days a precision spans.
- An event spans the calendar years from its first date to its last; where the
  documents give only one bound, the year of that bound (they show the event then, and
  say nothing of other years); an undated event spans none (`event_years`).
- An engagement is *attested* in the years a dated document shows it: the years of the
  event it is held in, the years of the dated documents that cite it, and its own
  ``since`` and ``until``. It is held from ``since`` to ``until`` where both are given;
  an open end (no ``until``) runs to its last attested year and no further; an open
  start (no ``since``) from its first attested year; with neither, it is held only in
  its attested years (`engagement_years`). So a year no document speaks to matches
  nothing.
- A query by years asks for an inclusive range, either end of which may be open
  (`Years`); a record matches when any year it spans lies in the range.

Years are kept as spans (first and last year), never enumerated: a span of ten
thousand years costs what a span of one does.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from ._model import Engagement, Entity, Event, Source
from ._vocabulary import Precision

__all__ = [
    "Years",
    "attesting_years",
    "describe",
    "engagement_first",
    "engagement_years",
    "event_years",
    "first_date",
    "iso_dates",
    "precision_span",
    "sort_key",
]

LAST_DAY = datetime.date.max

Span = tuple[int, int]
"""A first and a last year, inclusive."""


class Years(NamedTuple):
    """An inclusive range of years that a query asks for; None leaves that end open.

    >>> Years(2003, 2013).holds(2013)
    True
    >>> Years(None, 2002).bounds
    (1, 2002)
    """

    first: int | None
    """The first year of the range, or None for no first year."""
    last: int | None
    """The last year of the range, or None for no last year."""

    @property
    def bounds(self) -> Span:
        """The first and last years of the range, an open end as the calendar's first or last."""
        first = datetime.MINYEAR if self.first is None else self.first
        return first, datetime.MAXYEAR if self.last is None else self.last

    def holds(self, year: int) -> bool:
        """Tell whether *year* is in the range."""
        first, last = self.bounds
        return first <= year <= last


def precision_span(
    start: datetime.date, precision: Precision, end: datetime.date
) -> tuple[datetime.date, datetime.date] | None:
    """Return the first and last day *precision* spans from *start*.

    For the precisions whose span may be any dates (a day, or between), that is *start*
    and *end* themselves. None when the span would run past the last day of the calendar
    (the week of 31 December 9999).

    >>> day = datetime.date(2003, 6, 11)
    >>> precision_span(day, Precision.WEEK, day)
    (datetime.date(2003, 6, 9), datetime.date(2003, 6, 15))
    >>> precision_span(datetime.date.max, Precision.WEEK, datetime.date.max) is None
    True
    """
    if precision is Precision.WEEK:
        monday = start - datetime.timedelta(days=start.weekday())
        if (LAST_DAY - monday).days < 6:  # noqa: PLR2004 - a week's last day
            return None
        return monday, monday + datetime.timedelta(days=6)
    if precision is Precision.MONTH:
        first = start.replace(day=1)
        if first.month == 12:  # noqa: PLR2004 - December, whose next month may not exist
            return first, first.replace(day=31)
        return first, first.replace(month=first.month + 1) - datetime.timedelta(days=1)
    if precision is Precision.YEAR:
        return start.replace(month=1, day=1), start.replace(month=12, day=31)
    return start, end


def event_years(event: Event) -> Span | None:
    """Return the first and last calendar year *event* spans, or None when it is undated.

    >>> import nzcoop
    >>> event_years(nzcoop.lookup("tewg-meeting-2013-auckland"))
    (2013, 2013)
    """
    first = event.start or event.end
    last = event.end or event.start
    if first is None or last is None:
        return None
    return first.year, last.year


def attesting_years(entities: Iterable[Entity]) -> dict[str, Span]:
    """Map each dated event and dated source document to the years it shows.

    `engagement_years` reads an engagement's years from its target and its citations
    through this table.
    """
    years: dict[str, Span] = {}
    for entity in entities:
        if isinstance(entity, Event):
            span = event_years(entity)
            if span is not None:
                years[entity.id] = span
        elif isinstance(entity, Source) and entity.date is not None:
            years[entity.id] = (entity.date.year, entity.date.year)
    return years


def engagement_years(engagement: Engagement, attesting: Mapping[str, Span]) -> tuple[Span, ...]:
    """Return the spans of years *engagement* is held, by the rules above, ascending.

    *attesting* is the `attesting_years` of the dataset's entities. The spans are
    disjoint; none when no document dates the engagement.
    """
    since, until = engagement.since, engagement.until
    if since is not None and until is not None:
        return ((since, until),)
    attested = [attesting[engagement.target]] if engagement.target in attesting else []
    attested.extend(attesting[c.source] for c in engagement.sources if c.source in attesting)
    if since is None and until is None:
        return _merged(attested)
    given: int = since if since is not None else until  # type: ignore[assignment] # one is
    attested.append((given, given))
    first = since if since is not None else min(low for low, _ in attested)
    last = until if until is not None else max(high for _, high in attested)
    return ((first, last),)


def _merged(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Return *spans* as disjoint spans, ascending: those that touch or overlap joined."""
    merged: list[Span] = []
    for low, high in sorted(spans):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return tuple(merged)


def iso_dates(event: Event) -> tuple[str | None, str | None]:
    """Return *event*'s first and last dates as precisely as the documents give them.

    Dates are ISO 8601 and may be partial: ``2013``, ``2013-06`` or ``2013-06-24``.
    Where the documents bound the date only (a week, or a span it happened in), both
    are the part its bounds share (``2003-06``), or ``None`` when they share none.

    >>> import nzcoop
    >>> iso_dates(nzcoop.lookup("tampa-refugees-transfer-2001"))
    ('2001-09', '2001-09')
    >>> iso_dates(nzcoop.lookup("iom-special-session-2003-geneva"))
    ('2003-06', '2003-06')
    """
    start, end, precision = event.start, event.end, event.precision
    width = _WIDTHS.get(precision)  # type: ignore[arg-type] # None: no precision
    if width is not None:
        return _iso(start, width), _iso(end, width)
    shared = None
    if start is not None and end is not None:
        for width in (7, 4):
            if start.isoformat()[:width] == end.isoformat()[:width]:
                shared = start.isoformat()[:width]
                break
    return shared, shared


_WIDTHS = {Precision.DAY: 10, Precision.MONTH: 7, Precision.YEAR: 4}
"""How many characters of an ISO 8601 date each precision that names its dates gives."""


def _iso(date: datetime.date | None, width: int) -> str | None:
    return None if date is None else date.isoformat()[:width]


def describe(event: Event) -> str:
    """Return *event*'s dates for a reader, as exactly as the documents give them.

    >>> import nzcoop
    >>> describe(nzcoop.lookup("tewg-meeting-2013-auckland"))
    '2013-06-24 to 2013-06-27'
    >>> describe(nzcoop.lookup("iom-special-session-2003-geneva"))
    'the week of 2003-06-09'
    >>> describe(nzcoop.lookup("bali-process-established-2002"))
    '2002'
    """
    start, end, precision = event.start, event.end, event.precision
    if precision is Precision.WEEK and start is not None:
        return f"the week of {start.isoformat()}"
    if precision is Precision.BETWEEN:
        if start is None:
            return f"by {end}"
        if end is None:
            return f"from {start} on"
        return f"between {start} and {end}"
    first, last = iso_dates(event)
    if first is None:
        return "undated"
    return first if last == first else f"{first} to {last}"


def first_date(event: Event) -> str | None:
    """Return *event*'s first date as ISO 8601, no more precise than the documents give it.

    That is the first of `iso_dates` (its day, month or year, or the part its bounds
    share); where that is None, the year of its first bound, the year `event_years`
    begins with; None when it is undated.

    >>> import nzcoop
    >>> first_date(nzcoop.lookup("bali-process-established-2002"))
    '2002'
    >>> first_date(nzcoop.lookup("new-zealand-joins-iom-2003"))  # between two days
    '2003-06'
    """
    first = iso_dates(event)[0]
    if first is not None:
        return first
    bound = event.start or event.end
    return None if bound is None else f"{bound.year:04d}"


def engagement_first(
    engagement: Engagement, events: Mapping[str, Event], attesting: Mapping[str, Span]
) -> str | None:
    """Return where *engagement* goes in a timeline: its first year, or its event's date.

    That is ``since`` when given; else the `first_date` of the event it is held in;
    else the first year a dated document shows it (by `engagement_years`); else None.
    """
    if engagement.since is not None:
        return f"{engagement.since:04d}"
    event = events.get(engagement.target)
    if event is not None and (first := first_date(event)) is not None:
        return first
    spans = engagement_years(engagement, attesting)
    return f"{spans[0][0]:04d}" if spans else None


def sort_key(event: Event) -> tuple[bool, str, str]:
    """Return what events sort by: dated first, by their first day, then by id."""
    first = event.start or event.end
    return (first is None, "" if first is None else first.isoformat(), event.id)
