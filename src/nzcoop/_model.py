"""The records: frozen, slotted attrs classes for everything the documents describe.

Records hold only immutable values (strings, ints, dates, enums and tuples of them), and
refer to each other by id. Every entity has an ``id``, a ``name`` and its other
``names``; every entity but a `Source` carries ``sources``, the citations that state it.

This module does not use ``from __future__ import annotations``: the converter reads
each field's type from `attrs.fields`, and postponed annotations would be strings.
"""

import datetime
import typing
from collections.abc import Iterator

import attrs

from ._vocabulary import (
    Comparison,
    EventKind,
    InstrumentKind,
    NameKind,
    OrganisationKind,
    ParticipantKind,
    PlaceKind,
    Precision,
    Role,
    Theme,
)

__all__ = [  # the public names: the record classes (the rest is the package's own)
    "Citation",
    "Discrepancy",
    "Engagement",
    "Entity",
    "Event",
    "Figure",
    "Instrument",
    "Name",
    "Office",
    "Organisation",
    "Participant",
    "Person",
    "Place",
    "Source",
    "Term",
]


class _Record:
    """The base of every record class: one repr for all of them, written once."""

    __slots__ = ()

    def __repr__(self) -> str:
        fields = attrs.fields(type(self))  # type: ignore[arg-type] # subclasses are attrs classes
        shown = ", ".join(f"{field.name}={getattr(self, field.name)!r}" for field in fields)
        return f"{type(self).__name__}({shown})"


@attrs.frozen(repr=False)
class Name(_Record):
    """Another name of an entity: an acronym, a former name, an alias or a variant.

    >>> Name("Five Country Conference", NameKind.FORMER).kind.value
    'former'
    """

    value: str
    """The name as the documents write it."""
    kind: NameKind
    """How this name relates to the entity."""


@attrs.frozen(repr=False)
class Citation(_Record):
    """Where a fact comes from: a source document, a section of it and a verbatim quote.

    >>> Citation("example-source", None, "A quote.").section is None
    True
    """

    source: str
    """The id of the `Source` document."""
    section: str | None
    """The heading the quote sits under, or ``None`` for text before any heading."""
    quote: str
    """A short verbatim quote (one sentence or less) that states the fact."""


@attrs.frozen(repr=False)
class Source(_Record):
    """One of the documents the data is drawn from.

    Only what the document itself states is recorded: ``title``, ``publisher``,
    ``date`` and ``url`` are ``None`` where it does not give them.

    >>> import nzcoop
    >>> [source.date for source in nzcoop.sources()].count(None)
    3
    """

    id: str
    """The document's identifier, which citations name."""
    name: str
    """A short label for the document, in our words where it has no title."""
    names: tuple[Name, ...]
    """Other names of the document, if any."""
    title: str | None
    """The document's own title, verbatim, where it gives one."""
    publisher: str | None
    """The publisher the document names, where it names one."""
    date: datetime.date | None
    """The date the document gives itself, or ``None`` where it carries none."""
    url: str | None
    """The address the document gives for itself, where it gives one."""
    ministers: tuple[str, ...]
    """Ids of the `Person` records of the ministers the document names as its authors."""
    portfolios: tuple[str, ...]
    """The ministerial portfolios the document is filed under."""
    file: str
    """The name of the document's text file in the source corpus."""


@attrs.frozen(repr=False)
class Place(_Record):
    """A city or island where something happened.

    >>> import nzcoop
    >>> nzcoop.lookup("Auckland").kind
    <PlaceKind.CITY: 'city'>
    """

    id: str
    """The record's identifier, unique across the whole dataset (lower case, hyphenated)."""
    name: str
    """The place's name, as the documents write it."""
    names: tuple[Name, ...]
    """Its other names (acronyms, former names, aliases and other spellings)."""
    kind: PlaceKind
    """Whether it is a city or an island."""
    country: str | None
    """Id of the `Participant` (country) the place is in, where the documents say."""
    sources: tuple[Citation, ...]
    """The citations that name the place; never empty."""


@attrs.frozen(repr=False)
class Participant(_Record):
    """A country, economy, special administrative region, province or region.

    >>> import nzcoop
    >>> hong_kong = nzcoop.lookup("Hong Kong")
    >>> hong_kong.kind.value, hong_kong.part_of, hong_kong.iso_3166_1
    ('special-administrative-region', 'china', 'HK')
    """

    id: str
    """The record's identifier, unique across the whole dataset (lower case, hyphenated)."""
    name: str
    """The common English name (``New Zealand``, ``Viet Nam``)."""
    names: tuple[Name, ...]
    """Its other names and spellings (``Vietnam``, ``NZ``)."""
    kind: ParticipantKind
    """Whether it is a country, a special administrative region, a province or a region."""
    iso_3166_1: str | None
    """The ISO 3166-1 alpha-2 code, where one exists."""
    part_of: str | None
    """Id of the participant this one is part of (a province of a country, say)."""
    sources: tuple[Citation, ...]
    """The citations that name the participant; never empty."""


@attrs.frozen(repr=False)
class Organisation(_Record):
    """A forum, agency, UN body or industry body, or a body inside one.

    >>> import nzcoop
    >>> m5 = nzcoop.organisation("M5")
    >>> m5.name, m5.kind
    ('Migration Five', <OrganisationKind.FORUM: 'forum'>)
    """

    id: str
    """The record's identifier, unique across the whole dataset (lower case, hyphenated)."""
    name: str
    """The organisation's current name, as the documents write it."""
    names: tuple[Name, ...]
    """Its acronyms, former names (``Five Country Conference``) and other spellings."""
    kind: OrganisationKind
    """What sort of body it is (a forum, an agency, a working group and so on)."""
    parent: str | None
    """Id of the organisation this body sits inside, if any."""
    themes: tuple[Theme, ...]
    """The subjects of cooperation it deals with, as the documents describe it."""
    area: tuple[str, ...]
    """Ids of the participants (countries, regions, provinces) its work covers, where the
    documents name them."""
    description: str
    """What the organisation is and does, in our words."""
    sources: tuple[Citation, ...]
    """The citations that state what the record says; never empty."""


@attrs.frozen(repr=False)
class Office(_Record):
    """An office a person holds, as a document gives it.

    >>> import nzcoop
    >>> office = nzcoop.lookup("David Cunliffe").offices[0]
    >>> office.title, office.within, office.year
    ('Immigration Minister', 'new-zealand', 2007)
    """

    title: str
    """The office, as the document words it."""
    within: str | None
    """Id of the organisation or participant the office belongs to, if stated."""
    year: int | None
    """The year the document shows the person in office."""
    sources: tuple[Citation, ...]
    """The citations that give the person this office; never empty."""


@attrs.frozen(repr=False)
class Person(_Record):
    """A person named in the documents, with the offices they give them.

    >>> import nzcoop
    >>> [office.title for office in nzcoop.lookup("David Cunliffe").offices]
    ['Immigration Minister']
    """

    id: str
    """The record's identifier, unique across the whole dataset (lower case, hyphenated)."""
    name: str
    """The person's name, as the documents write it."""
    names: tuple[Name, ...]
    """Other forms of the name, if any."""
    honorific: str | None
    """The honorific the document uses (``Ms``, ``Mr``), if any."""
    offices: tuple[Office, ...]
    """The offices the documents give the person, each with its own citations."""
    sources: tuple[Citation, ...]
    """The citations that name the person; never empty."""


@attrs.frozen(repr=False)
class Instrument(_Record):
    """A convention, protocol, resolution, strategy, plan, programme, card or system.

    >>> import nzcoop
    >>> palermo = nzcoop.lookup("Palermo Convention")
    >>> palermo.name, palermo.kind
    ('Convention Against Transnational Organised Crime', <InstrumentKind.CONVENTION: 'convention'>)
    """

    id: str
    """The record's identifier, unique across the whole dataset (lower case, hyphenated)."""
    name: str
    """The instrument's name, as the documents write it."""
    names: tuple[Name, ...]
    """Its acronyms, short names (``Palermo Convention``) and other spellings."""
    kind: InstrumentKind
    """What sort of instrument it is (a convention, a protocol, a strategy and so on)."""
    parent: str | None
    """Id of the instrument this one belongs to (a protocol's convention, say)."""
    owner: str | None
    """Id of the organisation or participant whose instrument this is, if stated."""
    themes: tuple[Theme, ...]
    """The subjects of cooperation it deals with."""
    valid_from: int | None
    """The first year of the period the instrument covers, where named."""
    valid_until: int | None
    """The last year of the period the instrument covers, where named."""
    description: str
    """What the instrument is and does, in our words."""
    sources: tuple[Citation, ...]
    """The citations that state what the record says; never empty."""


@attrs.frozen(repr=False)
class Event(_Record):
    """Something that happened: a founding, an accession, a meeting, a transfer.

    ``start`` and ``end`` are both ``None`` when the documents give no date; with
    `Precision.MONTH` or `Precision.YEAR` they span the whole month or year named.

    >>> import nzcoop
    >>> joined = nzcoop.lookup("new-zealand-joins-iom-2003")
    >>> joined.kind.value, joined.start, joined.precision.value
    ('accession', datetime.date(2003, 6, 17), 'day')
    """

    id: str
    """The record's identifier, unique across the whole dataset (lower case, hyphenated)."""
    name: str
    """A name for the event, the documents' own where they give one."""
    names: tuple[Name, ...]
    """Its other names (acronyms, former names, aliases and other spellings)."""
    kind: EventKind
    """What sort of event it is (a founding, an accession, a meeting and so on)."""
    start: datetime.date | None
    """The first day of the event, or ``None`` when the documents give no date."""
    end: datetime.date | None
    """The last day of the event (``start`` for a one-day event), or ``None``."""
    precision: Precision | None
    """How exactly the documents date the event (to the day, the month or the year);
    ``None`` when they give no date."""
    place: str | None
    """Id of the `Place` it happened in, if stated."""
    organisations: tuple[str, ...]
    """Ids of the organisations the event belongs to or concerns."""
    instruments: tuple[str, ...]
    """Ids of the instruments the event concerns."""
    themes: tuple[Theme, ...]
    """The subjects of cooperation the event deals with."""
    description: str
    """What happened, in our words."""
    sources: tuple[Citation, ...]
    """The citations that state what the record says; never empty."""


@attrs.frozen(repr=False)
class Engagement(_Record):
    """A participant's role in an organisation, instrument or event.

    ``since`` and ``until`` are the first and last years the documents give for the
    engagement, ``None`` where they say nothing.

    >>> import nzcoop
    >>> member = nzcoop.lookup("new-zealand--member--iom")
    >>> member.participant, member.role.value, member.target, member.since, member.until
    ('new-zealand', 'member', 'iom', 2003, None)
    """

    id: str
    """The record's identifier, unique across the whole dataset (lower case, hyphenated)."""
    name: str
    """A short description of the engagement (``New Zealand, member of IOM``)."""
    names: tuple[Name, ...]
    """Its other names (acronyms, former names, aliases and other spellings)."""
    participant: str
    """Id of the participant, organisation or person holding the role."""
    role: Role
    """The role held."""
    target: str
    """Id of the organisation, instrument or event the role is held in."""
    alongside: tuple[str, ...]
    """Ids of those the documents say hold the same role with the participant."""
    since: int | None
    """The first year the documents give for the engagement, or ``None``."""
    until: int | None
    """The last year the documents give for the engagement, or ``None``."""
    description: str
    """The engagement in our words."""
    sources: tuple[Citation, ...]
    """The citations that state the engagement; never empty."""


@attrs.frozen(repr=False)
class Term(_Record):
    """A term the documents define.

    >>> import nzcoop
    >>> nzcoop.lookup("mass arrival").sources[0].section
    'Mass arrivals'
    """

    id: str
    """The record's identifier, unique across the whole dataset (lower case, hyphenated)."""
    name: str
    """The term, as the documents write it (``mass arrival``)."""
    names: tuple[Name, ...]
    """Other names of the term (``people trafficking``), if any."""
    definition: str
    """The definition, in our words (the citation quotes the document's own)."""
    defined_by: str | None
    """Id of the organisation whose definition the document gives, if it names one."""
    sources: tuple[Citation, ...]
    """The citations that give the definition; never empty."""


@attrs.frozen(repr=False)
class Figure(_Record):
    """A number the documents state about an entity, as of a date where known.

    >>> import nzcoop
    >>> [(f.value, f.as_of) for f in nzcoop.dataset().records("figures") if f.subject == "icao"]
    [(193, None)]
    """

    id: str
    """The record's identifier, unique across the whole dataset (lower case, hyphenated)."""
    name: str
    """A short description of the figure."""
    names: tuple[Name, ...]
    """Its other names (acronyms, former names, aliases and other spellings)."""
    subject: str
    """Id of the entity the number describes."""
    measure: str
    """What is counted, in a few words (``member countries``, ``parties``)."""
    value: int
    """The number, as the document states it."""
    comparison: Comparison
    """Whether the number is exact or a lower bound (``over 700``)."""
    as_of: int | None
    """The year the number is stated for, where the document is dated."""
    sources: tuple[Citation, ...]
    """The citations that state the number; never empty."""


@attrs.frozen(repr=False)
class Discrepancy(_Record):
    """Claims in the documents that disagree, each kept and cited.

    >>> import nzcoop
    >>> all(len(d.sources) >= 2 for d in nzcoop.dataset().records("discrepancies"))
    True
    """

    id: str
    """The record's identifier, unique across the whole dataset (lower case, hyphenated)."""
    name: str
    """A short description of the disagreement."""
    names: tuple[Name, ...]
    """Its other names (acronyms, former names, aliases and other spellings)."""
    subject: str
    """Id of the entity the claims are about."""
    description: str
    """What the documents disagree about, and what each says, in our words."""
    sources: tuple[Citation, ...]
    """One citation for each of the claims that disagree."""


Entity = (
    Source
    | Place
    | Participant
    | Organisation
    | Person
    | Instrument
    | Event
    | Engagement
    | Term
    | Figure
    | Discrepancy
)
"""Any record with an ``id``, a ``name`` and other ``names``.

The union of `Source`, `Place`, `Participant`, `Organisation`, `Person`, `Instrument`,
`Event`, `Engagement`, `Term`, `Figure` and `Discrepancy`: what `nzcoop.lookup` returns.

>>> import nzcoop
>>> isinstance(nzcoop.lookup("M5"), Entity)
True
"""

_ANY_ENTITY: tuple[type, ...] = typing.get_args(Entity)
_HOLDERS = (Participant, Organisation, Person)


@attrs.frozen
class Kind:
    """What the library knows of one record class beyond its fields.

    `KINDS` holds one for each class. Loading, the checks, the indexes, the JSON
    Schemas, the exports and the docs all read it, so a new kind of record is its class
    and one entry in `KINDS`.
    """

    cls: type
    """The record class."""
    word: str
    """How messages and the docs name one record of the class (``"organisation"``)."""
    stem: str | None
    """Its data file stem (``"organisations"``), or None for records kept inside others."""
    references: tuple[tuple[str, tuple[type, ...]], ...] = ()
    """Each field holding an id (or a tuple of ids), and the classes the ids may name."""
    years: tuple[str, ...] = ()
    """The fields holding a year, which must lie from 1 to 9999."""
    span: tuple[str, str] | None = None
    """A first and a last field, which must be in order when both are given."""
    parent: str | None = None
    """The field naming the record this one sits inside, whose chains must not loop."""
    parts: tuple[str, ...] = attrs.field(init=False)
    """The fields holding records of other classes (a person's offices, citations)."""

    @parts.default
    def _parts(self) -> tuple[str, ...]:
        return tuple(
            field.name
            for field in attrs.fields(self.cls)
            if typing.get_origin(field.type) is tuple and attrs.has(typing.get_args(field.type)[0])
        )


KINDS: tuple[Kind, ...] = (
    Kind(Source, "source", "sources", references=(("ministers", (Person,)),)),
    Kind(Place, "place", "places", references=(("country", (Participant,)),)),
    Kind(
        Participant,
        "participant",
        "participants",
        references=(("part_of", (Participant,)),),
        parent="part_of",
    ),
    Kind(
        Organisation,
        "organisation",
        "organisations",
        references=(("parent", (Organisation,)), ("area", (Participant,))),
        parent="parent",
    ),
    Kind(Person, "person", "people"),
    Kind(
        Instrument,
        "instrument",
        "instruments",
        references=(("parent", (Instrument,)), ("owner", (Organisation, Participant))),
        years=("valid_from", "valid_until"),
        span=("valid_from", "valid_until"),
        parent="parent",
    ),
    Kind(
        Event,
        "event",
        "events",
        references=(
            ("place", (Place,)),
            ("organisations", (Organisation,)),
            ("instruments", (Instrument,)),
        ),
        span=("start", "end"),
    ),
    Kind(
        Engagement,
        "engagement",
        "engagements",
        references=(
            ("participant", _HOLDERS),
            ("target", (Organisation, Instrument, Event)),
            ("alongside", _HOLDERS),
        ),
        years=("since", "until"),
        span=("since", "until"),
    ),
    Kind(Term, "term", "terms", references=(("defined_by", (Organisation,)),)),
    Kind(Figure, "figure", "figures", references=(("subject", _ANY_ENTITY),), years=("as_of",)),
    Kind(Discrepancy, "discrepancy", "discrepancies", references=(("subject", _ANY_ENTITY),)),
    Kind(
        Office,
        "office",
        None,
        references=(("within", (Organisation, Participant)),),
        years=("year",),
    ),
    Kind(Citation, "citation", None, references=(("source", (Source,)),)),
    Kind(Name, "name", None),
)
"""Every record class, those with a data file first, in the order of the files."""

RECORD_KINDS: tuple[Kind, ...] = tuple(kind for kind in KINDS if kind.stem is not None)
"""The kinds with a data file of their own: the classes of `Entity`, in file order."""

_BY_CLASS = {kind.cls: kind for kind in KINDS}


def kind_of(cls: type) -> Kind:
    """Return the `Kind` of the record class *cls*.

    >>> kind_of(Organisation).stem
    'organisations'
    """
    return _BY_CLASS[cls]


def citations(record: object) -> Iterator[Citation]:
    """Yield every citation in *record*: its own, then those of the records inside it.

    >>> import nzcoop
    >>> len(list(citations(nzcoop.lookup("David Cunliffe"))))
    3
    """
    yield from getattr(record, "sources", ())
    for field in _BY_CLASS[type(record)].parts:
        if field != "sources":
            for part in getattr(record, field):
                yield from citations(part)
