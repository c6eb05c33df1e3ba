"""The packaged dataset, loaded once on first use, and the functions that query it."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from ._files import load

if TYPE_CHECKING:
    from ._dataset import Dataset
    from ._model import Engagement, Entity, Event, Organisation, Participant, Person, Source
    from ._vocabulary import Role, Theme

__all__ = [
    "cited_by",
    "dataset",
    "engagements",
    "events",
    "get",
    "lookup",
    "organisation",
    "organisations",
    "sources",
]

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


def lookup(name: str) -> Entity:
    """Return the packaged entity with id or name *name*; see `Dataset.lookup`.

    Args:
        name: an id, a name, an acronym, a former name or another spelling; case,
            spacing and the kind of apostrophe do not matter.

    Returns:
        The one entity, of any kind, with that id or name.

    Raises:
        UnknownNameError: no entity has that id or name; the message suggests close ones.
        ArgumentTypeError: *name* is not a string.

    >>> import nzcoop
    >>> nzcoop.lookup("Five Country Conference").name
    'Migration Five'
    """
    return dataset().lookup(name)


def get(name: str) -> Entity | None:
    """Return the packaged entity with id or name *name*, or None; see `Dataset.get`.

    Args:
        name: an id or any name of the entity, as `lookup` takes it.

    Returns:
        The entity, or None when nothing has that id or name.

    >>> import nzcoop
    >>> nzcoop.get("IOM").name
    'International Organization for Migration'
    """
    return dataset().get(name)


def organisation(name: str) -> Organisation:
    """Return the packaged organisation with id or name *name*; see `Dataset.organisation`.

    Args:
        name: the organisation's id, name, acronym, former name or another spelling.

    Returns:
        The `Organisation`.

    Raises:
        UnknownNameError: no organisation has that id or name.

    >>> import nzcoop
    >>> nzcoop.organisation("M5").names[0].value
    'M5'
    """
    return dataset().organisation(name)


def organisations(
    *,
    role: Role | str | None = None,
    theme: Theme | str | None = None,
    year: int | None = None,
    participant: str | Participant | Organisation | Person | None = "New Zealand",
) -> tuple[Organisation, ...]:
    """Return the packaged organisations matching every filter; see `Dataset.organisations`.

    Args:
        role: only organisations in which *participant* holds this role.
        theme: only organisations dealing with this theme.
        year: only organisations in which *participant* was engaged that year.
        participant: whose engagements *role* and *year* look at; New Zealand unless
            another is named, None for anyone.

    Returns:
        The matching organisations, sorted by name.

    Raises:
        ArgumentTypeError: a filter has the wrong type.
        InvalidArgumentError: *role* or *theme* is not in its vocabulary.
        UnknownNameError: *participant* names nothing that can hold a role.

    >>> import nzcoop
    >>> [o.name for o in nzcoop.organisations(role="funder")]
    ['UN Action for Cooperation Against Trafficking in Persons']
    """
    return dataset().organisations(role=role, theme=theme, year=year, participant=participant)


def engagements(
    *,
    organisation: str | Organisation | None = None,
    participant: str | Participant | Organisation | Person | None = None,
    role: Role | str | None = None,
    theme: Theme | str | None = None,
    year: int | None = None,
) -> tuple[Engagement, ...]:
    """Return the packaged engagements matching every filter; see `Dataset.engagements`.

    Args:
        organisation: only engagements in this organisation or a body inside it.
        participant: only engagements of this participant, organisation or person.
        role: only engagements in this role.
        theme: only engagements whose organisation, instrument or event has this theme.
        year: only engagements the documents show held that year.

    Returns:
        The matching engagements, sorted by id.

    Raises:
        ArgumentTypeError: a filter has the wrong type (a bool is not a year).
        InvalidArgumentError: *role* or *theme* is not in its vocabulary.
        UnknownNameError: *organisation* or *participant* names nothing of that kind.

    >>> import nzcoop
    >>> [e.alongside for e in nzcoop.engagements(
    ...     participant="New Zealand", role="co-chair", organisation="Bali Process")]
    [('viet-nam',), ('australia',)]
    """
    return dataset().engagements(
        organisation=organisation, participant=participant, role=role, theme=theme, year=year
    )


def events(
    *,
    organisation: str | Organisation | None = None,
    theme: Theme | str | None = None,
    year: int | None = None,
) -> tuple[Event, ...]:
    """Return the packaged events matching every filter; see `Dataset.events`.

    Args:
        organisation: only events of this organisation or a body inside it.
        theme: only events dealing with this theme.
        year: only events whose dates fall in or span this year.

    Returns:
        The matching events in date order, undated ones last.

    Raises:
        ArgumentTypeError: a filter has the wrong type.
        InvalidArgumentError: *theme* is not in its vocabulary.
        UnknownNameError: *organisation* names no organisation.

    >>> import nzcoop
    >>> [e.place for e in nzcoop.events(year=2013)]
    ['auckland']
    """
    return dataset().events(organisation=organisation, theme=theme, year=year)


def sources() -> tuple[Source, ...]:
    """Return the packaged source documents; see `Dataset.sources`.

    Returns:
        The `Source` records of the five documents, in data-file order.

    >>> import nzcoop
    >>> len(nzcoop.sources())
    5
    """
    return dataset().sources()


def cited_by(source: str | Source) -> tuple[Entity, ...]:
    """Return every packaged record citing the document *source*; see `Dataset.cited_by`.

    Args:
        source: a `Source`, or its id or any of its names.

    Returns:
        The records whose citations name *source*, kind by kind.

    Raises:
        UnknownNameError: *source* names no source document.

    >>> import nzcoop
    >>> "iom" in [r.id for r in nzcoop.cited_by("release-2003-06-17")]
    True
    """
    return dataset().cited_by(source)
