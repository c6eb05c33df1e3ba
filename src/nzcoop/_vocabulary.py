"""Closed vocabularies: the enums that records use for kinds, roles and themes.

Each enum's values are the strings stored in the JSON data, so ``Role("co-chair")``
and ``Role.CO_CHAIR`` are the same member, and each member is that string
(`enum.StrEnum`): ``Role.CO_CHAIR == "co-chair"``.
"""

from __future__ import annotations

import enum

__all__ = [
    "Comparison",
    "EventKind",
    "InstrumentKind",
    "NameKind",
    "OrganisationKind",
    "OutcomeKind",
    "ParticipantKind",
    "PlaceKind",
    "Precision",
    "PresentationKind",
    "PublisherType",
    "Role",
    "Theme",
]


class Vocabulary(enum.StrEnum):
    """The base of every vocabulary: a string enum, whose members are their values.

    A member prints as its value (``str(Role.CO_CHAIR)`` is ``'co-chair'``), compares
    equal to it and hashes as it does, so it can stand wherever the string would.
    """


class Role(Vocabulary):
    """The part one plays in an organisation, instrument or event, by the documents' verb.

    A participant, an organisation or a person may hold a role.

    >>> Role("co-chair")
    <Role.CO_CHAIR: 'co-chair'>
    """

    MEMBER = "member"
    """Belongs to the organisation (“is a member of”, “forum of agencies from”)."""
    CO_CHAIR = "co-chair"
    """Chairs the organisation or meeting together with another (“co-chairs”)."""
    SECRETARIAT = "secretariat"
    """Provides the organisation's secretariat services (“delivers secretariat services”)."""
    PARTY = "party"
    """Is a party to a convention or protocol (“party to”)."""
    FUNDER = "funder"
    """Provides funding (“provide funding to”)."""
    HOST = "host"
    """Hosts a meeting or workshop (“host the workshop”)."""
    CUSTODIAN = "custodian"
    """Is the custodian of an instrument (“is its custodian”)."""
    ATTENDEE = "attendee"
    """Attended a meeting, among those the documents list as “in attendance”."""
    ADDITIONAL_ATTENDEE = "additional-attendee"
    """Attended a meeting, listed apart from those in attendance (“also attended”)."""
    PARTNER = "partner"
    """Works with the organisation (“we work with”, “relationship with”)."""
    SUPPORTER = "supporter"
    """Supports the organisation's work (“worked closely together to support”)."""
    CONTRIBUTOR = "contributor"
    """Contributes to the organisation's policy and practice (“contribute to”)."""
    USER = "user"
    """Draws on a programme (“select most of the refugees ... from”)."""
    ANNOUNCER = "announcer"
    """Made an announcement (“announced”)."""
    SPOKESPERSON = "spokesperson"
    """Spoke about it, as a document quotes them (“said”, a minister's release)."""


class Theme(Vocabulary):
    """A subject of cooperation that organisations, instruments and events deal with.

    >>> Theme("people-smuggling").name
    'PEOPLE_SMUGGLING'
    """

    GENERAL_IMMIGRATION = "general-immigration"
    """For organisations, those the immigration page files under "General immigration
    interests"; for other records, general immigration matters."""
    REFUGEE_RESETTLEMENT = "refugee-resettlement"
    """For organisations, those the immigration page files under "Refugee resettlement";
    for other records, resettling refugees."""
    BUSINESS_MOBILITY = "business-mobility"
    """For organisations, those the immigration page files under "Supporting business and
    economic co-operation"; for other records, the movement of business people."""
    TRAVEL_FACILITATION = "travel-facilitation"
    """For organisations, those the immigration page files under "Facilitating travel";
    for other records, making travel easier."""
    BORDER_SECURITY = "border-security"
    PEOPLE_SMUGGLING = "people-smuggling"
    TRAFFICKING_IN_PERSONS = "trafficking-in-persons"
    TRANSNATIONAL_CRIME = "transnational-crime"
    INFORMATION_SHARING = "information-sharing"
    MARITIME_SECURITY = "maritime-security"
    FORCED_LABOUR = "forced-labour"
    IRREGULAR_MIGRATION = "irregular-migration"
    ARMS_DEALING = "arms-dealing"
    """Arms dealing, one of the three areas of the Palermo Convention."""
    TRAVEL_DOCUMENTS = "travel-documents"
    """Lost, stolen and fraudulent travel documents, and their verification."""
    COUNTER_TERRORISM = "counter-terrorism"
    """Terrorist-related movements (UN Security Council Resolution 1373)."""
    REGIONAL_SECURITY = "regional-security"
    """Regional security in the Pacific (Joint Heads of Pacific Security)."""
    AVIATION = "aviation"
    """Standards and practices of international aviation and the airline industry."""
    HUMANITARIAN_ASSISTANCE = "humanitarian-assistance"
    """Humanitarian help to migrants and refugees, including health screening."""
    VICTIM_PROTECTION = "victim-protection"
    """Protecting and supporting the victims of people smuggling and trafficking."""
    LEGAL_FRAMEWORKS = "legal-frameworks"
    """Legislation, and the legal and policy frameworks for the other themes."""
    LAW_ENFORCEMENT = "law-enforcement"
    """The capacity of law enforcement agencies."""
    SLAVERY = "slavery"
    """Slavery, beside forced labour and people trafficking."""
    DRUGS = "drugs"
    """The supply of drugs and other illicit commodities by organised crime."""
    ECONOMIC_PROSPERITY = "economic-prosperity"
    """Economic prosperity, trade and investment, as an aim of cooperation."""
    NATIONAL_SECURITY = "national-security"
    """New Zealand's national security, which other security work serves."""


class NameKind(Vocabulary):
    """How another name of an entity relates to it.

    >>> NameKind("former").value
    'former'
    """

    ACRONYM = "acronym"
    """An abbreviation such as ``M5`` or ``PIDC``."""
    FORMER = "former"
    """A name the documents say the entity was previously known by."""
    ALIAS = "alias"
    """Another name the documents say it is also known by."""
    SHORT = "short"
    """A shortened form of the name used in running text."""
    VARIANT = "variant"
    """Another spelling or wording of the name used by one of the documents."""


class OrganisationKind(Vocabulary):
    """What sort of organisation a record describes.

    >>> OrganisationKind("working-group")
    <OrganisationKind.WORKING_GROUP: 'working-group'>
    """

    FORUM = "forum"
    AGENCY = "agency"
    UN_BODY = "un-body"
    INDUSTRY_BODY = "industry-body"
    INTERGOVERNMENTAL_ORGANISATION = "intergovernmental-organisation"
    WORKING_GROUP = "working-group"
    STEERING_GROUP = "steering-group"
    SUPPORT_OFFICE = "support-office"
    SECRETARIAT = "secretariat"
    MEETING_BODY = "meeting-body"
    """A body that meets, such as a senior officials meeting or an ad hoc group."""
    OFFICE = "office"
    """A regional office or a unit inside one."""
    LEGISLATURE = "legislature"
    PROGRAMME = "programme"
    """A programme run as an organisation, such as UN-ACT."""


class ParticipantKind(Vocabulary):
    """What sort of participant (a country or a part of one) a record describes.

    >>> ParticipantKind("special-administrative-region").name
    'SPECIAL_ADMINISTRATIVE_REGION'
    """

    COUNTRY = "country"
    SPECIAL_ADMINISTRATIVE_REGION = "special-administrative-region"
    PROVINCE = "province"


class PlaceKind(Vocabulary):
    """What sort of place an event happens in.

    >>> [kind.value for kind in PlaceKind]
    ['city', 'island']
    """

    CITY = "city"
    ISLAND = "island"


class InstrumentKind(Vocabulary):
    """What sort of instrument a record describes.

    >>> InstrumentKind("protocol")
    <InstrumentKind.PROTOCOL: 'protocol'>
    """

    CONVENTION = "convention"
    PROTOCOL = "protocol"
    RESOLUTION = "resolution"
    STRATEGY = "strategy"
    PLAN = "plan"
    PROGRAMME = "programme"
    CARD = "card"
    SYSTEM = "system"
    DATABASE = "database"
    BILL = "bill"


class EventKind(Vocabulary):
    """What sort of event a record describes.

    >>> EventKind("accession").value
    'accession'
    """

    FOUNDING = "founding"
    ACCESSION = "accession"
    MEETING = "meeting"
    WORKSHOP = "workshop"
    TRANSFER = "transfer"
    REFRESH = "refresh"
    TABLING = "tabling"
    """A bill tabled in a parliament."""
    ANNOUNCEMENT = "announcement"
    """An announcement, distinct from what it announces."""
    CONFLICT = "conflict"
    """An armed conflict, such as the Iraq conflict."""


class Precision(Vocabulary):
    """How exactly the documents date an event: never more exactly than they do.

    ``day`` means the dates are as the documents give them. ``week``, ``month`` and
    ``year`` mean the documents name only that: the event's dates span the whole week
    (Monday to Sunday), month or year, within which it happened. ``between`` means the
    documents show only that it happened at some time from ``start`` to ``end``, and
    either may be unknown (an open bound).

    >>> Precision("week")
    <Precision.WEEK: 'week'>
    """

    DAY = "day"
    WEEK = "week"
    """The documents name the week only (“last week” in a dated release)."""
    MONTH = "month"
    YEAR = "year"
    BETWEEN = "between"
    """The documents bound the date only, on one side or both (“this month”, said
    in a release dated the 20th, is between the 1st and the 20th)."""


class Comparison(Vocabulary):
    """How a figure's value relates to the true number.

    ``more-than`` is for figures the documents give as a lower bound ("over 700").

    >>> Comparison("more-than")
    <Comparison.MORE_THAN: 'more-than'>
    """

    EXACTLY = "exactly"
    MORE_THAN = "more-than"


class PresentationKind(Vocabulary):
    """What sort of presentation to a meeting a record describes.

    >>> PresentationKind("case-study").value
    'case-study'
    """

    OVERVIEW = "overview"
    """An overview of a participant's own practice."""
    STATEMENT = "statement"
    """A point made to the meeting (“highlighted”, “emphasised”)."""
    COUNTRY_PRESENTATION = "country-presentation"
    """Countries presenting on set topics."""
    CASE_STUDY = "case-study"
    BRIEFING = "briefing"
    """An account of a body's structure, role and work (“were discussed by”)."""
    DEMONSTRATION = "demonstration"
    """A presentation with a demonstration of a system."""


class OutcomeKind(Vocabulary):
    """What a meeting did about a matter, by the documents' verb.

    >>> OutcomeKind("agreed")
    <OutcomeKind.AGREED: 'agreed'>
    """

    AGREED = "agreed"
    """The members agreed on it (“Members agreed on”)."""
    ENCOURAGED = "encouraged"
    """Members were encouraged to do it (“were encouraged to”)."""
    APPROVED = "approved"
    """It was approved (“approved New Zealand's application”)."""
    DISCUSSED = "discussed"
    """It was discussed or explored, without a conclusion the documents state."""


class PublisherType(Vocabulary):
    """What sort of body published a source document (a `Source`'s ``publisher_type``).

    >>> PublisherType("new-zealand-government").value
    'new-zealand-government'
    """

    NEW_ZEALAND_GOVERNMENT = "new-zealand-government"
    """The New Zealand Government, a ministry or an agency of it."""
    INTERGOVERNMENTAL_BODY = "intergovernmental-body"
    """A forum or organisation of several governments (the Bali Process)."""
