"""Query arguments: names resolved to records as readers type them, and vocabularies."""

from __future__ import annotations

import enum

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nzcoop
from nzcoop import InvalidArgumentError, Role, Theme, UnknownNameError
from nzcoop._arguments import coerce_enum
from nzcoop._vocabulary import __all__ as VOCABULARIES  # noqa: N812 - a list of names

from . import sample
from . import strategies as s
from .sample import structure

# Spellings a reader would type, from the documents' own wording and common variants,
# each with the id of the record it names.
SPELLINGS = [
    ("The Migration Five", "m5"),
    ("the Five Country Conference", "m5"),
    ("M5", "m5"),
    ("The Pacific Immigration Directors\u2019 Conference", "pidc"),
    ("Pacific Immigration Directors Conference", "pidc"),
    ("Pacific Immigration Directors' Conference", "pidc"),
    ("PIDC", "pidc"),
    ("International Organisation for Migration", "iom"),
    ("the IOM", "iom"),
    ("the United Kingdom", "united-kingdom"),
    ("GBR", "united-kingdom"),
    ("the United States", "united-states"),
    ("USA", "united-states"),
    ("US", "united-states"),
    ("Vietnam", "viet-nam"),
    ("VNM", "viet-nam"),
    ("NZL", "new-zealand"),
    ("nz", "new-zealand"),
    ("Hong Kong", "hong-kong"),
    ("HKG", "hong-kong"),
    ("UNSCR 1373", "unscr-1373"),
    ("UNSCR1373", "unscr-1373"),
    ("UN Security Council Resolution 1373", "unscr-1373"),
    ("UN ACT", "un-act"),
    ("UN-ACT", "un-act"),
    ("UN Action for Cooperation Against Trafficking", "un-act"),
    ("Transnational Organised Crime Strategy 2020-2025", "transnational-organised-crime-strategy"),
    ("Transnational Organized Crime Strategy", "transnational-organised-crime-strategy"),
    (
        "Plan of Action against Forced Labour, People Trafficking and Slavery, 2020-2025",
        "plan-of-action-forced-labour-people-trafficking-slavery",
    ),
    (
        "Plan of Action against Forced Labour, People Trafficking & Slavery",
        "plan-of-action-forced-labour-people-trafficking-slavery",
    ),
    ("the Palermo Convention", "palermo-convention"),
    ("Convention against Transnational Organized Crime", "palermo-convention"),
    ("The Bali Process", "bali-process"),
    (
        "Bali Process on People Smuggling, Trafficking in Persons & Related Trans-national Crime",
        "bali-process",
    ),
    ("Bali Process Ad Hoc Group", "bali-process-ad-hoc-group"),
    ("the Ad Hoc Group", "bali-process-ad-hoc-group"),
    ("Bali Process Steering Group", "bali-process-steering-group"),
    ("Bali Process Regional Support Office (RSO)", "bali-process-rso"),
    ("Bali Process RSO", "bali-process-rso"),
    ("Bali Process Senior Officials Meeting", "bali-process-senior-officials-meeting"),
    ("Bali Process Technical Experts Working Group", "tewg"),
    (
        "Technical Experts Working Group - Immigration Information and Intelligence Sharing",
        "tewg",
    ),
    ("IOM Regional Office Bangkok", "iom-regional-office-bangkok"),
    ("Regional Office Bangkok IOM", "iom-regional-office-bangkok"),
    (
        "Immigration and Border Management Unit, Regional Office Bangkok IOM",
        "iom-immigration-and-border-management-unit",
    ),
    ("IOM Immigration and Border Management Unit", "iom-immigration-and-border-management-unit"),
    ("APEC Business Mobility Group", "apec-business-mobility-group"),
    ("Business Mobility Group \u2014 APEC", "apec-business-mobility-group"),
    ("Asia-Pacific Economic Cooperation", "apec"),
    ("APEC business travel card", "apec-business-travel-card"),
    ("International Civil Aviation Organisation", "icao"),
    ("the International Air Transport Association", "iata"),
    ("United Nations Office on Drugs & Crime", "unodc"),
    ("the Office of the United Nations High Commissioner for Refugees", "unhcr"),
    ("JHOPS", "jhops"),
    ("Bali Process secure web portal", "bali-process-secure-web-portal"),
    ("Asia Pacific", "asia-pacific"),
    ("Asia/Pacific region", "asia-pacific"),
    ("Greater Mekong Sub-Region", "greater-mekong-sub-region"),
    ("Greater Mekong subregion", "greater-mekong-sub-region"),
    ("Mr Cunliffe", "david-cunliffe"),
    ("Immigration Minister David Cunliffe", None),  # an office is not a name
    ("Hon Phil Goff", "phil-goff"),
    ("Ms Dalziel", "lianne-dalziel"),
    ("Ms Sophie Nonnenmacher", "sophie-nonnenmacher"),
    ("Mr Sjef Broekhaar", "sjef-broekhaar"),
    ("migrant smuggling", "people-smuggling"),
    ("human trafficking", "trafficking-in-persons"),
    (
        (
            "2007 Bali Process Workshop: Enabling Electronic Authentification of Travel "
            "Document Information"
        ),
        "bali-process-workshop-2007-wellington",
    ),
    ("NEW-ZEALAND--MEMBER--IOM", "new-zealand--member--iom"),
]


@pytest.mark.parametrize(("name", "id_"), SPELLINGS)
def test_spellings_readers_type_find_their_record(name: str, id_: str | None) -> None:
    found = nzcoop.get(name)
    assert (found.id if found else None) == id_


def test_the_table_of_spellings_is_large() -> None:
    assert len([id_ for _, id_ in SPELLINGS if id_]) >= 40


def test_a_code_or_surname_two_entities_share_names_neither() -> None:
    docs = sample.documents()
    docs["people"]["people"].append(
        dict(docs["people"]["people"][0], id="pat-other", name="Lee Example")
    )
    data = structure(docs)
    assert data.get("Ms Example") is None
    with pytest.raises(UnknownNameError) as caught:
        data.lookup("Ms Example")
    assert set(caught.value.suggestions) == {"Pat Example", "Lee Example"}


def test_a_recorded_name_outranks_a_code() -> None:
    docs = sample.documents()
    docs["participants"]["participants"][0]["alpha_3"] = "TFX"
    docs["organisations"]["organisations"][0]["names"].append({"value": "TFX", "kind": "acronym"})
    data = structure(docs)
    assert data.lookup("TFX").id == "forum"


def test_a_body_is_found_by_its_name_with_one_around_it_only() -> None:
    data = nzcoop.dataset()
    assert data.get("IOM Ad Hoc Group") is None  # the Ad Hoc Group is not inside the IOM
    assert data.get("Ad Hoc Group IOM") is None
    assert data.get("Bali Process Bali Process") == data.lookup("Bali Process")  # two names
    assert data.get("Bali Process " * 30 + "Ad Hoc Group") is None  # too many words to read
    assert data.get("China HK") == data.lookup("Hong Kong")  # a participant inside another
    assert data.get("IOM David Cunliffe") is None  # a person sits inside nothing


def test_each_way_of_reading_a_qualified_name_is_tried_once() -> None:
    index = nzcoop.dataset()._names
    found = nzcoop.lookup("Bali Process")
    assert index._qualified("any-key", {"any-key": found}) is found
    assert index.find("Bali Process Bali Process Bali Process Ad Hoc Group") is (
        nzcoop.lookup("bali-process-ad-hoc-group")
    )


def test_a_record_not_in_the_dataset_is_not_found() -> None:
    elsewhere = structure(sample.documents()).lookup("forum")
    assert nzcoop.get("New Zealand") is nzcoop.lookup("NZ")
    assert nzcoop.dataset().get(elsewhere) is None  # type: ignore[arg-type]
    with pytest.raises(UnknownNameError, match="is not a record of this dataset"):
        nzcoop.engagements(organisation=elsewhere)  # type: ignore[arg-type]


def test_get_suggests_nothing_and_raises_only_for_a_wrong_type() -> None:
    data = structure(sample.documents())
    assert data.get("The Forun") is None
    assert data._names._suggestions is None  # no index of suggestions was built
    with pytest.raises(nzcoop.ArgumentTypeError):
        data.get(3)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "suggested"),
    [
        ("VRS-MSRC", "UNODC VRS-MSRC database"),
        ("Refugee Convention", "Refugee Quota Programme"),
        ("new-zeland", "New Zealand"),
        ("tewg-meeting-2013-aukland", "tewg-meeting-2013-auckland"),  # an id misspelt
        ("Mr Cunlife", "David Cunliffe"),
        ("TOCS", "Transnational Organised Crime Strategy"),
    ],
)
def test_an_unknown_name_suggests_close_ones(name: str, suggested: str) -> None:
    with pytest.raises(UnknownNameError) as caught:
        nzcoop.lookup(name)
    assert caught.value.suggestions[0] == suggested
    assert f"did you mean {suggested!r}" in str(caught.value)


def test_suggestions_are_of_the_kind_asked_for() -> None:
    with pytest.raises(UnknownNameError) as caught:
        nzcoop.organisation("New Zealand")
    assert "names a participant ('New Zealand'), not an organisation" in str(caught.value)
    assert all(
        isinstance(nzcoop.lookup(found), nzcoop.Organisation) for found in caught.value.suggestions
    )
    assert "New Zealand" not in caught.value.suggestions


VOCABULARY_MEMBERS = [
    member
    for name in VOCABULARIES
    for member in getattr(nzcoop, name)
    if isinstance(member, enum.Enum)
]


@given(st.sampled_from(VOCABULARY_MEMBERS), st.data())
def test_vocabularies_accept_every_folded_spelling(member: enum.Enum, data: st.DataObject) -> None:
    """Law: a vocabulary's value or its member's name, respelled, is that member.

    Its case, dashes, spaces and Unicode form are varied.
    """
    text = data.draw(st.sampled_from([str(member.value), member.name]))
    text = text.replace("-", data.draw(st.sampled_from(["-", " ", "_", "\u2013", " - "])))
    respelled = data.draw(s.respellings(text))
    assert coerce_enum(respelled, type(member), "value") is member


@pytest.mark.parametrize(
    ("value", "member"),
    [
        ("Co-Chair", Role.CO_CHAIR),
        ("co chair", Role.CO_CHAIR),
        ("CO_CHAIR", Role.CO_CHAIR),
        ("cochair", Role.CO_CHAIR),
        ("people smuggling", Theme.PEOPLE_SMUGGLING),
        ("People-Smuggling", Theme.PEOPLE_SMUGGLING),
        ("Counter Terrorism", Theme.COUNTER_TERRORISM),
    ],
)
def test_vocabularies_fold_as_names_do(value: str, member: enum.Enum) -> None:
    assert coerce_enum(value, type(member), "value") is member


def test_the_values_of_each_vocabulary_stay_distinct_once_folded() -> None:
    for name in VOCABULARIES:
        vocabulary = getattr(nzcoop, name)
        keys = {nzcoop._names.name_key(str(member.value)) for member in vocabulary}
        assert len(keys) == len(vocabulary), name


def test_an_unknown_value_lists_every_valid_one_the_closest_first() -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        nzcoop.organisations(theme="smugling")
    message = str(caught.value)
    assert message.startswith("unknown theme 'smugling'; expected one of: 'people-smuggling', ")
    assert all(repr(theme.value) in message for theme in Theme)
    with pytest.raises(InvalidArgumentError, match="expected one of: 'member', 'co-chair'"):
        nzcoop.engagements(role="presenter")  # nothing in common: the vocabulary's order


def test_the_answers_kept_for_names_start_again_past_their_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = structure(sample.documents())
    monkeypatch.setattr(nzcoop._names, "_FOUND_LIMIT", 2)
    assert [data.get(name) is None for name in ("forum", "TF", "nothing", "forum")] == [
        False,
        False,
        True,
        False,
    ]
    assert len(data._names._found) <= 2
