"""The records: frozen, slotted attrs classes for everything the documents describe.

Records hold only immutable values (strings, ints, dates, enums and tuples of them), and
refer to each other by id. Every entity has an ``id``, a ``name`` and its other
``names``; every entity but a `Source` carries ``sources``, the citations that state it.

This module does not use ``from __future__ import annotations``: the converter reads
each field's type from `attrs.fields`, and postponed annotations would be strings.
"""

import datetime
import typing
from collections.abc import Iterator, Sequence

import attrs

from ._vocabulary import (
    Comparison,
    EventKind,
    InstrumentKind,
    NameKind,
    OrganisationKind,
    OutcomeKind,
    ParticipantKind,
    PlaceKind,
    Precision,
    PresentationKind,
    PublisherType,
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
    "Inference",
    "Instrument",
    "Name",
    "Office",
    "Organisation",
    "Outcome",
    "Participant",
    "Person",
    "Place",
    "Presentation",
    "Region",
    "Service",
    "Side",
    "Source",
    "Term",
]


@attrs.frozen
class Name:
    """Another name of an entity, exactly as one of the documents writes it.

    >>> Name("Five Country Conference", NameKind.FORMER).kind.value
    'former'
    """

    value: str
    """The name, verbatim from a document that the entity cites."""
    kind: NameKind
    """How this name relates to the entity."""


@attrs.frozen
class Citation:
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


@attrs.frozen
class Inference:
    """A typed value of a record that rests on reasoning, not on a quote: which, and why.

    Every other typed value of a record is stated by one of its quotes.

    >>> import nzcoop
    >>> [i.field for i in nzcoop.organisation("TEWG").inferred]
    ['parent']
    """

    field: str
    """The name of the record's field whose value is inferred."""
    reason: str
    """What the value rests on instead of a quote, in our words."""


@attrs.frozen
class Side:
    """One of the claims a `Discrepancy` sets against another, and the records typed from it.

    >>> import nzcoop
    >>> length = nzcoop.lookup("bali-process-workshop-2007-length")
    >>> [side.claim for side in length.sides]
    ['A two-day workshop.', 'A workshop from 20 to 22 August, three days.']
    >>> length.sides[1].records
    ('bali-process-workshop-2007-wellington',)
    """

    claim: str
    """What the document claims, in our words."""
    citation: int
    """The position, in the discrepancy's ``sources``, of the citation that states it."""
    records: tuple[str, ...]
    """Ids of the records typed from this claim (a figure, an event's dates), if any."""


@attrs.frozen
class Source:
    """One of the documents the data is drawn from, as its publisher titles it.

    ``date`` is ``None`` where the document carries no date of its own.

    >>> import nzcoop
    >>> [source.date for source in nzcoop.sources()].count(None)
    3
    """

    id: str
    """The document's identifier, which citations name."""
    name: str
    """The document's title (``title`` too), by which it is looked up."""
    names: tuple[Name, ...]
    """Other names of the document, if any."""
    title: str
    """The document's own title, verbatim."""
    publisher: str
    """Who published the document."""
    date: datetime.date | None
    """The date the document gives itself, or ``None`` where it carries none."""
    url: str
    """Where the document is published."""
    ministers: tuple[str, ...]
    """Ids of the `Person` records of the ministers the document names as its authors."""
    portfolios: tuple[str, ...]
    """The ministerial portfolios the document is filed under."""
    publisher_type: PublisherType
    """What sort of body the publisher is."""
    sha256: str
    """The SHA-256 digest (hexadecimal) of the document's text that the quotes were checked
    against: a web page changes, and this says which text the data quotes."""
    captured: datetime.date | None
    """The day that text was captured from the web, where known; ``None`` where it is
    not known."""


@attrs.frozen
class Place:
    """A city or island the documents name.

    >>> import nzcoop
    >>> nzcoop.lookup("Auckland").kind
    <PlaceKind.CITY: 'city'>
    """

    id: str
    """The record's identifier, unique across the whole dataset (lower case, hyphenated)."""
    name: str
    """The place's name, as the documents write it."""
    names: tuple[Name, ...]
    """Its other names and spellings, as the documents write them."""
    kind: PlaceKind
    """Whether it is a city or an island."""
    country: str | None
    """Id of the `Participant` (country) the place is in, where the documents say."""
    inferred: tuple[Inference, ...]
    """The values of its fields that rest on reasoning, not on a quote, and why."""
    sources: tuple[Citation, ...]
    """The citations that name the place; never empty."""


@attrs.frozen
class Region:
    """A region the documents name: the Pacific, the Asia-Pacific, the Greater Mekong.

    >>> import nzcoop
    >>> mekong = nzcoop.lookup("Greater Mekong sub-region")
    >>> [nzcoop.lookup(part).name for part in mekong.parts]
    ['Cambodia', 'Laos', 'Myanmar', 'Thailand', 'Viet Nam', 'Yunnan']
    """

    id: str
    """The record's identifier, unique across the whole dataset (lower case, hyphenated)."""
    name: str
    """The region's name, as the documents write it."""
    names: tuple[Name, ...]
    """Its other spellings (``Asia/Pacific``), as the documents write them."""
    parts: tuple[str, ...]
    """Ids of the participants the documents say the region consists of, if they say."""
    inferred: tuple[Inference, ...]
    """The values of its fields that rest on reasoning, not on a quote, and why."""
    sources: tuple[Citation, ...]
    """The citations that name the region; never empty."""


@attrs.frozen
class Participant:
    """A country, or a special administrative region or province of one.

    >>> import nzcoop
    >>> hong_kong = nzcoop.lookup("Hong Kong")
    >>> hong_kong.kind.value, hong_kong.part_of, hong_kong.alpha_2
    ('special-administrative-region', 'china', 'HK')
    """

    id: str
    """The record's identifier, unique across the whole dataset (lower case, hyphenated)."""
    name: str
    """Its name, as the documents write it (``New Zealand``, ``Viet Nam``)."""
    names: tuple[Name, ...]
    """Its other names and spellings, as the documents write them (``Vietnam``, ``NZ``)."""
    kind: ParticipantKind
    """Whether it is a country, a special administrative region or a province."""
    alpha_2: str | None
    """Its ISO 3166-1 alpha-2 code, where one exists (a standard code, not the documents')."""
    alpha_3: str | None
    """Its ISO 3166-1 alpha-3 code, where one exists (a standard code, not the documents')."""
    part_of: str | None
    """Id of the participant this one is part of (a province of a country, say)."""
    inferred: tuple[Inference, ...]
    """The values of its fields that rest on reasoning, not on a quote, and why."""
    sources: tuple[Citation, ...]
    """The citations that name the participant; never empty."""


@attrs.frozen
class Organisation:
    """A forum, agency, UN body or industry body, or a body inside one.

    >>> import nzcoop
    >>> m5 = nzcoop.organisation("M5")
    >>> m5.name, m5.kind
    ('Migration Five', <OrganisationKind.FORUM: 'forum'>)
    """

    id: str
    """The record's identifier, unique across the whole dataset (lower case, hyphenated)."""
    name: str
    """The organisation's name, as the documents write it; a body inside another is named
    without its parent's name (``Steering Group``), and looked up with it too."""
    names: tuple[Name, ...]
    """Its acronyms, former names (``Five Country Conference``) and other spellings, as
    the documents write them."""
    kind: OrganisationKind
    """What sort of body it is (a forum, an agency, a working group and so on)."""
    parent: str | None
    """Id of the organisation this body sits inside, if any."""
    themes: tuple[Theme, ...]
    """The subjects of cooperation it deals with, each stated by one of its quotes."""
    area: tuple[str, ...]
    """Ids of the regions and participants its work covers, where the documents say."""
    place: str | None
    """Id of the `Place` it is based in, where the documents say (``Regional Office
    Bangkok``)."""
    description: str
    """What the organisation is and does, in our words."""
    inferred: tuple[Inference, ...]
    """The values of its fields that rest on reasoning, not on a quote, and why."""
    sources: tuple[Citation, ...]
    """The citations that state what the record says; never empty."""


@attrs.frozen
class Office:
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


@attrs.frozen
class Person:
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
    inferred: tuple[Inference, ...]
    """The values of its fields that rest on reasoning, not on a quote, and why."""
    sources: tuple[Citation, ...]
    """The citations that name the person; never empty."""


@attrs.frozen
class Instrument:
    """A convention, protocol, resolution, strategy, plan, programme, card or system.

    >>> import nzcoop
    >>> palermo = nzcoop.lookup("Palermo Convention")
    >>> palermo.name
    'Convention Against Transnational Organised Crime'
    >>> palermo.kind
    <InstrumentKind.CONVENTION: 'convention'>
    """

    id: str
    """The record's identifier, unique across the whole dataset (lower case, hyphenated)."""
    name: str
    """The instrument's name, as the documents write it; where they give it none, the
    words they refer to it by (``quota programme``), and ``label`` says more."""
    names: tuple[Name, ...]
    """Its acronyms, short names (``Palermo Convention``) and other spellings, as the
    documents write them."""
    label: str | None
    """A descriptive label in our words, for an instrument the documents do not name."""
    kind: InstrumentKind
    """What sort of instrument it is (a convention, a protocol, a strategy and so on)."""
    parent: str | None
    """Id of the instrument this one belongs to (a protocol's convention, say)."""
    owner: str | None
    """Id of the organisation or participant whose instrument this is, if stated."""
    parts: tuple[str, ...]
    """The parts the documents name, in their words (a plan's pillars)."""
    themes: tuple[Theme, ...]
    """The subjects of cooperation it deals with, each stated by one of its quotes."""
    valid_from: int | None
    """The first year of the period the instrument covers, where named."""
    valid_until: int | None
    """The last year of the period the instrument covers, where named."""
    description: str
    """What the instrument is and does, in our words."""
    inferred: tuple[Inference, ...]
    """The values of its fields that rest on reasoning, not on a quote, and why."""
    sources: tuple[Citation, ...]
    """The citations that state what the record says; never empty."""


@attrs.frozen
class Event:
    """Something that happened: a founding, an accession, a meeting, an announcement.

    ``start`` and ``end`` are as exact as the documents and no more: ``precision`` says
    how to read them, and both are ``None`` when the documents give no date.

    >>> import nzcoop
    >>> session = nzcoop.lookup("iom-special-session-2003-geneva")
    >>> session.start, session.end, session.precision.value
    (datetime.date(2003, 6, 9), datetime.date(2003, 6, 15), 'week')
    """

    id: str
    """The record's identifier, unique across the whole dataset (lower case, hyphenated)."""
    name: str
    """A label for the event in our words; its own title, where the documents give one,
    is among ``names``."""
    names: tuple[Name, ...]
    """Its titles and other names, as the documents write them."""
    kind: EventKind
    """What sort of event it is (a founding, an accession, a meeting and so on)."""
    start: datetime.date | None
    """The first day of the event, or of the span it happened in (see ``precision``);
    ``None`` when the documents give no date, or give only a later bound."""
    end: datetime.date | None
    """The last day of the event, or of the span it happened in (see ``precision``);
    ``None`` when the documents give no date, or give only an earlier bound."""
    precision: Precision | None
    """How to read ``start`` and ``end``; ``None`` exactly when both are ``None``."""
    places: tuple[str, ...]
    """Ids of the places, regions or countries it happened in, where the documents say
    (refugee intakes “from Manus Island and Nauru”)."""
    organisations: tuple[str, ...]
    """Ids of the organisations the event belongs to or concerns."""
    instruments: tuple[str, ...]
    """Ids of the instruments the event concerns."""
    announces: tuple[str, ...]
    """For an announcement, ids of the events it announces."""
    themes: tuple[Theme, ...]
    """The subjects of cooperation the event deals with, each stated by one of its quotes."""
    description: str
    """What happened, in our words."""
    inferred: tuple[Inference, ...]
    """The values of its fields that rest on reasoning, not on a quote, and why."""
    sources: tuple[Citation, ...]
    """The citations that state what the record says; never empty."""


@attrs.frozen
class Engagement:
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
    inferred: tuple[Inference, ...]
    """The values of its fields that rest on reasoning, not on a quote, and why."""
    sources: tuple[Citation, ...]
    """The citations that state the engagement; never empty."""


@attrs.frozen
class Term:
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
    inferred: tuple[Inference, ...]
    """The values of its fields that rest on reasoning, not on a quote, and why."""
    sources: tuple[Citation, ...]
    """The citations that give the definition; never empty."""


@attrs.frozen
class Figure:
    """A number the documents state about an entity, as of the year they state it for.

    >>> import nzcoop
    >>> figures = nzcoop.dataset().records("figures")
    >>> [(f.value, f.as_of) for f in figures if f.subject == "icao"]
    [(193, None)]
    """

    id: str
    """The record's identifier, unique across the whole dataset (lower case, hyphenated)."""
    name: str
    """A short label for the figure, in our words."""
    names: tuple[Name, ...]
    """Other names of the figure, as the documents write them (rarely any)."""
    subject: str
    """Id of the entity the number describes."""
    measure: str
    """What is counted, in the documents' words (``member countries``, ``parties``)."""
    role: Role | None
    """The role of those counted, where the figure counts holders of one (members,
    parties), so that it can be set beside the engagements of that role."""
    value: int
    """The number, as the document states it."""
    comparison: Comparison
    """Whether the number is exact or a lower bound (``over 700``)."""
    as_of: int | None
    """The year the number is stated for (the year of a dated document), or ``None`` for
    an undated one, whose "currently" the data cannot date."""
    inferred: tuple[Inference, ...]
    """The values of its fields that rest on reasoning, not on a quote, and why."""
    sources: tuple[Citation, ...]
    """The citations that state the number; never empty."""


@attrs.frozen
class Discrepancy:
    """Claims in the documents that disagree, each kept and cited.

    >>> import nzcoop
    >>> all(len(d.sources) >= 2 for d in nzcoop.dataset().records("discrepancies"))
    True
    """

    id: str
    """The record's identifier, unique across the whole dataset (lower case, hyphenated)."""
    name: str
    """A short label for the disagreement, in our words."""
    names: tuple[Name, ...]
    """Other names of it, as the documents write them (rarely any)."""
    subjects: tuple[str, ...]
    """Ids of the records the claims are about (one, or each of those that disagree)."""
    sides: tuple[Side, ...]
    """Each claim, with the citation that states it and the records typed from it."""
    description: str
    """What the documents disagree about, and what each says, in our words."""
    inferred: tuple[Inference, ...]
    """The values of its fields that rest on reasoning, not on a quote, and why."""
    sources: tuple[Citation, ...]
    """One citation for each of the claims that disagree."""


@attrs.frozen
class Presentation:
    """A presentation to a meeting: who presented, on what, as the documents report it.

    >>> import nzcoop
    >>> case = nzcoop.lookup("new-zealand--case-study--pidc")
    >>> [nzcoop.lookup(presenter).name for presenter in case.presenters]
    ['New Zealand']
    """

    id: str
    """The record's identifier, unique across the whole dataset (lower case, hyphenated)."""
    name: str
    """A short label for the presentation, in our words."""
    names: tuple[Name, ...]
    """Other names of it, as the documents write them (rarely any)."""
    event: str
    """Id of the `Event` it was given at."""
    kind: PresentationKind
    """What sort of presentation it was (a case study, a briefing, a demonstration)."""
    presenters: tuple[str, ...]
    """Ids of the participants, organisations or people who presented; empty where the
    documents do not say who (“Countries presented on”)."""
    subjects: tuple[str, ...]
    """Ids of the records it was about (an organisation, an instrument)."""
    topics: tuple[str, ...]
    """What it was about, in the documents' words."""
    description: str
    """What was presented, in our words."""
    inferred: tuple[Inference, ...]
    """The values of its fields that rest on reasoning, not on a quote, and why."""
    sources: tuple[Citation, ...]
    """The citations that report it; never empty."""


@attrs.frozen
class Outcome:
    """What a meeting agreed, encouraged, approved or discussed, and what it concerns.

    >>> import nzcoop
    >>> [o.kind.value for o in nzcoop.outcomes(event="tewg-meeting-2013-auckland")][:2]
    ['discussed', 'discussed']
    """

    id: str
    """The record's identifier, unique across the whole dataset (lower case, hyphenated)."""
    name: str
    """A short label for the outcome, in our words."""
    names: tuple[Name, ...]
    """Other names of it, as the documents write them (rarely any)."""
    event: str
    """Id of the `Event` (the meeting) it came out of."""
    kind: OutcomeKind
    """What the meeting did about it (agreed on it, encouraged it, and so on)."""
    subjects: tuple[str, ...]
    """Ids of the records it concerns (a portal, a meeting to come, an organisation)."""
    topics: tuple[str, ...]
    """What it was, in the documents' words (the questions discussed, say)."""
    description: str
    """The outcome in our words."""
    inferred: tuple[Inference, ...]
    """The values of its fields that rest on reasoning, not on a quote, and why."""
    sources: tuple[Citation, ...]
    """The citations that report it; never empty."""


@attrs.frozen
class Service:
    """Services one party provides for another, as the documents list them.

    >>> import nzcoop
    >>> [s.services for s in nzcoop.services(provider="IOM", recipient="New Zealand")][-1]
    ('medical screening of refugees', 'document verification')
    """

    id: str
    """The record's identifier, unique across the whole dataset (lower case, hyphenated)."""
    name: str
    """A short label for the services, in our words."""
    names: tuple[Name, ...]
    """Other names of them, as the documents write them (rarely any)."""
    provider: str
    """Id of the participant, organisation or person that provides them."""
    recipient: str | None
    """Id of the one they are provided for; ``None`` where the documents name no one
    (“on behalf of countries”)."""
    services: tuple[str, ...]
    """The services, in the documents' words."""
    where: str | None
    """Where they are provided, in the documents' words, if they say."""
    places: tuple[str, ...]
    """Ids of the places, regions or countries they are provided in, where named."""
    instruments: tuple[str, ...]
    """Ids of the instruments (a programme) they are provided under."""
    events: tuple[str, ...]
    """Ids of the events the documents give as instances of them."""
    description: str
    """The services in our words."""
    inferred: tuple[Inference, ...]
    """The values of its fields that rest on reasoning, not on a quote, and why."""
    sources: tuple[Citation, ...]
    """The citations that state them; never empty."""


Entity = (
    Source
    | Place
    | Region
    | Participant
    | Organisation
    | Person
    | Instrument
    | Event
    | Engagement
    | Presentation
    | Outcome
    | Service
    | Term
    | Figure
    | Discrepancy
)
"""Any record with an ``id``, a ``name`` and other ``names``.

The union of every record class with a data file of its own: what `nzcoop.lookup`
returns.

>>> import nzcoop
>>> isinstance(nzcoop.lookup("M5"), Entity)
True
"""

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
    declared: tuple[tuple[str, tuple[type, ...] | None], ...] = attrs.field(
        default=(), alias="references"
    )
    """Each field holding an id (or a tuple of ids), and the classes the ids may name:
    None for a record of any kind with a data file (`references` resolves it)."""
    years: tuple[str, ...] = ()
    """The fields holding a year, which must lie from 1 to 9999."""
    span: tuple[str, str] | None = None
    """A first and a last field, which must be in order when both are given."""
    parent: str | None = None
    """The field naming the record this one sits inside, whose chains must not loop."""
    labelled: bool = False
    """Whether its ``name`` is a label in our words (an event's, an engagement's), not a
    name the documents give: suggestions offer it only when no such name is as close."""
    nested: tuple[str, ...] = attrs.field(init=False)
    """The fields holding records of other classes (a person's offices, citations)."""

    @nested.default
    def _nested(self) -> tuple[str, ...]:
        return tuple(
            field.name
            for field in attrs.fields(self.cls)
            if typing.get_origin(field.type) is tuple and attrs.has(typing.get_args(field.type)[0])
        )

    @property
    def references(self) -> tuple[tuple[str, tuple[type, ...]], ...]:
        """Each field holding an id (or a tuple of ids), and the classes the ids may name."""
        return tuple(
            (field, RECORD_CLASSES if targets is None else targets)
            for field, targets in self.declared
        )


_PLACES = (Place, Region, Participant)

KINDS: tuple[Kind, ...] = (
    Kind(Source, "source", "sources", references=(("ministers", (Person,)),)),
    Kind(Place, "place", "places", references=(("country", (Participant,)),)),
    Kind(Region, "region", "regions", references=(("parts", (Participant,)),)),
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
        references=(
            ("parent", (Organisation,)),
            ("area", (Region, Participant)),
            ("place", (Place,)),
        ),
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
            ("places", _PLACES),
            ("organisations", (Organisation,)),
            ("instruments", (Instrument,)),
            ("announces", (Event,)),
        ),
        span=("start", "end"),
        labelled=True,
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
        labelled=True,
    ),
    Kind(
        Presentation,
        "presentation",
        "presentations",
        references=(("event", (Event,)), ("presenters", _HOLDERS), ("subjects", None)),
        labelled=True,
    ),
    Kind(
        Outcome,
        "outcome",
        "outcomes",
        references=(("event", (Event,)), ("subjects", None)),
        labelled=True,
    ),
    Kind(
        Service,
        "service",
        "services",
        references=(
            ("provider", _HOLDERS),
            ("recipient", _HOLDERS),
            ("places", _PLACES),
            ("instruments", (Instrument,)),
            ("events", (Event,)),
        ),
        labelled=True,
    ),
    Kind(Term, "term", "terms", references=(("defined_by", (Organisation,)),)),
    Kind(
        Figure,
        "figure",
        "figures",
        references=(("subject", None),),
        years=("as_of",),
        labelled=True,
    ),
    Kind(
        Discrepancy, "discrepancy", "discrepancies", references=(("subjects", None),), labelled=True
    ),
    Kind(
        Office,
        "office",
        None,
        references=(("within", (Organisation, Participant)),),
        years=("year",),
    ),
    Kind(Citation, "citation", None, references=(("source", (Source,)),)),
    Kind(Side, "side", None, references=(("records", None),)),
    Kind(Inference, "inference", None),
    Kind(Name, "name", None),
)
"""Every record class, those with a data file first, in the order of the files."""

RECORD_KINDS: tuple[Kind, ...] = tuple(kind for kind in KINDS if kind.stem is not None)
"""The kinds with a data file of their own: the classes of `Entity`, in file order."""

STEMS: tuple[str, ...] = tuple(str(kind.stem) for kind in RECORD_KINDS)
"""The data file stem of each kind of `RECORD_KINDS`, in the same order."""

RECORD_CLASSES: tuple[type[Entity], ...] = tuple(kind.cls for kind in RECORD_KINDS)
"""The class of each kind of `RECORD_KINDS`, in the same order: those of `Entity`."""

OneReference = typing.Literal[
    "country", "defined_by", "event", "owner", "parent", "part_of", "participant", "place",
    "provider", "recipient", "source", "subject", "target", "within",
]  # fmt: skip
"""The names of the fields of `KINDS` that hold one id, or None."""
References = typing.Literal[
    "alongside", "announces", "area", "events", "instruments", "ministers", "organisations",
    "parts", "places", "presenters", "records", "subjects",
]  # fmt: skip
"""The names of the fields of `KINDS` that hold a tuple of ids."""

_BY_CLASS = {kind.cls: kind for kind in KINDS}


def kind_of(cls: type) -> Kind:
    """Return the `Kind` of the record class *cls*, or of the record class it subclasses.

    >>> kind_of(Organisation).stem
    'organisations'
    """
    for base in cls.__mro__:
        kind = _BY_CLASS.get(base)
        if kind is not None:
            return kind
    raise KeyError(cls)


def citations(record: object) -> Iterator[Citation]:
    """Yield every citation in *record*: its own, then those of the records inside it.

    >>> import nzcoop
    >>> len(list(citations(nzcoop.lookup("David Cunliffe"))))
    3
    """
    yield from getattr(record, "sources", ())
    for field in kind_of(type(record)).nested:
        if field != "sources":
            for part in getattr(record, field):
                yield from citations(part)


def describe_kinds(classes: Sequence[type], *, article: bool = True) -> str:
    """Name record classes for a message: ``a participant, an organisation or a person``.

    >>> describe_kinds([Organisation])
    'an organisation'
    >>> describe_kinds([Participant, Person], article=False)
    'participant or person'
    >>> describe_kinds([kind.cls for kind in RECORD_KINDS])
    'a record'
    """
    if len(classes) == len(RECORD_KINDS):
        words = ["record"]
    else:
        words = [kind_of(cls).word for cls in classes]
    if article:
        words = [("an " if word[0] in "aeiou" else "a ") + word for word in words]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
