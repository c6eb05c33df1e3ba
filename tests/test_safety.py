"""Immutability, merging, concurrent first use and zip imports."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path
from typing import Any

import attrs
import pytest

import nzcoop
from nzcoop import Dataset, DatasetError
from nzcoop._load import structure

from . import sample


def _sample() -> Dataset:
    return structure(sample.documents())


def test_records_and_datasets_cannot_be_changed() -> None:
    data = _sample()
    org = data.organisation("TF")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        org.name = "changed"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        data.release = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        data.extra = 1  # type: ignore[attr-defined]
    assert isinstance(data.records("organisations"), tuple)
    assert isinstance(data.engagements(), tuple)
    assert isinstance(org.names, tuple)


def test_a_callers_list_is_copied() -> None:
    data = _sample()
    terms = list(data.records("terms"))
    copy = Dataset(terms=terms, sources=data.sources())  # type: ignore[arg-type] # a list, copied
    terms.clear()
    assert len(copy.records("terms")) == 1
    assert copy.lookup("big arrival").id == "big-arrival"


def test_query_results_are_shared_but_immutable() -> None:
    data = _sample()
    first = data.engagements(role="member")
    assert data.engagements(role="member") is first
    assert first == data.engagements(role="member")


def test_the_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    import nzcoop._dataset

    monkeypatch.setattr(nzcoop._dataset, "_MEMO_LIMIT", 2)
    data = _sample()
    answers = [data.events(year=year) for year in (2012, 2013, 2014, 2013)]
    assert answers == [(), data.events(), (), data.events()]
    assert len(data._memo) <= 2


def test_records_kind_must_be_known() -> None:
    with pytest.raises(
        nzcoop.InvalidArgumentError, match="unknown record kind 'organisation'; expected one of"
    ):
        _sample().records("organisation")


def test_constructing_with_wrong_objects_is_a_dataset_error() -> None:
    term = _sample().records("terms")[0]
    with pytest.raises(DatasetError) as caught:
        Dataset(1, terms=[term, {"id": "x"}])  # type: ignore[arg-type]
    assert [str(p) for p in caught.value.problems] == [
        "release.json: release: expected a string",
        "terms.json: terms[1]: expected Term, found dict",
    ]


def _with_organisation(data: Dataset, organisation: nzcoop.Organisation) -> Dataset:
    """Return *data* with its first organisation replaced by *organisation*."""
    kinds = {stem: data.records(stem) for stem, _ in nzcoop._dataset.RECORD_KINDS}
    kinds["organisations"] = (organisation, *kinds["organisations"][1:])
    return Dataset(data.release, **kinds)  # type: ignore[arg-type]


def test_a_record_of_a_subclass_is_a_dataset_error() -> None:
    @attrs.frozen(repr=False)
    class Body(nzcoop.Organisation):
        pass

    data = _sample()
    body = Body(**attrs.asdict(data.records("organisations")[0], recurse=False))
    with pytest.raises(
        DatasetError, match=r"organisations\[0\]: expected Organisation, found Body"
    ):
        _with_organisation(data, body)


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"name": 5}, "organisations[0].name: expected str, found int"),
        ({"parent": ["nowhere"]}, "organisations[0].parent: expected str or None, found list"),
        ({"themes": None}, "organisations[0].themes: expected tuple, found None"),
        (
            {"themes": ("people-smuggling",)},
            "organisations[0].themes[0]: expected Theme, found str",
        ),
        (
            {"sources": (nzcoop.Citation("doc", None, 5),)},  # type: ignore[arg-type]
            "organisations[0].sources[0].quote: expected str, found int",
        ),
    ],
)
def test_a_field_of_the_wrong_type_is_reported_where_it_is(
    changes: dict[str, Any], problem: str
) -> None:
    data = _sample()
    org = attrs.evolve(data.organisation("forum"), **changes)
    with pytest.raises(DatasetError) as caught:
        _with_organisation(data, org)
    assert [str(p) for p in caught.value.problems] == [f"organisations.json: {problem}"]


def test_a_bool_is_not_a_year() -> None:
    data = _sample()
    kinds = {stem: data.records(stem) for stem, _ in nzcoop._dataset.RECORD_KINDS}
    engagement = attrs.evolve(data.engagements()[0], since=True)
    kinds["engagements"] = (engagement, *data.engagements()[1:])
    with pytest.raises(DatasetError, match=r"engagements\[0\]\.since: expected int or None"):
        Dataset(data.release, **kinds)  # type: ignore[arg-type]


# -- merge ----------------------------------------------------------------------------


def _split(data: Dataset) -> tuple[Dataset, Dataset]:
    """Split *data* in two valid datasets that overlap in their sources and participants."""
    base = {"sources": data.sources(), "participants": data.records("participants")}
    first = Dataset("a", **base, places=data.records("places"), terms=data.records("terms"))  # type: ignore[arg-type]
    return first, Dataset("b", **base)  # type: ignore[arg-type]


def test_merge_keeps_every_record_of_each() -> None:
    a, b = _split(_sample())
    merged = a.merge(b)
    assert set(merged.entities()) == set(a.entities()) | set(b.entities())
    assert merged.release == "a+b"
    assert a.release == "a"
    assert len(a.entities()) == 5


def test_merge_with_empty_is_identity() -> None:
    data = _sample()
    assert data.merge(Dataset()) == data
    assert Dataset().merge(data) == data
    assert data.merge(data) == data


def test_merge_conflicts_raise() -> None:
    data = _sample()
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
    data = _sample()
    docs = {"sources": sample.documents()["sources"], "terms": sample.documents()["terms"]}
    docs["terms"]["terms"][0].update(id="other-term", name="The Forum")
    with pytest.raises(DatasetError, match="also names"):
        data.merge(structure(docs))


def test_merge_needs_a_dataset() -> None:
    with pytest.raises(nzcoop.ArgumentTypeError, match="can only merge a Dataset, not dict"):
        _sample().merge({})  # type: ignore[arg-type]


# -- first use from many threads, and zip imports ---------------------------------------


def _run(code: str, *path: str) -> str:
    env_path = [*path]
    prelude = f"import sys; sys.path[:0] = {env_path!r}\n" if env_path else ""
    result = subprocess.run(  # noqa: S603 - runs this interpreter on code written here
        [sys.executable, "-c", prelude + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_threads_racing_on_first_use_share_one_dataset() -> None:
    output = _run(
        """
        import threading
        import nzcoop, nzcoop._load
        calls = []
        original = nzcoop._load.load
        def counting(source):
            calls.append(source)
            return original(source)
        nzcoop._load.load = counting
        barrier = threading.Barrier(32)
        seen = []
        def first_use():
            barrier.wait()
            seen.append(id(nzcoop.dataset()))
        threads = [threading.Thread(target=first_use) for _ in range(32)]
        for t in threads: t.start()
        for t in threads: t.join()
        print(len(seen), len(set(seen)), len(calls))
        """
    )
    assert output.split() == ["32", "1", "1"]


def test_import_reads_no_data_and_loads_no_cattrs() -> None:
    output = _run(
        """
        import sys, nzcoop
        print(sorted(m for m in ("cattrs", "json", "importlib.resources", "nzcoop._load")
                     if m in sys.modules))
        """
    )
    assert output.strip() == "[]"


def test_the_package_works_from_a_zip(tmp_path: Path) -> None:
    package = Path(nzcoop.__file__).parent
    archive = tmp_path / "nzcoop.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(package.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                zipped.write(path, Path("nzcoop") / path.relative_to(package))
    output = _run(
        """
        import json, nzcoop
        assert nzcoop.__file__.startswith(sys.path[0]), nzcoop.__file__
        print(json.dumps([nzcoop.organisation("M5").id, len(nzcoop.dataset().entities())]))
        """,
        str(archive),
    )
    org, count = json.loads(output)
    assert org == "m5"
    assert count == len(nzcoop.dataset().entities())
