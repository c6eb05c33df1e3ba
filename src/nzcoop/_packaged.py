"""The packaged dataset, loaded once on first use, and the functions that query it."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from ._files import load

if TYPE_CHECKING:
    from ._dataset import Dataset
    from ._model import (
        Engagement,
        Entity,
        Event,
        Figure,
        Instrument,
        Organisation,
        Outcome,
        Participant,
        Person,
        Place,
        Presentation,
        Region,
        Service,
        Source,
        Term,
    )
    from ._vocabulary import InstrumentKind, OutcomeKind, PlaceKind, Role, Theme

__all__ = [
    "cited_by",
    "dataset",
    "engagements",
    "events",
    "figures",
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
            spacing, dashes, apostrophes, punctuation, a leading "the", honorifics and
            British or American spelling do not matter. A country's ISO codes, a
            person's surname, and a body's name with the name of one around it work too.

    Returns:
        The one entity, of any kind, with that id or name.

    Raises:
        UnknownNameError: no entity has that id or name; the message suggests close ones.
        ArgumentTypeError: *name* is not a string.

    >>> import nzcoop
    >>> nzcoop.lookup("Five Country Conference").name
    'Migration Five'
    >>> nzcoop.lookup("the Pacific Immigration Directors Conference").id
    'pidc'
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
    area: str | Region | Participant | None = None,
    participant: str | Participant | Organisation | Person | None = "New Zealand",
    standing: bool | None = None,
) -> tuple[Organisation, ...]:
    """Return the packaged organisations matching every filter; see `Dataset.organisations`.

    Args:
        role: only organisations in which *participant* holds this role.
        theme: only organisations dealing with this theme.
        year: only organisations in which *participant* was engaged that year.
        area: only organisations whose work covers this region or participant.
        participant: whose engagements *role* and *year* look at; New Zealand unless
            another is named, None for anyone.
        standing: only standing engagements (``True``), only those held at one event
            (``False``), or either (``None``).

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
    return dataset().organisations(
        role=role, theme=theme, year=year, area=area, participant=participant, standing=standing
    )


def engagements(
    *,
    organisation: str | Organisation | None = None,
    participant: str | Participant | Organisation | Person | None = None,
    role: Role | str | None = None,
    theme: Theme | str | None = None,
    year: int | None = None,
    standing: bool | None = None,
    target: str | Organisation | Instrument | Event | None = None,
) -> tuple[Engagement, ...]:
    """Return the packaged engagements matching every filter; see `Dataset.engagements`.

    Args:
        organisation: only engagements in this organisation or a body inside it.
        target: only engagements held in this organisation, instrument or event itself.
        participant: only engagements of this participant, organisation or person.
        role: only engagements in this role.
        theme: only engagements whose organisation, instrument or event has this theme.
        year: only engagements the documents show held that year.
        standing: only standing roles (``True``), only roles held at one event
            (``False``), or either (``None``).

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
    >>> [e.participant for e in nzcoop.engagements(
    ...     target="tewg-meeting-2013-auckland", role="additional-attendee")]
    ['bali-process-rso', 'canada']
    """
    return dataset().engagements(
        organisation=organisation,
        participant=participant,
        role=role,
        theme=theme,
        year=year,
        standing=standing,
        target=target,
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


def presentations(
    *,
    event: str | Event | None = None,
    presenter: str | Participant | Organisation | Person | None = None,
    subject: str | Entity | None = None,
) -> tuple[Presentation, ...]:
    """Return the packaged presentations matching every filter; see `Dataset.presentations`.

    Args:
        event: only presentations given at this event.
        presenter: only presentations this participant, organisation or person gave.
        subject: only presentations about this record.

    Returns:
        The matching presentations, in the order the documents report them.

    Raises:
        ArgumentTypeError: a filter has the wrong type.
        UnknownNameError: a filter names nothing of the kind it takes.

    >>> import nzcoop
    >>> [p.kind.value for p in nzcoop.presentations(presenter="Australia")]
    ['statement', 'case-study']
    """
    return dataset().presentations(event=event, presenter=presenter, subject=subject)


def outcomes(
    *,
    event: str | Event | None = None,
    kind: OutcomeKind | str | None = None,
    subject: str | Entity | None = None,
) -> tuple[Outcome, ...]:
    """Return the packaged outcomes of meetings matching every filter; see `Dataset.outcomes`.

    Args:
        event: only the outcomes of this event.
        kind: only outcomes of this kind (``"agreed"``, ``"encouraged"`` and so on).
        subject: only outcomes that concern this record.

    Returns:
        The matching outcomes, in the order the documents report them.

    Raises:
        ArgumentTypeError: a filter has the wrong type.
        InvalidArgumentError: *kind* is not an `OutcomeKind`.
        UnknownNameError: a filter names nothing of the kind it takes.

    >>> import nzcoop
    >>> [o.kind.value for o in nzcoop.outcomes(subject="Bali Process Secure Web Portal")]
    ['discussed', 'agreed', 'encouraged']
    """
    return dataset().outcomes(event=event, kind=kind, subject=subject)


def services(
    *,
    provider: str | Participant | Organisation | Person | None = None,
    recipient: str | Participant | Organisation | Person | None = None,
) -> tuple[Service, ...]:
    """Return the packaged services one party provides another; see `Dataset.services`.

    Args:
        provider: only services this participant, organisation or person provides.
        recipient: only services provided for this one.

    Returns:
        The matching services, in the order of the data file.

    Raises:
        ArgumentTypeError: a filter has the wrong type.
        UnknownNameError: a filter names nothing that can provide or receive them.

    >>> import nzcoop
    >>> [s.name for s in nzcoop.services(provider="IOM", recipient="NZ")][-1]
    'Medical screening and document verification for New Zealand'
    """
    return dataset().services(provider=provider, recipient=recipient)


def instruments(
    *,
    theme: Theme | str | None = None,
    kind: InstrumentKind | str | None = None,
    owner: str | Organisation | Participant | None = None,
    participant: str | Participant | Organisation | Person | None = None,
    role: Role | str | None = None,
) -> tuple[Instrument, ...]:
    """Return the packaged instruments matching every filter; see `Dataset.instruments`.

    Args:
        theme: only instruments that deal with this theme.
        kind: only instruments of this kind (``"convention"``, ``"strategy"`` and so on).
        owner: only the instruments of this organisation or participant.
        participant: only instruments in which this participant, organisation or person
            holds a role (with *role*, that role).
        role: only instruments in which someone (*participant*, if named) holds this role.

    Returns:
        The matching instruments, in the order of the data file.

    Raises:
        ArgumentTypeError: a filter has the wrong type.
        InvalidArgumentError: *theme*, *kind* or *role* is not in its vocabulary.
        UnknownNameError: *owner* or *participant* names nothing of the kind it takes.

    >>> import nzcoop
    >>> for strategy in nzcoop.instruments(kind="strategy", owner="New Zealand"):
    ...     print(strategy.name)
    Maritime Security Strategy
    strategy
    Transnational Organised Crime Strategy
    """
    return dataset().instruments(
        theme=theme, kind=kind, owner=owner, participant=participant, role=role
    )


def terms(
    *,
    theme: Theme | str | None = None,
    defined_by: str | Organisation | None = None,
) -> tuple[Term, ...]:
    """Return the packaged defined terms matching every filter; see `Dataset.terms`.

    Args:
        theme: only the term that names this theme (``people smuggling``).
        defined_by: only terms whose definition is this organisation's.

    Returns:
        The matching terms, in the order of the data file.

    Raises:
        ArgumentTypeError: a filter has the wrong type.
        InvalidArgumentError: *theme* is not a `Theme`.
        UnknownNameError: *defined_by* names no organisation.

    >>> import nzcoop
    >>> [t.names[0].value for t in nzcoop.terms(theme="people smuggling")]
    ['migrant smuggling']
    """
    return dataset().terms(theme=theme, defined_by=defined_by)


def people(
    *,
    within: str | Organisation | Participant | None = None,
    year: int | None = None,
) -> tuple[Person, ...]:
    """Return the packaged people matching every filter; see `Dataset.people`.

    Args:
        within: only people who held an office in this participant, or in this
            organisation or a body inside it.
        year: only people shown in an office in this year (with *within*, there).

    Returns:
        The matching people, in the order of the data file.

    Raises:
        ArgumentTypeError: a filter has the wrong type.
        UnknownNameError: *within* names no organisation or participant.

    >>> import nzcoop
    >>> [p.name for p in nzcoop.people(year=2007)]
    ['David Cunliffe']
    """
    return dataset().people(within=within, year=year)


def places(
    *,
    country: str | Participant | None = None,
    kind: PlaceKind | str | None = None,
) -> tuple[Place, ...]:
    """Return the packaged places matching every filter; see `Dataset.places`.

    Args:
        country: only places the documents put in this participant.
        kind: only places of this kind (``"city"`` or ``"island"``).

    Returns:
        The matching places, in the order of the data file.

    Raises:
        ArgumentTypeError: a filter has the wrong type.
        InvalidArgumentError: *kind* is not a `PlaceKind`.
        UnknownNameError: *country* names no participant.

    >>> import nzcoop
    >>> [p.name for p in nzcoop.places(kind="city")]
    ['Auckland', 'Bangkok', 'Geneva', 'Wellington']
    """
    return dataset().places(country=country, kind=kind)


def figures(
    *,
    subject: str | Entity | None = None,
    role: Role | str | None = None,
    year: int | None = None,
) -> tuple[Figure, ...]:
    """Return the packaged figures matching every filter; see `Dataset.figures`.

    Args:
        subject: only figures about this record.
        role: only figures that count holders of this role.
        year: only figures stated for this year.

    Returns:
        The matching figures, in the order of the data file.

    Raises:
        ArgumentTypeError: a filter has the wrong type.
        InvalidArgumentError: *role* is not a `Role`.
        UnknownNameError: *subject* names nothing.

    >>> import nzcoop
    >>> [(f.value, f.comparison.value) for f in nzcoop.figures(subject="ICAO")]
    [(193, 'exactly')]
    """
    return dataset().figures(subject=subject, role=role, year=year)
