"""The rules of a dataset as a whole, and the types of records built in Python."""

from __future__ import annotations

import datetime
import sys
import unicodedata
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nzcoop
from nzcoop import Dataset, DatasetError
from nzcoop._checks import _loop_entries, look_alike_key, visible
from nzcoop._model import describe_kinds

from . import sample
from .sample import Expected, add_organisation, both, set_

BROKEN: dict[str, tuple[sample.Change, Expected]] = {
    "precision on an undated event": (
        lambda docs: docs["events"]["events"][0].update(start=None, end=None),
        [("events.json", "events[0].precision", "an undated event has no precision; use null")],
    ),
    "no precision on a dated event": (
        set_("events", 0, "precision", None),
        [("events.json", "events[0].precision", "a dated event needs a precision")],
    ),
    "a week that is not one": (
        set_("events", 0, "precision", "week"),
        [("events.json", "events[0].end", "a week precision spans 2013-06-24 to 2013-06-30")],
    ),
    "a month that does not start on the first": (
        lambda docs: docs["events"]["events"][0].update(precision="month", end="2013-06-30"),
        [("events.json", "events[0].start", "a month precision spans 2013-06-01 to 2013-06-30")],
    ),
    "a year that is not a whole year": (
        lambda docs: docs["events"]["events"][0].update(precision="year", start="2013-01-01"),
        [("events.json", "events[0].end", "a year precision spans 2013-01-01 to 2013-12-31")],
    ),
    "a week past the calendar's end": (
        lambda docs: docs["events"]["events"][0].update(
            precision="week", start="9999-12-27", end="9999-12-31"
        ),
        [("events.json", "events[0].start", "a week precision from 9999-12-27 would run past")],
    ),
    "a name in Greek letters that look Latin, as another name": (
        set_("participants", 1, "names", [{"value": "\u0391land", "kind": "variant"}]),
        [("participants.json", "participants[1].names[0].value", "U+0391 (GREEK CAPITAL LETTER")],
    ),
    "a name with a left-to-right mark": (
        set_("participants", 1, "name", "Bland\u200e"),
        [
            (
                "participants.json",
                "participants[1].name",
                (
                    "holds U+200E (LEFT-TO-RIGHT MARK), a bidirectional control, which can show a "
                    "text reversed; write the name without it"
                ),
            )
        ],
    ),
    "a name with a C1 control character": (
        set_("participants", 1, "name", "Bl\x85and"),
        [
            (
                "participants.json",
                "participants[1].name",
                (
                    "'Bl\\x85and' holds U+0085, a control character, which can move a terminal's "
                    "cursor; write the name without it"
                ),
            )
        ],
    ),
    "a name too long to look up": (
        set_("participants", 1, "name", "B" * 501),
        [("participants.json", "participants[1].name", "is 501 characters long; a name or an id")],
    ),
    "another name too long to look up": (
        set_("participants", 1, "names", [{"value": "B" * 501, "kind": "variant"}]),
        [("participants.json", "participants[1].names[0].value", "at most 500")],
    ),
    "end before start": (
        set_("events", 0, "end", "2013-06-01"),
        [("events.json", "events[0].end", "end 2013-06-01 is before start 2013-06-24")],
    ),
    "start without end": (
        set_("events", 0, "end", None),
        [("events.json", "events[0].end", "a day precision needs both dates; only 'between'")],
    ),
    "end without start": (
        set_("events", 0, "start", None),
        [("events.json", "events[0].start", "a day precision needs both dates")],
    ),
    "until before since": (
        set_("engagements", 0, "until", 2010),
        [("engagements.json", "engagements[0].until", "until 2010 is before since 2013")],
    ),
    "a year too large to be one": (
        set_("engagements", 1, "until", 10**30),
        [("engagements.json", "engagements[1].until", "until 1" + "0" * 30 + " is not a year")],
    ),
    "a year below one, on a figure and an office": (
        both(
            set_("figures", 0, "as_of", 0),
            lambda docs: docs["people"]["people"][0]["offices"][0].update(year=-5, within=None),
        ),
        [
            ("figures.json", "figures[0].as_of", "as_of 0 is not a year from 1 to 9999"),
            ("people.json", "people[0].offices[0].year", "year -5 is not a year from 1 to 9999"),
        ],
    ),
    "valid_until before valid_from": (
        set_("instruments", 0, "valid_until", 2019),
        [("instruments.json", "instruments[0].valid_until", "before valid_from 2020")],
    ),
    "duplicate id across files": (
        set_("terms", 0, "id", "forum"),
        [("terms.json", "terms[0].id", "duplicate id 'forum', first used at organisations[0].id")],
    ),
    "dangling parent": (
        set_("organisations", 1, "parent", "forumm"),
        [
            (
                "organisations.json",
                "organisations[1].parent",
                "unknown id 'forumm'; expected the id of an organisation (did you mean 'forum'?)",
            )
        ],
    ),
    "reference to the wrong kind": (
        set_("engagements", 1, "target", "aland"),
        [
            (
                "engagements.json",
                "engagements[1].target",
                "'aland' is a participant; expected an organisation, an instrument or an event",
            )
        ],
    ),
    "area that is not a participant": (
        set_("organisations", 1, "area", ["forum"]),
        [("organisations.json", "organisations[1].area[0]", "'forum' is an organisation;")],
    ),
    "dangling alongside": (
        set_("engagements", 0, "alongside", ["bland", "cland"]),
        [("engagements.json", "engagements[0].alongside[1]", "unknown id 'cland'")],
    ),
    "dangling office": (
        lambda docs: docs["people"]["people"][0]["offices"][0].update(within="nowhere"),
        [("people.json", "people[0].offices[0].within", "unknown id 'nowhere'")],
    ),
    "citation to an unknown source": (
        set_("terms", 0, "sources", [{"source": "dok", "section": None, "quote": "Q."}]),
        [
            (
                "terms.json",
                "terms[0].sources[0].source",
                "unknown id 'dok'; expected the id of a source (did you mean 'doc'?)",
            )
        ],
    ),
    "a subject that names nothing": (
        set_("figures", 0, "subject", "nothing-at-all"),
        [("figures.json", "figures[0].subject", "expected the id of a record")],
    ),
    "empty sources": (
        set_("figures", 0, "sources", []),
        [("figures.json", "figures[0].sources", "no citations; every record needs at least one")],
    ),
    "an office without citations": (
        lambda docs: docs["people"]["people"][0]["offices"][0].update(sources=[]),
        [("people.json", "people[0].offices[0].sources", "no citations")],
    ),
    "one-sided discrepancy": (
        lambda docs: docs["discrepancies"]["discrepancies"][0]["sides"].pop(),
        [("discrepancies.json", "discrepancies[0].sides", "at least two sides; found 1")],
    ),
    "a discrepancy cited once": (
        lambda docs: docs["discrepancies"]["discrepancies"][0]["sources"].pop(),
        [
            ("discrepancies.json", "discrepancies[0].sides[1].citation", "citation 1 is not"),
            ("discrepancies.json", "discrepancies[0].sources", "at least two citations"),
        ],
    ),
    "an inference of no typed field": (
        set_("places", 0, "inferred", [{"field": "description", "reason": "Because."}]),
        [("places.json", "places[0].inferred[0].field", "not a typed field of a place")],
    ),
    "an inference twice, one without a reason": (
        set_(
            "places",
            0,
            "inferred",
            [{"field": "kind", "reason": "A."}, {"field": "kind", "reason": " "}],
        ),
        [
            ("places.json", "places[0].inferred[1].field", "'kind' is inferred twice"),
            ("places.json", "places[0].inferred[1].reason", "an inference needs a reason"),
        ],
    ),
    "a quote that shows nothing, padded and holding controls": (
        set_("places", 0, "sources", [{"source": "doc", "section": None, "quote": " \u200e\x85"}]),
        [("places.json", "places[0].sources[0].quote", "quote ' \\u200e\\x85' shows nothing")],
    ),
    "a quote padded and holding a control, as quotes may": (
        set_("places", 0, "sources", [{"source": "doc", "section": None, "quote": " A\x85 "}]),
        [],
    ),
    "another name padded, as other names may, and holding a bidirectional control": (
        set_("participants", 1, "names", [{"value": " B\u202eland ", "kind": "variant"}]),
        [
            (
                "participants.json",
                "participants[1].names[0].value",
                "holds U+202E (RIGHT-TO-LEFT OVERRIDE), a bidirectional control",
            )
        ],
    ),
    "empty quote": (
        set_("places", 0, "sources", [{"source": "doc", "section": None, "quote": " "}]),
        [("places.json", "places[0].sources[0].quote", "quote must not be empty")],
    ),
    "empty id": (
        set_("participants", 1, "id", ""),
        [
            ("participants.json", "participants[1].id", "id must not be empty"),
            ("engagements.json", "engagements[0].alongside[0]", "unknown id 'bland'"),
            ("organisations.json", "organisations[0].area[1]", "unknown id 'bland'"),
            ("regions.json", "regions[0].parts[1]", "unknown id 'bland'"),
            ("services.json", "services[0].places[0]", "unknown id 'bland'"),
        ],
    ),
    "padded name": (
        set_("participants", 1, "name", "Bland "),
        [("participants.json", "participants[1].name", "leading or trailing whitespace")],
    ),
    "empty other name": (
        set_("participants", 1, "names", [{"value": "", "kind": "variant"}]),
        [("participants.json", "participants[1].names[0].value", "name must not be empty")],
    ),
    "name shared by two entities": (  # an id before a name, a name before other names
        set_("participants", 1, "names", [{"value": "the  forum", "kind": "variant"}]),
        [
            (
                "participants.json",
                "participants[1].names[0].value",
                "the name 'the  forum' also names 'forum' (at organisations[0].id)",
            ),
        ],
    ),
    "names that differ in dashes, slashes and the kind of apostrophe collide": (
        both(
            set_("participants", 0, "name", "Aland\u2013Bland's Isle"),
            set_("participants", 1, "name", "ALAND/BLAND\u2019S ISLE"),
        ),
        [("participants.json", "participants[1].name", "also names 'aland'")],
    ),
    "names that differ in Unicode form and British spelling collide": (
        both(
            set_("participants", 0, "name", "Organisation Caf\u00e9"),
            set_("participants", 1, "name", "ORGANIZATION CAFE\u0301"),
        ),
        [("participants.json", "participants[1].name", "also names 'aland'")],
    ),
    "curly apostrophe still collides": (
        both(
            set_("participants", 0, "name", "Aland's"),
            set_("participants", 1, "name", "ALAND\u2019S"),
        ),
        [("participants.json", "participants[1].name", "also names 'aland'")],
    ),
    "an acronym another entity has": (
        add_organisation(names=[{"value": "tf", "kind": "acronym"}]),
        [("organisations.json", "organisations[2].names[0].value", "also names 'forum'")],
    ),
    "parent loop": (
        set_("organisations", 0, "parent", "forum-group"),
        [
            ("organisations.json", "organisations[0].parent", "loops back through 'forum'"),
            ("organisations.json", "organisations[1].parent", "loops back through 'forum-group'"),
        ],
    ),
    "a chain that runs into a loop": (
        both(
            set_("organisations", 0, "parent", "forum-group"),
            add_organisation(parent="forum-group"),
        ),
        [
            ("organisations.json", "organisations[0].parent", "loops back"),
            ("organisations.json", "organisations[1].parent", "loops back"),
            ("organisations.json", "organisations[2].parent", "loops back through 'forum-group'"),
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_broken_rule_is_reported_at_its_place(case: str) -> None:
    change, expected = BROKEN[case]
    found = sample.problems(change)
    assert sample.matches(found, expected), found


def test_a_valid_dataset_has_no_problems() -> None:
    assert sample.problems(sample.both()) == []


@pytest.mark.parametrize(
    ("start", "end"), [("2013-06-01", "2013-06-20"), (None, "2013-06-20"), ("2013-06-01", None)]
)
def test_between_may_have_an_open_bound(start: str | None, end: str | None) -> None:
    change = sample.both(
        set_("events", 0, "precision", "between"),
        set_("events", 0, "start", start),
        set_("events", 0, "end", end),
    )
    assert sample.problems(change) == []


@given(st.dictionaries(st.sampled_from("abcdefgh"), st.none() | st.sampled_from("abcdefghx")))
def test_loops_are_found_as_a_walk_of_each_chain_finds_them(
    parent_of: dict[str, str | None],
) -> None:
    """Law: `_loop_entries` finds the loops a walk from each id finds.

    An id is named when following its parents comes back to an id already passed, and
    then with that id.
    """
    expected = {}
    for start, parent in parent_of.items():
        seen = [start]
        node = parent
        while node is not None and node in parent_of and node not in seen:
            seen.append(node)
            node = parent_of[node]
        if node is not None and node in seen:
            expected[start] = node
    assert _loop_entries(parent_of) == expected


def test_a_long_chain_is_walked_once() -> None:
    """A chain of 100,000 parents is walked in one pass (a quadratic walk would not end)."""
    chain = {f"n{i}": f"n{i + 1}" for i in range(100_000)}
    assert _loop_entries(chain) == {}
    chain["n100000"] = "n0"
    assert len(_loop_entries(chain)) == 100_001


def test_kinds_are_named_for_messages() -> None:
    assert describe_kinds([nzcoop.Organisation]) == "an organisation"
    assert describe_kinds([nzcoop.Participant, nzcoop.Person], article=False) == (
        "participant or person"
    )


# -- records built in Python --------------------------------------------------------------


def _sample() -> Dataset:
    return sample.structure(sample.documents())


def _with_organisation(organisation: object) -> Dataset:
    data = _sample()
    others = [r for r in data.entities() if r is not data.organisation("forum")]
    return Dataset([organisation, *others], release=data.release)  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"name": 5}, "organisations[0].name: expected str, found int"),
        ({"parent": ["nowhere"]}, "organisations[0].parent: expected str or None, found list"),
        ({"themes": None}, "organisations[0].themes: expected tuple, found None"),
        ({"themes": ["people-smuggling"]}, "organisations[0].themes: expected tuple, found list"),
        (
            {"themes": ("people-smuggling",)},
            "organisations[0].themes[0]: expected Theme, found str",
        ),
        (
            {"sources": (nzcoop.Citation("doc", None, 5),)},  # type: ignore[arg-type]
            "organisations[0].sources[0].quote: expected str, found int",
        ),
        (
            {"sources": ({"source": "doc"},)},
            "organisations[0].sources[0]: expected Citation, found dict",
        ),
        (
            {"description": "A \ud800 forum."},
            (
                "organisations[0].description: 'A \\ud800 forum.' is not Unicode text: it "
                "holds a lone surrogate, U+D800, which is no character"
            ),
        ),
        (
            {"sources": (nzcoop.Citation("doc", "Part \udfff", "A quote."),)},
            (
                "organisations[0].sources[0].section: 'Part \\udfff' is not Unicode text: it "
                "holds a lone surrogate, U+DFFF, which is no character"
            ),
        ),
    ],
)
def test_a_field_of_the_wrong_type_is_reported_where_it_is(
    changes: dict[str, Any], problem: str
) -> None:
    org = attrs.evolve(_sample().organisation("forum"), **changes)
    with pytest.raises(DatasetError) as caught:
        _with_organisation(org)
    assert [str(p) for p in caught.value.problems] == [f"organisations.json: {problem}"]


def test_an_int_too_long_to_write_under_any_limit_is_a_problem(tmp_path: Path) -> None:
    """An int of more than 640 digits is refused, built in Python or read from JSON.

    640 digits is the least that `sys.set_int_max_str_digits` allows Python to write, so a
    dataset that passes its checks can always be digested and exported.
    """
    data = _sample()
    first: Any = data.records("figures")[0]
    others = [r for r in data.entities() if r.id != first.id]
    too_long = attrs.evolve(first, value=-(10**640))
    with pytest.raises(DatasetError) as caught:
        Dataset([*others, too_long])
    assert [str(p) for p in caught.value.problems] == [
        "figures.json: figures[0].value: has more than 640 digits; expected a shorter integer"
    ]
    longest = Dataset([*others, attrs.evolve(first, value=-(10**640) + 1)])
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(640)
    try:
        assert longest.digest.startswith("sha256:")
        assert nzcoop.export(longest, "nzcoop", tmp_path / "out")
    finally:
        sys.set_int_max_str_digits(limit)
    assert nzcoop.load(tmp_path / "out") == longest


def test_a_bool_is_not_a_year_nor_a_datetime_a_date() -> None:
    data = _sample()
    engagement = attrs.evolve(data.engagements()[0], since=True)
    event = attrs.evolve(data.events()[0], start=datetime.datetime(2013, 6, 24))  # noqa: DTZ001
    others = [r for r in data.entities() if r not in {data.engagements()[0], data.events()[0]}]
    with pytest.raises(DatasetError) as caught:
        Dataset([*others, engagement, event])
    assert [str(p) for p in caught.value.problems] == [
        "events.json: events[0].start: expected date or None, found datetime",
        "engagements.json: engagements[1].since: expected int or None, found bool",
    ]


def test_text_in_a_dataset_can_always_be_written_out(tmp_path: Path) -> None:
    """The digest and the exports can always write a dataset's text as UTF-8.

    A release or a record holding a lone surrogate never makes a dataset.
    """
    data = _sample()
    with pytest.raises(DatasetError, match="release: is not Unicode text: it holds a lone"):
        Dataset(data.entities(), release="2026.\udc80")
    assert data.digest.startswith("sha256:")
    nzcoop.export(data, "csv", tmp_path / "csv")


@given(st.text())
def test_a_text_shows_exactly_when_it_has_a_visible_character(text: str) -> None:
    """Law: a text shows exactly when it has a letter, digit, punctuation mark or symbol.

    The blank letters and symbol excepted; the quick test for ASCII agrees.
    """
    shown = [c for c in text if unicodedata.category(c)[0] in "LNPS"]
    assert visible(text) == any(c not in "\u115f\u1160\u3164\uffa0\u2800" for c in shown)


def test_hints_stop_where_they_would_cost_too_much() -> None:
    """A "did you mean" hint compares with every id wanted; past a budget, none is given."""
    docs = sample.documents()
    terms, organisations = docs["terms"]["terms"], docs["organisations"]["organisations"]
    for i in range(498):
        organisations.append(dict(organisations[0], id=f"body-{i}", name=f"Body {i}", names=[]))
    for i in range(200):
        terms.append(dict(terms[0], id=f"term-{i}", name=f"Term {i}", defined_by="forun"))
    with pytest.raises(DatasetError) as caught:
        sample.structure(docs)
    hinted = [p.message.endswith("(did you mean 'forum'?)") for p in caught.value.problems]
    assert hinted == [True] * 100 + [False] * 100  # 50,000 ids compared: 100 times 500


# -- look-alikes --------------------------------------------------------------------------

_CONFUSABLES = Path(nzcoop.__file__).parent / "confusables.json"


def test_the_table_of_confusables_is_unicodes_and_small() -> None:
    """The table says which Unicode it is, and keeps prototypes the fold needs only."""
    import json

    table = json.loads(_CONFUSABLES.read_text("utf-8"))
    assert table["unicode"] == "13.0.0"
    prototypes = table["prototypes"]
    assert prototypes["\u0430"] == "a"  # Cyrillic a
    assert not any(source.isascii() for source in prototypes)  # ASCII is told apart
    assert "\uff41" not in prototypes  # a full-width a: NFKC makes it "a" already
    assert all(len(source) == 1 for source in prototypes)
    assert _CONFUSABLES.stat().st_size < 64_000


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("\u041cigration Five", "Migration Five"),  # a Cyrillic capital em
        ("p\u0430y", "pay"),  # a Cyrillic small a
        ("\u039fslo", "Oslo"),  # a Greek capital omicron
        ("\u00c5land", "A\u030aland"),  # composed and decomposed: one key already
    ],
)
def test_names_that_look_the_same_share_a_key(one: str, other: str) -> None:
    assert look_alike_key(one) == look_alike_key(other)


@pytest.mark.parametrize(
    ("one", "other"), [("Aland", "Bland"), ("rn", "m"), ("B0DY", "BODY"), ("body", "bodies")]
)
def test_names_that_look_different_do_not(one: str, other: str) -> None:
    assert look_alike_key(one) != look_alike_key(other)


@given(st.text(max_size=30))
def test_the_look_alike_key_is_the_name_key_of_a_skeleton(text: str) -> None:
    """Law: text and its skeleton share a look-alike key, and keys of one name share it.

    The skeleton maps each character to its prototype, so taking it again changes
    nothing the key sees; text whose name keys are one, folded in case, looks alike.
    """
    from nzcoop._checks import _prototypes
    from nzcoop._names import name_key

    skeleton = unicodedata.normalize(
        "NFD", unicodedata.normalize("NFD", text).translate(_prototypes())
    )
    assert look_alike_key(skeleton) == look_alike_key(text) or name_key(text) != name_key(text)
