"""Finding a record by name: the fold, other spellings, the table of names, and lookups."""

from __future__ import annotations

import time

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nzcoop
from nzcoop import UnknownNameError
from nzcoop._names import Names, _ascii_key, _plain_key, name_key, other_spellings, spellings

from . import sample
from . import strategies as s
from .sample import structure


@given(st.text() | st.sampled_from(s.ENTITIES).flatmap(lambda e: s.respellings(e.name)))
def test_the_name_key_is_idempotent(text: str) -> None:
    """Law: folding a key again changes nothing."""
    assert name_key(name_key(text)) == name_key(text)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        (
            "  Pacific  Immigration Directors\u2019 Conference\t",
            "pacific-immigration-directors-conference",
        ),
        ("Pacific Immigration Directors' Conference", "pacific-immigration-directors-conference"),
        ("The Migration Five", "migration-five"),
        ("the", "the"),
        ("Asia-Pacific", "asia-pacific"),
        ("Asia Pacific", "asia-pacific"),
        ("Asia/Pacific", "asia-pacific"),
        ("Asia\u2013Pacific", "asia-pacific"),
        ("Asia\u00a0\u2014\u00a0Pacific", "asia-pacific"),
        ("2020\u20132025", "2020-2025"),
        ("UNSCR1373", "unscr-1373"),
        ("UNSCR 1373", "unscr-1373"),
        ("International Organisation for Migration", "international-organization-for-migration"),
        ("organised, organising, organisations", "organized-organizing-organizations"),
        ("rise wise", "rise-wise"),
        ("Mr Cunliffe", "cunliffe"),
        ("The Hon. Phil Goff", "phil-goff"),
        ("Dr", "dr"),
        ("Co-operation", "cooperation"),
        ("trans-national", "transnational"),
        ("sub region", "subregion"),
        ("Smith & Co", "smith-and-co"),
        ("U.S.A.", "usa"),
        ("(MOU)/Arrangements", "mou-arrangements"),
        ("\uff2d\uff15", "m-5"),  # full-width letters and digits
        ("\ufb01ve", "five"),  # a ligature
        ("Cafe\u0301", "caf\u00e9"),  # decomposed and composed accents
        ("Caf\u00e9", "caf\u00e9"),
        ("Zero\u200bwidth\u00ad", "zerowidth"),
        ("STRASSE", "strasse"),
        ("CO\u00a8", "c\u00f6"),  # a prefix joined to a diaeresis: one letter again
        ("A\uff06B", "a-and-b"),  # a full-width ampersand
        ("U\uff0eN\uff0e", "un"),  # full-width full stops
        ("Caf\u00e9\u2063s", "caf\u00e9s"),  # an invisible separator
        ("Stra\u00dfe", "strasse"),
        ("+", "+"),
        ("  ", ""),
    ],
)
def test_the_name_key_folds_what_people_type_differently(name: str, key: str) -> None:
    assert name_key(name) == key


def test_the_name_key_folds_unicode_normal_forms() -> None:
    """One name spelled in composed (NFC) or decomposed (NFD) characters is one key."""
    assert name_key("\u00c5land") == name_key("A\u030aland") == "\u00e5land"
    assert name_key("\u212bngstr\u00f6m") == name_key("\u00c5ngstro\u0308m")  # Angstrom sign


def test_an_id_is_its_own_key_and_held_once() -> None:
    id_ = "new-zealand-"[:-1]  # a string object of its own, not the interned constant
    assert name_key(id_) is id_


def test_every_spelling_of_the_packaged_data_is_one_entitys() -> None:
    """Law: the names and ids of distinct entities never coincide once folded."""
    names = Names(s.ENTITIES)
    assert names.clashes == []
    owners: dict[str, str] = {}
    for entity in s.ENTITIES:
        for spelling in spellings(entity):
            assert owners.setdefault(name_key(spelling), entity.id) == entity.id


def test_other_spellings_are_codes_and_surnames() -> None:
    assert other_spellings(nzcoop.lookup("Viet Nam")) == ("VN", "VNM")
    assert other_spellings(nzcoop.lookup("Yunnan")) == ()
    assert other_spellings(nzcoop.lookup("David Cunliffe")) == ("Cunliffe",)
    assert other_spellings(nzcoop.lookup("IOM")) == ()


@given(st.lists(st.sampled_from(s.ENTITIES), max_size=6), st.data())
def test_clashes_are_found_exactly_when_keys_are_shared(
    chosen: list[nzcoop.Entity], data: st.DataObject
) -> None:
    """Law: `Names.clashes` names each entity with a key another entity had first.

    The entities drawn are given other entities' names now and then.
    """
    entities: list[nzcoop.Entity] = []
    for chosen_entity in dict.fromkeys(chosen):
        entity = chosen_entity
        rename = data.draw(st.booleans())
        if entities and rename:
            other = data.draw(st.sampled_from(entities))
            taken = data.draw(st.sampled_from(spellings(other)))
            entity = attrs.evolve(entity, name=data.draw(s.respellings(taken)).strip())
        entities.append(entity)
    names = Names(entities)
    order = sorted(  # ids, then names, then other names, each in the entities' order
        ((min(position, 2), number, position, entity)
         for number, entity in enumerate(entities)
         for position, _ in enumerate(spellings(entity))),
        key=lambda entry: entry[:3],
    )  # fmt: skip
    first: dict[str, nzcoop.Entity] = {}
    expected = []
    for _, _, position, entity in order:
        owner = first.setdefault(name_key(spellings(entity)[position]), entity)
        if owner.id != entity.id:
            expected.append((entity, position, owner))
    assert sorted(names.clashes, key=repr) == sorted(expected, key=repr)


def test_names_hold_the_keys_of_names_not_of_ids() -> None:
    data = s.DATA
    names = Names(data.entities())
    assert names.by_key[name_key("Five Country Conference")] is data.lookup("m5")
    assert "new-zealand-member-iom" not in names.by_key  # the key of an id, not a name


# -- finding a record by name ------------------------------------------------------

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
    ("VRS-MSRC", "unodc-vrs-msrc-database"),  # an acronym written inside a name
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
        ("VRS MSRC databse", "UNODC VRS-MSRC database"),
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


@given(st.text(st.characters(codec="ascii")) | st.sampled_from([e.name for e in s.ENTITIES]))
def test_the_byte_table_folds_ascii_as_the_unicode_steps_do(text: str) -> None:
    """Law: the fast fold of ASCII names gives the key the plain Unicode steps give."""
    if "&" not in text and text.isascii():
        assert _ascii_key(text, text) == _plain_key(text, text)


def test_suggestions_offer_names_before_ids_and_labels() -> None:
    """A label in our words (an engagement's) or an id comes only when no name is closer."""
    with pytest.raises(UnknownNameError) as caught:
        nzcoop.lookup("Migration Fiv")
    assert caught.value.suggestions[0] == "Migration Five"
    named = {n for e in nzcoop.dataset().entities() for n in (e.name, *(m.value for m in e.names))}
    labels = {e.name for e in nzcoop.engagements()}
    assert set(caught.value.suggestions) <= named - labels
    with pytest.raises(UnknownNameError) as caught:
        nzcoop.lookup("canada member of migraton five")
    assert caught.value.suggestions[0] == "Canada, member of the Migration Five"
    with pytest.raises(UnknownNameError) as caught:  # "canada" is a key and an id
        nzcoop.lookup("Canda")
    assert caught.value.suggestions == ("Canada",)


def test_folding_long_runs_of_marks_takes_linear_time() -> None:
    """Marks beyond 30 in a row are not reordered, so folding is linear in the name."""
    marks = "".join(chr(0x0300 + i % 40) for i in range(200_000))  # out of canonical order
    started = time.perf_counter()
    key = name_key("a" + marks)
    assert time.perf_counter() - started < 5
    assert key.startswith("\u00e0")  # the first mark composes with the letter
    assert name_key("a" + marks[:20]) == name_key("a" + marks[:20] + "\u034f")


def test_a_name_longer_than_any_names_nothing() -> None:
    data = nzcoop.dataset()
    long_name = "Migration Five " * 40
    assert data.get(long_name) is None
    with pytest.raises(UnknownNameError) as caught:
        data.lookup(long_name)
    assert "is longer than any name (500 characters)" in str(caught.value)
    assert caught.value.suggestions == ()
    assert len(str(caught.value)) < 200
