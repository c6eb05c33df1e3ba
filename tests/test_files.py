"""Loading dataset folders: what each kind of unreadable file reports, and random damage."""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from collections.abc import Iterator
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import IO, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nzcoop
from nzcoop import DatasetError, Problem

from . import sample
from . import strategies as s
from .sample import structure


def test_the_sample_loads(tmp_path: Path) -> None:
    data = nzcoop.load(sample.write(tmp_path, sample.documents()))
    assert data == structure(sample.documents())
    assert len(data.entities()) == 18


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
    from nzcoop._model import citations

    data = nzcoop.load(files("nzcoop") / "data")
    for engagement in data.engagements():
        assert engagement.participant is data.lookup(engagement.participant).id
    cited = [c for entity in data.entities() for c in citations(entity)]
    for field in ("source", "section", "quote"):
        held: dict[object, object] = {}
        for citation in cited:
            value = getattr(citation, field)
            assert held.setdefault(value, value) is value


# -- random damage ----------------------------------------------------------------------

PACKAGED = {
    entry.name: entry.read_text("utf-8")
    for entry in (files("nzcoop") / "data").iterdir()
    if entry.name.endswith(".json")
}


@st.composite
def broken_folders(draw: st.DrawFn) -> dict[str, bytes]:
    """Return the packaged data files with one of them damaged."""
    contents = {name: text.encode() for name, text in PACKAGED.items()}
    name = draw(st.sampled_from(sorted(contents)))
    how = draw(st.sampled_from(["json", "json", "json", "truncate", "bytes", "remove"]))
    if how == "json":
        document = draw(s.mutated(json.loads(PACKAGED[name])))
        contents[name] = json.dumps(document, ensure_ascii=draw(st.booleans())).encode()
    elif how == "truncate":
        contents[name] = contents[name][: draw(st.integers(0, len(contents[name]) - 1))]
    elif how == "bytes":
        at = draw(st.integers(0, len(contents[name])))
        contents[name] = (
            contents[name][:at] + draw(st.binary(min_size=1, max_size=4)) + contents[name][at:]
        )
    else:
        del contents[name]
    return contents


@given(broken_folders())
def test_load_returns_a_dataset_or_raises_dataset_error(contents: dict[str, bytes]) -> None:
    """Law: whatever is in the files, `load` returns a Dataset or raises DatasetError."""
    with tempfile.TemporaryDirectory() as folder:
        for name, content in contents.items():
            (Path(folder) / name).write_bytes(content)
        try:
            result: nzcoop.Dataset | None = nzcoop.load(folder)
        except DatasetError as error:
            result = None
            problems = error.problems
    if result is None:
        assert problems
        assert all(p.file and p.path and p.message for p in problems)
    else:
        assert isinstance(result, nzcoop.Dataset)
