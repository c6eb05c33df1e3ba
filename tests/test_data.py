"""The packaged dataset as a whole: its invariants, its citations, and the facts it holds."""

from __future__ import annotations

import re
from pathlib import Path

import pycountry
import pytest

import nzcoop
from nzcoop import Discrepancy, Engagement, Event, NameKind, Participant, Role, Source
from nzcoop._checks import problems
from nzcoop._model import RECORD_KINDS, citations
from nzcoop._names import Names

DATA = nzcoop.dataset()
ENTITIES = DATA.entities()


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _document(seeds: Path, source: Source) -> tuple[str, list[str]]:
    """Return the text of *source*'s document, whitespace collapsed, and its stripped lines."""
    text = (seeds / source.file).read_text("utf-8")
    return _collapse(text), [line.strip() for line in text.splitlines()]


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


def test_every_record_but_a_source_is_cited() -> None:
    for entity in ENTITIES:
        if not isinstance(entity, Source):
            assert entity.sources, entity.id


def test_start_is_never_after_end() -> None:
    for event in DATA.records("events"):
        assert isinstance(event, Event)
        if event.start is not None:
            assert event.end is not None
            assert event.start <= event.end
    for engagement in DATA.engagements():
        if engagement.since is not None and engagement.until is not None:
            assert engagement.since <= engagement.until


def test_iso_codes_are_real() -> None:
    for participant in DATA.records("participants"):
        assert isinstance(participant, Participant)
        if participant.iso_3166_1 is not None:
            country = pycountry.countries.get(alpha_2=participant.iso_3166_1)
            assert country is not None, participant.iso_3166_1


def test_sources_record_only_what_the_documents_state() -> None:
    dated = {source.file[:3]: source.date for source in DATA.sources()}
    assert str(dated["002"]) == "2007-08-20"
    assert str(dated["004"]) == "2003-06-17"
    assert dated["000"] is None
    assert dated["001"] is None
    assert dated["003"] is None
    assert all(source.publisher is None for source in DATA.sources())


# -- citations against the documents -----------------------------------------------------


def test_every_quote_is_verbatim_under_its_section(seeds: Path) -> None:
    """Each quote occurs in its document, after the heading it cites as its section."""
    sources = {source.id: source for source in DATA.sources()}
    checked = 0
    for entity in ENTITIES:
        for citation in citations(entity):
            source = sources[citation.source]
            text, lines = _document(seeds, source)
            quote = _collapse(citation.quote)
            assert quote in text, (entity.id, citation.quote)
            if citation.section is not None:
                assert citation.section in lines or citation.section == source.title, (
                    entity.id,
                    citation.section,
                )
                heading_at = text.find(_collapse(citation.section))
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
    assert {"australia", "canada", "new-zealand", "united-kingdom", "united-states"} <= members


def test_new_zealand_co_chairs_the_disruption_working_group_with_viet_nam() -> None:
    found = [
        e
        for e in nzcoop.engagements(participant="New Zealand", role="co-chair")
        if isinstance(DATA.lookup(e.target), nzcoop.Organisation)
    ]
    (engagement,) = found
    group = nzcoop.organisation(engagement.target)
    assert group.parent == nzcoop.organisation("Bali Process").id
    assert engagement.alongside == (nzcoop.lookup("Vietnam").id,)
    assert nzcoop.lookup("Viet Nam") == nzcoop.lookup("vietnam")
    assert nzcoop.organisation(
        "Working Group on the Disruption of Criminal People Smuggling and Trafficking Networks"
    ) == nzcoop.organisation(
        "Working Group on Disruption of Criminal Networks Involved in People Smuggling and "
        "Trafficking in Persons"
    )


def test_bali_process_co_chairs_and_founding() -> None:
    chairs = {
        e.participant for e in nzcoop.engagements(organisation="Bali Process", role="co-chair")
    }
    assert {"australia", "indonesia"} <= chairs
    founding = nzcoop.events(organisation="Bali Process", year=2002)
    assert founding
    assert {c.source for e in founding for c in e.sources} >= {
        s.id for s in DATA.sources() if s.file[:3] in {"001", "002"}
    }


def test_new_zealand_joined_iom_as_its_100th_member_in_2003() -> None:
    (membership,) = nzcoop.engagements(participant="New Zealand", organisation="IOM", role="member")
    assert membership.since == 2003
    figures = [f for f in DATA.records("figures") if isinstance(f, nzcoop.Figure)]
    assert any(f.subject in {"iom", membership.id} and f.value == 100 for f in figures)
    assert nzcoop.organisation("IOM") in nzcoop.organisations(year=2003)


def test_auckland_june_2013() -> None:
    (meeting,) = [e for e in nzcoop.events(year=2013) if e.place == "auckland"]
    assert (str(meeting.start), str(meeting.end)) == ("2013-06-24", "2013-06-27")
    held = DATA.engagements()
    at = [e for e in held if e.target == meeting.id]
    co_chairs = {e.participant for e in at if e.role is Role.CO_CHAIR}
    assert co_chairs == {"new-zealand", "australia"}
    attendees = {e.participant for e in at if e.role is Role.ATTENDEE}
    expected = {
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
        "canada",
    }
    assert expected <= attendees
    assert nzcoop.lookup("RSO").id in attendees


def test_the_2007_workshop_keeps_both_claims_of_its_length() -> None:
    (workshop,) = [e for e in nzcoop.events(year=2007) if e.place == "wellington"]
    assert (str(workshop.start), str(workshop.end)) == ("2007-08-20", "2007-08-22")
    disagreements = [
        d
        for d in DATA.records("discrepancies")
        if isinstance(d, Discrepancy) and d.subject == workshop.id
    ]
    (disagreement,) = disagreements
    quotes = " ".join(c.quote for c in disagreement.sources)
    assert "two-day" in quotes
    assert "20-22" in quotes


def test_mass_arrival_is_defined() -> None:
    term = nzcoop.lookup("mass arrival")
    assert isinstance(term, nzcoop.Term)
    assert "30" in term.sources[0].quote


def test_undated_documents_give_no_year() -> None:
    """Engagements cited only from undated documents, with no years, match no year."""
    for engagement in DATA.engagements():
        assert isinstance(engagement, Engagement)
        years = [y for y in range(1900, 2100) if engagement in nzcoop.engagements(year=y)]
        dated = any(
            DATA.lookup(c.source).date is not None  # type: ignore[union-attr]
            for c in engagement.sources
        )
        if not years:
            continue
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


def test_un_act_covers_the_greater_mekong_sub_region() -> None:
    un_act = nzcoop.organisation("UN-ACT")
    assert {nzcoop.lookup(id_).name for id_ in un_act.area} == {
        "Greater Mekong sub-region",
        "Cambodia",
        "Laos",
        "Myanmar",
        "Thailand",
        "Viet Nam",
        "Yunnan",
    }
    assert nzcoop.organisation("UN-ACT") in nzcoop.organisations(role="funder")
