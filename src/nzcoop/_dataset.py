"""`Dataset`: a validated, immutable collection of records and the queries over it."""

from __future__ import annotations

import bisect
import contextlib
import contextvars
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from ._errors import (
    ArgumentTypeError,
    DatasetError,
    InvalidArgumentError,
    Problem,
    UnknownNameError,
)
from ._index import Index, Tables
from ._model import (
    Discrepancy,
    Engagement,
    Entity,
    Event,
    Figure,
    Instrument,
    Organisation,
    Participant,
    Person,
    Place,
    Source,
    Term,
)
from ._query import coerce_enum, coerce_year, resolve, resolve_id
from ._types import class_problems, type_problems
from ._validate import check, kinds_phrase, passes
from ._vocabulary import Role, Theme

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["RECORD_KINDS", "Dataset", "typed_records"]

RECORD_KINDS: tuple[tuple[str, type[Entity]], ...] = (
    ("sources", Source),
    ("places", Place),
    ("participants", Participant),
    ("organisations", Organisation),
    ("people", Person),
    ("instruments", Instrument),
    ("events", Event),
    ("engagements", Engagement),
    ("terms", Term),
    ("figures", Figure),
    ("discrepancies", Discrepancy),
)
"""Each kind of record: the `Dataset` field and data file stem, and its class."""

_HOLDERS = (Participant, Organisation, Person)
_MEMO_LIMIT = 4096
_TYPED: contextvars.ContextVar[bool] = contextvars.ContextVar("nzcoop_typed", default=False)


@contextlib.contextmanager
def typed_records() -> Iterator[None]:
    """Build datasets in this block without checking the types of their records' fields.

    For records whose types are known to be right: structured by the converter (which
    checks every JSON value's type) or taken from other datasets. Checking them again
    would cost about 1.5 µs a record, a fifteenth of a load.
    """
    token = _TYPED.set(True)
    try:
        yield
    finally:
        _TYPED.reset(token)


_T = TypeVar("_T")


def _records() -> Any:  # noqa: ANN401 - attrs.field's own return type
    """Declare a `Dataset` field holding a tuple of records.

    No attrs converter: attrs inspects a converter's signature, which for `tuple`
    costs milliseconds at import. `Dataset.__attrs_post_init__` copies instead.
    """
    return attrs.field(default=(), repr=False)


@attrs.frozen
class Dataset:
    """A validated, immutable set of records, with the queries over them.

    Build one from records (it is checked as a whole, and `DatasetError` lists every
    problem, a record of another class or a field holding a value of another type among
    them), or get the packaged one with `nzcoop.dataset()`. Every field is a tuple of
    frozen records, so nothing a caller holds can change what later queries return.

    >>> import nzcoop
    >>> data = nzcoop.dataset()
    >>> data.organisation("Five Country Conference").name
    'Migration Five'
    >>> Dataset().organisations(participant=None)
    ()
    """

    release: str = ""
    """The version of the data, kept in the data itself (``release.json``)."""
    _sources: tuple[Source, ...] = _records()
    _places: tuple[Place, ...] = _records()
    _participants: tuple[Participant, ...] = _records()
    _organisations: tuple[Organisation, ...] = _records()
    _people: tuple[Person, ...] = _records()
    _instruments: tuple[Instrument, ...] = _records()
    _events: tuple[Event, ...] = _records()
    _engagements: tuple[Engagement, ...] = _records()
    _terms: tuple[Term, ...] = _records()
    _figures: tuple[Figure, ...] = _records()
    _discrepancies: tuple[Discrepancy, ...] = _records()
    _index: Index = attrs.field(init=False, repr=False, eq=False)
    _memo: dict[tuple[object, ...], tuple[Any, ...]] = attrs.field(init=False, repr=False, eq=False)
    _digest: str = attrs.field(init=False, repr=False, eq=False, default="")

    def __attrs_post_init__(self) -> None:
        for stem, _ in RECORD_KINDS:  # a caller's list (or other iterable) is copied
            object.__setattr__(self, f"_{stem}", tuple(getattr(self, f"_{stem}")))
        problems = [*self._type_problems()]
        if problems:
            raise DatasetError(tuple(problems))
        tables = Tables.of(self.entities())
        if not passes({kind: self.records(stem) for stem, kind in RECORD_KINDS}, tables):
            # Something is wrong: find out what, and where.
            problems = check({stem: self.records(stem) for stem, _ in RECORD_KINDS})
        if problems:
            raise DatasetError(tuple(problems))
        index = Index(
            tables,
            sources=self._sources,
            organisations=self._organisations,
            events=self._events,
            engagements=self._engagements,
        )
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_memo", {})

    def _type_problems(self) -> Iterable[Problem]:
        release: object = self.release  # checked at run time for untyped callers
        if not isinstance(release, str):
            yield Problem("release.json", "release", "expected a string")
        for stem, kind in RECORD_KINDS:
            if _TYPED.get():
                yield from class_problems(stem, kind, self.records(stem))
            else:
                yield from type_problems(stem, kind, self.records(stem))

    def __repr__(self) -> str:
        return f"<Dataset release={self.release!r} records={len(self._index.by_id)}>"

    def records(self, kind: str) -> tuple[Entity, ...]:
        """Return the records of one *kind*, named as its data file is (``"events"``).

        Args:
            kind: ``"sources"``, ``"places"``, ``"participants"``, ``"organisations"``,
                ``"people"``, ``"instruments"``, ``"events"``, ``"engagements"``,
                ``"terms"``, ``"figures"`` or ``"discrepancies"``.

        Returns:
            The records of that kind, in data-file order.

        Raises:
            InvalidArgumentError: *kind* is not one of those.

        >>> import nzcoop
        >>> len(nzcoop.dataset().records("sources"))
        5
        """
        for stem, _ in RECORD_KINDS:
            if stem == kind:
                records: tuple[Entity, ...] = getattr(self, f"_{stem}")
                return records
        valid = ", ".join(stem for stem, _ in RECORD_KINDS)
        msg = f"unknown record kind {kind!r}; expected one of: {valid}"
        raise InvalidArgumentError(msg)

    def entities(self) -> tuple[Entity, ...]:
        """Return every record of every kind, kind by kind in data-file order.

        Returns:
            Every record: sources first, then places, participants, organisations,
            people, instruments, events, engagements, terms, figures, discrepancies.

        >>> import nzcoop
        >>> all(entity.id for entity in nzcoop.dataset().entities())
        True
        """
        return tuple(record for stem, _ in RECORD_KINDS for record in self.records(stem))

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
            import json

            from ._load import unstructure

            text = json.dumps(unstructure(self), sort_keys=True, ensure_ascii=False)
            digest = "sha256:" + hashlib.sha256(text.encode()).hexdigest()
            object.__setattr__(self, "_digest", digest)
        return self._digest

    # -- lookups -------------------------------------------------------------------------

    def lookup(self, name: str) -> Entity:
        """Return the entity with id or name *name*.

        Case, runs of spaces, and straight and curly apostrophes are ignored.

        Args:
            name: an id, a name, an acronym, a former name or another spelling.

        Returns:
            The one entity of any kind that has that id or name.

        Raises:
            UnknownNameError: no entity has that id or name; the message suggests close ones.
            ArgumentTypeError: *name* is not a string.

        >>> import nzcoop
        >>> nzcoop.dataset().lookup("five country conference").id
        'm5'
        """
        entity: Entity = resolve(self._index, name, _ALL_KINDS, "name")
        return entity

    def get(self, name: str) -> Entity | None:
        """Return the entity with id or name *name*, or None when there is none.

        Args:
            name: an id or any name of the entity, as `lookup` takes it.

        Returns:
            The entity, or None.

        >>> import nzcoop
        >>> nzcoop.dataset().get("no such body") is None
        True
        """
        try:
            return self.lookup(name)
        except UnknownNameError:
            return None

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
        return resolve(self._index, name, (Organisation,), "organisation")

    def sources(self) -> tuple[Source, ...]:
        """Return the source documents, in data-file order.

        Returns:
            The `Source` records.

        >>> import nzcoop
        >>> [s.date.year for s in nzcoop.dataset().sources() if s.date]
        [2003, 2007]
        """
        return self._sources

    def cited_by(self, source: str | Source) -> tuple[Entity, ...]:
        """Return every record that cites the document *source*, kind by kind.

        Args:
            source: a `Source`, or its id or any of its names.

        Returns:
            The records whose citations (a person's offices' included) name *source*,
            in the order of `entities`.

        Raises:
            UnknownNameError: *source* names no source document.

        >>> import nzcoop
        >>> {type(r).__name__ for r in nzcoop.dataset().cited_by("release-2003-06-17")} >= {
        ...     "Organisation", "Event", "Person"}
        True
        """
        found: Source = resolve(self._index, source, (Source,), "source")
        return self._index.citing(found.id)

    # -- filtered queries ----------------------------------------------------------------

    def organisations(
        self,
        *,
        role: Role | str | None = None,
        theme: Theme | str | None = None,
        year: int | None = None,
        participant: str | Participant | Organisation | Person | None = "New Zealand",
    ) -> tuple[Organisation, ...]:
        """Return the organisations that match every filter given, ordered by name.

        Args:
            role: only organisations in which *participant* holds this role.
            theme: only organisations that deal with this theme.
            year: only organisations in which *participant* was engaged that year, by
                the year rules of `engagements`.
            participant: whose engagements *role* and *year* look at (New Zealand unless
                another is named; None for anyone). With no *role* and no *year*, a
                named participant keeps the organisations it has any engagement in, and
                None keeps every organisation.

        An engagement counts for an organisation when it is held in the organisation
        itself, or in an event that belongs to it.

        Returns:
            A tuple of `Organisation`, sorted by name (case-insensitively), then id.

        Raises:
            ArgumentTypeError: a filter has the wrong type.
            InvalidArgumentError: *role* or *theme* is not in its vocabulary.
            UnknownNameError: *participant* names nothing that can hold a role.

        >>> import nzcoop
        >>> [o.name for o in nzcoop.dataset().organisations(role="secretariat")]
        ['Migration Five']
        """
        role_ = coerce_enum(role, Role, "role")
        theme_ = coerce_enum(theme, Theme, "theme")
        year_ = coerce_year(year)
        holder = resolve_id(self._index, participant, _HOLDERS, "participant")
        key = ("organisations", role_, theme_, year_, holder)
        return self._memoised(key, lambda: self._select_organisations(role_, theme_, year_, holder))

    def _select_organisations(
        self, role: Role | None, theme: Theme | None, year: int | None, holder: str | None
    ) -> tuple[Organisation, ...]:
        index = self._index
        selected: set[int] | None = None
        if theme is not None:
            selected = set(index.organisation_by_theme.get(theme, ()))
        if holder is not None or role is not None or year is not None:
            # Never None here: at least one of holder, role and year is given.
            engaged = self._engagement_positions(None, holder, role, None, year) or ()
            held_in = chain.from_iterable(map(index.engagement_orgs.__getitem__, engaged))
            positions = set(map(index.organisation_position.__getitem__, held_in))
            selected = positions if selected is None else selected & positions
        if selected is None:
            return index.organisations
        return self._pick(index.organisations, sorted(selected))

    def engagements(
        self,
        *,
        organisation: str | Organisation | None = None,
        participant: str | Participant | Organisation | Person | None = None,
        role: Role | str | None = None,
        theme: Theme | str | None = None,
        year: int | None = None,
    ) -> tuple[Engagement, ...]:
        """Return the engagements that match every filter given, ordered by id.

        Args:
            organisation: only engagements held in this organisation or any body inside
                it, or in an event that belongs to one of them.
            participant: only engagements of this participant, organisation or person.
            role: only engagements in this role.
            theme: only engagements whose organisation, instrument or event deals with
                this theme.
            year: only engagements the documents show held in this year. An engagement
                runs from ``since`` to ``until`` where both are given; an open end runs
                to the last year a dated document (or the engagement's event) shows it,
                and an open start from the first such year; with neither, only the years
                so shown match. A year the documents say nothing about matches nothing.

        Returns:
            A tuple of `Engagement`, sorted by id (participant, then role, then target).

        Raises:
            ArgumentTypeError: a filter has the wrong type (a bool is not a year).
            InvalidArgumentError: *role* or *theme* is not in its vocabulary.
            UnknownNameError: *organisation* or *participant* names nothing of that kind.

        >>> import nzcoop
        >>> [e.participant for e in nzcoop.dataset().engagements(
        ...     organisation="Bali Process", role="co-chair", year=2013)]
        ['australia', 'new-zealand']
        """
        org = resolve_id(self._index, organisation, (Organisation,), "organisation")
        holder = resolve_id(self._index, participant, _HOLDERS, "participant")
        role_ = coerce_enum(role, Role, "role")
        theme_ = coerce_enum(theme, Theme, "theme")
        year_ = coerce_year(year)
        key = ("engagements", org, holder, role_, theme_, year_)
        return self._memoised(
            key,
            lambda: self._pick(
                self._index.engagements,
                self._engagement_positions(org, holder, role_, theme_, year_),
            ),
        )

    def _engagement_positions(
        self,
        org: str | None,
        holder: str | None,
        role: Role | None,
        theme: Theme | None,
        year: int | None,
    ) -> tuple[int, ...] | None:
        index = self._index
        return _intersect(
            (
                (org, index.engagement_by_org),
                (holder, index.engagement_by_participant),
                (role, index.engagement_by_role),
                (theme, index.engagement_by_theme),
                (year, index.engagement_by_year),
            )
        )

    def events(
        self,
        *,
        organisation: str | Organisation | None = None,
        theme: Theme | str | None = None,
        year: int | None = None,
    ) -> tuple[Event, ...]:
        """Return the events that match every filter given, in date order.

        Args:
            organisation: only events that belong to this organisation or a body inside it.
            theme: only events that deal with this theme.
            year: only events whose dates fall in, or span, this year. Undated events
                match no year.

        Returns:
            A tuple of `Event`, sorted by start date (undated events last), then id.

        Raises:
            ArgumentTypeError: a filter has the wrong type.
            InvalidArgumentError: *theme* is not in its vocabulary.
            UnknownNameError: *organisation* names no organisation.

        >>> import nzcoop
        >>> [e.id for e in nzcoop.dataset().events(year=2003)]
        ['iom-special-session-2003-geneva', 'new-zealand-joins-iom-2003']
        """
        org = resolve_id(self._index, organisation, (Organisation,), "organisation")
        theme_ = coerce_enum(theme, Theme, "theme")
        year_ = coerce_year(year)
        index = self._index
        return self._memoised(
            ("events", org, theme_, year_),
            lambda: self._pick(
                index.events,
                _intersect(
                    (
                        (org, index.event_by_org),
                        (theme_, index.event_by_theme),
                        (year_, index.event_by_year),
                    )
                ),
            ),
        )

    # -- combining -----------------------------------------------------------------------

    def merge(self, other: Dataset) -> Dataset:
        """Return a new dataset with the records of both; neither input changes.

        A record present in both (same id, equal content) appears once. The release is
        kept when both agree or one is empty, and joined with ``+`` otherwise.

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
        """
        given: object = other  # checked at run time for untyped callers
        if not isinstance(given, Dataset):
            msg = f"can only merge a Dataset, not {type(given).__name__}"
            raise ArgumentTypeError(msg)
        ours = self._index.by_id
        problems: list[Problem] = []
        merged: dict[str, list[Entity]] = {}
        for stem, _ in RECORD_KINDS:
            merged[stem] = list(self.records(stem))
            for position, record in enumerate(other.records(stem)):
                existing = ours.get(record.id)
                if existing is None:
                    merged[stem].append(record)
                elif existing != record:
                    kind = kinds_phrase([type(existing)])
                    problems.append(
                        Problem(
                            f"{stem}.json",
                            f"{stem}[{position}].id",
                            f"id {record.id!r} is already {kind} in the other "
                            "dataset, with different content",
                        )
                    )
        if problems:
            raise DatasetError(tuple(problems))
        releases = [r for r in dict.fromkeys((self.release, other.release)) if r]
        with typed_records():  # records of datasets, so of checked types
            return Dataset("+".join(releases), **merged)  # type: ignore[arg-type]

    # -- helpers -------------------------------------------------------------------------

    def _memoised(
        self, key: tuple[object, ...], compute: Callable[[], tuple[_T, ...]]
    ) -> tuple[_T, ...]:
        """Return the result for *key*, computing it once (results are immutable)."""
        try:
            result: tuple[_T, ...] = self._memo[key]
        except KeyError:
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            result = self._memo[key] = compute()
        return result

    @staticmethod
    def _pick(records: tuple[_T, ...], positions: Sequence[int] | None) -> tuple[_T, ...]:
        if positions is None:
            return records
        return tuple(map(records.__getitem__, positions))


_ALL_KINDS: tuple[type[Entity], ...] = tuple(kind for _, kind in RECORD_KINDS)


def _intersect(
    filters: Iterable[tuple[object, Mapping[Any, tuple[int, ...]]]],
) -> tuple[int, ...] | None:
    """Intersect the ascending positions each given filter selects; None for no filter.

    The groups are taken shortest first. Against a much longer group, each position
    kept so far is looked up by binary search, so the cost follows the short group,
    not the dataset; otherwise a set intersection (in C) is cheaper.
    """
    chosen = [index.get(value, ()) for value, index in filters if value is not None]
    if not chosen:
        return None
    chosen.sort(key=len)
    result = chosen[0]
    for positions in chosen[1:]:
        if len(result) * _BISECT_RATIO < len(positions):
            result = tuple(i for i in result if _holds(positions, i))
        else:
            result = tuple(sorted(set(result).intersection(positions)))
    return result


_BISECT_RATIO = 16
"""How much longer a group must be for binary search to beat a set intersection."""


def _holds(positions: tuple[int, ...], position: int) -> bool:
    """Tell whether the ascending *positions* hold *position*."""
    at = bisect.bisect_left(positions, position)
    return at < len(positions) and positions[at] == position
