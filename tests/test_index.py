"""The indexes and the year rules: what a query finds is what reading every record finds."""

from __future__ import annotations

import itertools
import typing
from collections.abc import Callable, Iterable

from hypothesis import given
from hypothesis import strategies as st

import nzcoop
from nzcoop import Dataset, Role, Theme
from nzcoop._dates import Span, attesting_years, engagement_years
from nzcoop._names import name_key

from . import sample
from . import strategies as s
from .sample import structure


def _in(year: int, spans: Iterable[Span]) -> bool:
    """Return whether *year* lies in one of *spans*: the plain form of `Years.overlaps`."""
    return any(low <= year <= high for low, high in spans)


def _held_in(data: nzcoop.Dataset, engagement: nzcoop.Engagement) -> set[str]:
    """The organisations *engagement* is held in, with every body they sit inside."""
    target = data.lookup(engagement.target)
    direct = (
        [target.id]
        if isinstance(target, nzcoop.Organisation)
        else list(target.organisations)
        if isinstance(target, nzcoop.Event)
        else []
    )
    found = set()
    for org_id in direct:
        org: nzcoop.Organisation | None = data.organisation(org_id)
        while org is not None:
            found.add(org.id)
            org = data.organisation(org.parent) if org.parent else None
    return found


def _scan(data: nzcoop.Dataset, **filters: object) -> list[nzcoop.Engagement]:
    """Filter every engagement of *data* by reading it, in id order: the rules, not the index."""
    attesting = attesting_years(data.entities())
    org, holder, role = filters.get("organisation"), filters.get("participant"), filters.get("role")
    theme, year, target = filters.get("theme"), filters.get("year"), filters.get("target")
    return [
        e
        for e in sorted(data.engagements(), key=lambda e: e.id)
        if (org is None or org in _held_in(data, e))
        and (target is None or e.target == target)
        and (holder is None or e.participant == holder)
        and (role is None or e.role is role)
        and (theme is None or theme in data.lookup(e.target).themes)  # type: ignore[union-attr]
        and (year is None or _in(typing.cast("int", year), engagement_years(e, attesting)))
    ]


@given(st.builds(nzcoop.dataset) | s.sub_datasets, st.data())
def test_indexed_engagements_are_those_a_scan_finds(
    data: nzcoop.Dataset, draw: st.DataObject
) -> None:
    """Law: `engagements` keeps what reading every record by the rules keeps.

    Each filter is tried with every value it can take in *data*, and then all together.
    """
    values: dict[str, list[object]] = {
        "organisation": [o.id for o in data.organisations(participant=None)],
        "target": list(dict.fromkeys(e.target for e in data.engagements())),
        "participant": list(dict.fromkeys(e.participant for e in data.engagements())),
        "role": list(Role),
        "theme": list(Theme),
        "year": list(range(1990, 2025)),
    }
    for name, choices in values.items():
        for value in choices:
            assert list(data.engagements(**{name: value})) == _scan(data, **{name: value})  # type: ignore[arg-type]
    combined = {
        name: draw.draw(st.none() | st.sampled_from(choices)) if choices else None
        for name, choices in values.items()
    }
    assert list(data.engagements(**combined)) == _scan(data, **combined)  # type: ignore[arg-type]


@given(st.builds(nzcoop.dataset) | s.sub_datasets)
def test_indexed_organisations_are_those_a_scan_finds(data: nzcoop.Dataset) -> None:
    """Law: `organisations` keeps the bodies a reading of every engagement finds.

    A body is kept for a participant, role or year when an engagement matching them is
    held in it directly: its target, or an organisation of its event. A role held at one
    meeting counts for the body the meeting belongs to only with ``standing=False``
    (those alone) or ``None`` (either); by default, ``True``, standing roles alone count.
    With no participant, role or year, ``standing`` filters nothing.
    """
    attesting = attesting_years(data.entities())
    everyone = data.organisations()
    assert everyone == data.organisations(participant=None, standing=False)
    assert list(everyone) == sorted(
        data.records("organisations"), key=lambda o: (o.name.casefold(), o.id)
    )

    def _target(engagement: nzcoop.Engagement) -> nzcoop.Entity:
        return data.lookup(engagement.target)

    def direct(engagement: nzcoop.Engagement) -> set[str]:
        target = data.lookup(engagement.target)
        if isinstance(target, nzcoop.Organisation):
            return {target.id}
        return set(target.organisations) if isinstance(target, nzcoop.Event) else set()

    filters: list[tuple[str, object, Callable[[nzcoop.Engagement], bool]]] = [
        *(("role", role, lambda e, r=role: e.role is r) for role in Role),
        *(
            ("year", year, lambda e, y=year: _in(y, engagement_years(e, attesting)))
            for year in range(1990, 2025)
        ),
        *(
            ("participant", who, lambda e, w=who: e.participant == w)
            for who in dict.fromkeys(e.participant for e in data.engagements())
        ),
    ]
    for (name, value, keeps), standing in itertools.product(filters, (True, False, None)):
        held = set().union(
            *(
                direct(e)
                for e in data.engagements()
                if keeps(e) and standing in {None, not isinstance(_target(e), nzcoop.Event)}
            )
        )
        found = data.organisations(**{name: value, "standing": standing})  # type: ignore[arg-type]
        assert list(found) == [o for o in everyone if o.id in held], (name, value, standing)
    for theme in Theme:
        found = data.organisations(theme=theme)
        assert list(found) == [o for o in everyone if theme in o.themes]


def test_an_organisation_holds_every_body_inside_it_at_any_depth() -> None:
    docs = sample.documents()
    sample.add_organisation(id="deep", name="Deep", parent="forum-group")(docs)
    data = structure(docs)
    assert data._index.within("forum") == ["forum", "forum-group", "deep"]
    assert data._index.within("deep") == ["deep"]


def test_an_event_of_a_body_and_its_parent_is_found_once() -> None:
    docs = sample.documents()
    docs["events"]["events"][0]["organisations"] = ["forum", "forum-group"]
    data = structure(docs)
    assert [e.id for e in data.events(organisation="forum")] == ["meeting"]
    assert [e.id for e in data.engagements(organisation="forum")] == [
        "aland--co-chair--meeting",
        "aland--member--forum",
    ]


def test_a_record_that_repeats_a_value_is_found_once() -> None:
    docs = sample.documents()
    docs["organisations"]["organisations"][0]["themes"] = ["people-smuggling"] * 2
    data = structure(docs)
    assert [o.id for o in data.organisations(theme="people-smuggling")] == ["forum"]


def _filters(data: Dataset, cls: type, fields: tuple[str, ...]) -> list[tuple[str, object]]:
    """Every value each of *fields* holds in the records of *cls* of *data*."""
    found: list[tuple[str, object]] = []
    for field in fields:
        values: dict[object, None] = {}
        for record in data.entities():
            if type(record) is cls:
                value = getattr(record, field)
                values.update(dict.fromkeys(value if isinstance(value, tuple) else [value]))
        found += [(field, value) for value in values if value is not None]
    return found


QUERIES = [
    (
        nzcoop.Presentation,
        "presentations",
        {"event": "event", "presenters": "presenter", "subjects": "subject"},
    ),
    (nzcoop.Outcome, "outcomes", {"event": "event", "kind": "kind", "subjects": "subject"}),
    (nzcoop.Service, "services", {"provider": "provider", "recipient": "recipient"}),
    (nzcoop.Instrument, "instruments", {"themes": "theme", "kind": "kind", "owner": "owner"}),
    (nzcoop.Term, "terms", {"defined_by": "defined_by"}),
    (nzcoop.Place, "places", {"country": "country", "kind": "kind"}),
    (nzcoop.Figure, "figures", {"subject": "subject", "role": "role", "as_of": "year"}),
]


@given(st.builds(nzcoop.dataset) | s.sub_datasets)
def test_queries_of_one_field_are_those_a_scan_finds(data: Dataset) -> None:
    """Law: each filter of these queries keeps the records whose field holds the value.

    A tuple field holds it when it includes it; records keep their data-file order.
    """
    for cls, query, arguments in QUERIES:
        stem = next(k.stem for k in nzcoop._model.RECORD_KINDS if k.cls is cls)
        records = data.records(str(stem))
        assert getattr(data, query)() == records
        for field, value in _filters(data, cls, tuple(arguments)):
            found = getattr(data, query)(**{arguments[field]: value})
            expected = [
                r
                for r in records
                if value == getattr(r, field)
                or (isinstance(getattr(r, field), tuple) and value in getattr(r, field))
            ]
            assert list(found) == expected, (query, field, value)


@given(st.builds(nzcoop.dataset) | s.sub_datasets, st.sampled_from([True, False]))
def test_standing_engagements_are_those_not_held_at_an_event(data: Dataset, standing: bool) -> None:
    """Law: standing=False keeps the engagements held at an event, True all the others."""
    found = data.engagements(standing=standing)
    at_event = {e for e in data.engagements() if isinstance(data.lookup(e.target), nzcoop.Event)}
    assert set(found) == (set(data.engagements()) - at_event if standing else at_event)


def test_a_chain_10000_deep_is_queried_through() -> None:
    """Bodies each inside the one before: every query walks the chain once, not per level."""
    docs = sample.documents()
    organisations = docs["organisations"]["organisations"]
    for level in range(10_000):
        parent = f"body-{level - 1}" if level else "forum-group"
        sample.add_organisation(id=f"body-{level}", name=f"Body {level}", parent=parent)(docs)
    sample.add_engagement(docs, id="deepest", name="Deepest", target="body-9999")
    docs["events"]["events"][0]["organisations"] = ["body-9999"]
    data = structure(docs)
    assert len(data._index.within("forum")) == len(organisations)
    assert data.lookup("deepest") in data.engagements(organisation="forum")
    assert [e.id for e in data.events(organisation="forum-group")] == ["meeting"]
    assert data.organisations(participant=None)[0].name == "Body 0"


@given(st.builds(nzcoop.dataset) | s.sub_datasets)
def test_instruments_held_are_those_engagements_are_held_in(data: Dataset) -> None:
    """Law: `instruments` by participant and role keeps those an engagement is held in."""
    holders = [None, *dict.fromkeys(e.participant for e in data.engagements())]
    for holder in holders:
        for role in [None, *Role]:
            expected = [
                i
                for i in data.instruments()
                if (holder is None and role is None)
                or any(
                    e.target == i.id
                    and (holder is None or e.participant == holder)
                    and (role is None or e.role is role)
                    for e in data.engagements()
                )
            ]
            assert list(data.instruments(participant=holder, role=role)) == expected


@given(st.builds(nzcoop.dataset) | s.sub_datasets)
def test_the_terms_of_a_theme_are_those_named_as_it(data: Dataset) -> None:
    """Law: `terms(theme=...)` keeps the terms one of whose names folds to the theme's."""
    for theme in Theme:
        expected = [
            t
            for t in data.terms()
            if name_key(theme.value) in {name_key(n) for n in (t.name, *(n.value for n in t.names))}
        ]
        assert list(data.terms(theme=theme)) == expected


@given(st.builds(nzcoop.dataset) | s.sub_datasets)
def test_people_are_those_with_an_office_there_then(data: Dataset) -> None:
    """Law: `people` keeps those with an office both within the place and in the year.

    Within a body inside an organisation counts as within the organisation.
    """
    places = [None, *dict.fromkeys(o.within for p in data.people() for o in p.offices)]
    years = [None, *dict.fromkeys(o.year for p in data.people() for o in p.offices)]
    for place in places:
        inside = set(data._index.within(place)) if place else set()
        for year in years:
            expected = [
                p
                for p in data.people()
                if (place is None and year is None)
                or any(
                    (place is None or o.within in inside) and (year is None or o.year == year)
                    for o in p.offices
                )
            ]
            assert list(data.people(within=place, year=year)) == expected, (place, year)


def test_an_office_with_no_place_or_year_matches_neither() -> None:
    docs = sample.documents()
    office = docs["people"]["people"][0]["offices"][0]
    docs["people"]["people"][0]["offices"].append(dict(office, within=None, year=None))
    data = structure(docs)
    assert [p.id for p in data.people(within="Aland", year=2013)] == ["pat"]
    assert data.people(year=2012) == ()
    assert data.people(within="Bland") == ()
