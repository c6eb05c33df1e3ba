"""How names are compared: the name key, other spellings, and the table of names."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nzcoop
from nzcoop._names import Names, name_key, other_spellings, spellings

from . import strategies as s


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
    first: dict[str, nzcoop.Entity] = {}
    expected = []
    for entity in entities:
        for position, spelling in enumerate(spellings(entity)):
            owner = first.setdefault(name_key(spelling), entity)
            if owner.id != entity.id:
                expected.append((entity, position, owner))
    assert names.clashes == expected


def test_names_hold_the_keys_of_names_not_of_ids() -> None:
    data = s.DATA
    names = Names(data.entities())
    assert names.by_key[name_key("Five Country Conference")] is data.lookup("m5")
    assert "new-zealand-member-iom" not in names.by_key  # the key of an id, not a name
