"""The packaged dataset, loaded once on first use, and the queries over it as functions.

Each function is its `Dataset` method, applied to the packaged dataset: made from the
method by `_of_packaged`, with its signature and docstring, so the two cannot differ.
"""

from __future__ import annotations

import functools
import inspect
import threading
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from ._dataset import Dataset
from ._files import load

__all__ = [
    "cited_by",
    "dataset",
    "discrepancies",
    "engagements",
    "events",
    "figures",
    "follow",
    "full_name",
    "get",
    "instruments",
    "lookup",
    "organisation",
    "organisations",
    "outcomes",
    "people",
    "places",
    "presentations",
    "services",
    "sources",
    "terms",
]

_P = ParamSpec("_P")
_R = TypeVar("_R")

_lock = threading.Lock()
_packaged: list[Dataset] = []


def dataset() -> Dataset:
    """Return the packaged dataset, loading it on the first call only.

    Loading is thread-safe: callers racing on the first call all get the same object,
    and the data is read and parsed once.

    Returns:
        The `Dataset` of the data shipped with nzcoop, the same object on every call.

    >>> import nzcoop
    >>> nzcoop.dataset() is nzcoop.dataset()
    True
    """
    if not _packaged:
        with _lock:
            if not _packaged:  # pragma: no branch - false only when another thread won
                from importlib.resources import files

                _packaged.append(load(files("nzcoop") / "data"))
    return _packaged[0]


def _of_packaged(method: Callable[Concatenate[Dataset, _P], _R]) -> Callable[_P, _R]:
    """Return *method* as a function that answers from the packaged dataset.

    The function has the method's name, docstring and signature (without ``self``),
    and its annotations, read where the method was defined.
    """

    def query(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        return method(dataset(), *args, **kwargs)

    functools.update_wrapper(query, method)
    query.__module__ = __name__
    query.__qualname__ = method.__name__
    signature = inspect.signature(method)
    query.__signature__ = signature.replace(  # type: ignore[attr-defined] # read by inspect
        parameters=tuple(signature.parameters.values())[1:]
    )
    return query


lookup = _of_packaged(Dataset.lookup)
get = _of_packaged(Dataset.get)
organisation = _of_packaged(Dataset.organisation)
organisations = _of_packaged(Dataset.organisations)
engagements = _of_packaged(Dataset.engagements)
events = _of_packaged(Dataset.events)
presentations = _of_packaged(Dataset.presentations)
outcomes = _of_packaged(Dataset.outcomes)
services = _of_packaged(Dataset.services)
instruments = _of_packaged(Dataset.instruments)
terms = _of_packaged(Dataset.terms)
people = _of_packaged(Dataset.people)
places = _of_packaged(Dataset.places)
figures = _of_packaged(Dataset.figures)
discrepancies = _of_packaged(Dataset.discrepancies)
sources = _of_packaged(Dataset.sources)
cited_by = _of_packaged(Dataset.cited_by)
follow = _of_packaged(Dataset.follow)
full_name = _of_packaged(Dataset.full_name)
