"""How names are compared: the name key, the table of names, and close names."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

import nzcoop
from nzcoop._names import Names, closest, name_key, spellings

from . import strategies as s


@given(st.text())
def test_the_name_key_is_idempotent(text: str) -> None:
    """Law: folding a key again changes nothing."""
    assert name_key(name_key(text)) == name_key(text)


def test_the_name_key_folds_case_spaces_and_apostrophes() -> None:
    assert name_key("  Pacific  Immigration Directors\u2019 Conference\t") == (
        "pacific immigration directors' conference"
    )
    assert name_key("directors`") == name_key("DIRECTORS\u2018") == "directors'"


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
    assert names.unique
    assert list(names.clashes()) == []
    owners: dict[str, str] = {}
    for entity in s.ENTITIES:
        for spelling in spellings(entity):
            assert owners.setdefault(name_key(spelling), entity.id) == entity.id


@given(st.lists(st.sampled_from(s.ENTITIES), max_size=6), st.data())
def test_clashes_are_found_exactly_when_keys_are_shared(
    chosen: list[nzcoop.Entity], data: st.DataObject
) -> None:
    """Law: `Names.unique` is false exactly when `Names.clashes` finds a shared key.

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
    clashes = list(names.clashes())
    assert names.unique == (clashes == [])
    for entity, position, owner in clashes:
        assert owner is not entity
        assert name_key(spellings(entity)[position]) in map(name_key, spellings(owner))


def test_closest_names_come_best_first() -> None:
    assert closest("Migraton Five", ["Migration Five", "M5", "IOM"]) == ("Migration Five",)
    assert closest("zzzz", ["Migration Five"]) == ()
