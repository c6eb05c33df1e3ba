"""`Dataset`: building one, its queries and their errors, merging, and its digest."""

from __future__ import annotations

from random import Random
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nzcoop
from nzcoop import (
    ArgumentTypeError,
    Dataset,
    DatasetError,
    InvalidArgumentError,
    NzcoopError,
    Role,
    Theme,
    UnknownNameError,
)
from nzcoop._model import STEMS

from . import sample
from . import strategies as s
from .sample import structure

Filter = Role | Theme | str | int | None


@pytest.fixture
def data() -> Dataset:
    return structure(sample.documents())


# -- building ----------------------------------------------------------------------------


def test_records_of_any_kind_in_any_order_make_a_dataset(data: Dataset) -> None:
    shuffled = Dataset(reversed(data.entities()), release=data.release)
    assert [r.id for r in shuffled.entities()] != [r.id for r in data.entities()]
    assert {stem: set(shuffled.records(stem)) for stem in STEMS} == {
        stem: set(data.records(stem)) for stem in STEMS
    }
    assert Dataset(data.entities(), release=data.release) == data


def test_records_and_datasets_cannot_be_changed(data: Dataset) -> None:
    org = data.organisation("TF")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        org.name = "changed"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        data.release = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        data.extra = 1  # type: ignore[attr-defined]
    assert isinstance(data.records("organisations"), tuple)
    assert isinstance(data.engagements(), tuple)


def test_a_callers_list_is_copied(data: Dataset) -> None:
    records: list[nzcoop.Entity] = [*data.records("sources"), *data.records("terms")]
    copy = Dataset(records)
    records.clear()
    assert len(copy.records("terms")) == 1
    assert copy.lookup("big arrival").id == "big-arrival"


@pytest.mark.parametrize(
    ("records", "release", "problems"),
    [
        ([], 1, ["release.json: release: expected a string, found int"]),
        (
            [{"id": "x"}],
            "",
            [f"records[0]: expected a record ({', '.join(s.CLASS_NAMES)}), found dict"],
        ),
        (None, "", ["records: records must be an iterable of records, not NoneType"]),
        ("abc", "", ["records: records must be an iterable of records, not str"]),
    ],
)
def test_building_from_what_is_not_a_record_is_a_dataset_error(
    records: object, release: object, problems: list[str]
) -> None:
    with pytest.raises(DatasetError) as caught:
        Dataset(records, release=release)  # type: ignore[arg-type]
    assert [str(p) for p in caught.value.problems] == problems


def test_a_record_of_a_subclass_is_a_dataset_error(data: Dataset) -> None:
    @attrs.frozen(repr=False)
    class Body(nzcoop.Organisation):
        pass

    body = Body(**attrs.asdict(data.organisation("forum"), recurse=False))
    with pytest.raises(DatasetError, match=r"records\[0\]: expected a record .*, found Body"):
        Dataset([body])


def test_records_kind_must_be_known(data: Dataset) -> None:
    with pytest.raises(
        InvalidArgumentError, match="unknown record kind 'organisation'; expected one of"
    ):
        data.records("organisation")


def test_records_names_every_kind_it_takes() -> None:
    doc = Dataset.records.__doc__ or ""
    assert [stem for stem in STEMS if f'``"{stem}"``' not in doc] == []


def test_query_results_are_shared_but_immutable(data: Dataset) -> None:
    first = data.engagements(role="member")
    assert data.engagements(role="member") is first


def test_the_answers_kept_are_bounded_in_number_and_size(
    monkeypatch: pytest.MonkeyPatch, data: Dataset
) -> None:
    """Law: the answers kept are the answers, and stay within both bounds."""
    from nzcoop._dataset import Answers

    monkeypatch.setattr(Answers, "QUESTIONS", 2)
    answers = [data.events(year=year) for year in (2012, 2013, 2014, 2013)]
    assert answers == [(), data.events(), (), data.events()]
    assert len(data._answers) <= 2
    monkeypatch.setattr(Answers, "QUESTIONS", 100)
    monkeypatch.setattr(Answers, "ITEMS", 1)  # fewer than every engagement: never kept
    for role in (None, "member", "co-chair", "attendee", "member"):
        found = data.engagements(role=role)
        assert found == tuple(e for e in data.engagements() if role in {None, e.role})
        assert data._answers._items <= 1
        assert all(len(kept) <= 1 for kept in data._answers._answers.values())


def test_dataset_says_which_data_it_is() -> None:
    packaged = nzcoop.dataset()
    assert packaged.release
    assert packaged.digest.startswith("sha256:")
    assert len(packaged.digest) == len("sha256:") + 64
    assert packaged.digest is packaged.digest  # computed once
    assert (
        repr(packaged)
        == f"<Dataset release={packaged.release!r} records={len(packaged.entities())}>"
    )


def test_equal_records_have_equal_digests(data: Dataset) -> None:
    again = Dataset(reversed(data.entities()), release=data.release)
    assert Dataset(data.entities(), release=data.release).digest == data.digest
    assert again.digest != data.digest  # the order of records is part of the data
    assert hash(data) == hash(Dataset(data.entities(), release=data.release))


# -- lookups ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["forum", "The Forum", "  the   FORUM ", "tf", "TF"])
def test_lookup_by_id_or_any_name(data: Dataset, name: str) -> None:
    assert data.lookup(name).id == "forum"


def test_lookup_folds_apostrophes() -> None:
    docs = sample.documents()
    docs["participants"]["participants"][1]["name"] = "Bland\u2019s Isle"
    data = structure(docs)
    assert data.lookup("bland's isle").id == "bland"
    assert data.lookup("BLAND\u2018S ISLE").id == "bland"


def test_unknown_name_suggests_close_names(data: Dataset) -> None:
    with pytest.raises(UnknownNameError) as caught:
        data.lookup("The Forun")
    assert caught.value.suggestions[0] == "The Forum"
    assert caught.value.name == "The Forun"
    assert str(caught.value).startswith(
        "name: no record is named 'The Forun'; did you mean 'The Forum' or "
    )
    assert isinstance(caught.value, LookupError)
    assert isinstance(caught.value, NzcoopError)


def test_unknown_name_without_close_names(data: Dataset) -> None:
    with pytest.raises(UnknownNameError) as caught:
        data.organisation("zzzzzz")
    assert caught.value.suggestions == ()
    assert str(caught.value) == "organisation: no organisation is named 'zzzzzz'"


def test_get_returns_none_for_unknown_names(data: Dataset) -> None:
    assert data.get("nothing") is None
    assert data.get("tf") == data.organisation("forum")


def test_organisation_refuses_other_kinds(data: Dataset) -> None:
    with pytest.raises(
        UnknownNameError, match=r"'Aland' names a participant \('Aland'\), not an organisation"
    ):
        data.organisation("Aland")


def test_lookup_needs_a_string(data: Dataset) -> None:
    with pytest.raises(ArgumentTypeError, match="name must be a name, an id or"):
        data.lookup(3)  # type: ignore[arg-type]


def test_a_record_from_another_dataset_is_unknown(data: Dataset) -> None:
    docs = sample.documents()
    docs["organisations"]["organisations"][0]["description"] = "Changed."
    stranger = structure(docs).organisation("forum")
    with pytest.raises(UnknownNameError, match="'forum' is not a record of this dataset"):
        data.events(organisation=stranger)
    assert data.events(organisation=data.organisation("forum"))


# -- filters ----------------------------------------------------------------------------


def test_filters_take_enum_members_or_their_values(data: Dataset) -> None:
    assert data.engagements(role=Role.MEMBER) == data.engagements(role="member")
    assert data.events(theme=Theme.INFORMATION_SHARING) == data.events(theme="information-sharing")


def test_unknown_role_lists_the_valid_ones(data: Dataset) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        data.engagements(role="chair")
    assert str(caught.value).startswith(
        "unknown role 'chair'; expected one of: 'co-chair', 'member', 'secretariat'"
    )
    assert isinstance(caught.value, ValueError)


def test_unknown_theme_lists_the_valid_ones(data: Dataset) -> None:
    with pytest.raises(
        InvalidArgumentError,
        match="unknown theme 'smuggling'; expected one of: 'people-smuggling', 'general",
    ):
        data.organisations(theme="smuggling")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"year": True}, "year must be an int or None, not bool (True)"),
        ({"year": "2013"}, "year must be an int or None, not str ('2013')"),
        ({"year": 2013.0}, "year must be an int or None, not float"),
        ({"role": 1}, "role must be a Role, its string value or None, not int (1)"),
        ({"theme": ["x"]}, "theme must be a Theme, its string value or None, not list"),
        (
            {"participant": 5},
            "participant must be a name, an id or a record (a participant, an organisation or a",
        ),
        ({"organisation": 5}, "organisation must be a name, an id or a record (an organisation)"),
        ({"standing": "yes"}, "standing must be True, False or None, not str ('yes')"),
    ],
)
def test_wrong_types_raise_type_error(
    data: Dataset, arguments: dict[str, object], message: str
) -> None:
    with pytest.raises(TypeError, match=message.replace("(", r"\(").replace(")", r"\)")) as caught:
        data.engagements(**arguments)  # type: ignore[arg-type]
    assert isinstance(caught.value, NzcoopError)


def test_participant_must_be_able_to_hold_a_role(data: Dataset) -> None:
    with pytest.raises(UnknownNameError, match="names an event"):
        data.engagements(participant="meeting")


def test_no_filter_means_every_organisation_and_new_zealands_are_asked_by_name() -> None:
    everyone = nzcoop.organisations()
    assert everyone == nzcoop.organisations(participant=None)
    assert len(everyone) == len(nzcoop.dataset().records("organisations"))
    nz = nzcoop.organisations(participant="New Zealand")
    assert set(nz) < set(everyone)


def test_a_role_held_at_one_meeting_counts_only_when_asked_for() -> None:
    """New Zealand co-chaired one meeting of the TEWG: no standing co-chair of it."""
    tewg = nzcoop.organisation("TEWG")
    assert tewg not in nzcoop.organisations(participant="NZ", role="co-chair")
    assert tewg in nzcoop.organisations(participant="NZ", role="co-chair", standing=None)
    assert tewg in nzcoop.organisations(participant="NZ", role="co-chair", standing=False)


def test_organisations_for_anyone_and_for_one(data: Dataset) -> None:
    assert [o.id for o in data.organisations(participant=None)] == ["forum", "forum-group"]
    assert [o.id for o in data.organisations(participant="Bland")] == []
    assert [o.id for o in data.organisations(participant="AL", role="co-chair")] == []
    found = data.organisations(participant="AL", role="co-chair", standing=None)
    assert [o.id for o in found] == ["forum-group"]
    assert [o.id for o in data.organisations(participant="AL", theme="people-smuggling")] == [
        "forum"
    ]


def test_organisation_filter_includes_bodies_inside(data: Dataset) -> None:
    assert [e.id for e in data.engagements(organisation="forum")] == [
        "aland--co-chair--meeting",
        "aland--member--forum",
    ]
    assert [e.id for e in data.engagements(organisation="forum-group")] == [
        "aland--co-chair--meeting"
    ]
    assert [e.id for e in data.events(organisation="forum")] == ["meeting"]


def test_themes_of_an_engagement_are_its_targets(data: Dataset) -> None:
    assert [e.id for e in data.engagements(theme="people-smuggling")] == ["aland--member--forum"]
    assert [e.id for e in data.engagements(theme="information-sharing")] == [
        "aland--co-chair--meeting"
    ]


# -- laws of the filters ------------------------------------------------------------------


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
    """Law: every recorded name of an entity finds it, however it is respelled.

    Its case, spacing, dashes, apostrophes and Unicode form vary; its id finds it too, in
    any case.
    """
    name = data.draw(st.sampled_from(s.names_of(entity)[1:]))
    assert nzcoop.lookup(data.draw(s.respellings(name))) is entity
    assert nzcoop.lookup(data.draw(s.id_respellings(entity.id))) is entity


# -- merge ----------------------------------------------------------------------------


def _split(data: Dataset) -> tuple[Dataset, Dataset]:
    """Split *data* in two valid datasets that overlap in their sources and participants."""
    base: list[nzcoop.Entity] = [*data.sources(), *data.records("participants")]
    first = Dataset([*base, *data.records("places"), *data.records("terms")], release="a")
    return first, Dataset(base, release="b")


def test_merge_keeps_every_record_of_each() -> None:
    a, b = _split(structure(sample.documents()))
    merged = a.merge(b)
    assert set(merged.entities()) == set(a.entities()) | set(b.entities())
    assert merged.release == "a + b"
    assert a.release == "a"
    assert len(a.entities()) == 5


_RELEASES = st.text(st.sampled_from(["a", "b", "+", " ", '"', "\\"]), max_size=5)


@given(st.lists(_RELEASES, min_size=1, max_size=5), st.randoms())
def test_merged_releases_name_their_parts_in_any_order(releases: list[str], random: Random) -> None:
    """Law: a merged release is a function of the set of releases merged, read back whole.

    Merging in any order and grouping gives one release; it names each non-empty
    release merged (as `_release_parts` reads it), and no other.
    """
    from nzcoop._dataset import _merged_release, _release_parts

    def merged(order: list[str]) -> str:
        result = ""
        for release in order:
            result = (
                _merged_release(result, release)
                if random.random() < 0.5
                else (_merged_release(release, result))
            )
        return result

    shuffled = releases[:]
    random.shuffle(shuffled)
    parts = {part for release in releases if release for part in _release_parts(release)}
    release = merged(releases)
    assert release == merged(shuffled)
    assert set(_release_parts(release)) == parts if release else not parts


@pytest.mark.parametrize(
    ("one", "other", "release"),
    [
        ("a", "b", "a + b"),
        ("b", "a", "a + b"),
        ("a + b", "c", "a + b + c"),
        ("a", "b + c", "a + b + c"),
        ("a+b", "c", '"a+b" + c'),
        ('"a+b" + c', "d", '"a+b" + c + d'),
        ("a + b", "a + b", "a + b"),
        ("a+b", "a+b", "a+b"),
        ("x", "", "x"),
        (" padded", "a", '" padded" + a'),
        ('say "hi"', "a", 'a + "say \\"hi\\""'),
        ('"unclosed + a', "b", '"\\"unclosed + a" + b'),
        ("a +  + b", "c", '"a +  + b" + c'),
        ('"a"b', "c", '"\\"a\\"b" + c'),
        ('"a" - b', "c", '"\\"a\\" - b" + c'),
    ],
)
def test_merged_releases_are_named_without_ambiguity(one: str, other: str, release: str) -> None:
    assert Dataset(release=one).merge(Dataset(release=other)).release == release


def test_merge_with_empty_is_identity() -> None:
    data = structure(sample.documents())
    assert data.merge(Dataset()) == data
    assert Dataset().merge(data) == data
    assert data.merge(data) == data


def test_merge_conflicts_raise() -> None:
    data = structure(sample.documents())
    docs = sample.documents()
    docs["terms"]["terms"][0]["definition"] = "Something else."
    with pytest.raises(DatasetError) as caught:
        data.merge(structure(docs))
    (problem,) = caught.value.problems
    assert problem.path == "terms[0].id"
    assert "id 'big-arrival' is already a term in the other dataset, with different content" in (
        problem.message
    )


def test_merge_name_clash_raises() -> None:
    data = structure(sample.documents())
    docs = {"sources": sample.documents()["sources"], "terms": sample.documents()["terms"]}
    docs["terms"]["terms"][0].update(id="other-term", name="The Forum")
    with pytest.raises(DatasetError, match="also names"):
        data.merge(structure(docs))


def test_merge_needs_a_dataset() -> None:
    with pytest.raises(nzcoop.ArgumentTypeError, match="can only merge a Dataset, not dict"):
        structure(sample.documents()).merge({})  # type: ignore[arg-type]


@given(s.sub_datasets, s.sub_datasets)
def test_merging_sub_datasets_keeps_every_record_of_each(
    a: nzcoop.Dataset, b: nzcoop.Dataset
) -> None:
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
    org = data.draw(st.sampled_from(a.records("organisations")))
    assert isinstance(org, nzcoop.Organisation)
    changed = attrs.evolve(org, description=org.description + " Changed.")
    b = nzcoop.Dataset([changed if r is org else r for r in a.entities()], release=a.release)
    try:
        a.merge(b)
    except nzcoop.DatasetError as error:
        paths = [p.path for p in error.problems]
    else:
        raise AssertionError("merging conflicting records did not raise")
    assert any(path.startswith("organisations[") for path in paths)


def test_follow_turns_a_reference_into_its_records() -> None:
    data = nzcoop.dataset()
    member = data.lookup("new-zealand--member--iom")
    assert data.follow(member, "target") is data.lookup("iom")
    assert data.follow(member, "participant") is data.lookup("new-zealand")
    assert data.follow(data.lookup("m5"), "parent") is None
    mekong = data.lookup("Greater Mekong sub-region")
    assert isinstance(mekong, nzcoop.Region)
    assert data.follow(mekong, "parts") == tuple(map(data.lookup, mekong.parts))
    office = data.lookup("David Cunliffe").offices[0]  # type: ignore[union-attr]
    assert data.follow(office, "within") is data.lookup("new-zealand")
    assert data.follow(office.sources[0], "source") is data.lookup("release-2007-08-20")
    assert nzcoop.follow(member, "target") is data.follow(member, "target")


def test_follow_names_an_id_a_record_inside_another_holds_that_names_nothing(
    data: Dataset,
) -> None:
    with pytest.raises(UnknownNameError) as caught:
        data.follow(nzcoop.Citation("nowhere", None, "A quote."), "source")
    assert str(caught.value) == "Citation.source names 'nowhere', which is no record here"
    assert caught.value.name == "nowhere"


def test_a_record_equal_to_the_datasets_own_names_it(data: Dataset) -> None:
    from nzcoop._names import find

    forum = data.organisation("forum")
    copy = attrs.evolve(forum)
    assert copy is not forum
    assert find(data._names, copy, (nzcoop.Organisation,), "organisation") is forum
    assert data.events(organisation=copy) == data.events(organisation=forum) != ()


def test_a_member_of_another_vocabulary_is_the_wrong_type(data: Dataset) -> None:
    """A vocabulary member is a string; one of another vocabulary is no role all the same."""
    with pytest.raises(ArgumentTypeError, match="role must be a Role, its string value"):
        data.organisations(role=nzcoop.OrganisationKind.SECRETARIAT)
    with pytest.raises(ArgumentTypeError, match=r"not Theme \(<Theme.SLAVERY: 'slavery'>\)"):
        data.engagements(role=Theme.SLAVERY)


def test_follow_says_which_fields_a_record_can_follow(data: Dataset) -> None:
    member = data.engagements()[0]
    with pytest.raises(nzcoop.InvalidArgumentError) as caught:
        data.follow(member, "owner")
    assert str(caught.value) == (
        "Engagement has no reference field 'owner'; "
        "its reference fields: participant, target, alongside"
    )
    with pytest.raises(nzcoop.ArgumentTypeError, match="record must be a record, not str"):
        data.follow("m5", "parent")
    with pytest.raises(nzcoop.ArgumentTypeError) as wrong:
        data.follow(member, 3)  # type: ignore[call-overload]
    assert str(wrong.value) == (
        "field must be the name of a reference field (participant, target, alongside), not int (3)"
    )
    with pytest.raises(nzcoop.UnknownNameError, match="is not a record of this dataset"):
        data.follow(nzcoop.organisation("M5"), "parent")


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"year": 2003, "years": (2003, 2004)}, nzcoop.InvalidArgumentError, "not both"),
        ({"years": (2004, 2003)}, nzcoop.InvalidArgumentError, "end before they begin"),
        ({"years": [2003, 2004]}, nzcoop.ArgumentTypeError, "must be a pair of years"),
        ({"years": (2003,)}, nzcoop.ArgumentTypeError, "must be a pair of years"),
        ({"years": (2003, "2004")}, nzcoop.ArgumentTypeError, r"years\[1\] must be an int or"),
        ({"years": (True, None)}, nzcoop.ArgumentTypeError, "not bool"),
        ({"year": "2003"}, nzcoop.ArgumentTypeError, "year must be an int or None, not str"),
    ],
)
def test_years_are_checked(arguments: dict[str, Any], error: type, message: str) -> None:
    for query in (nzcoop.events, nzcoop.engagements, nzcoop.organisations, nzcoop.people):
        with pytest.raises(error, match=message):
            query(**arguments)


def test_a_range_of_years_is_every_year_of_it() -> None:
    """Each query's answer for a range holds the answers for each of its years."""
    for query in (nzcoop.events, nzcoop.engagements, nzcoop.people, nzcoop.figures):
        found = set(query(years=(2003, 2007)))
        each = set().union(*(query(year=year) for year in range(2003, 2008)))
        assert found == each, query.__name__
        assert set(query(years=(None, None))) >= found


def test_a_full_name_names_every_body_around_a_body() -> None:
    data = nzcoop.dataset()
    for organisation in data.records("organisations"):
        parts = data.full_name(organisation).split(" \u203a ")
        assert parts[-1] == organisation.name
        depth, body = 1, organisation
        while body.parent is not None:
            body, depth = data.organisation(body.parent), depth + 1
        assert len(parts) == depth
    assert data.full_name(data.lookup("Hong Kong")) == "Hong Kong"
    assert nzcoop.full_name("tewg") == "Bali Process \u203a Technical Experts Working Group"


def test_misses_of_long_names_are_kept_in_bounded_memory() -> None:
    """2,000 misses of a megabyte each keep no answer of that size alive."""
    import time
    import tracemalloc

    data = structure(sample.documents())
    tracemalloc.start()
    try:
        start = time.perf_counter()
        for i in range(2000):  # each name made here and let go, unless an answer keeps it
            assert data.get("x" * 10**6 + str(i)) is None
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000
    assert elapsed < 10
