"""Laws that every query over the packaged dataset obeys, checked with Hypothesis."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

import nzcoop
from nzcoop import Role, Theme
from nzcoop._index import attesting_years, engagement_years
from nzcoop._load import structure, unstructure

from . import strategies as s

Filter = Role | Theme | str | int | None


@given(s.organisation_filters, s.participant_filters, s.roles, s.themes, s.years)
def test_filtered_engagements_are_a_subset_of_all(
    org: str | None, who: str | None, role: Filter, theme: Filter, year: int | None
) -> None:
    """Law: every filtered result of `engagements` is a subset of the unfiltered one."""
    found = nzcoop.engagements(organisation=org, participant=who, role=role, theme=theme, year=year)  # type: ignore[arg-type]
    assert set(found) <= set(nzcoop.engagements())


@given(s.participant_filters, s.roles, s.themes, s.years)
def test_filtered_organisations_are_a_subset_of_all(
    who: str | None, role: Filter, theme: Filter, year: int | None
) -> None:
    """Law: `organisations` with filters is a subset of `organisations` for anyone."""
    found = nzcoop.organisations(participant=who, role=role, theme=theme, year=year)  # type: ignore[arg-type]
    assert set(found) <= set(nzcoop.organisations(participant=None))
    if who is not None:
        assert set(found) <= set(nzcoop.organisations(participant=who))


@given(s.organisation_filters, s.themes, s.years)
def test_filtered_events_are_a_subset_of_all(
    org: str | None, theme: Filter, year: int | None
) -> None:
    """Law: every filtered result of `events` is a subset of the unfiltered one."""
    assert set(nzcoop.events(organisation=org, theme=theme, year=year)) <= set(nzcoop.events())  # type: ignore[arg-type]


@given(s.organisation_filters, s.participant_filters, s.roles, s.themes, s.years)
def test_combined_engagement_filters_are_the_intersection(
    org: str | None, who: str | None, role: Filter, theme: Filter, year: int | None
) -> None:
    """Law: filters combined give the intersection of each filter alone, in the same order."""
    singles = [
        nzcoop.engagements(organisation=org),
        nzcoop.engagements(participant=who),
        nzcoop.engagements(role=role),  # type: ignore[arg-type]
        nzcoop.engagements(theme=theme),  # type: ignore[arg-type]
        nzcoop.engagements(year=year),
    ]
    expected = [e for e in nzcoop.engagements() if all(e in single for single in singles)]
    found = nzcoop.engagements(organisation=org, participant=who, role=role, theme=theme, year=year)  # type: ignore[arg-type]
    assert list(found) == expected


@given(s.participant_filters, s.roles, s.themes, s.years)
def test_combined_organisation_filters_are_the_intersection(
    who: str | None, role: Filter, theme: Filter, year: int | None
) -> None:
    """Law: `organisations` filters combined equal the intersection of each alone.

    *role* and *year* both look at one engagement, so they are taken together; *theme*
    looks at the organisation itself.
    """
    by_engagement = nzcoop.organisations(participant=who, role=role, year=year)  # type: ignore[arg-type]
    by_theme = nzcoop.organisations(participant=None, theme=theme)  # type: ignore[arg-type]
    expected = [o for o in by_engagement if o in by_theme]
    found = nzcoop.organisations(participant=who, role=role, theme=theme, year=year)  # type: ignore[arg-type]
    assert list(found) == expected


@given(s.organisation_filters, s.themes, s.years)
def test_combined_event_filters_are_the_intersection(
    org: str | None, theme: Filter, year: int | None
) -> None:
    """Law: `events` filters combined equal the intersection of each filter alone."""
    singles = [
        nzcoop.events(organisation=org),
        nzcoop.events(theme=theme),  # type: ignore[arg-type]
        nzcoop.events(year=year),
    ]
    expected = [e for e in nzcoop.events() if all(e in single for single in singles)]
    assert list(nzcoop.events(organisation=org, theme=theme, year=year)) == expected  # type: ignore[arg-type]


@given(s.entities, st.data())
def test_every_name_and_id_looks_up_to_its_entity(
    entity: nzcoop.Entity, data: st.DataObject
) -> None:
    """Law: every recorded id and name of an entity, in any case and spacing, finds it."""
    name = data.draw(st.sampled_from(s.names_of(entity)))
    assert nzcoop.lookup(data.draw(s.respellings(name))) == entity


def test_no_name_resolves_to_two_entities() -> None:
    """Law: the names and ids of distinct entities never coincide once folded."""
    owners: dict[str, str] = {}
    for entity in s.ENTITIES:
        for name in s.names_of(entity):
            key = nzcoop._names.name_key(name)
            assert owners.setdefault(key, entity.id) == entity.id, (name, owners[key])


def test_unstructure_then_structure_gives_an_equal_dataset() -> None:
    """Law: structure(unstructure(d)) == d, with the same digest."""
    again = structure(unstructure(s.DATA))
    assert again == s.DATA
    assert again.digest == s.DATA.digest


@given(s.years)
def test_year_results_never_hold_undated_records(year: int | None) -> None:
    """Law: an event found by year spans that year; undated events are never found by year."""
    for event in nzcoop.events(year=year):
        if year is not None:
            assert event.start is not None
            assert event.end is not None
            assert event.start.year <= year <= event.end.year


@given(s.sub_datasets, s.sub_datasets)
def test_merge_keeps_every_record_of_each(a: nzcoop.Dataset, b: nzcoop.Dataset) -> None:
    """Law: a.merge(b) holds exactly the records of a and of b, and changes neither."""
    before = (a.entities(), b.entities())
    merged = a.merge(b)
    assert set(merged.entities()) == set(a.entities()) | set(b.entities())
    assert (a.entities(), b.entities()) == before


@given(s.sub_datasets)
def test_merge_with_the_empty_dataset_is_the_identity(a: nzcoop.Dataset) -> None:
    """Law: a.merge(empty) == empty.merge(a) == a.merge(a) == a."""
    empty = nzcoop.Dataset()
    assert a.merge(empty) == a
    assert empty.merge(a) == a
    assert a.merge(a) == a


@given(s.sub_datasets.filter(lambda d: bool(d.records("organisations"))), st.data())
def test_merging_conflicting_records_raises(a: nzcoop.Dataset, data: st.DataObject) -> None:
    """Law: the same id with different content in both datasets raises DatasetError."""
    import attrs

    org = data.draw(st.sampled_from(a.records("organisations")))
    assert isinstance(org, nzcoop.Organisation)
    changed = attrs.evolve(org, description=org.description + " Changed.")
    kinds = {stem: a.records(stem) for stem in s.STEMS}
    kinds["organisations"] = tuple(changed if r is org else r for r in kinds["organisations"])
    b = nzcoop.Dataset(a.release, **kinds)  # type: ignore[arg-type]
    try:
        a.merge(b)
    except nzcoop.DatasetError as error:
        paths = [p.path for p in error.problems]
    else:
        raise AssertionError("merging conflicting records did not raise")
    assert any(path.startswith("organisations[") for path in paths)


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
    theme, year = filters.get("theme"), filters.get("year")
    return [
        e
        for e in sorted(data.engagements(), key=lambda e: e.id)
        if (org is None or org in _held_in(data, e))
        and (holder is None or e.participant == holder)
        and (role is None or e.role is role)
        and (theme is None or theme in data.lookup(e.target).themes)  # type: ignore[union-attr]
        and (year is None or year in engagement_years(e, attesting))
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
    held in it directly: its target, or an organisation of its event.
    """
    attesting = attesting_years(data.entities())
    everyone = data.organisations(participant=None)

    def direct(engagement: nzcoop.Engagement) -> set[str]:
        target = data.lookup(engagement.target)
        if isinstance(target, nzcoop.Organisation):
            return {target.id}
        return set(target.organisations) if isinstance(target, nzcoop.Event) else set()

    filters: list[tuple[str, object, Callable[[nzcoop.Engagement], bool]]] = [
        *(("role", role, lambda e, r=role: e.role is r) for role in Role),
        *(
            ("year", year, lambda e, y=year: y in engagement_years(e, attesting))
            for year in range(1990, 2025)
        ),
        *(
            ("participant", who, lambda e, w=who: e.participant == w)
            for who in dict.fromkeys(e.participant for e in data.engagements())
        ),
    ]
    for name, value, keeps in filters:
        held = set().union(*(direct(e) for e in data.engagements() if keeps(e)))
        found = data.organisations(**{"participant": None, name: value})  # type: ignore[arg-type]
        assert list(found) == [o for o in everyone if o.id in held], (name, value)
    for theme in Theme:
        found = data.organisations(participant=None, theme=theme)
        assert list(found) == [o for o in everyone if theme in o.themes]
