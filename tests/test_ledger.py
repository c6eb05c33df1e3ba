"""The sentence ledger: every sentence of the documents is carried, or said to carry no fact.

The ledger must also agree with what the records quote.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import nzcoop
from nzcoop._model import citations
from nzcoop._names import spellings

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


def _quotes(record: nzcoop.Entity, source: str) -> list[str]:
    return [documents.collapse(c.quote) for c in citations(record) if c.source == source]


def _carries(record: nzcoop.Entity, source: str, sentence: str) -> bool:
    """Tell whether *record* quotes *sentence* (or part of it), or names itself in it.

    A source carries the sentences of its own document.
    """
    if record.id == source:
        return True
    if not _quotes(record, source):
        return False
    return any(q in sentence or sentence in q for q in _quotes(record, source)) or any(
        spelling in sentence for spelling in spellings(record)[1:]
    )


@pytest.mark.parametrize("source", documents.FILES)
def test_the_ledger_lists_every_sentence_in_order(seeds: Path, source: str) -> None:
    found = documents.sentences(documents.read(seeds, source))
    assert [entry["text"] for entry in LEDGER[source]] == found


@pytest.mark.parametrize("source", documents.FILES)
def test_each_sentence_is_carried_or_said_to_carry_no_fact(source: str) -> None:
    for entry in LEDGER[source]:
        if "records" in entry:
            assert "no_fact" not in entry, entry["text"]
            assert entry["records"], entry["text"]
            for id_ in entry["records"]:
                record = DATA.get(id_)
                assert record is not None, (entry["text"], id_)
                assert _carries(record, source, entry["text"]), (entry["text"], id_)
        else:
            assert entry["no_fact"] in KINDS_OF_NO_FACT, entry["text"]
            assert entry["why"], entry["text"]


@pytest.mark.parametrize("source", documents.FILES)
def test_no_record_quotes_a_sentence_said_to_carry_no_fact(source: str) -> None:
    for entry in LEDGER[source]:
        if "no_fact" in entry:
            quoting = [
                r.id for r in DATA.entities() if any(q in entry["text"] for q in _quotes(r, source))
            ]
            assert quoting == [], entry["text"]


def test_every_quote_is_in_a_sentence_the_ledger_gives_its_record() -> None:
    """Every citation of every record is accounted for in the ledger, under its record."""
    for record in DATA.entities():
        for citation in citations(record):
            quote = documents.collapse(citation.quote)
            entries = [
                e
                for e in LEDGER[citation.source]
                if quote in e["text"] or (e["text"] in quote and len(e["text"]) >= len(quote) / 2)
            ]
            assert any(record.id in e.get("records", ()) for e in entries), (record.id, quote)
