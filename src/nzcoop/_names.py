"""How names are compared: the one normalisation every index and lookup uses."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["closest", "name_key"]

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def name_key(name: str) -> str:
    """Return the form of *name* that lookups compare: case, spacing and apostrophes folded.

    >>> name_key("  Pacific Immigration Directors\u2019   Conference ")
    "pacific immigration directors' conference"
    """
    if not name.isascii() or "`" in name:  # the fast path skips translating plain ASCII
        name = name.translate(_APOSTROPHES)
    key = " ".join(name.casefold().split())
    return name if key == name else key  # an id is its own key: keep one string, not two


def closest(name: str, candidates: Iterable[str], limit: int = 3) -> tuple[str, ...]:
    """Return up to *limit* of *candidates* closest to *name*, best first.

    >>> closest("Migraton Five", ["Migration Five", "M5", "IOM"])
    ('Migration Five',)
    """
    import difflib  # only an error message needs it

    by_key = {name_key(candidate): candidate for candidate in candidates}
    matches = difflib.get_close_matches(name_key(name), by_key, n=limit, cutoff=0.6)
    return tuple(by_key[match] for match in matches)
