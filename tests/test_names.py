"""How names are compared: the name key, the table of names, and close names."""

from __future__ import annotations

import difflib

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nzcoop
from nzcoop._names import Names, Suggestions, closest, name_key, other_spellings, spellings

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
    assert names.unique
    assert list(names.clashes()) == []
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


def test_names_hold_the_keys_of_names_not_of_ids() -> None:
    data = s.DATA
    names = Names(data.entities())
    assert names.by_key[name_key("Five Country Conference")] is data.lookup("m5")
    assert "new-zealand-member-iom" not in names.by_key  # the key of an id, not a name


def test_closest_names_come_best_first() -> None:
    assert closest("Migraton Five", ["Migration Five", "M5", "IOM"]) == ("Migration Five",)
    assert closest("zzzz", ["Migration Five"]) == ()
    assert closest("dok", ["doc", "source"]) == ("doc",)


NAMES = [
    "Migration Five",
    "Refugee Quota Programme",
    "Palermo Convention",
    "UNODC VRS-MSRC database",
    "Technical Experts Working Group",
    "International Organization for Migration",
    "IOM",
    "Business Mobility Group",
]


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("Migraton Five", "Migration Five"),  # a word misspelt
        ("Refugee Convention", "Refugee Quota Programme"),  # a distinguishing word shared
        ("VRS-MSRC", "UNODC VRS-MSRC database"),  # words of a longer name
        ("TEWG", "Technical Experts Working Group"),  # an acronym of a name
        ("BMG", "Business Mobility Group"),
        ("International Organization Migration", "International Organization for Migration"),
        ("Internatonal Organisation of Migration", "International Organization for Migration"),
    ],
)
def test_suggestions_share_words_spellings_or_acronyms(name: str, first: str) -> None:
    index = Suggestions([(name_key(n), n) for n in NAMES])
    assert index.suggest(name)[0][1] == first


@pytest.mark.parametrize("name", ["zzzz", "Convention on Nothing Else", "of the", "", "-"])
def test_nothing_is_suggested_that_has_nothing_in_common(name: str) -> None:
    index = Suggestions([(name_key(n), n) for n in NAMES])
    found = [owner for _, owner in index.suggest(name)]
    common = set(name_key(name).split("-")) - {"of", "the", "on"}
    assert all(common & set(name_key(owner).split("-")) for owner in found), found


def _alike(word: str, other: str) -> bool:
    """Whether two words are spelt nearly the same: by difflib, or one letter apart."""
    ratio = difflib.SequenceMatcher(None, word, other).ratio()
    apart = {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}
    by_one = len(word) >= 3 and bool(
        apart & {other[:i] + other[i + 1 :] for i in range(len(other))}
    )
    return len(word) >= 3 and (ratio >= 0.8 or by_one)


@given(st.text(max_size=20) | st.sampled_from(NAMES).flatmap(s.respellings))
def test_every_suggestion_has_something_in_common_with_the_name(name: str) -> None:
    """Law: a suggestion has something in common with the name.

    A word, a word spelt nearly the same, or an acronym (the one's initials are the other).
    """
    index = Suggestions([(name_key(n), n) for n in NAMES])
    slight = {"", "a", "and", "for", "of", "on", "the", "to"}
    words = [w for w in name_key(name).split("-") if w not in slight]
    for key, _ in index.suggest(name, limit=len(NAMES)):
        theirs = key.split("-")
        initials = {"".join(w[0] for w in theirs), "".join(w[0] for w in theirs if w not in slight)}
        assert (
            any(_alike(word, other) for word in words for other in theirs)
            or (len(words) == 1 and words[0] in initials)
            or "".join(w[0] for w in words) == key
        ), (name, key)


def test_suggestions_are_limited_ranked_and_filtered() -> None:
    index = Suggestions([(name_key(n), n) for n in NAMES])
    assert len(index.suggest("Migration", limit=1)) == 1
    only = index.suggest("Migration", accept=lambda owner: owner == "IOM")
    assert only == []  # it shares no word with "IOM"
    found = index.suggest("International Migration", accept=lambda owner: "IOM" not in owner)
    assert found[0][1] == "International Organization for Migration"


def test_a_common_word_counts_only_beside_a_rarer_one() -> None:
    names = [f"Forum {i}" for i in range(300)] + ["Forum of Islands"]
    index = Suggestions([(name_key(n), n) for n in names])
    assert index.suggest("Forum") == []  # in every name: it says nothing
    assert index.suggest("Islands Forum")[0][1] == "Forum of Islands"


def test_only_the_best_candidates_are_compared_letter_by_letter() -> None:
    names = [f"Pacific Forum {i}" for i in range(40)] + [f"Pacific Other {i}" for i in range(40)]
    index = Suggestions([(name_key(n), n) for n in names])
    found = index.suggest("Pacific Forum", limit=50)
    assert len(found) == 32
    assert all(owner.startswith("Pacific Forum") for _, owner in found)
