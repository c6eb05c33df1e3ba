"""Suggestions: the names close to one that names nothing, and only those."""

from __future__ import annotations

import difflib
import subprocess
import sys
import time
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nzcoop._names import MAX_NAME_LENGTH, closest, name_key
from nzcoop._suggestions import _FOLDED, Suggestions

from . import strategies as s


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
    index = Suggestions([(n, n) for n in NAMES], name_key)
    assert index.suggest(name)[0][1] == first


@pytest.mark.parametrize("name", ["zzzz", "Convention on Nothing Else", "of the", "", "-"])
def test_nothing_is_suggested_that_has_nothing_in_common(name: str) -> None:
    index = Suggestions([(n, n) for n in NAMES], name_key)
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
    index = Suggestions([(n, n) for n in NAMES], name_key)
    slight = {"", "a", "and", "for", "of", "on", "the", "to"}
    words = [w for w in name_key(name).split("-") if w not in slight]
    for spelling, _ in index.suggest(name, limit=len(NAMES)):
        key = name_key(spelling)
        theirs = key.split("-")
        initials = {"".join(w[0] for w in theirs), "".join(w[0] for w in theirs if w not in slight)}
        assert (
            any(_alike(word, other) for word in words for other in theirs)
            or (len(words) == 1 and words[0] in initials)
            or "".join(w[0] for w in words) == key
        ), (name, key)


def test_suggestions_are_limited_ranked_and_filtered() -> None:
    index = Suggestions([(n, n) for n in NAMES], name_key)
    assert len(index.suggest("Migration", limit=1)) == 1
    only = index.suggest("Migration", accept=lambda owner: owner == "IOM")
    assert only == []  # it shares no word with "IOM"
    found = index.suggest("International Migration", accept=lambda owner: "IOM" not in owner)
    assert found[0][1] == "International Organization for Migration"


def test_a_common_word_counts_only_beside_a_rarer_one() -> None:
    names = [f"Forum {i}" for i in range(300)] + ["Forum of Islands"]
    index = Suggestions([(n, n) for n in names], name_key)
    assert index.suggest("Forum") == []  # in every name: it says nothing
    assert index.suggest("Islands Forum")[0][1] == "Forum of Islands"


def test_only_the_best_candidates_are_compared_letter_by_letter() -> None:
    names = [f"Pacific Forum {i}" for i in range(40)] + [f"Pacific Other {i}" for i in range(40)]
    index = Suggestions([(n, n) for n in names], name_key)
    found = index.suggest("Pacific Forum", limit=50)
    assert len(found) == 32
    assert all(owner.startswith("Pacific Forum") for _, owner in found)


def test_a_first_query_and_a_miss_neither_import_nor_build_suggestions() -> None:
    """Only a lookup that raises imports this module (and difflib), and builds its index."""
    code = (
        "import sys, nzcoop\n"
        "nzcoop.organisation('M5'); nzcoop.get('no such body')\n"
        "print(sorted(m for m in ('nzcoop._suggestions', 'difflib', 'heapq') if m in sys.modules))"
    )
    done = subprocess.run(  # noqa: S603 - runs this interpreter on code written here
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("fillers", [30, 600])
def test_past_the_seeded_candidates_a_word_only_counts_for_those_found(
    monkeypatch: pytest.MonkeyPatch, fillers: int
) -> None:
    """Law: past the budget of candidates, a word only counts for those found already.

    The word worth most finds the candidates; a later one adds only to them, whether a
    set of its keys or a bisection of them is the sooner to test.
    """
    from nzcoop import _suggestions

    monkeypatch.setattr(_suggestions, "_SEEDED", 10)
    names = [
        *(f"Alpha {i}" for i in range(20)),
        *(f"Beta {i}" for i in range(fillers)),
        "Alpha Beta Gamma",
    ]
    index = Suggestions([(n, n) for n in names], name_key)
    found = [owner for _, owner in index.suggest("Alpha Beta", limit=40)]
    assert found[0] == "Alpha Beta Gamma"
    assert not any(owner.startswith("Beta") for owner in found)  # found only by "beta"


def _within(seconds: float, call: Callable[[], object]) -> object:
    """Return what *call* returns, failing if it takes more than *seconds*."""
    start = time.perf_counter()
    result = call()
    assert time.perf_counter() - start < seconds
    return result


_XS = ["x" * length for length in range(1, 5001)]


@pytest.mark.parametrize(
    "name",
    ["x" * 499 + "y", "x" * 2000 + "y", "x" * 10**6, " ".join(["ab"] * 100_000), "x" * 70 + "y"],
    ids=["499 and a y", "2,000 and a y", "a million", "100,000 words", "70 and a y"],
)
def test_suggestions_cost_is_bounded_in_the_lengths_of_names(name: str) -> None:
    """Among names "x" to 5,000 x's, any name is answered in bounded time."""
    found = _within(5.0, lambda: closest(name, _XS))
    assert isinstance(found, tuple)


def test_a_long_word_is_compared_by_its_first_letters() -> None:
    """Words alike in their first letters, past what is compared, are still suggested."""
    long = "pneumonoultramicroscopicsilicovolcanoconiosis" * 2
    assert closest(long[:-1] + "z", [long, "other"]) == (long,)


def test_spellings_are_folded_to_twice_the_longest_name_the_checks_allow() -> None:
    assert _FOLDED == 2 * MAX_NAME_LENGTH, "set _suggestions._FOLDED to twice MAX_NAME_LENGTH"
