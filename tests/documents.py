"""The five source documents, as the tests read them: where each is, and its sentences."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

FILES = {
    "international-cooperation": "000_9befff4e40340af1.txt",
    "people-smuggling-and-trafficking": "001_b266b03ed535ced1.txt",
    "release-2007-08-20": "002_e4931a3b8d09fb1c.txt",
    "tewg-2013-report": "003_c3a48fa7694c061b.txt",
    "release-2003-06-17": "004_9948d71f9a63eb70.txt",
}
"""Each source's text file in ``../shared/seeds``: the corpus's names, which the packaged
data does not carry."""

LEDGER: dict[str, list[dict[str, Any]]] = tomllib.loads(
    (Path(__file__).parent / "ledger.toml").read_text("utf-8")
)
"""The sentence ledger (``ledger.toml``): each document's sentences, in order, each with
what carries it or why nothing does."""

_BULLET = re.compile(r"^[-•]\s+")
_END = re.compile(r"""[.!?](?:["\u201d\u2019']{1,2})?\s+(?=[A-Z\u201c"\u2018'])""")


def collapse(text: str) -> str:
    """Return *text* with every run of whitespace made one space."""
    return " ".join(text.split())


def sentences(text: str) -> list[str]:
    r"""Split a document into its sentences, deterministically.

    Each line is a unit (a heading, a link, a list item without its bullet, a line of
    front matter), split further where a sentence ends (``.``, ``!`` or ``?``, perhaps a
    closing quote, a space, then a capital or an opening quote).

    >>> sentences("A heading\n\n- One. Two says \u201cthree.\u201d Four?\n")
    ['A heading', 'One.', 'Two says \u201cthree.\u201d', 'Four?']
    """
    found: list[str] = []
    for raw in text.splitlines():
        line = _BULLET.sub("", collapse(raw))
        start = 0
        for end in _END.finditer(line):
            found.append(line[start : end.end()].strip())
            start = end.end()
        if line[start:]:
            found.append(line[start:].strip())
    return found


def read(seeds: Path, source: str) -> str:
    """Return the text of the document of *source*."""
    return (seeds / FILES[source]).read_text("utf-8")
