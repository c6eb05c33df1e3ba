"""Query arguments that are not names: vocabularies, years and flags."""

from __future__ import annotations

import enum

import pytest
from hypothesis import given
from hypothesis import strategies as st

import nzcoop
from nzcoop import InvalidArgumentError, Role, Theme
from nzcoop._arguments import coerce_enum
from nzcoop._vocabulary import Vocabulary
from nzcoop._vocabulary import __all__ as VOCABULARIES  # noqa: N812 - a list of names

from . import strategies as s

VOCABULARY_MEMBERS = [
    member
    for name in VOCABULARIES
    for member in getattr(nzcoop, name)
    if isinstance(member, enum.Enum)
]


@given(st.sampled_from(VOCABULARY_MEMBERS), st.data())
def test_vocabularies_accept_every_folded_spelling(member: Vocabulary, data: st.DataObject) -> None:
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
def test_vocabularies_fold_as_names_do(value: str, member: Vocabulary) -> None:
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
