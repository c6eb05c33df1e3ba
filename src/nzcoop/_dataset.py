"""`Dataset`: a checked, immutable set of records, and the queries over it."""

from __future__ import annotations

import json
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import chain
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import attrs

from ._arguments import coerce_enum, coerce_flag, coerce_years
from ._checks import not_unicode, problems, type_problems
from ._dates import Years
from ._errors import (
    ArgumentTypeError,
    Found,
    InvalidArgumentError,
    Problem,
    UnknownNameError,
    shown,
)
from ._index import Index, Positions
from ._model import (
    RECORD_CLASSES,
    RECORD_KINDS,
    STEMS,
    Discrepancy,
    Engagement,
    Entity,
    Event,
    Figure,
    Instrument,
    OneReference,
    Organisation,
    Outcome,
    Participant,
    Person,
    Place,
    Presentation,
    References,
    Region,
    Service,
    Source,
    Term,
    describe_kinds,
    kind_of,
)
from ._names import Names, find, name_key, resolve, resolve_id, spellings
from ._vocabulary import InstrumentKind, NameKind, OutcomeKind, PlaceKind, Role, Theme

if TYPE_CHECKING:
    from ._diff import Diff

__all__ = ["Dataset"]

_T = TypeVar("_T")
_R = TypeVar("_R")
_HOLDERS = (Participant, Organisation, Person)
_TARGETS = (Organisation, Instrument, Event)
Records = tuple[tuple[Entity, ...], ...]
"""A dataset's records: one tuple for each kind of `RECORD_KINDS`, in that order."""


@attrs.frozen(init=False, repr=False)
class Dataset:
    """A checked, immutable set of records, with the queries over them.

    Build one from records of any kind (it is checked as a whole, and `DatasetError`
    lists every problem, an object that is not a record or a field holding a value of
    another type among them), or get the packaged one with `nzcoop.dataset()`. It holds
    only tuples of frozen records, so nothing a caller holds can change what later
    queries return.

    >>> import nzcoop
    >>> data = nzcoop.dataset()
    >>> data.organisation("Five Country Conference").name
    'Migration Five'
    >>> mine = Dataset([data.sources()[0], data.organisation("M5")], release="mine")
    >>> [o.name for o in mine.organisations(participant=None)]
    ['Migration Five']

    Args:
        records: the records, of any kinds, in any order; each kind keeps its order.
        release: the version of the data.

    Raises:
        DatasetError: *records* is not an iterable of records, *release* is not a
            string, or the records break a rule of a dataset (an id used twice, a
            reference that names nothing, text that is not valid Unicode); its
            ``problems`` name each, at the place the record would have in its data
            file (``organisations[3].parent``).

    >>> try:
    ...     Dataset(None)
    ... except nzcoop.DatasetError as error:
    ...     print(error.problems[0].message)
    records must be an iterable of records, not NoneType
    """

    release: str
    """The version of the data, kept in the data itself (``release.json``)."""
    _records: Records
    _names: Names = attrs.field(eq=False)
    _index: Index = attrs.field(eq=False)
    _answers: Answers = attrs.field(eq=False)
    _digest: str = attrs.field(eq=False, default="")

    def __init__(self, records: Iterable[Entity] = (), *, release: str = "") -> None:
        given: object = release  # checked at run time for untyped callers
        found = Found()
        if not isinstance(given, str):
            message = f"expected a string, found {type(given).__name__}"
            found.add(Problem("release.json", "release", message))
            release = ""
        elif (why := not_unicode(release)) is not None:
            found.add(Problem("release.json", "release", f"is not Unicode text: {why}"))
        groups = _grouped(records, found)
        if not found:
            found.extend(type_problems(groups))
        if found:
            raise found.error()
        self.__attrs_init__(*_built(release, groups))

    @classmethod
    def _checked(
        cls,
        release: str,
        records: Records,
        found: Found | None = None,
        unread: frozenset[str] = frozenset(),
    ) -> Dataset:
        """Return the dataset of *records*, whose fields are known to hold their types.

        Raises `DatasetError` with what *found* holds (the problems already found in
        reading them) and the problems the checks find, unless there are none.
        """
        dataset = cls.__new__(cls)
        dataset.__attrs_init__(*_built(release, records, found, unread))
        return dataset

    @classmethod
    def _from_documents(
        cls, documents: Mapping[str, object], found: Found | None = None
    ) -> Dataset:
        """Structure and check the parsed data files *documents*, keyed by stem.

        Problems go into *found*, with those already there (a `Found` of its own if None).
        """
        from ._convert import structure

        found = Found() if found is None else found
        read = structure(documents, found)
        return cls._checked(read.release, read.records, found, read.unread)

    def __repr__(self) -> str:
        return f"<Dataset release={self.release!r} records={sum(map(len, self._records))}>"

    @typing.overload
    def records(self, kind: Literal["sources"]) -> tuple[Source, ...]: ...
    @typing.overload
    def records(self, kind: Literal["places"]) -> tuple[Place, ...]: ...
    @typing.overload
    def records(self, kind: Literal["regions"]) -> tuple[Region, ...]: ...
    @typing.overload
    def records(self, kind: Literal["participants"]) -> tuple[Participant, ...]: ...
    @typing.overload
    def records(self, kind: Literal["organisations"]) -> tuple[Organisation, ...]: ...
    @typing.overload
    def records(self, kind: Literal["people"]) -> tuple[Person, ...]: ...
    @typing.overload
    def records(self, kind: Literal["instruments"]) -> tuple[Instrument, ...]: ...
    @typing.overload
    def records(self, kind: Literal["events"]) -> tuple[Event, ...]: ...
    @typing.overload
    def records(self, kind: Literal["engagements"]) -> tuple[Engagement, ...]: ...
    @typing.overload
    def records(self, kind: Literal["presentations"]) -> tuple[Presentation, ...]: ...
    @typing.overload
    def records(self, kind: Literal["outcomes"]) -> tuple[Outcome, ...]: ...
    @typing.overload
    def records(self, kind: Literal["services"]) -> tuple[Service, ...]: ...
    @typing.overload
    def records(self, kind: Literal["terms"]) -> tuple[Term, ...]: ...
    @typing.overload
    def records(self, kind: Literal["figures"]) -> tuple[Figure, ...]: ...
    @typing.overload
    def records(self, kind: Literal["discrepancies"]) -> tuple[Discrepancy, ...]: ...
    @typing.overload
    def records(self, kind: str) -> tuple[Entity, ...]: ...
    def records(self, kind: str) -> tuple[Entity, ...]:
        """Return the records of one *kind*, named as its data file is (``"events"``).

        Args:
            kind: ``"sources"``, ``"places"``, ``"regions"``, ``"participants"``,
                ``"organisations"``, ``"people"``, ``"instruments"``, ``"events"``,
                ``"engagements"``, ``"presentations"``, ``"outcomes"``, ``"services"``,
                ``"terms"``, ``"figures"`` or ``"discrepancies"``.

        Returns:
            The records of that kind, in data-file order.

        Raises:
            InvalidArgumentError: *kind* is not one of those.

        >>> import nzcoop
        >>> len(nzcoop.dataset().records("sources"))
        5
        """
        if kind in STEMS:
            return self._records[STEMS.index(kind)]
        valid = ", ".join(STEMS)
        raise InvalidArgumentError(f"unknown record kind {shown(kind)}; expected one of: {valid}")

    def entities(self) -> tuple[Entity, ...]:
        """Return every record of every kind, kind by kind in data-file order.

        Returns:
            Every record, kind by kind in the order `records` lists the kinds: sources
            first, discrepancies last.

        >>> import nzcoop
        >>> all(entity.id for entity in nzcoop.dataset().entities())
        True
        """
        return tuple(chain.from_iterable(self._records))

    @property
    def digest(self) -> str:
        """A SHA-256 digest of the dataset's content, to cite exactly which data was used.

        Two datasets with equal records have the same digest, however they were loaded.

        >>> import nzcoop
        >>> nzcoop.dataset().digest.startswith("sha256:")
        True
        """
        if not self._digest:  # computed on first use, then kept
            import hashlib

            from ._convert import unstructure

            documents = unstructure(self.release, self._records)
            text = json.dumps(documents, sort_keys=True, ensure_ascii=False)
            digest = "sha256:" + hashlib.sha256(text.encode()).hexdigest()
            object.__setattr__(self, "_digest", digest)
        return self._digest

    # -- lookups -------------------------------------------------------------------------

    def lookup(self, name: str) -> Entity:
        """Return the entity with id or name *name*.

        Names are compared folded (see :doc:`data`): case, spaces, dashes, slashes,
        apostrophes, punctuation, Unicode forms, a leading "the", honorifics and
        British or American spelling do not matter. A country is found by its ISO
        3166-1 codes too, a person by their surname, and a body by its name with the
        name of one it sits inside (``Bali Process Ad Hoc Group``).

        Args:
            name: an id, a name, an acronym, a former name or another spelling.

        Returns:
            The one entity of any kind that has that id or name.

        Raises:
            UnknownNameError: no entity has that id or name; the message suggests close
                ones (by their words, their spelling and their acronyms).
            ArgumentTypeError: *name* is not a string.

        >>> import nzcoop
        >>> data = nzcoop.dataset()
        >>> data.lookup("five country conference").id
        'm5'
        >>> data.lookup("The International Organisation for Migration").id
        'iom'
        >>> data.lookup("Bali Process Ad Hoc Group").name, data.lookup("USA").name
        ('Ad Hoc Group', 'United States of America')
        """
        entity: Entity = resolve(self._names, name, RECORD_CLASSES, "name")
        return entity

    def get(self, name: str) -> Entity | None:
        """Return the entity with id or name *name*, or None when there is none.

        Nothing is suggested, so a name that names nothing costs no more than one that
        names something.

        Args:
            name: an id or any name of the entity, as `lookup` takes it.

        Returns:
            The entity, or None.

        Raises:
            ArgumentTypeError: *name* is not a string.

        >>> import nzcoop
        >>> nzcoop.dataset().get("no such body") is None
        True
        """
        entity: Entity | None = find(self._names, name, RECORD_CLASSES, "name")
        return entity

    def organisation(self, name: str) -> Organisation:
        """Return the organisation with id or name *name* (as `lookup` matches names).

        Args:
            name: the organisation's id, name, acronym, former name or other spelling.

        Returns:
            The `Organisation`.

        Raises:
            UnknownNameError: no organisation has that id or name.

        >>> import nzcoop
        >>> nzcoop.dataset().organisation("PIDC").name
        'Pacific Immigration Development Community'
        """
        return resolve(self._names, name, (Organisation,), "organisation")

    def sources(self) -> tuple[Source, ...]:
        """Return the source documents, in data-file order.

        Returns:
            The `Source` records.

        >>> import nzcoop
        >>> [s.date.year for s in nzcoop.dataset().sources() if s.date]
        [2003, 2007]
        """
        return self._ordered(Source)

    def cited_by(self, source: str | Source) -> tuple[Entity, ...]:
        """Return every record that cites the document *source*, kind by kind.

        Args:
            source: a `Source`, or its id or any of its names.

        Returns:
            The records whose citations (a person's offices' included) name *source*,
            in the order of `Dataset.entities`.

        Raises:
            UnknownNameError: *source* names no source document.

        >>> import nzcoop
        >>> {type(r).__name__ for r in nzcoop.dataset().cited_by("release-2003-06-17")} >= {
        ...     "Organisation", "Event", "Person"}
        True
        """
        found: Source = resolve(self._names, source, (Source,), "source")
        return self._index.citing(found.id)

    @typing.overload
    def follow(self, record: object, field: OneReference) -> Entity | None: ...
    @typing.overload
    def follow(self, record: object, field: References) -> tuple[Entity, ...]: ...
    def follow(self, record: object, field: str) -> Entity | tuple[Entity, ...] | None:
        """Return the record, or records, that a reference field of *record* names.

        A reference field holds an id (``target``, ``owner``, ``parent``) or a tuple of
        ids (``parts``, ``alongside``); this returns the record with that id, None for a
        field that holds None, or the records, in the field's order. *record* may be a
        record inside another (an `Office`'s ``within``, a `Citation`'s ``source``).

        Args:
            record: a record of this dataset, or a record inside one.
            field: the name of one of its reference fields.

        Returns:
            The record the field names, or None; for a field of several ids, a tuple.

        Raises:
            ArgumentTypeError: *record* is not a record, or *field* not a string.
            InvalidArgumentError: *field* is not a reference field of *record*'s class;
                the message lists those it has.
            UnknownNameError: *record* is an entity of another dataset, or a record
                inside one whose field names an id this dataset does not hold.

        >>> import nzcoop
        >>> data = nzcoop.dataset()
        >>> data.follow(data.lookup("new-zealand--member--iom"), "target").name
        'International Organization for Migration'
        >>> mekong = data.lookup("Greater Mekong sub-region")
        >>> [part.name for part in data.follow(mekong, "parts")]
        ['Cambodia', 'Laos', 'Myanmar', 'Thailand', 'Viet Nam', 'Yunnan']
        """
        try:
            kind = kind_of(type(record))
        except KeyError:
            message = f"record must be a record, not {type(record).__name__} ({shown(record)})"
            raise ArgumentTypeError(message) from None
        given: object = field  # checked at run time for untyped callers
        targets = dict(kind.references)
        if not isinstance(given, str):
            message = (
                f"field must be the name of a reference field ({', '.join(targets)}), "
                f"not {type(given).__name__} ({shown(given)})"
            )
            raise ArgumentTypeError(message)
        if field not in targets:
            valid = ", ".join(targets) or "none"
            message = (
                f"{kind.cls.__name__} has no reference field {shown(field)}; "
                f"its reference fields: {valid}"
            )
            raise InvalidArgumentError(message)
        if kind.stem is not None:
            resolve(self._names, record, (kind.cls,), "record")
        value = getattr(record, field)
        if isinstance(value, tuple):
            return tuple(self._held(kind.cls, field, id_) for id_ in value)
        return None if value is None else self._held(kind.cls, field, value)

    def _held(self, cls: type, field: str, id_: str) -> Entity:
        """Return the record with *id_*, which *cls*'s reference *field* names."""
        try:
            return self._names.by_id[id_]
        except KeyError:
            message = f"{cls.__name__}.{field} names {shown(id_)}, which is no record here"
            raise UnknownNameError(message, id_, ()) from None

    def full_name(self, entity: str | Entity) -> str:
        """Return *entity*'s name after the names of the bodies it sits inside.

        A body inside another is named as the documents name it, without its parent
        (``Ad Hoc Group``); listed beside others, it reads better with it. Each body
        around it is named by its short name or else its acronym, where it has one.
        Other records keep their name.

        Args:
            entity: an entity of this dataset, or its id or any of its names.

        Returns:
            Its name, after each parent's from the outermost, each joined to the next
            by ``›`` with a space on each side.

        Raises:
            ArgumentTypeError: *entity* is neither a record nor a string.
            UnknownNameError: *entity* names nothing, or is not a record of this dataset.

        >>> import nzcoop
        >>> data = nzcoop.dataset()
        >>> data.full_name(data.lookup("bali-process-ad-hoc-group"))
        'Bali Process › Ad Hoc Group'
        >>> data.full_name(data.lookup("iom-regional-office-bangkok"))
        'IOM › Regional Office Bangkok'
        >>> data.full_name(data.lookup("New Zealand"))
        'New Zealand'
        """
        found: Entity = resolve(self._names, entity, RECORD_CLASSES, "entity")
        names = [found.name]
        body = found
        while isinstance(body, Organisation) and body.parent is not None:
            body = typing.cast("Organisation", self._names.by_id[body.parent])  # checked
            names.append(_brief(body))
        return " \u203a ".join(reversed(names))

    # -- filtered queries ----------------------------------------------------------------

    def organisations(
        self,
        *,
        participant: str | Participant | Organisation | Person | None = None,
        role: Role | str | None = None,
        theme: Theme | str | None = None,
        year: int | None = None,
        years: tuple[int | None, int | None] | None = None,
        area: str | Region | Participant | None = None,
        standing: bool | None = True,
    ) -> tuple[Organisation, ...]:
        """Return the organisations that match every filter given, ordered by name.

        With no filter, that is every organisation. The most common question, which
        organisations New Zealand works in, names it:
        ``organisations(participant="New Zealand")``.

        Args:
            participant: only organisations in which this participant, organisation or
                person holds a role (with *role*, that role; with *year*, then).
            role: only organisations in which someone (*participant*, if named) holds
                this role.
            theme: only organisations that deal with this theme.
            year: only organisations in which someone (*participant*, if named) was
                engaged in this year, by the year rules of `engagements`.
            years: the same for a range of years, the first to the last of this pair,
                inclusive; either may be None, an open end (``(2003, None)``: 2003 on).
            area: only organisations whose work the documents say covers this region or
                participant.
            standing: which engagements *participant*, *role* and *years* look at: the
                standing ones, held in the organisation itself (``True``, the default);
                those held at one of its events, a meeting say (``False``); or either
                (``None``). A role held at one meeting is not a role in the body, so it
                counts only when asked for: New Zealand co-chaired one meeting of the
                Technical Experts Working Group, which ``role="co-chair"`` does not
                find, and ``role="co-chair", standing=None`` does.

        Returns:
            A tuple of `Organisation`, sorted by name (case-insensitively), then id.

        Raises:
            ArgumentTypeError: a filter has the wrong type.
            InvalidArgumentError: *role* or *theme* is not in its vocabulary, *year* and
                *years* are both given, or *years* ends before it begins.
            UnknownNameError: *participant* names nothing that can hold a role.

        >>> import nzcoop
        >>> data = nzcoop.dataset()
        >>> len(data.organisations(participant="New Zealand")) < len(data.organisations())
        True
        >>> [o.name for o in data.organisations(role="secretariat")]
        ['Migration Five']
        """
        role_ = coerce_enum(role, Role, "role")
        theme_ = coerce_enum(theme, Theme, "theme")
        years_ = coerce_years(year, years)
        area_ = resolve_id(self._names, area, (Region, Participant), "area")
        holder = resolve_id(self._names, participant, _HOLDERS, "participant")
        standing_ = coerce_flag(standing, "standing")
        return self._memoised(
            ("organisations", role_, theme_, years_, area_, holder, standing_),
            lambda: self._select_organisations(
                role=role_,
                theme=theme_,
                years=years_,
                area=area_,
                holder=holder,
                standing=standing_,
            ),
        )

    def _select_organisations(
        self,
        role: Role | None,
        theme: Theme | None,
        years: Years | None,
        area: str | None,
        holder: str | None,
        standing: bool | None,
    ) -> tuple[Organisation, ...]:
        index = self._index
        selected: list[Positions | None] = [
            _get(index.grouped(Organisation, "themes"), theme),
            _get(index.grouped(Organisation, "area"), area),
        ]
        if holder is not None or role is not None or years is not None:
            engaged = _intersect(
                [
                    _get(index.grouped(Engagement, "participant"), holder),
                    _get(index.grouped(Engagement, "role"), role),
                    _years(index.engagements_in, years),
                    _get(index.engagement_by_standing, standing),
                ]
            )
            held_in = chain.from_iterable(index.engagement_orgs[i] for i in engaged or ())
            selected.append(tuple(sorted({index.organisation_position[org] for org in held_in})))
        return _pick(self._ordered(Organisation), _intersect(selected))

    def engagements(
        self,
        *,
        organisation: str | Organisation | None = None,
        participant: str | Participant | Organisation | Person | None = None,
        role: Role | str | None = None,
        theme: Theme | str | None = None,
        year: int | None = None,
        years: tuple[int | None, int | None] | None = None,
        standing: bool | None = None,
        target: str | Organisation | Instrument | Event | None = None,
    ) -> tuple[Engagement, ...]:
        """Return the engagements that match every filter given, ordered by id.

        Args:
            organisation: only engagements held in this organisation or any body inside
                it, or in an event that belongs to one of them.
            target: only engagements held in this organisation, instrument or event
                itself (who attended a meeting, who is party to a convention).
            participant: only engagements of this participant, organisation or person.
            role: only engagements in this role.
            theme: only engagements whose organisation, instrument or event deals with
                this theme.
            year: only engagements the documents show held in this year. An engagement
                runs from ``since`` to ``until`` where both are given; an open end runs
                to the last year a dated document (or the engagement's event) shows it,
                and an open start from the first such year; with neither, only the years
                so shown match. A year the documents say nothing about matches nothing.
            years: only engagements held in a year of a range, by the same rules: the
                first to the last year of this pair, inclusive; either may be None, an
                open end (``(2003, None)``: 2003 on).
            standing: ``True`` for standing roles only (held in an organisation or an
                instrument), ``False`` for roles held at one event only (a meeting's
                co-chairs), ``None`` for both.

        Returns:
            A tuple of `Engagement`, sorted by id (participant, then role, then target).

        Raises:
            ArgumentTypeError: a filter has the wrong type (a bool is not a year).
            InvalidArgumentError: *role* or *theme* is not in its vocabulary, *year* and
                *years* are both given, or *years* ends before it begins.
            UnknownNameError: *organisation*, *target* or *participant* names nothing of
                that kind.

        >>> import nzcoop
        >>> data = nzcoop.dataset()
        >>> [e.participant for e in data.engagements(
        ...     organisation="Bali Process", role="co-chair", year=2013)]
        ['australia', 'new-zealand']
        >>> [e.participant for e in data.engagements(target="Palermo Protocols")]
        ['new-zealand']
        """
        org = resolve_id(self._names, organisation, (Organisation,), "organisation")
        held_in = resolve_id(self._names, target, _TARGETS, "target")
        holder = resolve_id(self._names, participant, _HOLDERS, "participant")
        role_ = coerce_enum(role, Role, "role")
        theme_ = coerce_enum(theme, Theme, "theme")
        years_ = coerce_years(year, years)
        standing_ = coerce_flag(standing, "standing")
        index = self._index
        return self._memoised(
            ("engagements", org, held_in, holder, role_, theme_, years_, standing_),
            lambda: _pick(
                self._ordered(Engagement),
                _intersect(
                    [
                        self._within(org, index.engagement_by_org),
                        _get(index.grouped(Engagement, "target"), held_in),
                        _get(index.grouped(Engagement, "participant"), holder),
                        _get(index.grouped(Engagement, "role"), role_),
                        _get(index.engagement_by_theme, theme_),
                        _years(index.engagements_in, years_),
                        _get(index.engagement_by_standing, standing_),
                    ]
                ),
            ),
        )

    def events(
        self,
        *,
        organisation: str | Organisation | None = None,
        theme: Theme | str | None = None,
        year: int | None = None,
        years: tuple[int | None, int | None] | None = None,
    ) -> tuple[Event, ...]:
        """Return the events that match every filter given, in date order.

        Args:
            organisation: only events that belong to this organisation or a body inside it.
            theme: only events that deal with this theme.
            year: only events whose dates fall in, or span, this year. An event dated
                only by a bound (before a date, or from one) is in that bound's year;
                an undated event is in none.
            years: only events whose dates fall in or span a year of a range: the first
                to the last year of this pair, inclusive; either may be None, an open
                end (``(2003, None)``: 2003 on).

        Returns:
            A tuple of `Event`, sorted by start date (undated events last), then id.

        Raises:
            ArgumentTypeError: a filter has the wrong type.
            InvalidArgumentError: *theme* is not in its vocabulary, *year* and *years*
                are both given, or *years* ends before it begins.
            UnknownNameError: *organisation* names no organisation.

        >>> import nzcoop
        >>> [e.kind.value for e in nzcoop.dataset().events(year=2003)]
        ['meeting', 'accession', 'announcement', 'transfer']
        >>> [e.start.year for e in nzcoop.dataset().events(years=(2007, None))]
        [2007, 2007, 2013, 2014, 2024]
        """
        org = resolve_id(self._names, organisation, (Organisation,), "organisation")
        theme_ = coerce_enum(theme, Theme, "theme")
        years_ = coerce_years(year, years)
        index = self._index
        return self._memoised(
            ("events", org, theme_, years_),
            lambda: _pick(
                self._ordered(Event),
                _intersect(
                    [
                        self._within(org, index.grouped(Event, "organisations")),
                        _get(index.grouped(Event, "themes"), theme_),
                        _years(index.events_in, years_),
                    ]
                ),
            ),
        )

    def presentations(
        self,
        *,
        event: str | Event | None = None,
        presenter: str | Participant | Organisation | Person | None = None,
        subject: str | Entity | None = None,
    ) -> tuple[Presentation, ...]:
        """Return the presentations that match every filter given, in data-file order.

        Args:
            event: only presentations given at this event (a meeting).
            presenter: only presentations this participant, organisation or person gave
                (alone or with others).
            subject: only presentations about this record.

        Returns:
            A tuple of `Presentation`, in the order the documents report them.

        Raises:
            ArgumentTypeError: a filter has the wrong type.
            UnknownNameError: a filter names nothing of the kind it takes.

        >>> import nzcoop
        >>> (pidc,) = nzcoop.dataset().presentations(subject="PIDC")
        >>> pidc.kind.value, pidc.presenters
        ('case-study', ('new-zealand',))
        """
        filters = (
            ("event", resolve_id(self._names, event, (Event,), "event")),
            ("presenters", resolve_id(self._names, presenter, _HOLDERS, "presenter")),
            ("subjects", resolve_id(self._names, subject, RECORD_CLASSES, "subject")),
        )
        return self._select("presentations", Presentation, filters)

    def outcomes(
        self,
        *,
        event: str | Event | None = None,
        kind: OutcomeKind | str | None = None,
        subject: str | Entity | None = None,
    ) -> tuple[Outcome, ...]:
        """Return what meetings agreed, encouraged, approved or discussed, in data-file order.

        Args:
            event: only the outcomes of this event (a meeting).
            kind: only outcomes of this kind (``"agreed"``, ``"encouraged"`` and so on).
            subject: only outcomes that concern this record.

        Returns:
            A tuple of `Outcome`, in the order the documents report them.

        Raises:
            ArgumentTypeError: a filter has the wrong type.
            InvalidArgumentError: *kind* is not an `OutcomeKind`.
            UnknownNameError: a filter names nothing of the kind it takes.

        >>> import nzcoop
        >>> len(nzcoop.dataset().outcomes(kind="agreed", subject="Interpol"))
        1
        """
        filters = (
            ("event", resolve_id(self._names, event, (Event,), "event")),
            ("kind", coerce_enum(kind, OutcomeKind, "kind")),
            ("subjects", resolve_id(self._names, subject, RECORD_CLASSES, "subject")),
        )
        return self._select("outcomes", Outcome, filters)

    def services(
        self,
        *,
        provider: str | Participant | Organisation | Person | None = None,
        recipient: str | Participant | Organisation | Person | None = None,
    ) -> tuple[Service, ...]:
        """Return the services one party provides for another, in data-file order.

        Args:
            provider: only services this participant, organisation or person provides.
            recipient: only services provided for this one.

        Returns:
            A tuple of `Service`, in the order of the data file.

        Raises:
            ArgumentTypeError: a filter has the wrong type.
            UnknownNameError: a filter names nothing that can provide or receive them.

        >>> import nzcoop
        >>> [s.provider for s in nzcoop.dataset().services(recipient="New Zealand")]
        ['iom', 'iom']
        """
        filters = (
            ("provider", resolve_id(self._names, provider, _HOLDERS, "provider")),
            ("recipient", resolve_id(self._names, recipient, _HOLDERS, "recipient")),
        )
        return self._select("services", Service, filters)

    def instruments(
        self,
        *,
        theme: Theme | str | None = None,
        kind: InstrumentKind | str | None = None,
        owner: str | Organisation | Participant | None = None,
        participant: str | Participant | Organisation | Person | None = None,
        role: Role | str | None = None,
    ) -> tuple[Instrument, ...]:
        """Return the instruments that match every filter given, in data-file order.

        Args:
            theme: only instruments that deal with this theme.
            kind: only instruments of this kind (``"convention"``, ``"strategy"``...).
            owner: only the instruments of this organisation or participant.
            participant: only instruments in which this participant, organisation or
                person holds a role (with *role*, that role).
            role: only instruments in which someone (*participant*, if named) holds this
                role: ``"party"`` for the conventions and protocols it is party to.

        Returns:
            A tuple of `Instrument`, in the order of the data file.

        Raises:
            ArgumentTypeError: a filter has the wrong type.
            InvalidArgumentError: *theme*, *kind* or *role* is not in its vocabulary.
            UnknownNameError: *owner* or *participant* names nothing of the kind it takes.

        >>> import nzcoop
        >>> data = nzcoop.dataset()
        >>> [i.name for i in data.instruments(participant="New Zealand", role="party")]
        ['Convention Against Transnational Organised Crime', 'Palermo Protocols']
        >>> [i.name for i in data.instruments(theme="forced labour")]
        ['Plan of Action against Forced Labour, People Trafficking and Slavery']
        """
        filters = (
            ("themes", coerce_enum(theme, Theme, "theme")),
            ("kind", coerce_enum(kind, InstrumentKind, "kind")),
            ("owner", resolve_id(self._names, owner, (Organisation, Participant), "owner")),
        )
        holder = resolve_id(self._names, participant, _HOLDERS, "participant")
        role_ = coerce_enum(role, Role, "role")
        if holder is None and role_ is None:
            return self._select("instruments", Instrument, filters)
        return self._memoised(
            ("instruments", *filters, holder, role_),
            lambda: self._held_in(self._select("instruments", Instrument, filters), holder, role_),
        )

    def terms(
        self,
        *,
        theme: Theme | str | None = None,
        defined_by: str | Organisation | None = None,
    ) -> tuple[Term, ...]:
        """Return the defined terms that match every filter given, in data-file order.

        Args:
            theme: only the term that names this theme: one whose name, or other name,
                is the theme's, as names are compared (``people smuggling`` for
                `Theme.PEOPLE_SMUGGLING`).
            defined_by: only terms whose definition the documents give as this
                organisation's.

        Returns:
            A tuple of `Term`, in the order of the data file.

        Raises:
            ArgumentTypeError: a filter has the wrong type.
            InvalidArgumentError: *theme* is not a `Theme`.
            UnknownNameError: *defined_by* names no organisation.

        >>> import nzcoop
        >>> data = nzcoop.dataset()
        >>> [t.name for t in data.terms(theme="trafficking in persons")]
        ['Trafficking in Persons']
        >>> [t.name for t in data.terms(defined_by="United Nations")]
        ['Trafficking in Persons']
        """
        theme_ = coerce_enum(theme, Theme, "theme")
        filters = (
            ("defined_by", resolve_id(self._names, defined_by, (Organisation,), "defined_by")),
        )
        if theme_ is None:
            return self._select("terms", Term, filters)
        key = name_key(theme_.value)
        return self._memoised(
            ("terms", *filters, theme_),
            lambda: tuple(
                term
                for term in self._select("terms", Term, filters)
                if key in map(name_key, spellings(term)[1:])
            ),
        )

    def people(
        self,
        *,
        within: str | Organisation | Participant | None = None,
        year: int | None = None,
        years: tuple[int | None, int | None] | None = None,
    ) -> tuple[Person, ...]:
        """Return the people that match every filter given, in data-file order.

        Args:
            within: only people who held an office in this participant, or in this
                organisation or a body inside it.
            year: only people the documents show in an office in this year (with
                *within*, in an office there).
            years: the same for a range of years: the first to the last of this pair,
                inclusive; either may be None, an open end.

        Returns:
            A tuple of `Person`, in the order of the data file.

        Raises:
            ArgumentTypeError: a filter has the wrong type.
            InvalidArgumentError: *year* and *years* are both given, or *years* ends
                before it begins.
            UnknownNameError: *within* names no organisation or participant.

        >>> import nzcoop
        >>> data = nzcoop.dataset()
        >>> [p.name for p in data.people(within="New Zealand", year=2003)]
        ['Lianne Dalziel', 'Phil Goff']
        >>> [p.name for p in data.people(within="IOM")]
        ['Sjef Broekhaar']
        """
        place = resolve_id(self._names, within, (Organisation, Participant), "within")
        years_ = coerce_years(year, years)
        if place is None and years_ is None:
            return self._ordered(Person)
        return self._memoised(("people", place, years_), lambda: self._select_people(place, years_))

    def _select_people(self, place: str | None, years: Years | None) -> tuple[Person, ...]:
        index = self._index
        candidates = _pick(
            self._ordered(Person),
            _intersect(
                [
                    self._within(place, index.grouped(Person, "offices.within")),
                    _get(index.grouped(Person, "offices.year"), years),
                ]
            ),
        )
        bodies = frozenset(index.within(place)) if place is not None else frozenset()
        return tuple(  # the place and the year of one office, not of two
            person
            for person in candidates
            if any(
                (place is None or office.within in bodies)
                and (years is None or (office.year is not None and years.holds(office.year)))
                for office in person.offices
            )
        )

    def places(
        self,
        *,
        country: str | Participant | None = None,
        kind: PlaceKind | str | None = None,
    ) -> tuple[Place, ...]:
        """Return the places (cities and islands) that match every filter, in data-file order.

        Args:
            country: only places the documents put in this participant.
            kind: only places of this kind (``"city"`` or ``"island"``).

        Returns:
            A tuple of `Place`, in the order of the data file.

        Raises:
            ArgumentTypeError: a filter has the wrong type.
            InvalidArgumentError: *kind* is not a `PlaceKind`.
            UnknownNameError: *country* names no participant.

        >>> import nzcoop
        >>> data = nzcoop.dataset()
        >>> [p.name for p in data.places(country="NZ")]
        ['Auckland']
        >>> [p.name for p in data.places(kind="island")]
        ['Manus Island']
        """
        filters = (
            ("country", resolve_id(self._names, country, (Participant,), "country")),
            ("kind", coerce_enum(kind, PlaceKind, "kind")),
        )
        return self._select("places", Place, filters)

    def figures(
        self,
        *,
        subject: str | Entity | None = None,
        role: Role | str | None = None,
        year: int | None = None,
        years: tuple[int | None, int | None] | None = None,
    ) -> tuple[Figure, ...]:
        """Return the numbers the documents state that match every filter, in data-file order.

        Args:
            subject: only figures about this record.
            role: only figures that count holders of this role (members, parties).
            year: only figures stated for this year (figures of undated documents are
                stated for none).
            years: only figures stated for a year of a range: the first to the last of
                this pair, inclusive; either may be None, an open end.

        Returns:
            A tuple of `Figure`, in the order of the data file.

        Raises:
            ArgumentTypeError: a filter has the wrong type.
            InvalidArgumentError: *role* is not a `Role`, *year* and *years* are both
                given, or *years* ends before it begins.
            UnknownNameError: *subject* names nothing.

        >>> import nzcoop
        >>> data = nzcoop.dataset()
        >>> [(f.measure, f.value) for f in data.figures(subject="Bali Process", year=2007)]
        [('member countries', 43), ('member special administrative regions', 2)]
        >>> [f.subject for f in data.figures(role="party")]
        ['palermo-convention']
        """
        filters = (
            ("subject", resolve_id(self._names, subject, RECORD_CLASSES, "subject")),
            ("role", coerce_enum(role, Role, "role")),
            ("as_of", coerce_years(year, years)),
        )
        return self._select("figures", Figure, filters)

    def discrepancies(self, *, subject: str | Entity | None = None) -> tuple[Discrepancy, ...]:
        """Return the claims of the documents that disagree, in data-file order.

        Args:
            subject: only the discrepancies about this record, or in which it takes a
                side (a figure, or an event whose dates follow one claim).

        Returns:
            A tuple of `Discrepancy`, in the order of the data file.

        Raises:
            ArgumentTypeError: *subject* is neither a record nor a string.
            UnknownNameError: *subject* names nothing.

        >>> import nzcoop
        >>> data = nzcoop.dataset()
        >>> [d.id for d in data.discrepancies(subject="bali-process-workshop-2007-wellington")]
        ['bali-process-workshop-2007-length']
        """
        found = resolve_id(self._names, subject, RECORD_CLASSES, "subject")
        if found is None:
            return self._ordered(Discrepancy)
        return self._memoised(
            ("discrepancies", found),
            lambda: tuple(
                discrepancy
                for discrepancy in self._ordered(Discrepancy)
                if found in discrepancy.subjects
                or any(found in side.records for side in discrepancy.sides)
            ),
        )

    def _held_in(
        self, instruments: tuple[Instrument, ...], holder: str | None, role: Role | None
    ) -> tuple[Instrument, ...]:
        """Return the *instruments* that *holder* (anyone, if None) holds *role* in."""
        index = self._index
        engaged = _intersect(
            [
                _get(index.grouped(Engagement, "participant"), holder),
                _get(index.grouped(Engagement, "role"), role),
            ]
        )
        targets = {index.engagements[i].target for i in engaged or ()}
        return tuple(instrument for instrument in instruments if instrument.id in targets)

    def _select(
        self, query: str, cls: type[_R], filters: Sequence[tuple[str, object]]
    ) -> tuple[_R, ...]:
        """Answer *query*: the records of *cls* whose *filters* fields hold the value given."""
        index = self._index
        return self._memoised(
            (query, *filters),
            lambda: _pick(
                self._ordered(cls),
                _intersect([_get(index.grouped(cls, field), key) for field, key in filters]),
            ),
        )

    def _ordered(self, cls: type[_R]) -> tuple[_R, ...]:
        return typing.cast("tuple[_R, ...]", self._index.ordered[cls])

    def _within(self, org: str | None, by_org: Mapping[str, Positions]) -> Positions | None:
        """Return the positions *by_org* holds for *org* and every body inside it."""
        if org is None:
            return None
        groups = [by_org.get(body, ()) for body in self._index.within(org)]
        return groups[0] if len(groups) == 1 else tuple(sorted(set(chain.from_iterable(groups))))

    # -- combining -----------------------------------------------------------------------

    def merge(self, other: Dataset) -> Dataset:
        """Return a new dataset with the records of both; neither input changes.

        A record present in both (same id, equal content) appears once. The release is
        kept when both agree or one is empty. Otherwise it names the releases merged,
        each once, in sorted order, joined by `` + ``; a release that holds a ``+`` or a
        ``"``, or spaces at its ends, is written as a JSON string. A release so written
        is read as the releases it names, so merging is the same in any order and
        grouping, and a merged release names its parts without ambiguity:
        ``"a+b" + c`` is the merge of ``a+b`` and ``c``, ``a + b + c`` that of three.

        Args:
            other: the dataset whose records are added to this one's.

        Returns:
            A new `Dataset` holding the records of both.

        Raises:
            DatasetError: the same id has different content in the two datasets, or the
                merged records break a rule of a dataset (a name shared by two entities).
            ArgumentTypeError: *other* is not a `Dataset`.

        >>> import nzcoop
        >>> data = nzcoop.dataset()
        >>> data.merge(Dataset()) == data
        True
        >>> Dataset(release="b").merge(Dataset(release="a+c")).release
        '"a+c" + b'
        >>> Dataset(release='"a+c" + b').merge(Dataset(release="a")).release
        'a + "a+c" + b'
        """
        given: object = other  # checked at run time for untyped callers
        if not isinstance(given, Dataset):
            msg = f"can only merge a Dataset, not {type(given).__name__}"
            raise ArgumentTypeError(msg)
        ours = self._names.by_id
        found = Found()
        merged: list[tuple[Entity, ...]] = []
        theirs_all = other._records
        for stem, mine, theirs in zip(STEMS, self._records, theirs_all, strict=True):
            added: list[Entity] = []
            for position, record in enumerate(theirs):
                existing = ours.get(record.id)
                if existing is None:
                    added.append(record)
                elif existing != record:
                    kind = describe_kinds([type(existing)])
                    message = (
                        f"id {shown(record.id)} is already {kind} in the other dataset, "
                        "with different content"
                    )
                    found.add(Problem(f"{stem}.json", f"{stem}[{position}].id", message))
            merged.append((*mine, *added))
        if found:
            raise found.error()
        return Dataset._checked(_merged_release(self.release, other.release), tuple(merged))

    def diff(self, other: Dataset) -> Diff:
        """Return what changed from this dataset to *other*: records added, removed, changed.

        Args:
            other: the newer dataset.

        Returns:
            A `Diff`, empty (false) when the two hold the same records and release.

        Raises:
            ArgumentTypeError: *other* is not a `Dataset`.

        >>> import nzcoop
        >>> data = nzcoop.dataset()
        >>> smaller = Dataset([r for r in data.entities() if r.id != "pidc-names"], release="x")
        >>> change = smaller.diff(data)
        >>> [r.id for r in change.added], change.old_release
        (['pidc-names'], 'x')
        """
        from ._diff import Diff  # few programs compare datasets: not part of the first query

        given: object = other  # checked at run time for untyped callers
        if not isinstance(given, Dataset):
            msg = f"can only compare with a Dataset, not {type(given).__name__}"
            raise ArgumentTypeError(msg)
        return Diff.between(self.release, self.entities(), other.release, other.entities())

    # -- helpers -------------------------------------------------------------------------

    def _memoised(
        self, question: tuple[object, ...], compute: Callable[[], tuple[_T, ...]]
    ) -> tuple[_T, ...]:
        """Return the answer to *question* (the query's name and its checked arguments).

        Answers are immutable and kept, so a question asked again is one dict lookup;
        see `Answers` for how many.
        """
        return self._answers.get(question, compute)


class Answers:
    """The answers to the queries asked of one dataset, so that none is worked out twice.

    At most `QUESTIONS` answers, holding at most `ITEMS` records all told, are kept;
    past either, they are let go and kept anew; an answer longer than `ITEMS` is never
    kept. A query's answer is a tuple of records
    the dataset holds anyway, so what is kept is small: a question and its references.
    """

    QUESTIONS = 4096
    ITEMS = 1 << 20

    __slots__ = ("_answers", "_items")

    def __init__(self) -> None:
        self._answers: dict[tuple[object, ...], tuple[Any, ...]] = {}
        self._items = 0

    def get(
        self, question: tuple[object, ...], compute: Callable[[], tuple[_T, ...]]
    ) -> tuple[_T, ...]:
        """Return the answer to *question*, calling *compute* only for a new question."""
        try:
            return self._answers[question]
        except KeyError:
            pass
        answer = compute()
        if len(answer) <= self.ITEMS:  # a longer one is never kept
            if len(self._answers) >= self.QUESTIONS or self._items + len(answer) > self.ITEMS:
                self._answers.clear()
                self._items = 0
            self._answers[question] = answer
            self._items += len(answer)
        return answer

    def __len__(self) -> int:
        return len(self._answers)


def _brief(organisation: Organisation) -> str:
    """Return the documents' short name for *organisation*, else its acronym, else its name."""
    for kind in (NameKind.SHORT, NameKind.ACRONYM):
        for name in organisation.names:
            if name.kind is kind:
                return name.value
    return organisation.name


def _grouped(records: Iterable[object], found: Found) -> Records:
    """Sort *records* into one tuple per kind; add a problem for anything not a record."""
    positions = {kind.cls: i for i, kind in enumerate(RECORD_KINDS)}
    groups: list[list[Entity]] = [[] for _ in RECORD_KINDS]
    if isinstance(records, str | bytes | Mapping) or not isinstance(records, Iterable):
        message = f"records must be an iterable of records, not {type(records).__name__}"
        found.add(Problem("", "records", message))
        return ()
    for position, record in enumerate(records):
        at = positions.get(type(record))
        if at is None:  # a subclass of a record class too: the checks rely on exact classes
            names = ", ".join(cls.__name__ for cls in positions)
            message = f"expected a record ({names}), found {type(record).__name__}"
            found.add(Problem("", f"records[{position}]", message))
        else:
            groups[at].append(typing.cast("Entity", record))
    return tuple(map(tuple, groups))


def _built(
    release: str,
    records: Records,
    found: Found | None = None,
    unread: frozenset[str] = frozenset(),
) -> tuple[str, Records, Names, Index, Answers]:
    """Check *records* and return the fields of their dataset, or raise the problems.

    The problems are those *found* holds and those the checks find. The checks are not
    run when *found* is full already: they could only add to the count.
    """
    found = Found() if found is None else found
    if found.full:
        raise found.error()
    names = Names(chain.from_iterable(records))
    found.extend(problems(records, names, unread))
    if found:
        raise found.error()
    index = Index(dict(zip(RECORD_CLASSES, records, strict=True)))
    return release, records, names, index, Answers()


def _years(positions_in: Callable[[Years], Positions], years: Years | None) -> Positions | None:
    """Return the positions *positions_in* gives for *years*, or None (no filter) for None."""
    return None if years is None else positions_in(years)


def _get(index: Mapping[Any, Positions], key: object) -> Positions | None:
    """Return the positions *index* holds for *key*, or None (no filter) for None.

    For `Years`, that is the positions of every year in the range.
    """
    if key is None:
        return None
    if isinstance(key, Years):
        found = [index[year] for year in index if key.holds(year)]
        return found[0] if len(found) == 1 else tuple(sorted(set(chain.from_iterable(found))))
    return index.get(key, ())


def _intersect(groups: Iterable[Positions | None]) -> Positions | None:
    """Return the ascending positions in every group given; None when none is given."""
    chosen = sorted((group for group in groups if group is not None), key=len)
    if not chosen:
        return None
    if len(chosen) == 1:
        return chosen[0]
    return tuple(sorted(set(chosen[0]).intersection(*chosen[1:])))


def _pick(records: tuple[_R, ...], positions: Positions | None) -> tuple[_R, ...]:
    if positions is None:
        return records
    return tuple(records[i] for i in positions)


_MERGED = " + "
"""What joins the releases a merged release names."""


def _merged_release(one: str, other: str) -> str:
    """Return the release of the merge of datasets of releases *one* and *other*.

    See `Dataset.merge`: the releases both name, each once, sorted and joined.
    """
    if not one or not other or one == other:
        return one or other
    parts = sorted(set(_release_parts(one)) | set(_release_parts(other)))
    return _MERGED.join(map(_release_part, parts)) if len(parts) > 1 else parts[0]


def _release_part(release: str) -> str:
    """Return *release* as a merged release writes it: as it is, or as a JSON string."""
    bare = release and release == release.strip() and "+" not in release and '"' not in release
    return release if bare else json.dumps(release, ensure_ascii=False)


def _release_parts(release: str) -> tuple[str, ...]:
    """Return the releases *release* names: those it joins, or itself alone.

    It joins releases when it is two or more, each as `_release_part` writes it,
    joined by `_MERGED`.
    """
    parts: list[str] = []
    at = 0
    while True:
        if release.startswith('"', at):
            try:  # a JSON value that starts with a quote is a string
                part, at = _DECODER.raw_decode(release, at)
            except ValueError:
                return (release,)
        else:
            end = release.find(_MERGED, at)
            end = len(release) if end < 0 else end
            part = release[at:end]
            if _release_part(part) != part:
                return (release,)
            at = end
        parts.append(part)
        if at == len(release):
            return tuple(parts) if len(parts) > 1 else (release,)
        if not release.startswith(_MERGED, at):
            return (release,)
        at += len(_MERGED)


_DECODER = json.JSONDecoder()
