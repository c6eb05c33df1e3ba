"""The packaged dataset as a whole: its invariants, its citations, and the facts it holds."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pycountry
import pytest

import nzcoop
from nzcoop import (
    Engagement,
    Event,
    Instrument,
    NameKind,
    Organisation,
    Participant,
    Precision,
    Role,
    Source,
    Theme,
)
from nzcoop._checks import problems
from nzcoop._model import RECORD_KINDS, citations
from nzcoop._names import Names

from . import documents
from .documents import LEDGER

DATA = nzcoop.dataset()
ENTITIES = DATA.entities()


# -- invariants -------------------------------------------------------------------------


def test_ids_are_unique_and_well_formed() -> None:
    ids = [entity.id for entity in ENTITIES]
    assert len(ids) == len(set(ids))
    for id_ in ids:
        assert re.fullmatch(r"[a-z0-9]+(?:--?[a-z0-9]+)*", id_), id_


def test_the_whole_dataset_passes_its_own_checks() -> None:
    """Every reference resolves to the right kind, no name is shared, dates are in order."""
    records = [DATA.records(str(kind.stem)) for kind in RECORD_KINDS]
    assert list(problems(records, Names(ENTITIES))) == []


def test_iso_codes_are_real_and_agree() -> None:
    for participant in DATA.records("participants"):
        assert isinstance(participant, Participant)
        assert (participant.alpha_2 is None) == (participant.alpha_3 is None)
        if participant.alpha_2 is not None:
            country = pycountry.countries.get(alpha_2=participant.alpha_2)
            assert country is not None, participant.alpha_2
            assert country.alpha_3 == participant.alpha_3


def test_sources_are_as_their_publishers_give_them() -> None:
    """Titles, publishers and addresses from SOURCES.md; dates only where a page states one."""
    by_id = {source.id: source for source in DATA.sources()}
    assert set(by_id) == set(documents.FILES)
    assert [str(by_id[s].date) for s in ("release-2007-08-20", "release-2003-06-17")] == [
        "2007-08-20",
        "2003-06-17",
    ]
    undated = ("international-cooperation", "people-smuggling-and-trafficking", "tewg-2013-report")
    assert all(by_id[s].date is None for s in undated)
    assert by_id["tewg-2013-report"].publisher == "The Bali Process"
    assert all(source.url.startswith("https://www.") for source in by_id.values())


def test_sources_match_the_list_of_sources(seeds: Path) -> None:
    table = (seeds / "SOURCES.md").read_text("utf-8")
    for source in DATA.sources():
        (row,) = [line for line in table.splitlines() if documents.FILES[source.id] in line]
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert cells[1:4] == [source.title, source.publisher, source.url]
        assert cells[4] == (str(source.date) if source.date else "none stated")


# -- citations against the documents -----------------------------------------------------


def test_every_quote_is_verbatim_under_its_section(seeds: Path) -> None:
    """Each quote occurs in its document, after the heading it cites as its section."""
    checked = 0
    for entity in ENTITIES:
        for citation in citations(entity):
            raw = documents.read(seeds, citation.source)
            text, lines = documents.collapse(raw), [line.strip() for line in raw.splitlines()]
            quote = documents.collapse(citation.quote)
            assert quote in text, (entity.id, citation.quote)
            if citation.section is not None:
                source = DATA.lookup(citation.source)
                assert isinstance(source, Source)
                assert citation.section in lines or citation.section == source.title
                heading_at = text.find(documents.collapse(citation.section))
                assert 0 <= heading_at <= text.rindex(quote), (entity.id, citation.section)
            checked += 1
    assert checked > len(ENTITIES)


def test_quotes_are_one_sentence_or_less() -> None:
    for entity in ENTITIES:
        for citation in citations(entity):
            inner = citation.quote.rstrip(".!?\u201d\"' ")
            assert not re.search(r"[a-z]\. [A-Z]", inner), (entity.id, citation.quote)
            assert len(citation.quote) <= 400, entity.id


def test_every_document_is_cited() -> None:
    for source in DATA.sources():
        assert DATA.cited_by(source), source.id


NAMED = (
    nzcoop.Place,
    nzcoop.Region,
    nzcoop.Participant,
    nzcoop.Organisation,
    nzcoop.Person,
    nzcoop.Instrument,
    nzcoop.Term,
)
"""The kinds of record whose ``name`` is the documents' own: the rest are labelled."""


def test_names_are_the_documents_own_words(seeds: Path) -> None:
    """Law: names occur verbatim (case aside) in a document the record cites.

    That is every other name, and the name of a kind the documents name.
    """
    for entity in ENTITIES:
        cited = {c.source for c in citations(entity)} or {entity.id}
        texts = [documents.collapse(documents.read(seeds, s)).casefold() for s in cited]
        spelled = [name.value for name in entity.names]
        if isinstance(entity, NAMED):
            spelled.append(entity.name)
        for value in spelled:
            assert any(value.casefold() in text for text in texts), (entity.id, value)
    labelled = [e.id for e in ENTITIES if isinstance(e, Instrument) and e.label is not None]
    assert labelled == ["mass-arrival-prevention-strategy", "quota-programme-2003-release"]


EVIDENCE: dict[Theme, tuple[str, ...]] = {
    Theme.GENERAL_IMMIGRATION: ("immigration", "migration"),
    Theme.REFUGEE_RESETTLEMENT: ("refugee", "resettl"),
    Theme.BUSINESS_MOBILITY: ("business", "trade or invest"),
    Theme.TRAVEL_FACILITATION: ("travel", "entry", "movement of people"),
    Theme.BORDER_SECURITY: ("border",),
    Theme.PEOPLE_SMUGGLING: ("smuggl",),
    Theme.TRAFFICKING_IN_PERSONS: ("traffick",),
    Theme.TRANSNATIONAL_CRIME: (
        "transnational crime",
        "trans-national crime",
        "organised crime",
        "criminal network",
    ),
    Theme.INFORMATION_SHARING: ("information", "intelligence"),
    Theme.MARITIME_SECURITY: ("maritime",),
    Theme.FORCED_LABOUR: ("forced labour",),
    Theme.IRREGULAR_MIGRATION: ("irregular migra", "illegal migration", "unlawfully"),
    Theme.ARMS_DEALING: ("arms dealing",),
    Theme.TRAVEL_DOCUMENTS: ("travel document", "passports"),
    Theme.COUNTER_TERRORISM: ("terroris",),
    Theme.REGIONAL_SECURITY: ("regional security",),
    Theme.AVIATION: ("aviation", "airline"),
    Theme.HUMANITARIAN_ASSISTANCE: ("humanitarian assistance",),
    Theme.VICTIM_PROTECTION: ("victim protection", "support victims"),
    Theme.LEGAL_FRAMEWORKS: ("legal and policy frameworks", "legislation"),
    Theme.LAW_ENFORCEMENT: ("law enforcement",),
    Theme.SLAVERY: ("slavery",),
    Theme.DRUGS: ("supply of drugs",),
    Theme.ECONOMIC_PROSPERITY: ("economic prosperity",),
    Theme.NATIONAL_SECURITY: ("national security",),
}
"""The words that evidence each theme: a record may have a theme only if one of its
quotes, or the heading one sits under, holds one of these."""


GROUPINGS: dict[Theme, tuple[str, str]] = {
    Theme.GENERAL_IMMIGRATION: ("international-cooperation", "General immigration interests"),
    Theme.REFUGEE_RESETTLEMENT: ("international-cooperation", "Refugee resettlement"),
    Theme.BUSINESS_MOBILITY: (
        "international-cooperation",
        "Supporting business and economic co-operation",
    ),
    Theme.TRAVEL_FACILITATION: ("international-cooperation", "Facilitating travel"),
}
"""The themes that are a page's own grouping: the heading the immigration page files the
organisations it works with under. For organisations, such a theme is evidenced by the
heading alone, and held by exactly the organisations the page files there (the ledger's
``themes`` of the heading); its words evidence it for instruments and events."""


def test_every_theme_is_stated_by_a_quote_of_its_record() -> None:
    assert set(EVIDENCE) == set(Theme)
    for entity in ENTITIES:
        cited = " ".join(f"{c.section or ''} {c.quote}" for c in citations(entity)).casefold()
        for theme in getattr(entity, "themes", ()):
            if isinstance(entity, Organisation) and theme in GROUPINGS:
                continue  # the grouping, below
            assert any(word in cited for word in EVIDENCE[theme]), (entity.id, theme.value)


def test_a_theme_of_the_pages_headings_is_its_grouping_exactly() -> None:
    """Law: the organisations of a grouping theme are those filed under its heading."""
    headings = {
        (source, entry["text"]): entry
        for source, entries in LEDGER.items()
        for entry in entries
        if "themes" in entry
    }
    for theme, heading in GROUPINGS.items():
        filed = headings[heading]["themes"][theme.value]
        assert [o.id for o in nzcoop.organisations(theme=theme)] == sorted(
            filed, key=lambda id_: (nzcoop.organisation(id_).name.casefold(), id_)
        )
        for id_ in filed:
            cited = citations(nzcoop.organisation(id_))
            assert any((c.source, c.section) == heading for c in cited), (theme, id_)


# -- facts a user comes for ---------------------------------------------------------------


def test_former_name_of_the_m5() -> None:
    m5 = nzcoop.organisation("Five Country Conference")
    assert m5.name == "Migration Five"
    assert nzcoop.Name("Five Country Conference", NameKind.FORMER) in m5.names
    assert nzcoop.lookup("M5") == m5


def test_new_zealand_delivers_the_m5_secretariat() -> None:
    (engagement,) = nzcoop.engagements(organisation="M5", role="secretariat")
    assert engagement.participant == "new-zealand"
    members = {e.participant for e in nzcoop.engagements(organisation="M5", role="member")}
    assert members == {"australia", "canada", "new-zealand", "united-kingdom", "united-states"}


def test_new_zealand_co_chairs_the_disruption_working_group_with_viet_nam() -> None:
    standing = [
        e
        for e in nzcoop.engagements(participant="New Zealand", role="co-chair")
        if isinstance(DATA.lookup(e.target), Organisation)
    ]
    (engagement,) = standing
    group = nzcoop.organisation(engagement.target)
    assert group.parent == nzcoop.organisation("Bali Process").id
    assert engagement.alongside == (nzcoop.lookup("Vietnam").id,)
    assert (
        nzcoop.organisation(
            "Working Group on the Disruption of Criminal People Smuggling and Trafficking Networks"
        )
        == group
    )


def test_bali_process_co_chairs_founding_and_region() -> None:
    chairs = {
        e.participant for e in nzcoop.engagements(organisation="Bali Process", role="co-chair")
    }
    assert {"australia", "indonesia"} <= chairs
    (founding,) = nzcoop.events(organisation="Bali Process", year=2002)
    assert {c.source for c in founding.sources} == {
        "people-smuggling-and-trafficking",
        "release-2007-08-20",
    }
    assert nzcoop.organisation("Bali Process").area == ("asia-pacific",)
    assert nzcoop.lookup("Asia/Pacific") == nzcoop.lookup("Asia-Pacific")


def test_new_zealand_joined_iom_as_its_100th_member_in_2003() -> None:
    (membership,) = nzcoop.engagements(participant="New Zealand", organisation="IOM", role="member")
    assert membership.since == 2003
    figures = DATA.records("figures")
    assert any(f.subject == membership.id and f.value == 100 for f in figures)
    assert nzcoop.organisation("IOM") in nzcoop.organisations(year=2003)


def test_the_2003_announcement_is_an_event_of_its_own() -> None:
    (announcement,) = [
        e for e in nzcoop.events(year=2003) if e.kind is nzcoop.EventKind.ANNOUNCEMENT
    ]
    assert (str(announcement.start), announcement.precision) == ("2003-06-17", Precision.DAY)
    assert announcement.announces == ("new-zealand-joins-iom-2003",)
    announcers = {e.participant for e in nzcoop.engagements(role="announcer")}
    assert announcers == {"new-zealand", "phil-goff", "lianne-dalziel"}


def test_last_week_is_a_week_not_seven_days() -> None:
    session = nzcoop.lookup("iom-special-session-2003-geneva")
    assert isinstance(session, Event)
    assert session.precision is Precision.WEEK
    assert (session.start.isoformat(), session.end.isoformat()) == ("2003-06-09", "2003-06-15")  # type: ignore[union-attr]
    (approval,) = nzcoop.outcomes(event=session, kind="approved")
    assert approval.subjects == ("new-zealand",)


def test_this_month_in_a_release_ends_at_the_release() -> None:
    tabling = nzcoop.lookup("immigration-bill-tabled-2007")
    assert isinstance(tabling, Event)
    assert (tabling.precision, str(tabling.start), str(tabling.end)) == (
        Precision.BETWEEN,
        "2007-08-01",
        "2007-08-20",
    )


def test_auckland_june_2013() -> None:
    (meeting,) = [e for e in nzcoop.events(year=2013) if e.places == ("auckland",)]
    assert (str(meeting.start), str(meeting.end)) == ("2013-06-24", "2013-06-27")
    at = [e for e in DATA.engagements() if e.target == meeting.id]
    assert {e.participant for e in at if e.role is Role.CO_CHAIR} == {"new-zealand", "australia"}
    attendees = {e.participant for e in at if e.role is Role.ATTENDEE}
    assert attendees == {
        "australia",
        "bangladesh",
        "malaysia",
        "maldives",
        "myanmar",
        "new-zealand",
        "philippines",
        "sri-lanka",
        "thailand",
        "united-states",
        "viet-nam",
        "iom",
    }
    also = {e.participant for e in at if e.role is Role.ADDITIONAL_ATTENDEE}
    assert also == {"canada", nzcoop.lookup("RSO").id}


def test_who_presented_what_in_2013() -> None:
    (pidc,) = nzcoop.presentations(subject="PIDC")
    assert (pidc.presenters, pidc.kind.value) == (("new-zealand",), "case-study")
    (unscr,) = nzcoop.presentations(subject="UNSCR1373")
    assert unscr.presenters == ("australia",)
    (portal,) = nzcoop.presentations(presenter="Sjef Broekhaar")
    assert portal.subjects == ("bali-process-secure-web-portal",)
    (rso,) = nzcoop.presentations(presenter="Sophie Nonnenmacher")
    assert rso.subjects == ("bali-process-rso",)
    assert nzcoop.presentations(event="tewg-meeting-2013-auckland")[2].presenters == ()


def test_what_the_2013_meeting_agreed() -> None:
    agreed = nzcoop.outcomes(event="tewg-meeting-2013-auckland", kind="agreed")
    assert len(agreed) == 4
    assert {s for o in agreed for s in o.subjects} == {
        "interpol",
        "bali-process-secure-web-portal",
        "unodc-vrs-msrc-database",
        "bali-process-senior-officials-meeting",
    }
    assert len(nzcoop.outcomes(kind="encouraged")) == 2


def test_what_the_iom_does_for_new_zealand() -> None:
    services = nzcoop.services(provider="IOM", recipient="New Zealand")
    assert [s.services for s in services] == [
        ("resettling refugees",),
        ("medical screening of refugees", "document verification"),
    ]
    assert services[0].events == (
        "tampa-refugees-transfer-2001",
        "refugee-intakes-manus-island-nauru",
    )
    assert services[1].where == "in several countries where we are not represented"
    iom_roles = {e.role for e in nzcoop.engagements(participant="IOM")}
    assert Role.SUPPORTER in iom_roles


def test_the_two_quota_programmes_are_kept_and_linked() -> None:
    (linked,) = [d for d in DATA.records("discrepancies") if len(d.subjects) == 2]
    assert set(linked.subjects) == {"quota-programme-2003-release", "refugee-quota-programme"}
    programme = nzcoop.lookup("quota-programme-2003-release")
    assert isinstance(programme, Instrument)
    assert programme.owner is None  # “its quota programme”: the IOM's or New Zealand's
    assert "without saying whose" in (programme.label or "")


def test_the_2007_workshop_keeps_both_claims_of_its_length() -> None:
    (workshop,) = [e for e in nzcoop.events(year=2007) if e.places == ("wellington",)]
    assert (str(workshop.start), str(workshop.end)) == ("2007-08-20", "2007-08-22")
    (disagreement,) = nzcoop.discrepancies(subject=workshop)
    quotes = " ".join(c.quote for c in disagreement.sources)
    assert "two-day" in quotes
    assert "20-22" in quotes
    (days,) = nzcoop.figures(subject=workshop, role=None)
    assert [side.records for side in disagreement.sides] == [(days.id,), (workshop.id,)]
    assert nzcoop.discrepancies(subject=days) == (disagreement,)


def test_every_discrepancy_names_each_side_and_each_side_can_reach_it() -> None:
    """Law: each side cites one of its citations, and each record in it finds it.

    Every record a discrepancy is about or typed from one of its sides finds it with
    ``discrepancies(subject=...)``.
    """
    assert nzcoop.discrepancies() == DATA.records("discrepancies")
    for discrepancy in DATA.records("discrepancies"):
        assert len(discrepancy.sides) >= 2
        assert {side.citation for side in discrepancy.sides} == set(range(len(discrepancy.sources)))
        for id_ in {*discrepancy.subjects, *(r for s in discrepancy.sides for r in s.records)}:
            assert discrepancy in nzcoop.discrepancies(subject=id_), (discrepancy.id, id_)


INFERRED = {
    ("apec", "kind"),
    ("apec-business-mobility-group", "kind"),
    ("bali-process-ad-hoc-group", "parent"),
    ("bali-process-working-group-disruption", "parent"),
    ("interpol", "kind"),
    ("iraq", "kind"),
    ("nauru", "kind"),
    ("new-zealand--contributor--unhcr", "participant"),
    ("new-zealand--contributor--unhcr", "target"),
    ("new-zealand--funder--un-act", "participant"),
    ("new-zealand--partner--apec-business-mobility-group", "participant"),
    ("new-zealand--partner--iata", "participant"),
    ("new-zealand--partner--icao", "participant"),
    ("new-zealand--partner--jhops", "participant"),
    ("new-zealand--partner--pidc", "participant"),
    ("new-zealand--user--refugee-quota-programme", "participant"),
    ("tewg", "parent"),
    ("trafficking-in-persons", "names"),
    ("un-act", "kind"),
    ("united-nations", "kind"),
    ("united-nations", "names"),
}
"""Every typed value that rests on reasoning rather than a quote of its record: adding one
is a decision, made here and in the data with its reason."""


def test_the_values_kept_on_reasoning_are_these_and_say_why() -> None:
    found = {(e.id, i.field) for e in ENTITIES for i in getattr(e, "inferred", ())}
    assert found == INFERRED
    for entity in ENTITIES:
        for inference in getattr(entity, "inferred", ()):
            assert len(inference.reason.split()) >= 8, (entity.id, inference.field)


def test_each_source_is_pinned_to_the_text_its_quotes_were_checked_against(seeds: Path) -> None:
    for source in DATA.sources():
        text = (seeds / documents.FILES[source.id]).read_bytes()
        digest = hashlib.sha256(text).hexdigest()
        assert source.sha256 == digest, (
            f"{source.id}: the text in {seeds / documents.FILES[source.id]} is not the text "
            f"its quotes were checked against (sha256 {source.sha256}); check the quotes "
            "against the new text, then record its digest"
        )
        assert source.captured is None  # the copies carry no date of capture
    kinds = {source.id: source.publisher_type for source in DATA.sources()}
    assert kinds["tewg-2013-report"] is nzcoop.PublisherType.INTERGOVERNMENTAL_BODY
    assert {k for s, k in kinds.items() if s != "tewg-2013-report"} == {
        nzcoop.PublisherType.NEW_ZEALAND_GOVERNMENT
    }


def test_an_event_may_happen_in_several_places() -> None:
    intakes = nzcoop.lookup("refugee-intakes-manus-island-nauru")
    assert [p.name for p in nzcoop.follow(intakes, "places")] == ["Manus Island", "Nauru"]
    assert isinstance(intakes, Event)
    assert (intakes.start, str(intakes.end), intakes.precision) == (
        None,
        "2003-06-17",
        Precision.BETWEEN,
    )


def test_ministers_speak_for_the_events_their_releases_announce() -> None:
    spoke = {(e.participant, e.target) for e in nzcoop.engagements(role="spokesperson")}
    assert spoke == {
        ("david-cunliffe", "bali-process-workshop-2007-wellington"),
        ("phil-goff", "new-zealand-joins-iom-2003"),
        ("lianne-dalziel", "new-zealand-joins-iom-2003"),
    }
    (welcome,) = [
        c
        for e in nzcoop.engagements(participant="David Cunliffe")
        for c in e.sources
        if "welcome" in c.quote
    ]
    assert "host the workshop" in welcome.quote


def test_mass_arrival_is_defined() -> None:
    term = nzcoop.lookup("mass arrival")
    assert isinstance(term, nzcoop.Term)
    assert "30" in term.sources[0].quote


def test_undated_documents_give_no_year() -> None:
    """Engagements matched by a year are dated by a document, their years or an event."""
    for engagement in DATA.engagements():
        assert isinstance(engagement, Engagement)
        years = [y for y in range(1900, 2100) if engagement in nzcoop.engagements(year=y)]
        dated = any(DATA.lookup(c.source).date is not None for c in engagement.sources)  # type: ignore[union-attr]
        if years:
            assert (
                dated
                or engagement.since
                or engagement.until
                or isinstance(DATA.lookup(engagement.target), Event)
            ), engagement.id
    assert nzcoop.events(year=1800) == ()
    assert nzcoop.engagements(year=1800) == ()


@pytest.mark.parametrize("name", ["PIDC", "Pacific Immigration Directors\u2019 Conference"])
def test_pidc_names(name: str) -> None:
    assert nzcoop.organisation(name).name == "Pacific Immigration Development Community"


def test_regions_each_forum_covers() -> None:
    areas = {o.id: o.area for o in nzcoop.organisations(participant=None) if o.area}
    assert areas == {
        "bali-process": ("asia-pacific",),
        "jhops": ("pacific",),
        "pidc": ("pacific",),
        "un-act": ("greater-mekong-sub-region",),
    }
    mekong = nzcoop.lookup("Greater Mekong sub-region")
    assert isinstance(mekong, nzcoop.Region)
    assert [nzcoop.lookup(part).name for part in mekong.parts] == [
        "Cambodia",
        "Laos",
        "Myanmar",
        "Thailand",
        "Viet Nam",
        "Yunnan",
    ]
    assert nzcoop.organisations(area="Pacific", participant=None) == (
        nzcoop.organisation("JHoPS"),
        nzcoop.organisation("PIDC"),
    )
