"""Loading dataset folders: what each kind of unreadable file reports, and random damage."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import sys
import tempfile
import time
import tokenize
import zipfile
from collections.abc import Callable, Iterator
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import IO, Any, NamedTuple

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nzcoop
from nzcoop import DatasetError, Problem
from nzcoop._files import _nesting
from nzcoop._package import Unreadable

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
        (b'{"terms": [' + b"[" * 100_000 + b"]" * 100_000 + b"]}", "more than one in 8 bytes"),
        (b'{"terms": [' + b"[       " * 50_000 + b"]" * 50_000 + b"]}", "nests deeper than 32"),
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


class _BytesPath(os.PathLike[bytes]):
    def __fspath__(self) -> bytes:
        return b"data"


@pytest.mark.parametrize(
    "case",
    [
        ("", {}, nzcoop.InvalidArgumentError, "source is an empty path; name the folder"),
        (Path(), {}, None, None),
        (_BytesPath(), {}, nzcoop.ArgumentTypeError, "not a bytes path"),
        (".", {"max_problems": 0}, nzcoop.InvalidArgumentError, "max_problems must be at least"),
        (".", {"max_depth": True}, nzcoop.ArgumentTypeError, "max_depth must be an int, not bool"),
        (".", {"max_file_size": 1.5}, nzcoop.ArgumentTypeError, "max_file_size must be an int"),
        (".", {"outside_links": 1}, nzcoop.ArgumentTypeError, "outside_links must be a bool"),
    ],
)
def test_arguments_of_load_are_checked(
    case: tuple[Any, dict[str, Any], type[Exception] | None, str | None],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An empty path is not the current folder; limits are ints from 1, the opt-in a bool."""
    source, limits, error, message = case
    monkeypatch.chdir(sample.write(tmp_path, {}))
    if error is None:
        assert nzcoop.load(source, **limits) == nzcoop.Dataset()  # Path("") is "." itself
    else:
        with pytest.raises(error, match=message):
            nzcoop.load(source, **limits)


def test_a_file_changed_while_it_was_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What is read is the file that was checked, or a problem (never a FIFO that waits)."""
    sample.write(tmp_path, sample.documents())
    real_fstat = os.fstat

    def elsewhere(fd: int) -> os.stat_result:
        found = real_fstat(fd)
        return os.stat_result((*found[:1], found.st_ino + 1, *found[2:]))

    monkeypatch.setattr(os, "fstat", elsewhere)
    with pytest.raises(DatasetError) as caught:
        nzcoop.load(tmp_path)
    assert {p.message for p in caught.value.problems} == {
        "changed while it was being read; read it again"
    }


def test_a_folder_in_a_zip_archive_is_no_data_file(tmp_path: Path) -> None:
    archive = tmp_path / "data.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("data/release.json", json.dumps({"release": "zipped"}))
        zipped.writestr("data/terms.json/", "")
    with pytest.raises(DatasetError) as caught:
        nzcoop.load(zipfile.Path(archive, "data/"))
    assert caught.value.problems == (
        Problem("terms.json", "$", "expected a JSON file, found a folder"),
    )


def _depth(value: object) -> int:
    """Return how deep *value* nests, walking it: the plain form of `_nesting`."""
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


_TRICKY = st.text(st.sampled_from('[]{}"\\ab\u00e9'), max_size=6)
_NESTED = st.recursive(
    st.none() | st.integers() | _TRICKY,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TRICKY, inner, max_size=3),
    max_leaves=12,
)


@given(_NESTED, st.sampled_from([None, 2]), st.booleans())
def test_nesting_is_counted_on_the_bytes_as_deep_as_the_value(
    value: object, indent: int | None, ascii_only: bool
) -> None:
    """Law: the depth counted on a document's bytes is the depth of the value it holds.

    Brackets, quotes and backslashes inside strings count for nothing.
    """
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    assert _nesting(text.encode()) == _depth(value)


def test_a_depth_limit_above_the_interpreters_is_still_safe(tmp_path: Path) -> None:
    sample.write(tmp_path, {})
    (tmp_path / "terms.json").write_bytes(b"[       " * 100_000 + b"]" * 100_000)
    with pytest.raises(DatasetError, match="is not usable JSON: nested too deeply"):
        nzcoop.load(tmp_path, max_depth=1_000_000)


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
        return _Unreadable(os.fspath(descendants[-1]))

    def read_text(self, encoding: str | None = None) -> str:
        raise NotImplementedError

    def open(self, mode: str = "r", *args: object, **kwargs: object) -> IO[Any]:  # noqa: ARG002
        raise PermissionError(13, "Permission denied")

    def read_bytes(self) -> bytes:
        raise NotImplementedError


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


# -- hostile folders --------------------------------------------------------------------
# Each case damages the sample dataset the way a careless or hostile sender might, and
# says what `load` must report: every problem listed (file, JSON path, a fragment of the
# message), how many more it counts at least, and a time it must finish within. The
# times are guards against a hang or a blow-up, far above what a case takes: the
# benchmark (benchmarks/hostile.py) measures.

Build = Callable[[Path, pytest.MonkeyPatch], dict[str, Any]]
"""Damage the sample folder; return the keyword arguments to load it with."""


class Hostile(NamedTuple):
    """A hostile dataset: how to make it, and what loading it reports."""

    build: Build
    problems: sample.Expected
    more: int = 0
    seconds: float = 5.0
    after: Callable[[nzcoop.Dataset], object] | None = None
    """A query asked of the dataset loaded, within the time too."""


def _replace(name: str, content: bytes | str) -> Build:
    """Write *content* as the data file *name*."""

    def build(folder: Path, _: pytest.MonkeyPatch) -> dict[str, Any]:
        data = content.encode() if isinstance(content, str) else content
        (folder / name).write_bytes(data)
        return {}

    return build


def _docs(change: sample.Change) -> Build:
    """Make *change* to the sample's documents and write them again."""

    def build(folder: Path, _: pytest.MonkeyPatch) -> dict[str, Any]:
        docs = sample.documents()
        change(docs)
        sample.write(folder, docs)
        return {}

    return build


def _with(build: Build, **limits: object) -> Build:
    """Build as *build* does, and load with *limits*."""

    def built(folder: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
        return {**build(folder, monkeypatch), **limits}

    return built


def _special(make: Callable[[Path], object]) -> Build:
    """Put what *make* makes in the place of ``terms.json``."""

    def build(folder: Path, _: pytest.MonkeyPatch) -> dict[str, Any]:
        (folder / "terms.json").unlink()
        make(folder / "terms.json")
        return {}

    return build


def _socket(path: Path) -> None:
    import socket

    with tempfile.TemporaryDirectory() as short:  # a socket's path must be short
        bound = Path(short, "s")
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(bound))
            bound.rename(path)


def _link(target: str | Path) -> Callable[[Path], object]:
    return lambda path: path.symlink_to(target)


def _outside(path: Path) -> None:
    elsewhere = path.parent.parent / "elsewhere.json"
    elsewhere.write_text(json.dumps(sample.documents()["terms"]), "utf-8")
    path.symlink_to(elsewhere)


def _inside(path: Path) -> None:
    (path.parent / "stash").mkdir()
    (path.parent / "stash" / "terms").write_text(json.dumps(sample.documents()["terms"]))
    path.symlink_to(Path("stash", "terms"))


def _beside(path: Path) -> None:
    (path.parent / "terms.data").write_text(json.dumps(sample.documents()["terms"]))
    path.symlink_to("terms.data")


def _deep(path: Path) -> None:
    (path.parent / "a" / "b").mkdir(parents=True)
    (path.parent / "a" / "b" / "terms").write_text(json.dumps(sample.documents()["terms"]))
    path.symlink_to(Path("a", "b", "terms"))


def _loop(path: Path) -> None:
    path.symlink_to(path.parent / "loop")
    (path.parent / "loop").symlink_to(path)


def _denied(folder: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Make ``terms.json`` unreadable (by its mode; as root, which ignores it, by refusal)."""
    path = folder / "terms.json"
    path.chmod(0)
    real_open = os.open

    def refuse(file: Any, *args: Any, **kwargs: Any) -> int:  # noqa: ANN401 - as os.open
        if os.fspath(file) in {str(path), path.name}:  # by its path, or from the folder's fd
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    return {}


def _unlistable(_folder: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Make the folder refuse to be listed."""

    def refuse(self: Path) -> Iterator[Path]:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", refuse)
    return {}


def _unopenable(folder: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Make the folder refuse to be opened (listing it, it says nothing of it)."""
    real_open = os.open

    def refuse(file: Any, *args: Any, **kwargs: Any) -> int:  # noqa: ANN401 - as os.open
        if os.fspath(file) == str(folder):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    return {}


def _unknown_files(folder: Path, _: pytest.MonkeyPatch) -> dict[str, Any]:
    for i in range(12):
        (folder / f"x{i:02}.json").write_text("{}")
    return {}


def _figures(old: str, new: str) -> Build:
    """Replace *old* with *new* in the text of the sample's figures."""
    return _replace("figures.json", json.dumps(sample.documents()["figures"]).replace(old, new))


def _unknown_bodies(docs: sample.Docs) -> None:
    """Add 5,000 organisations, and 5,000 terms defined by organisations that do not exist."""
    terms, organisations = docs["terms"]["terms"], docs["organisations"]["organisations"]
    for i in range(5000):
        organisations.append(dict(organisations[0], id=f"body-{i}", name=f"Body {i}", names=[]))
        terms.append(dict(terms[0], id=f"term-{i}", name=f"Term {i}", defined_by=f"nobody-{i}"))


def _chain(depth: int, loop: bool = False) -> sample.Change:
    """Add *depth* organisations, each inside the one before (the first inside the last)."""

    def change(docs: sample.Docs) -> None:
        organisations = docs["organisations"]["organisations"]
        first = organisations[0]
        for level in range(depth):
            parent = f"body-{level - 1}" if level else ("body-last" if loop else "forum")
            organisations.append(
                dict(first, id=f"body-{level}", name=f"Body {level}", names=[], parent=parent)
            )
        if loop:
            organisations[-1]["id"] = "body-last"
        sample.add_engagement(docs, id="deep", name="Deep", target=organisations[-1]["id"])

    return change


_MARKS = "\u0316\u0301"
"""Two combining marks that normalisation puts in the other order."""


def _spans(count: int) -> sample.Change:
    """Add *count* engagements, each from year 1 to 9999."""

    def change(docs: sample.Docs) -> None:
        for i in range(count):
            sample.add_engagement(docs, id=f"long-{i}", name=f"Long {i}", since=1, until=9999)

    return change


def _year_5000(data: nzcoop.Dataset) -> None:
    assert len(data.engagements(year=5000)) >= 20_000


def _long_ids(docs: sample.Docs) -> None:
    """Add 500 terms with ids "x" to "x" * 500, and one defined by "x" * 499 + "y"."""
    terms = docs["terms"]["terms"]
    first = terms[0]
    terms.extend(
        dict(first, id="x" * (i + 1), name=f"Term {i}", names=[], defined_by=None)
        for i in range(500)
    )
    terms.append(dict(first, id="odd", name="Odd", names=[], defined_by="x" * 499 + "y"))


def _repeated_kind(docs_text: str) -> str:
    return docs_text.replace('"kind": "forum"', '"kind": "forum", "kind": "forum"', 1)


_WRONG_ITEMS = [7] * 700_000


_TERMS = json.dumps(sample.documents()["terms"])
_EMPTY_RECORDS = b'{"terms": [' + b",".join([b"{}"] * 500_000) + b"]}"
_TERM_FIELDS = tuple(field.name for field in attrs.fields(nzcoop.Term))
_EXAMINED = -(-1000 // len(_TERM_FIELDS))
"""How many empty records are walked before 1,000 problems are listed (the rest counted)."""

HOSTILE: dict[str, Hostile] = {
    "1.5 MB of 500,000 empty records": Hostile(
        _replace("terms.json", _EMPTY_RECORDS),
        [("terms.json", "$", "holds 500,002 arrays and objects in 1,500,012 bytes, more than")],
    ),
    "empty records, sparse enough to be parsed": Hostile(
        _replace("terms.json", '{"terms": [' + ",".join(["{}       "] * 3000) + "]}"),
        [
            (
                "terms.json",
                f"terms[{i // len(_TERM_FIELDS)}].{_TERM_FIELDS[i % len(_TERM_FIELDS)]}",
                "required key is missing",
            )
            for i in range(1000)
        ],
        more=_EXAMINED * len(_TERM_FIELDS) - 1000 + 3000 - _EXAMINED,  # then one a record
    ),
    "a name of 40,000 marks in an order Unicode reorders": Hostile(
        _docs(sample.set_("participants", 1, "name", "B" + _MARKS * 20_000)),
        [("participants.json", "participants[1].name", "is 40,001 characters long")],
    ),
    "a list of 2 MB of items of the wrong type": Hostile(
        _docs(sample.set_("organisations", 0, "names", _WRONG_ITEMS)),
        [
            ("organisations.json", f"organisations[0].names[{i}]", "expected an object")
            for i in range(100)
        ],
    ),
    "20,000 engagements from year 1 to 9999, and a year asked for": Hostile(
        _docs(_spans(20_000)), [], seconds=20.0, after=_year_5000
    ),
    "a description of 25 MiB of nested brackets": Hostile(
        _docs(sample.set_("organisations", 0, "description", "[" * 2**24 + "]" * 2**24)),
        [],
        seconds=20.0,
    ),
    "an unknown id among ids of 1 to 500 letters": Hostile(
        _docs(_long_ids), [("terms.json", "terms[501].defined_by", "unknown id 'xxxxxxx")]
    ),
    "a week past the calendar's last day": Hostile(
        _docs(
            lambda docs: docs["events"]["events"][0].update(
                precision="week", start="9999-12-27", end="9999-12-31"
            )
        ),
        [("events.json", "events[0].start", "a week precision from 9999-12-27 would run past")],
    ),
    "a limit of sys.maxsize bytes": Hostile(
        _with(_docs(lambda _: None), max_file_size=sys.maxsize), []
    ),
    "a limit of a tebibyte": Hostile(_with(_docs(lambda _: None), max_file_size=2**40), []),
    "a data file's name with a space after it": Hostile(
        _replace("terms.json ", _TERMS),
        [("terms.json ", "$", "differs from the data file name 'terms.json' only by spaces")],
    ),
    "a data file's name with a zero-width space after it": Hostile(
        _replace("terms.json\u200b", _TERMS),
        [("terms.json\u200b", "$", "'terms.json\\u200b', differs from the data file name")],
    ),
    "a data file's name with a space and a capital before it": Hostile(
        _replace(" Terms.json", _TERMS),
        [(" Terms.json", "$", "only by spaces or characters that show nothing")],
    ),
    "a key twice in a record others refer to": Hostile(
        _replace(
            "organisations.json",
            _repeated_kind(json.dumps(sample.documents()["organisations"])),
        ),
        [("organisations.json", "organisations[0].kind", "the key 'kind' appears 2 times")],
    ),
    "a name in Cyrillic letters that look Latin": Hostile(
        _docs(sample.set_("participants", 1, "name", "Al\u0430nd")),
        [
            (
                "participants.json",
                "participants[1].name",
                (
                    "as 'aland' of 'aland' (at participants[0].id): U+0430 (CYRILLIC SMALL "
                    "LETTER A) looks like 'a'"
                ),
            )
        ],
    ),
    "a name reversed behind a right-to-left override": Hostile(
        _docs(sample.set_("participants", 1, "name", "\u202ednalB")),
        [("participants.json", "participants[1].name", "holds U+202E (RIGHT-TO-LEFT OVERRIDE)")],
    ),
    "a name with a terminal's escape sequence": Hostile(
        _docs(sample.set_("participants", 1, "names", [{"value": "\x1b[2JB", "kind": "alias"}])),
        [("participants.json", "participants[1].names[0].value", "holds U+001B")],
    ),
    "a link to the folder itself": Hostile(
        _special(_link(".")), [("terms.json", "$", "expected a JSON file, found a folder")]
    ),
    "a link to a file beside it": Hostile(_special(_beside), []),
    "a link to a file two folders down": Hostile(_special(_deep), []),
    "a FIFO": Hostile(_special(os.mkfifo), [("terms.json", "$", "found a FIFO (named pipe)")]),
    "a link to /dev/zero": Hostile(
        _special(_link("/dev/zero")), [("terms.json", "$", "outside the dataset folder")]
    ),
    "a link to /dev/zero, links outside allowed": Hostile(
        _with(_special(_link("/dev/zero")), outside_links=True),
        [("terms.json", "$", "expected a JSON file, found a character device")],
    ),
    "a socket": Hostile(_special(_socket), [("terms.json", "$", "found a socket")]),
    "a folder": Hostile(_special(Path.mkdir), [("terms.json", "$", "found a folder")]),
    "a link to a file outside the folder": Hostile(
        _special(_outside), [("terms.json", "$", "outside the dataset folder, and is not")]
    ),
    "a link to a file inside the folder": Hostile(_special(_inside), []),
    "a link to itself, through another": Hostile(
        _special(_loop), [("terms.json", "$", "cannot be read: Too many levels of symbolic")]
    ),
    "a link to nothing": Hostile(
        _special(_link("nowhere")), [("terms.json", "$", "cannot be read: No such file")]
    ),
    "a file that cannot be read": Hostile(
        _denied, [("terms.json", "$", "cannot be read: Permission denied")]
    ),
    "a lone surrogate in a name": Hostile(
        _replace("terms.json", _TERMS.replace("big arrival", "big \\ud800 arrival")),
        [("terms.json", "terms[0].name", "not Unicode text: it holds a lone surrogate, U+D800")],
    ),
    "a lone low surrogate after an escaped backslash": Hostile(
        _replace("terms.json", _TERMS.replace("big arrival", "big \\\\ud800\\udc00 arrival")),
        [("terms.json", "terms[0].name", "lone surrogate, U+DC00")],
    ),
    "a lone surrogate in a key": Hostile(
        _replace("terms.json", _TERMS.replace('"definition"', '"definition\\udfff"')),
        [("terms.json", "terms[0]['definition\\udfff']", "the key 'definition\\udfff' is not")],
    ),
    "a surrogate pair (an escaped emoji) is one character": Hostile(
        _replace("terms.json", _TERMS.replace("big arrival", "big \\ud83d\\ude00 arrival")), []
    ),
    "a key twice at the top": Hostile(
        _replace("figures.json", '{"figures": [], "figures": []}'),
        [("figures.json", "figures", "the key 'figures' appears 2 times in one object")],
    ),
    "a key twice in a citation": Hostile(
        _replace("terms.json", _TERMS.replace('"quote": "A quote."', '"quote": "A", "quote": "B"')),
        [("terms.json", "terms[0].sources[0].quote", "appears 2 times")],
    ),
    "3,000 records that give a key twice": Hostile(
        _with(
            _replace("terms.json", '{"terms": [' + ",".join(['{"id": 1, "id": 2}'] * 3000) + "]}"),
            max_problems=2,
        ),
        [("terms.json", f"terms[{i}].id", "the key 'id' appears 2 times") for i in range(2)],
        more=2998,
    ),
    "a release of null": Hostile(
        _replace("release.json", '{"release": null}'),
        [("release.json", "release", "expected a string, found null")],
    ),
    "records of null": Hostile(
        _replace("terms.json", '{"terms": null}'),
        [("terms.json", "terms", "expected a list of records, found null")],
    ),
    "one name in NFC and in NFD": Hostile(
        _docs(
            sample.both(
                sample.set_("participants", 0, "name", "\u00c5land"),
                sample.set_("participants", 1, "name", "A\u030aland"),
            )
        ),
        [("participants.json", "participants[1].name", "also names 'aland'")],
    ),
    "a name of zero-width spaces": Hostile(
        _docs(sample.set_("participants", 1, "name", "\u200b\u200b")),
        [("participants.json", "participants[1].name", "shows nothing; it needs a letter")],
    ),
    "a name of a lone accent": Hostile(
        _docs(sample.set_("participants", 1, "names", [{"value": "\u0301", "kind": "alias"}])),
        [("participants.json", "participants[1].names[0].value", "shows nothing")],
    ),
    "a name of control characters": Hostile(
        _docs(sample.set_("places", 0, "name", "\x00\x07")),
        [("places.json", "places[0].name", "name '\\x00\\x07' shows nothing")],
    ),
    "a data file named in capitals": Hostile(
        _replace("terms.JSON", _TERMS),
        [("terms.JSON", "$", "only its case differs from the data file name 'terms.json'")],
    ),
    "a data file named with a capital": Hostile(
        _replace("Terms.json", _TERMS), [("Terms.json", "$", "only its case differs")]
    ),
    "a byte order mark": Hostile(
        _replace("terms.json", b"\xef\xbb\xbf" + _TERMS.encode()),
        [("terms.json", "$", "starts with a byte order mark (BOM)")],
    ),
    "UTF-16": Hostile(
        _replace("terms.json", _TERMS.encode("utf-16")),
        [("terms.json", "$", "is not UTF-8 text: byte 0 is 0xff")],
    ),
    "1e400 for a number": Hostile(
        _figures('"value": 2', '"value": 1e400'),
        [("figures.json", "figures[0].value", "expected an integer, found a number")],
    ),
    "-0 for a year": Hostile(
        _figures('"as_of": 2013', '"as_of": -0'),
        [("figures.json", "figures[0].as_of", "as_of 0 is not a year from 1 to 9999")],
    ),
    "an integer of 5,000 digits": Hostile(
        _replace("figures.json", '{"figures": [' + "9" * 5000 + "]}"),
        [("figures.json", "$", "is not valid JSON: Exceeds the limit (4300 digits)")],
    ),
    "a year of 4,000 digits": Hostile(
        _docs(sample.set_("figures", 0, "as_of", 10**3999)),
        [("figures.json", "figures[0].as_of", "has more than 640 digits")],
    ),
    "NaN": Hostile(
        _replace("terms.json", '{"terms": [NaN]}'),
        [("terms.json", "$", "NaN is not a JSON number")],
    ),
    "100,000 levels of nesting": Hostile(
        _replace("terms.json", b'{"terms": [' + b"[       " * 100_000 + b"]" * 100_000 + b"]}"),
        [("terms.json", "$", "it nests deeper than 32 levels (max_depth)")],
    ),
    "100,000 levels of nesting, two bytes each": Hostile(
        _replace("terms.json", b'{"terms": [' + b"[" * 100_000 + b"]" * 100_000 + b"]}"),
        [("terms.json", "$", "holds 100,002 arrays and objects in 200,013 bytes")],
    ),
    "33 levels of nesting": Hostile(
        _replace("terms.json", '{"terms": ' + "[" * 32 + "]" * 32 + "}"),
        [("terms.json", "$", "nests deeper than 32 levels")],
    ),
    "brackets inside strings are no nesting": Hostile(
        _replace("terms.json", _TERMS.replace("Many people", "[[[{" * 100 + '\\"' + "]" * 50)),
        [],
    ),
    "an empty file": Hostile(
        _replace("terms.json", b""), [("terms.json", "$", "is not valid JSON: it is empty")]
    ),
    "a file of whitespace": Hostile(
        _replace("terms.json", " \n\t\r\n"), [("terms.json", "$", "it is empty")]
    ),
    "a file larger than the limit": Hostile(
        _with(_replace("terms.json", _TERMS + " " * 10_000), max_file_size=10_000),
        [("terms.json", "$", "bytes, over the limit of 10,000 (max_file_size)")],
    ),
    "a 10,000-deep chain of bodies": Hostile(_docs(_chain(10_000)), []),
    "a 10,000-deep chain of bodies that loops": Hostile(
        _with(_docs(_chain(10_000, loop=True)), max_problems=2),
        [
            ("organisations.json", "organisations[2].parent", "loops back through 'body-0'"),
            ("organisations.json", "organisations[3].parent", "loops back through 'body-1'"),
        ],
        more=9_998,
    ),
    "20,000 records with one id": Hostile(
        _docs(lambda docs: docs["terms"]["terms"].extend(docs["terms"]["terms"] * 20_000)),
        [("terms.json", f"terms[{i}].id", "duplicate id 'big-arrival'") for i in range(1, 1001)],
        more=19_000,
    ),
    "5,000 unknown ids among 5,000 organisations": Hostile(
        _with(_docs(_unknown_bodies), max_problems=3),
        [
            ("terms.json", f"terms[{i}].defined_by", f"unknown id 'nobody-{i - 1}'; expected")
            for i in range(1, 4)
        ],
        more=4_997,
        seconds=20.0,
    ),
    "an unknown id of a megabyte": Hostile(
        _docs(sample.set_("terms", 0, "defined_by", "x" * 10**6)),
        [("terms.json", "terms[0].defined_by", "unknown id 'xxxxxxxxxxxxxxxxxxxxxxxxxxx")],
    ),
    "a record with 100,000 unknown keys": Hostile(
        _docs(lambda docs: docs["terms"]["terms"][0].update({f"k{i}": 0 for i in range(100_000)})),
        [("terms.json", "terms[0]", "unknown key(s) 'k0', 'k1', 'k10', 'k100', 'k1000' and 99")],
    ),
    "twelve unknown data files": Hostile(
        _with(_unknown_files, max_problems=4),
        [(f"x{i:02}.json", "$", "unknown data file") for i in range(4)],
        more=8,
    ),
    "a file name that is not UTF-8": Hostile(
        _replace(os.fsdecode(b"\xff.json"), "{}"),
        [("\\udcff.json", "$", "unknown data file; expected one of: release.json")],
    ),
    "a folder that cannot be listed": Hostile(
        _unlistable, [("<folder>", "$", "the dataset folder cannot be read: Permission denied")]
    ),
    "a folder that cannot be opened": Hostile(
        _unopenable, [("<folder>", "$", "the dataset folder cannot be read: Permission denied")]
    ),
}


def _expected(folder: Path, case: Hostile) -> sample.Expected:
    return [
        (file.replace("<folder>", str(folder)), path, text) for file, path, text in case.problems
    ]


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Fail if the block takes longer than *seconds*; interrupt it if it hangs."""

    def interrupt(*_: object) -> None:
        raise TimeoutError(f"still running after {seconds * 2} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds * 2)
    start = time.perf_counter()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    elapsed = time.perf_counter() - start
    assert elapsed < seconds, f"took {elapsed:.1f} s, more than {seconds} s"


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_folders_are_reported_in_bounded_time(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each hostile dataset of the table loads or fails with exactly its problems, in time."""
    hostile = HOSTILE[case]
    folder = sample.write(tmp_path / "data", sample.documents())
    limits = hostile.build(folder, monkeypatch)
    with _deadline(hostile.seconds):
        try:
            loaded = nzcoop.load(folder, **limits)
        except DatasetError as error:
            found, more, message = list(error.problems), error.more, str(error)
        else:
            found, more, message = [], 0, ""
            if hostile.after is not None:
                hostile.after(loaded)
    assert sample.matches(sorted(found, key=lambda p: (p.file, p.path)), _expected(folder, hostile))
    assert more >= hostile.more
    assert len(message) < 300 * (len(found) + 1)


def test_the_table_has_thirty_cases() -> None:
    assert len(HOSTILE) >= 30


def test_a_repeated_key_is_reported_where_it_is_and_nowhere_else(tmp_path: Path) -> None:
    """A repeated key in a value that another value of its key replaced is not reported.

    Such values are freed as the file is parsed, and objects made later may take their
    memory, and so their `id`: none of them is said to repeat a key.
    """
    dropped = ", ".join(['"a": {"x": 1, "x": 2}'] * 300)  # each value repeats x
    after = ", ".join(['{"y": 1}'] * 300)  # objects made once the dropped ones are freed
    (tmp_path / "terms.json").write_text(f'{{"terms": [{{{dropped}}}, {after}]}}', "utf-8")
    with pytest.raises(DatasetError) as raised:
        nzcoop.load(tmp_path)
    repeated = [(p.path, p.message) for p in raised.value.problems if "appears" in p.message]
    assert repeated == [
        ("terms[0].a", "the key 'a' appears 300 times in one object"),
        ("terms[0].a.x", "the key 'x' appears 2 times in one object"),
    ]


# -- damaged bytes ----------------------------------------------------------------------

SAMPLE = sample.structure(sample.documents())


@st.composite
def damaged_bytes(draw: st.DrawFn) -> tuple[dict[str, bytes], str]:
    """Return the sample's data files with the bytes of one of them damaged, and its name."""
    ascii_only = draw(st.booleans())
    contents = {
        f"{stem}.json": json.dumps(document, indent=1, ensure_ascii=ascii_only).encode()
        for stem, document in sample.documents().items()
    }
    name = draw(st.sampled_from(sorted(contents)))
    content = contents[name]
    at = draw(st.integers(0, len(content) - 1))
    how = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "repeat"]))
    if how == "flip":
        flipped = content[at] ^ draw(st.integers(1, 255))
        content = content[:at] + bytes([flipped]) + content[at + 1 :]
    elif how == "insert":
        content = content[:at] + draw(st.binary(min_size=1, max_size=8)) + content[at:]
    elif how == "delete":
        content = content[:at] + content[at + draw(st.integers(1, 16)) :]
    elif how == "truncate":
        content = content[:at]
    else:
        end = draw(st.integers(at, len(content)))
        content = content[:end] + content[at:]
    contents[name] = content
    return contents, name


def _json_text(content: bytes) -> bool:
    """Tell whether *content* is JSON text, as the standard library reads it."""
    try:
        json.loads(content.decode("utf-8"))
    except ValueError:
        return False
    return True


@given(damaged_bytes())
def test_damaged_bytes_are_reported_or_left_valid_json(case: tuple[dict[str, bytes], str]) -> None:
    """Law: damaged bytes are reported, or harmless, or still valid JSON.

    Whatever is done to the bytes of a file, `load` raises nothing but DatasetError, and
    returns a dataset other than the original only when the file is still valid JSON.
    """
    contents, damaged = case
    with tempfile.TemporaryDirectory() as folder:
        for name, content in contents.items():
            (Path(folder) / name).write_bytes(content)
        try:
            loaded = nzcoop.load(folder)
        except DatasetError:
            return
    if loaded != SAMPLE:
        assert _json_text(contents[damaged])


def test_a_file_is_read_to_its_end_within_the_limit_whatever_it_says_it_holds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file that holds more than its size said, or says no size, is read in chunks."""
    import io

    from nzcoop import _files

    monkeypatch.setattr(_files, "_CHUNK", 7)
    assert _files._bounded(io.BytesIO(b"x" * 50), 100, 10) == b"x" * 50
    assert _files._bounded(io.BytesIO(b"x" * 50), 100) == b"x" * 50
    with pytest.raises(Unreadable, match=r"^is over the limit of 20 bytes"):
        _files._bounded(io.BytesIO(b"x" * 50), 20, 10)
    with pytest.raises(Unreadable, match=r"^is over the limit of 20 bytes"):
        _files._bounded(io.BytesIO(b"x" * 50), 20)
    with pytest.raises(Unreadable, match=r"^is 50 bytes, over the limit of 20 \(max_file_size\)"):
        _files._bounded(io.BytesIO(b"x" * 50), 20, 50)


_MEASURED = re.compile(
    r"\b(some|about|roughly|around|nearly)\s+[0-9]|[0-9]\s*(times|ms|seconds)\b", re.IGNORECASE
)
"""How a measured figure reads: "some 60 bytes", "20 times its size", "3 ms"."""


@pytest.mark.parametrize("module", ["_files", "_package", "_checks"])
def test_the_loaders_comments_and_docstrings_carry_no_measurements(module: str) -> None:
    """Figures go stale; the benchmarks print them, and the code says why it is so."""
    path = Path(__file__).parents[1] / "src" / "nzcoop" / f"{module}.py"
    with path.open("rb") as source:
        texts = [
            (token.start[0], token.string)
            for token in tokenize.tokenize(source.readline)
            if token.type == tokenize.COMMENT
            or (token.type == tokenize.STRING and token.string.endswith('"""'))
        ]
    assert [(line, match[0]) for line, text in texts for match in _MEASURED.finditer(text)] == []


# -- the folder, and what is opened ------------------------------------------------------


def _made(make: Callable[[Path], object], path: Path) -> Path:
    make(path)
    return path


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda _: Path("/dev/null"), "a character device"),
        (lambda tmp: _made(os.mkfifo, tmp / "fifo"), "a FIFO (named pipe)"),
        (lambda tmp: _made(_socket, tmp / "socket"), "a socket"),
        (lambda tmp: _made(lambda path: path.write_text("{}"), tmp / "file"), "a file"),
    ],
    ids=["/dev/null", "FIFO", "socket", "file"],
)
def test_a_folder_that_is_no_folder_is_said_to_be_none(
    tmp_path: Path, make: Callable[[Path], Path], kind: str
) -> None:
    with pytest.raises(DatasetError) as caught:
        nzcoop.load(make(tmp_path))
    assert caught.value.problems[0].message == f"the dataset folder is not a folder: it is {kind}"


def test_a_folder_in_an_archive_that_is_a_file_or_nothing(tmp_path: Path) -> None:
    archive = tmp_path / "data.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("data/release.json", "{}")
    for inner, said in (
        ("data/release.json", "is not a folder: it is a file"),
        ("nothing", "does not exist"),
    ):
        with pytest.raises(DatasetError, match=f"the dataset folder {said}"):
            nzcoop.load(zipfile.Path(archive, inner))


def _swap_after_realpath(
    monkeypatch: pytest.MonkeyPatch, swap: Callable[[], None], calls: int
) -> None:
    """Make *swap* happen right after the *calls*-th `os.path.realpath`: a race, won."""
    real = os.path.realpath
    done: list[bool] = []

    def racing(*args: Any, **kwargs: Any) -> str:  # noqa: ANN401 - as os.path.realpath
        result: str = real(*args, **kwargs)
        done.append(True)
        if len(done) == calls:
            swap()
        return result

    monkeypatch.setattr(os.path, "realpath", racing)


def _outside_terms(folder: Path) -> Path:
    """Write a terms.json outside *folder*, with a term the sample has not; return its folder."""
    elsewhere = folder.parent / "elsewhere"
    elsewhere.mkdir()
    terms = sample.documents()["terms"]
    terms["terms"][0]["id"] = "outside"
    (elsewhere / "terms").write_text(json.dumps(terms))
    return elsewhere


def test_a_folder_on_the_way_swapped_for_a_link_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder on the way of a link, made a link outside once it is resolved, is refused.

    The file opened is the one inside, or none.
    """
    folder = sample.write(tmp_path / "data", sample.documents())
    (folder / "stash").mkdir()
    (folder / "terms.json").rename(folder / "stash" / "terms")
    (folder / "terms.json").symlink_to(Path("stash", "terms"))
    elsewhere = _outside_terms(folder)

    def swap() -> None:
        (folder / "stash").rename(folder / "stashed")
        (folder / "stash").symlink_to(elsewhere)

    _swap_after_realpath(monkeypatch, swap, calls=2)  # the folder's, then the link's
    with pytest.raises(DatasetError) as caught:
        nzcoop.load(folder)
    (problem,) = caught.value.problems
    assert (problem.file, problem.path) == ("terms.json", "$")
    assert problem.message == "cannot be read: Not a directory"  # a link is no folder here


def test_a_file_swapped_for_a_link_after_its_check_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A data file checked as a regular file, then made a link outside, is not opened."""
    folder = sample.write(tmp_path / "data", sample.documents())
    elsewhere = _outside_terms(folder)

    def swap() -> None:
        (folder / "terms.json").unlink()
        (folder / "terms.json").symlink_to(elsewhere / "terms")

    real_stat = os.stat

    def stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:  # noqa: ANN401 - as os.stat
        found = real_stat(path, *args, **kwargs)
        if path == "terms.json" and not kwargs.get("follow_symlinks", True):
            swap()
        return found

    monkeypatch.setattr(os, "stat", stat)
    with pytest.raises(DatasetError) as caught:
        nzcoop.load(folder)
    (problem,) = caught.value.problems
    assert "Too many levels of symbolic links" in problem.message


def test_links_swapped_while_loading_never_read_an_outside_file(tmp_path: Path) -> None:
    """Law: however a link in the folder is swapped while loads run, none reads outside.

    A thread swaps ``terms.json`` between a link to a file inside the folder and a link
    outside, as fast as it can, while the folder is loaded again and again.
    """
    import threading

    folder = sample.write(tmp_path / "data", {"release": {"release": "race"}})
    (folder / "inside").write_text('{"terms": []}')
    (tmp_path / "outside").write_text(json.dumps(sample.documents()["terms"]))
    links = [folder / "link-in", folder / "link-out"]
    links[0].symlink_to("inside")
    links[1].symlink_to(tmp_path / "outside")
    stop = threading.Event()

    def swapper() -> None:
        while not stop.is_set():
            for link in links:
                link.replace(folder / "terms.json")
                link.symlink_to((folder / "terms.json").readlink())

    thread = threading.Thread(target=swapper)
    thread.start()
    try:
        outcomes: set[object] = set()
        for _ in range(300):
            try:
                outcomes.add(len(nzcoop.load(folder).entities()))
            except DatasetError as error:
                outcomes.add(error.problems[0].message.split(":")[0].split(" '")[0])
    finally:
        stop.set()
        thread.join()
    assert 0 in outcomes  # the file inside was read, without its one term
    assert outcomes <= {
        0,
        "is a link to",
        "cannot be read",
        "changed while it was being read; read it again",
    }


def test_without_a_folder_descriptor_files_are_opened_by_their_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where files cannot be opened from a folder's descriptor, links are checked by path."""
    from nzcoop import _files

    monkeypatch.setattr(_files, "_DIR_FD", False)
    folder = sample.write(tmp_path / "data", sample.documents())
    assert nzcoop.load(folder) == SAMPLE
    elsewhere = _outside_terms(folder)
    (folder / "terms.json").unlink()
    (folder / "terms.json").symlink_to(elsewhere / "terms")
    with pytest.raises(DatasetError, match="outside the dataset folder"):
        nzcoop.load(folder)
    assert len(nzcoop.load(folder, outside_links=True).records("terms")) == 1
    (folder / "terms.json").unlink()
    (folder / "terms.json").symlink_to(Path("sources.json"))
    with pytest.raises(DatasetError, match="expected exactly one key, 'terms'"):
        nzcoop.load(folder)
