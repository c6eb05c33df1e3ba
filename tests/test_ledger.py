"""The sentence ledger: what holds each fact the documents state, sentence by sentence.

Every sentence is carried by typed fields of the records (``carried``), or states
something no typed field holds (``gap``), or is said to carry no fact (``no_fact``). A
sentence counts as carried only when a typed field holds a fact of it: a quote, a
description, a definition, a label or a name in our words never carries one. The ledger
must also agree with what the records quote, both ways.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import nzcoop
from nzcoop._model import citations, kind_of

from . import documents
from .documents import LEDGER

DATA = nzcoop.dataset()
KINDS_OF_NO_FACT = {
    "heading",
    "link",
    "navigation",
    "caption",
    "front matter",
    "lead-in",
    "context",
}
KEYS = {
    "carried": {"text", "carried", "themes", "untyped", "gap"},
    "gap": {"text", "carried", "untyped", "gap"},
    "no_fact": {"text", "no_fact", "why"},
}
"""The keys an entry may have, by what it says of its sentence."""

UNTYPED_FIELDS = {"id", "sources", "inferred", "description", "definition", "label"}
"""Fields that hold no typed fact: the id, the quotes, the reasons for an inference,
and prose in our words. A kind whose names are labels in our words (an event's, an
engagement's, a figure's) has an untyped ``name`` too."""

WORDS = {
    "name": lambda record: [record.name],
    "names": lambda record: [name.value for name in record.names],
    "title": lambda record: [record.title],
    "honorific": lambda record: [record.honorific],
    "offices": lambda record: [office.title for office in record.offices],
    "parts": lambda record: list(record.parts),
    "topics": lambda record: list(record.topics),
    "services": lambda record: list(record.services),
    "where": lambda record: [record.where],
}
"""The typed fields that hold the documents' own words, and those words: a sentence
carries such a field only by writing some of them."""


def typed(record: nzcoop.Entity, field: str) -> bool:
    """Tell whether *field* is one of *record*'s typed fields.

    >>> typed(nzcoop.lookup("M5"), "names"), typed(nzcoop.lookup("M5"), "description")
    (True, False)
    >>> typed(nzcoop.lookup("new-zealand--secretariat--m5"), "name")
    False
    """
    if field not in attrs.fields_dict(type(record)) or field in UNTYPED_FIELDS:
        return False
    return field != "name" or not kind_of(type(record)).labelled


def _quotes(record: nzcoop.Entity, source: str) -> list[str]:
    return [documents.collapse(c.quote) for c in citations(record) if c.source == source]


def _quotes_sentence(record: nzcoop.Entity, source: str, sentence: str) -> bool:
    """Tell whether *record* quotes *sentence*, or part of it.

    A source stands for its own document, whose title and front matter its fields hold.
    """
    if record.id == source:
        return True
    return any(q in sentence or sentence in q for q in _quotes(record, source))


def _entries() -> Iterator[tuple[str, dict[str, Any]]]:
    for source, entries in LEDGER.items():
        for entry in entries:
            yield source, entry


def _carried(entry: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for item in entry.get("carried", ()):
        id_, _, field = item.partition(".")
        yield id_, field


def _listed(entry: dict[str, Any]) -> set[str]:
    return {id_ for id_, _ in _carried(entry)} | set(entry.get("untyped", ()))


@pytest.mark.parametrize("source", documents.FILES)
def test_the_ledger_lists_every_sentence_in_order(seeds: Path, source: str) -> None:
    found = documents.sentences(documents.read(seeds, source))
    assert [entry["text"] for entry in LEDGER[source]] == found


def test_each_sentence_is_carried_a_gap_or_said_to_carry_no_fact() -> None:
    """Law: an entry is carried by typed fields, states a gap, or carries no fact.

    A gap says what the sentence states that no typed field holds, alone or beside
    ``carried`` (typed fields hold the rest). ``untyped`` lists the records that quote
    the sentence though none of their typed fields holds a fact of it. No fact means a
    kind of text and why.
    """
    wrong = []
    for _, entry in _entries():
        if "no_fact" in entry:
            keys, said = KEYS["no_fact"], entry["no_fact"] in KINDS_OF_NO_FACT and entry["why"]
        elif entry.get("carried"):
            keys, said = KEYS["carried"], "gap" not in entry or entry["gap"]
        else:
            keys, said = KEYS["gap"], entry.get("gap")
        items = entry.get("carried", [])
        listed = entry.get("untyped") != [] and len(set(items)) == len(items)
        if not (set(entry) <= keys and said and listed):
            wrong.append(entry["text"])
    assert wrong == []


def test_each_carried_fact_is_a_typed_value_of_a_record_that_states_it() -> None:
    """Law: ``carried`` names a record's typed field that holds a value the sentence states.

    The record exists; the field is one its kind types (not an id, a quote, a
    description, a definition, a label, or a name in our words) and holds a value
    (not None, not empty), and the record does not mark it inferred: a value kept on
    reasoning is stated by no sentence. The record quotes the sentence or part of it; a
    heading that groups organisations is cited as their section instead. A field that
    holds the documents' own words (a name, an office, a topic) holds some the sentence
    writes.
    """
    wrong = []
    for source, entry in _entries():
        text = entry["text"]
        for id_, field in _carried(entry):
            record = DATA.get(id_)
            if record is None or not typed(record, field):
                wrong.append((text, id_, field, "no such typed field"))
            elif getattr(record, field) in (None, (), ""):
                wrong.append((text, id_, field, "holds no value"))
            elif field in {i.field for i in getattr(record, "inferred", ())}:
                wrong.append((text, id_, field, "rests on reasoning, marked inferred"))
            elif "themes" in entry and (source, text) not in {
                (c.source, c.section) for c in citations(record)
            }:
                wrong.append((text, id_, field, "does not cite the heading as its section"))
            elif "themes" not in entry and not _quotes_sentence(record, source, text):
                wrong.append((text, id_, field, "does not quote the sentence"))
            elif field in WORDS and not any(
                word.casefold() in text.casefold() for word in WORDS[field](record)
            ):
                wrong.append((text, id_, field, "holds no words of the sentence"))
    assert wrong == []


def test_a_grouping_heading_carries_the_theme_of_exactly_the_organisations_under_it() -> None:
    """Law: a heading's ``themes`` give one theme and the organisations filed under it.

    It carries exactly their ``themes`` fields, and each of them has that theme.
    """
    grouping = [entry for _, entry in _entries() if "themes" in entry]
    assert [entry["text"] for entry in grouping] == [
        "General immigration interests",
        "Refugee resettlement",
        "Supporting business and economic co-operation",
        "Facilitating travel",
    ]
    for entry in grouping:
        ((theme, ids),) = entry["themes"].items()
        assert entry["carried"] == [f"{id_}.themes" for id_ in ids], entry["text"]
        for id_ in ids:
            assert nzcoop.Theme(theme) in nzcoop.organisation(id_).themes, (entry["text"], id_)


def test_untyped_records_quote_the_sentence_and_carry_none_of_it() -> None:
    """Law: each record in ``untyped`` exists, quotes the sentence, and is not in ``carried``."""
    wrong = []
    for source, entry in _entries():
        carried = {id_ for id_, _ in _carried(entry)}
        for id_ in entry.get("untyped", ()):
            record = DATA.get(id_)
            if (
                record is None
                or id_ in carried
                or not _quotes_sentence(record, source, entry["text"])
            ):
                wrong.append((entry["text"], id_))
    assert wrong == []


def test_no_record_quotes_a_sentence_said_to_carry_no_fact() -> None:
    """Law: no quote of any record lies inside a sentence the ledger says carries no fact."""
    quoting = [
        (entry["text"], record.id)
        for source, entry in _entries()
        if "no_fact" in entry
        for record in DATA.entities()
        if any(q in entry["text"] for q in _quotes(record, source))
    ]
    assert quoting == []


def test_every_quote_is_in_a_sentence_the_ledger_gives_its_record() -> None:
    """Law: every citation of every record is accounted for by an entry listing that record.

    The entry is the sentence the quote lies in (or most of a quote spanning lines), and
    lists the record in ``carried`` or in ``untyped``.
    """
    unaccounted = []
    for record in DATA.entities():
        for citation in citations(record):
            quote = documents.collapse(citation.quote)
            entries = [
                e
                for e in LEDGER[citation.source]
                if quote in e["text"] or (e["text"] in quote and len(e["text"]) >= len(quote) / 2)
            ]
            if not any(record.id in _listed(e) for e in entries):
                unaccounted.append((record.id, quote))
    assert unaccounted == []
