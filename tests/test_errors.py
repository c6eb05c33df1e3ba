"""Errors: each travels between processes as it was raised, and shows any argument safely."""

from __future__ import annotations

import concurrent.futures
import errno
import multiprocessing
import pickle
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nzcoop
from nzcoop import (
    ArgumentTypeError,
    DatasetError,
    ExportError,
    InvalidArgumentError,
    NzcoopError,
    Problem,
    UnknownNameError,
)
from nzcoop._cli import _FolderError
from nzcoop._errors import shown

from . import sample


def _subclasses(cls: type[Exception]) -> Iterator[type[Exception]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _noted(error: NzcoopError) -> NzcoopError:
    error.add_note("raised in a worker")
    return error


EXAMPLES: dict[type, list[NzcoopError]] = {
    NzcoopError: [NzcoopError("something")],
    UnknownNameError: [
        UnknownNameError("no body is named 'Migraton'", "Migraton", ("Migration Five",)),
        UnknownNameError("", "", ()),
    ],
    DatasetError: [
        DatasetError((Problem("terms.json", "terms[0].id", "duplicate id 'x'"),), more=41),
        DatasetError(()),
        _noted(DatasetError((Problem("", "records[0]", "expected a record"),))),
    ],
    _FolderError: [_FolderError("data/", DatasetError((Problem("data/", "$", "no data files"),)))],
    ExportError: [
        ExportError("cannot write the export to '/x': it is not a folder"),
        ExportError(errno.ENOSPC, "No space left on device", "/x/terms.csv"),
    ],
    InvalidArgumentError: [InvalidArgumentError("unknown role 'chair'")],
    ArgumentTypeError: [ArgumentTypeError("year must be an int or None, not str ('2013')")],
}


def _same(one: BaseException, other: BaseException) -> bool:
    """Whether two errors are of one class, with one message, args and fields."""
    return (
        type(one) is type(other)
        and str(one) == str(other)
        and one.args == other.args
        and vars(one) == vars(other)
        and getattr(one, "errno", None) == getattr(other, "errno", None)
        and getattr(one, "filename", None) == getattr(other, "filename", None)
    )


def test_every_error_class_has_examples() -> None:
    assert set(_subclasses(NzcoopError)) | {NzcoopError} == set(EXAMPLES)


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
@pytest.mark.parametrize("error", [e for examples in EXAMPLES.values() for e in examples], ids=repr)
def test_errors_unpickle_equal(error: NzcoopError, protocol: int) -> None:
    """Message, args and fields (problems, more, name, suggestions, notes) all travel."""
    assert _same(pickle.loads(pickle.dumps(error, protocol)), error)  # noqa: S301 - ours


_PROBLEMS = st.builds(Problem, st.text(max_size=8), st.text(max_size=8), st.text(max_size=20))


@given(st.lists(_PROBLEMS, max_size=4).map(tuple), st.integers(0, 10**6))
def test_any_dataset_error_unpickles_equal(problems: tuple[Problem, ...], more: int) -> None:
    """Law: a DatasetError of any problems and count unpickles to an equal error."""
    error = DatasetError(problems, more=more)
    again = pickle.loads(pickle.dumps(error))  # noqa: S301 - ours
    assert _same(again, error)
    assert (again.problems, again.more) == (problems, more)


@given(st.text(), st.text(), st.lists(st.text(), max_size=3).map(tuple))
def test_any_unknown_name_error_unpickles_equal(
    message: str, name: str, suggestions: tuple[str, ...]
) -> None:
    """Law: an UnknownNameError of any message, name and suggestions unpickles equal."""
    error = UnknownNameError(message, name, suggestions)
    assert _same(pickle.loads(pickle.dumps(error)), error)  # noqa: S301 - ours


def _broken_folder(folder: Path) -> str:
    docs = sample.documents()
    docs["terms"]["terms"][0]["sources"] = []
    return str(sample.write(folder, docs))


def _calls(
    folder: Path,
) -> list[tuple[type, Callable[..., object], tuple[Any, ...], dict[str, Any]]]:
    """Calls of nzcoop's own functions, each raising one kind of error in a worker."""
    full = folder / "full"
    full.mkdir()
    (full / "notes.txt").write_text("not an export")
    return [
        (UnknownNameError, nzcoop.lookup, ("Migraton Five",), {}),
        (DatasetError, nzcoop.load, (_broken_folder(folder / "broken"),), {"max_problems": 1}),
        (ExportError, nzcoop.export, (nzcoop.Dataset(), "nzcoop", str(full)), {}),
        (InvalidArgumentError, nzcoop.engagements, (), {"role": "chair"}),
        (ArgumentTypeError, nzcoop.events, (), {"year": "2013"}),
    ]


def _raised(call: Callable[..., object], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:  # noqa: ANN401
    try:
        call(*args, **kwargs)
    except NzcoopError as error:
        return error
    raise AssertionError("no error")  # pragma: no cover - each call raises


def test_errors_raised_in_a_pool_worker_reach_the_parent(tmp_path: Path) -> None:
    """A multiprocessing.Pool returns each error, as raised, instead of hanging."""
    calls = _calls(tmp_path)
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        for cls, call, args, kwargs in calls:
            pending = pool.apply_async(call, args, kwargs)
            with pytest.raises(cls) as caught:
                pending.get(timeout=60)
            assert _same(caught.value, _raised(call, args, kwargs))


def test_errors_raised_in_a_process_pool_executor_reach_the_parent(tmp_path: Path) -> None:
    """A ProcessPoolExecutor raises each error, as raised, not BrokenProcessPool."""
    calls = _calls(tmp_path)
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as executor:
        for cls, call, args, kwargs in calls:
            future = executor.submit(call, *args, **kwargs)
            error = future.exception(timeout=60)
            assert isinstance(error, cls)
            assert isinstance(error, NzcoopError)
            assert _same(error, _raised(call, args, kwargs))
    caught = error
    assert isinstance(caught, ArgumentTypeError)


# -- arguments shown ----------------------------------------------------------------------


class _Unshowable:
    """An argument whose repr fails."""

    def __repr__(self) -> str:
        raise RuntimeError("no repr")


class _BadValue:
    """An argument whose repr raises the ValueError an int too long to show raises."""

    def __repr__(self) -> str:
        raise ValueError("no digits")


class _NotAStr:
    """An argument whose repr is no string."""

    def __repr__(self) -> str:
        return 42  # type: ignore[return-value]


@pytest.mark.parametrize(
    "value", [_Unshowable(), _BadValue(), _NotAStr()], ids=["raises", "ValueError", "not a str"]
)
def test_a_value_whose_repr_fails_is_named_by_its_type(value: object) -> None:
    assert shown(value) == f"<{type(value).__name__} object (repr failed)>"


def test_long_values_are_cut_short() -> None:
    assert shown("x" * 10**6) == "'" + "x" * 55 + "...'"
    assert len(shown(list(range(10**5)))) == 60
    assert shown(10**5000) == "an int of 16610 bits"


@pytest.mark.parametrize(
    "call",
    [
        nzcoop.lookup,
        lambda value: nzcoop.get(value) or nzcoop.lookup(value),
        lambda value: nzcoop.engagements(participant=value),
        lambda value: nzcoop.engagements(role=value),
        lambda value: nzcoop.events(year=value),
        lambda value: nzcoop.events(years=value),
        lambda value: nzcoop.dataset().records(value),
        nzcoop.load,
        lambda value: nzcoop.load(".", max_file_size=value),
        lambda value: nzcoop.load(".", outside_links=value),
    ],
)
@pytest.mark.parametrize("value", [_Unshowable(), "x" * 10**6], ids=["unshowable", "1 MB"])
def test_arguments_are_shown_safely_and_cut_short(
    call: Callable[[object], object], value: object
) -> None:
    """An argument whose repr fails, or a long one, makes a short message, not another error."""
    with pytest.raises(NzcoopError) as caught:
        call(value)
    assert len(str(caught.value)) < 1000
    if isinstance(value, _Unshowable):
        assert "(repr failed)" in str(caught.value) or "_Unshowable" in str(caught.value)
