"""Closed vocabularies: the enums that records use for kinds, roles and themes.

Each enum's values are the strings stored in the JSON data, so ``Role("co-chair")``
and ``Role.CO_CHAIR`` are the same member.
"""

from __future__ import annotations

import enum

__all__ = [
    "Comparison",
    "EventKind",
    "InstrumentKind",
    "NameKind",
    "OrganisationKind",
    "ParticipantKind",
    "PlaceKind",
    "Precision",
    "Role",
    "Theme",
]


class _Vocabulary(enum.Enum):
    """The base of every vocabulary: members hash by identity, in C.

    `enum.Enum` hashes a member by its name in a Python method, which every dict and set
    keyed by members (each index by role or theme) would call. A member is equal only to
    itself, so its identity hash agrees with equality.
    """

    __hash__ = object.__hash__


class Role(_Vocabulary):
    """The part a participant plays in an organisation, instrument or event.

    >>> Role("co-chair")
    <Role.CO_CHAIR: 'co-chair'>
    """

    MEMBER = "member"
    """Belongs to the organisation, or takes part in it as one of its members."""
    CO_CHAIR = "co-chair"
    """Chairs the organisation or meeting together with another participant."""
    SECRETARIAT = "secretariat"
    """Provides the organisation's secretariat services."""
    PARTY = "party"
    """Is a party to a convention or protocol."""
    FUNDER = "funder"
    """Provides funding."""
    HOST = "host"
    """Hosts a meeting or workshop."""
    CUSTODIAN = "custodian"
    """Is the custodian of an instrument."""
    ATTENDEE = "attendee"
    """Attended a meeting or workshop."""
    PARTNER = "partner"
    """Works with the organisation, or supports an instrument, without a narrower role."""
    PRESENTER = "presenter"
    """Presented to a meeting (a case study, a briefing or a demonstration)."""
    OPERATOR = "operator"
    """Runs a programme, system or database, or carries out services for others."""


class Theme(_Vocabulary):
    """A subject of cooperation that organisations, instruments and events deal with.

    >>> Theme("people-smuggling").name
    'PEOPLE_SMUGGLING'
    """

    GENERAL_IMMIGRATION = "general-immigration"
    REFUGEE_RESETTLEMENT = "refugee-resettlement"
    BUSINESS_MOBILITY = "business-mobility"
    TRAVEL_FACILITATION = "travel-facilitation"
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


class NameKind(_Vocabulary):
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


class OrganisationKind(_Vocabulary):
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


class ParticipantKind(_Vocabulary):
    """What sort of participant (country, economy or region) a record describes.

    >>> ParticipantKind("special-administrative-region").name
    'SPECIAL_ADMINISTRATIVE_REGION'
    """

    COUNTRY = "country"
    SPECIAL_ADMINISTRATIVE_REGION = "special-administrative-region"
    PROVINCE = "province"
    REGION = "region"


class PlaceKind(_Vocabulary):
    """What sort of place an event happens in.

    >>> [kind.value for kind in PlaceKind]
    ['city', 'island']
    """

    CITY = "city"
    ISLAND = "island"


class InstrumentKind(_Vocabulary):
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


class EventKind(_Vocabulary):
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


class Precision(_Vocabulary):
    """How exactly an event's dates are known.

    ``day`` means the dates are as the documents give them; ``month`` and ``year``
    mean the documents name only the month or the year, and the record's dates span
    the whole of it.

    >>> Precision("month")
    <Precision.MONTH: 'month'>
    """

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class Comparison(_Vocabulary):
    """How a figure's value relates to the true number.

    ``more-than`` is for figures the documents give as a lower bound ("over 700").

    >>> Comparison("more-than")
    <Comparison.MORE_THAN: 'more-than'>
    """

    EXACTLY = "exactly"
    MORE_THAN = "more-than"
