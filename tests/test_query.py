"""The query API: lookups, filters, their errors, year rules and ordering."""

from __future__ import annotations

import pytest

import nzcoop
from nzcoop import (
    ArgumentTypeError,
    Dataset,
    InvalidArgumentError,
    NzcoopError,
    Role,
    Theme,
    UnknownNameError,
)
from nzcoop._load import structure

from . import sample


@pytest.fixture
def data() -> Dataset:
    return structure(sample.documents())


# -- lookups ----------------------------------------------------------------------------


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
    assert str(caught.value) == ("name: no record is named 'The Forun'; did you mean 'The Forum'?")
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
        "unknown role 'chair'; expected one of: 'member', 'co-chair'"
    )
    assert isinstance(caught.value, ValueError)


def test_unknown_theme_lists_the_valid_ones(data: Dataset) -> None:
    with pytest.raises(
        InvalidArgumentError, match="unknown theme 'smuggling'; expected one of: 'general"
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


def test_organisations_default_to_new_zealand() -> None:
    nz = nzcoop.organisations()
    assert nz == nzcoop.organisations(participant="New Zealand")
    assert set(nz) <= set(nzcoop.organisations(participant=None))


def test_organisations_for_anyone_and_for_one(data: Dataset) -> None:
    assert [o.id for o in data.organisations(participant=None)] == ["forum", "forum-group"]
    assert [o.id for o in data.organisations(participant="Bland")] == []
    assert [o.id for o in data.organisations(participant="AL", role="co-chair")] == ["forum-group"]
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


# -- years -------------------------------------------------------------------------------


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


# -- module-level API over the packaged data ---------------------------------------------


def test_module_functions_equal_the_dataset_methods() -> None:
    data = nzcoop.dataset()
    assert nzcoop.lookup("M5") == data.lookup("M5")
    assert nzcoop.get("M5") == data.get("M5")
    assert nzcoop.organisation("M5") == data.organisation("M5")
    assert nzcoop.organisations(theme="refugee-resettlement") == data.organisations(
        theme="refugee-resettlement"
    )
    assert nzcoop.engagements(role="member") == data.engagements(role="member")
    assert nzcoop.events(year=2013) == data.events(year=2013)
    assert nzcoop.sources() == data.sources()
    source = data.sources()[0]
    assert nzcoop.cited_by(source) == data.cited_by(source.id)


def test_results_are_in_documented_order() -> None:
    orgs = nzcoop.organisations(participant=None)
    assert [o.name.casefold() for o in orgs] == sorted(o.name.casefold() for o in orgs)
    ids = [e.id for e in nzcoop.engagements()]
    assert ids == sorted(ids)
    dated = [e.start for e in nzcoop.events() if e.start is not None]
    assert dated == sorted(dated)


def test_dataset_says_which_data_it_is() -> None:
    data = nzcoop.dataset()
    assert data.release
    assert data.digest.startswith("sha256:")
    assert len(data.digest) == len("sha256:") + 64
    assert repr(data).startswith(f"<Dataset release={data.release!r} records=")


def test_public_namespace_is_sorted_and_every_name_resolves() -> None:
    assert nzcoop.__all__ == sorted(nzcoop.__all__)
    assert dir(nzcoop) == nzcoop.__all__
    assert set(nzcoop._MODULES) == set(nzcoop.__all__)
    for name in nzcoop.__all__:
        assert getattr(nzcoop, name) is not None
    with pytest.raises(AttributeError, match="module 'nzcoop' has no attribute 'Organization'"):
        _ = nzcoop.Organization


def test_describe_names_json_types_and_others() -> None:
    from nzcoop._convert import describe

    values: list[object] = [None, True, 1, 1.5, "", [], {}]
    assert [describe(v) for v in values] == [
        "null",
        "a boolean",
        "a number",
        "a number",
        "a string",
        "a list",
        "an object",
    ]
    assert describe(object()) == "object"


def test_intersection_by_search_and_by_set_agree() -> None:
    """Law: both ways of intersecting position groups give the ascending intersection."""
    from nzcoop._dataset import _intersect

    short, long_ = (3, 40, 41, 999), (*range(0, 1000, 2), 999)
    both = _intersect([("a", {"a": short}), ("b", {"b": long_})])
    similar = _intersect([("a", {"a": long_[:5]}), ("b", {"b": long_[:8]})])
    assert both == (40, 999)
    assert similar == long_[:5]
    assert _intersect([("a", {"a": short}), ("x", {"b": long_})]) == ()


def test_an_event_of_a_body_and_its_parent_is_found_once() -> None:
    docs = sample.documents()
    docs["events"]["events"][0]["organisations"] = ["forum", "forum-group"]
    data = structure(docs)
    assert [e.id for e in data.events(organisation="forum")] == ["meeting"]


def test_records_show_their_fields() -> None:
    name = nzcoop.Name("M5", nzcoop.NameKind.ACRONYM)
    assert repr(name) == "Name(value='M5', kind=<NameKind.ACRONYM: 'acronym'>)"
    assert repr(nzcoop.dataset().organisation("M5")).startswith("Organisation(id='m5', ")
