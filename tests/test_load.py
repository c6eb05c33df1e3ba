"""Loading dataset folders: the sample loads, and each way of breaking it is reported exactly."""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Callable, Iterator
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import IO, Any

import pytest

import nzcoop
from nzcoop import DatasetError, Problem
from nzcoop._load import structure

from . import sample

Docs = dict[str, Any]
Expected = list[tuple[str, str, str]]


def _set(stem: str, position: int, key: str, value: object) -> Callable[[Docs], None]:
    def mutate(docs: Docs) -> None:
        docs[stem][stem][position][key] = value

    return mutate


def _drop(stem: str, position: int, key: str) -> Callable[[Docs], None]:
    def mutate(docs: Docs) -> None:
        del docs[stem][stem][position][key]

    return mutate


def _both(*mutations: Callable[[Docs], None]) -> Callable[[Docs], None]:
    def mutate(docs: Docs) -> None:
        for mutation in mutations:
            mutation(docs)

    return mutate


def _add_organisation(**changes: object) -> Callable[[Docs], None]:
    def mutate(docs: Docs) -> None:
        record = dict(docs["organisations"]["organisations"][0], id="forum-2", name="Forum Two")
        record["names"] = []
        record.update(changes)
        docs["organisations"]["organisations"].append(record)

    return mutate


BROKEN: dict[str, tuple[Callable[[Docs], None], Expected]] = {
    "missing key": (
        _drop("organisations", 0, "kind"),
        [("organisations.json", "organisations[0].kind", "required key is missing")],
    ),
    "unknown key": (
        _set("organisations", 1, "colour", "red"),
        [("organisations.json", "organisations[1]", "unknown key(s) 'colour'")],
    ),
    "bad enum in a nested name": (
        _set("organisations", 0, "names", [{"value": "TF", "kind": "nickname"}]),
        [("organisations.json", "organisations[0].names[0].kind", "found 'nickname'")],
    ),
    "bad role": (
        _set("engagements", 0, "role", "chair"),
        [("engagements.json", "engagements[0].role", "expected one of 'member'")],
    ),
    "number for an enum": (
        _set("engagements", 1, "role", 5),
        [("engagements.json", "engagements[1].role", "expected one of 'member'")],
    ),
    "bad theme": (
        _set("organisations", 0, "themes", ["smuggling"]),
        [("organisations.json", "organisations[0].themes[0]", "found 'smuggling'")],
    ),
    "number for a string": (
        _set("organisations", 0, "name", 7),
        [("organisations.json", "organisations[0].name", "expected a string, found a number")],
    ),
    "string for a list": (
        _set("organisations", 0, "themes", "people-smuggling"),
        [("organisations.json", "organisations[0].themes", "expected a list, found a string")],
    ),
    "bool for a year": (
        _set("engagements", 0, "since", True),
        [("engagements.json", "engagements[0].since", "expected an integer, found a boolean")],
    ),
    "float for a year": (
        _set("instruments", 0, "valid_from", 2020.5),
        [("instruments.json", "instruments[0].valid_from", "expected an integer, found a number")],
    ),
    "list for a record": (
        _set("people", 0, "offices", [["Minister"]]),
        [("people.json", "people[0].offices[0]", "expected an object, found a list")],
    ),
    "bad date text": (
        _set("events", 0, "start", "24 June 2013"),
        [("events.json", "events[0].start", "expected a date as 'YYYY-MM-DD'")],
    ),
    "date in another ISO form": (
        _set("events", 0, "start", "20130624"),
        [("events.json", "events[0].start", "expected a date as 'YYYY-MM-DD', found '20130624'")],
    ),
    "impossible date": (
        _set("events", 0, "end", "2013-02-30"),
        [("events.json", "events[0].end", "found '2013-02-30'")],
    ),
    "date as a number": (
        _set("sources", 0, "date", 20130624),
        [("sources.json", "sources[0].date", "found a number")],
    ),
    "precision on an undated event": (
        lambda docs: docs["events"]["events"][0].update(start=None, end=None),
        [("events.json", "events[0].precision", "precision must be null exactly when start and")],
    ),
    "end before start": (
        _set("events", 0, "end", "2013-06-01"),
        [("events.json", "events[0].end", "end 2013-06-01 is before start 2013-06-24")],
    ),
    "start without end": (
        _set("events", 0, "end", None),
        [("events.json", "events[0].end", "both be dates or both be null")],
    ),
    "until before since": (
        _set("engagements", 0, "until", 2010),
        [("engagements.json", "engagements[0].until", "until 2010 is before since 2013")],
    ),
    "a year too large to be one": (
        _set("engagements", 1, "until", 10**30),
        [
            (
                "engagements.json",
                "engagements[1].until",
                "until 1" + "0" * 30 + " is not a year from 1 to 9999",
            )
        ],
    ),
    "a year below one, on a figure and an office": (
        _both(
            _set("figures", 0, "as_of", 0),
            lambda docs: docs["people"]["people"][0]["offices"][0].update(year=-5, within=None),
        ),
        [
            ("figures.json", "figures[0].as_of", "as_of 0 is not a year from 1 to 9999"),
            ("people.json", "people[0].offices[0].year", "year -5 is not a year from 1 to 9999"),
        ],
    ),
    "valid_until before valid_from": (
        _set("instruments", 0, "valid_until", 2019),
        [("instruments.json", "instruments[0].valid_until", "before valid_from 2020")],
    ),
    "duplicate id across files": (
        _set("terms", 0, "id", "forum"),
        [("terms.json", "terms[0].id", "duplicate id 'forum', first used at organisations[0].id")],
    ),
    "dangling parent": (
        _set("organisations", 1, "parent", "forumm"),
        [
            (
                "organisations.json",
                "organisations[1].parent",
                "unknown id 'forumm'; expected the id of an organisation (did you mean 'forum'?)",
            )
        ],
    ),
    "reference to the wrong kind": (
        _set("engagements", 1, "target", "aland"),
        [
            (
                "engagements.json",
                "engagements[1].target",
                "'aland' is a participant; expected an organisation, an instrument or an event",
            )
        ],
    ),
    "area that is not a participant": (
        _set("organisations", 1, "area", ["forum"]),
        [
            (
                "organisations.json",
                "organisations[1].area[0]",
                "'forum' is an organisation; expected a participant",
            )
        ],
    ),
    "dangling alongside": (
        _set("engagements", 0, "alongside", ["bland", "cland"]),
        [("engagements.json", "engagements[0].alongside[1]", "unknown id 'cland'")],
    ),
    "dangling office": (
        lambda docs: docs["people"]["people"][0]["offices"][0].update(within="nowhere"),
        [("people.json", "people[0].offices[0].within", "unknown id 'nowhere'")],
    ),
    "citation to an unknown source": (
        _set("terms", 0, "sources", [{"source": "dok", "section": None, "quote": "Q."}]),
        [
            (
                "terms.json",
                "terms[0].sources[0].source",
                "unknown id 'dok'; expected the id of a source (did you mean 'doc'?)",
            )
        ],
    ),
    "empty sources": (
        _set("figures", 0, "sources", []),
        [("figures.json", "figures[0].sources", "no citations; every record needs at least one")],
    ),
    "one-sided discrepancy": (
        lambda docs: docs["discrepancies"]["discrepancies"][0]["sources"].pop(),
        [("discrepancies.json", "discrepancies[0].sources", "at least two citations")],
    ),
    "empty quote": (
        _set("places", 0, "sources", [{"source": "doc", "section": None, "quote": " "}]),
        [("places.json", "places[0].sources[0].quote", "quote must not be empty")],
    ),
    "empty id": (
        _set("participants", 1, "id", ""),
        [
            ("participants.json", "participants[1].id", "id must not be empty"),
            ("engagements.json", "engagements[0].alongside[0]", "unknown id 'bland'"),
            ("organisations.json", "organisations[0].area[1]", "unknown id 'bland'"),
        ],
    ),
    "padded name": (
        _set("participants", 1, "name", "Bland "),
        [("participants.json", "participants[1].name", "leading or trailing whitespace")],
    ),
    "name shared by two entities": (
        _set("participants", 1, "names", [{"value": "the  forum", "kind": "variant"}]),
        [
            (
                "organisations.json",
                "organisations[0].name",
                "the name 'The Forum' also names 'bland' (at participants[1].names[0].value)",
            )
        ],
    ),
    "curly apostrophe still collides": (
        _both(
            _set("participants", 0, "name", "Aland's"),
            _set("participants", 1, "name", "ALAND\u2019S"),
        ),
        [("participants.json", "participants[1].name", "also names 'aland'")],
    ),
    "parent loop": (
        _set("organisations", 0, "parent", "forum-group"),
        [
            ("organisations.json", "organisations[0].parent", "loops back"),
            ("organisations.json", "organisations[1].parent", "loops back"),
        ],
    ),
    "wrong top-level shape": (
        lambda docs: docs.update(terms=[]),
        [("terms.json", "$", 'expected an object {"terms": ...}, found a list')],
    ),
    "wrong top-level key": (
        lambda docs: docs.update(terms={"term": []}),
        [("terms.json", "$", "expected exactly one key, 'terms'; found unknown key(s) 'term'")],
    ),
    "records not a list": (
        lambda docs: docs.update(terms={"terms": {"id": "x"}}),
        [("terms.json", "terms", "expected a list of records, found an object")],
    ),
    "release not a string": (
        lambda docs: docs.update(release={"release": 1}),
        [("release.json", "release", "expected a string, found a number")],
    ),
    "a record that is not an object": (
        lambda docs: docs["terms"]["terms"].append("mass arrival"),
        [("terms.json", "terms[1]", "expected an object, found a string")],
    ),
    "empty other name": (
        _set("participants", 1, "names", [{"value": "", "kind": "variant"}]),
        [("participants.json", "participants[1].names[0].value", "name must not be empty")],
    ),
    "release file of the wrong shape": (
        lambda docs: docs.update(release={"version": "1"}),
        [
            (
                "release.json",
                "$",
                "expected exactly one key, 'release'; found unknown key(s) 'version'",
            )
        ],
    ),
    "several problems in several files": (
        _both(
            _drop("organisations", 0, "kind"),
            _set("events", 0, "place", "city"),
            _set("terms", 0, "sources", []),
        ),
        [
            ("events.json", "events[0].place", "unknown id 'city'"),
            ("organisations.json", "organisations[0].kind", "required key is missing"),
            ("terms.json", "terms[0].sources", "no citations"),
        ],
    ),
    "broken record's id is not reported as dangling": (
        _drop("organisations", 1, "themes"),
        [("organisations.json", "organisations[1].themes", "required key is missing")],
    ),
    "new organisation with a duplicate acronym": (
        _add_organisation(names=[{"value": "tf", "kind": "acronym"}]),
        [("organisations.json", "organisations[2].names[0].value", "also names 'forum'")],
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_dataset_reports_each_problem(case: str, tmp_path: Path) -> None:
    mutate, expected = BROKEN[case]
    docs = sample.documents()
    mutate(docs)
    with pytest.raises(DatasetError) as caught:
        nzcoop.load(sample.write(tmp_path, docs))
    problems = sorted(caught.value.problems, key=lambda p: (p.file, p.path))
    assert [(p.file, p.path) for p in problems] == [(f, p) for f, p, _ in sorted(expected)]
    for problem, (_, _, fragment) in zip(problems, sorted(expected), strict=True):
        assert fragment in problem.message, problem


def test_the_sample_loads(tmp_path: Path) -> None:
    data = nzcoop.load(sample.write(tmp_path, sample.documents()))
    assert data.release == "test.1"
    assert len(data.entities()) == 14


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b'{"terms": [', "is not valid JSON: Expecting value (line 1, column 12)"),
        (b'{"terms": [}\n', "(line 1, column 12)"),
        (b"\xff\xfe{}", "is not UTF-8 text: byte 0 is 0xff"),
        (b'{"terms": [' + b"[" * 100_000 + b"]" * 100_000 + b"]}", "nested too deeply"),
        (b'{"terms": [' + b"9" * 5000 + b"]}", "is not valid JSON"),
        (b'{"terms": [NaN]}', "NaN is not a JSON number"),
        (b"", "is not valid JSON"),
    ],
)
def test_unreadable_files_are_problems(tmp_path: Path, content: bytes, fragment: str) -> None:
    sample.write(tmp_path, sample.documents())
    (tmp_path / "terms.json").write_bytes(content)
    with pytest.raises(DatasetError) as caught:
        nzcoop.load(tmp_path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.path) == ("terms.json", "$")
    assert fragment in problem.message


def test_a_data_file_that_is_a_folder(tmp_path: Path) -> None:
    sample.write(tmp_path, sample.documents())
    (tmp_path / "terms.json").unlink()
    (tmp_path / "terms.json").mkdir()
    with pytest.raises(DatasetError) as caught:
        nzcoop.load(tmp_path)
    assert caught.value.problems == (
        Problem("terms.json", "$", "expected a JSON file, found a folder"),
    )


def test_an_unknown_file_is_reported_and_others_ignored(tmp_path: Path) -> None:
    sample.write(tmp_path, sample.documents())
    (tmp_path / "organisation.json").write_text("{}")
    (tmp_path / "README.txt").write_text("notes")
    with pytest.raises(DatasetError) as caught:
        nzcoop.load(tmp_path)
    (problem,) = caught.value.problems
    assert problem.file == "organisation.json"
    assert "unknown data file; expected one of: release.json, sources.json" in problem.message


def test_missing_files_mean_no_records(tmp_path: Path) -> None:
    data = nzcoop.load(sample.write(tmp_path, {"release": {"release": "empty"}}))
    assert data.entities() == ()
    assert nzcoop.load(sample.write(tmp_path / "none", {})) == nzcoop.Dataset()


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_source_must_be_a_folder(tmp_path: Path, kind: str) -> None:
    source = tmp_path / "data"
    if kind == "file":
        source.write_text("{}")
    with pytest.raises(DatasetError, match="the dataset folder"):
        nzcoop.load(str(source))


def test_source_of_the_wrong_type() -> None:
    with pytest.raises(
        nzcoop.ArgumentTypeError, match="source must be a folder path or a Traversable, not int"
    ):
        nzcoop.load(3)  # type: ignore[arg-type]


def test_error_message_lists_every_problem(tmp_path: Path) -> None:
    docs = sample.documents()
    docs["terms"]["terms"][0]["sources"] = []
    docs["figures"]["figures"][0]["value"] = "2"
    with pytest.raises(DatasetError) as caught:
        nzcoop.load(sample.write(tmp_path, docs))
    assert str(caught.value).splitlines() == [
        "2 problems in the dataset:",
        "  figures.json: figures[0].value: expected an integer, found a string",
        "  terms.json: terms[0].sources: no citations; every record needs at least one",
    ]


def test_packaged_data_loads_from_a_path_and_a_traversable() -> None:
    from importlib.resources import files

    folder = files("nzcoop") / "data"
    assert nzcoop.load(folder) == nzcoop.dataset()
    assert nzcoop.load(str(folder)) == nzcoop.dataset()


def test_written_json_is_read_back(tmp_path: Path) -> None:
    docs = sample.documents()
    for stem, content in docs.items():
        (tmp_path / f"{stem}.json").write_text(json.dumps(content, indent=1), "utf-8")
    assert nzcoop.load(tmp_path).digest == nzcoop.load(sample.write(tmp_path / "b", docs)).digest


def test_structure_reports_problems_too() -> None:
    docs = sample.documents()
    docs["terms"]["terms"][0]["sources"] = []
    with pytest.raises(DatasetError, match=r"terms.json: terms\[0\].sources: no citations"):
        structure(docs)


def test_a_zipped_folder_loads_through_zipfile_path(tmp_path: Path) -> None:
    archive = tmp_path / "data.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for stem, content in sample.documents().items():
            zipped.writestr(f"data/{stem}.json", json.dumps(content))
    folder = zipfile.Path(archive, "data/")
    assert nzcoop.load(folder) == structure(sample.documents())


class _Unreadable(Traversable):
    """A Traversable folder holding one file, ``terms.json``, that cannot be read."""

    def __init__(self, name: str = "data") -> None:
        self._name = name

    @property
    def name(self) -> str:
        return self._name

    def is_dir(self) -> bool:
        return self._name == "data"

    def is_file(self) -> bool:
        return not self.is_dir()

    def iterdir(self) -> Iterator[Traversable]:
        yield _Unreadable("terms.json")

    def joinpath(self, *descendants: str | os.PathLike[str]) -> Traversable:
        raise NotImplementedError

    def read_text(self, encoding: str | None = None) -> str:
        raise NotImplementedError

    def open(self, mode: str = "r", *args: object, **kwargs: object) -> IO[Any]:
        raise NotImplementedError

    def read_bytes(self) -> bytes:
        raise PermissionError(13, "Permission denied")


def test_an_unreadable_file_is_a_problem() -> None:
    with pytest.raises(DatasetError) as caught:
        nzcoop.load(_Unreadable())
    assert caught.value.problems == (
        Problem("terms.json", "$", "cannot be read: Permission denied"),
    )


def test_load_leaves_a_paused_collector_paused(tmp_path: Path) -> None:
    import gc

    gc.disable()
    try:
        nzcoop.load(sample.write(tmp_path, sample.documents()))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_repeated_ids_headings_and_quotes_are_held_once() -> None:
    """Memory: a string the data repeats (an id, a heading, a quote) is one object."""
    from nzcoop._index import citations

    data = nzcoop.load(files("nzcoop") / "data")
    for engagement in data.engagements():
        assert engagement.participant is data.lookup(engagement.participant).id
    cited = [c for entity in data.entities() for c in citations(entity)]
    for field in ("source", "section", "quote"):
        held: dict[object, object] = {}
        for citation in cited:
            value = getattr(citation, field)
            assert held.setdefault(value, value) is value
