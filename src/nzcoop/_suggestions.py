"""Spellings close to one that names nothing, ranked from an index of their words.

`nzcoop._names` uses it to suggest names, and `nzcoop._arguments` to suggest a
vocabulary's values; each gives the fold its spellings are compared by.
"""

from __future__ import annotations

import array
import bisect
import difflib
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from typing import Generic, TypeVar

__all__ = ["Suggestions"]

_Owner = TypeVar("_Owner", bound=Hashable)

_MINOR = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to"})
"""Words too slight to count as something in common."""
_NEAR = 0.8
"""How alike two words must be (`difflib` ratio) to count as one misspelt, unless they
differ by one letter only."""
_NEAR_LENGTH = 3
"""The shortest word whose misspellings are looked for."""
_COMMON_SHARE = 20
"""A word in more than one spelling in this many (and in more than `_COMMON_FLOOR`) is
too common to say what a name has in common with another."""
_COMMON_FLOOR = 200
_FAR = 0.6
"""The share of the best candidate's score a candidate needs to be suggested beside it."""
_TIE = 0.05
"""How much less than an owner's best key another of its keys may score and be shown."""
_ACRONYM = 0.75
"""How much of a name an acronym of it accounts for: less than its words spelt out."""
_BISECTED = 20
"""How many times longer than the candidates a group must be to be bisected for each."""
_SEEDED = 4096
"""How many candidates the words of a name worth most find before the others only count."""
_CLOSEST = 32
"""How many candidates, found by their words, are compared letter by letter."""
_FOLDED = 1000
"""How many characters of a spelling, or of the name asked for, are folded and indexed.

Twice the longest name or id the checks allow (`nzcoop._names.MAX_NAME_LENGTH`, which
a test holds it to: this module imports nothing of the package), so only a spelling
that could name nothing is cut; so is an unknown id a data file holds, however long."""
_WORDS = 32
"""How many words of the name asked for are looked for (the first ones)."""
_LETTERS = 64
"""How many letters of a word, or of a key, are compared letter by letter or by trigrams.

`difflib` compares two strings in time that grows with the product of their lengths;
two words or names alike in their first letters are alike enough to suggest."""


class Suggestions(Generic[_Owner]):
    """An index of the words of many spellings, to suggest those close to a name.

    Built from (spelling, owner) pairs; spellings are compared by their key, by *fold*,
    that gives words joined by hyphens (`nzcoop._names.name_key`). One
    is suggested only when it has something in common with the name asked for: a word
    (``VRS-MSRC`` finds ``UNODC VRS-MSRC database``), a word spelt nearly the same
    (``Migraton``), or an acronym (``TEWG`` finds ``Technical Experts Working Group``,
    and the initials of ``International Organization Migration`` find ``IOM``). They
    are ranked by how much of the name they account for, each word weighed by how rare
    it is (the last word of a name, often the kind of thing named, weighs half unless
    it is a number), then by how much of the candidate the name accounts for, then by
    their likeness letter by letter. A spelling *secondary* says is one (an id, a label)
    is suggested only when it is closer than every other.

    >>> names = ["Migration Five", "Refugee Quota Programme", "Palermo Convention"]
    >>> index = Suggestions([(n, n) for n in names], lambda n: n.lower().replace(" ", "-"))
    >>> [owner for _, owner in index.suggest("Refugee Convention")]
    ['Refugee Quota Programme', 'Palermo Convention']
    """

    def __init__(
        self,
        spelled: Iterable[tuple[str, _Owner]],
        fold: Callable[[str], str],
        secondary: Callable[[str, _Owner], bool] | None = None,
    ) -> None:
        # The spellings are kept as given (strings their owners hold already), and their
        # keys made again for the few candidates compared; positions are kept in arrays,
        # not lists of int objects: the index is a fraction of the dataset's size.
        self._key = fold
        self._spellings: list[str] = []
        self._owners: list[_Owner] = []
        self._sizes = array.array("B")
        self._secondary = bytearray()
        postings: defaultdict[str, array.array[int]] = defaultdict(_positions)
        acronyms: defaultdict[str, array.array[int]] = defaultdict(_positions)
        for position, (spelling, owner) in enumerate(spelled):
            self._spellings.append(spelling)
            self._owners.append(owner)
            self._secondary.append(secondary is not None and secondary(spelling, owner))
            key = self._key(spelling[:_FOLDED])
            words = key.split("-")
            for word in words:
                postings[word].append(position)
            major = [word for word in words if word not in _MINOR]
            self._sizes.append(min(len(major) or 1, 255))
            if len(words) > 1 and key.replace("-", "").isalpha():  # "IOM", not "C0MO0"
                for initials in {_initials(words), _initials(major)}:
                    acronyms[initials].append(position)
        self._postings = dict(postings)
        self._acronyms = dict(acronyms)
        self._common = max(_COMMON_FLOOR, len(self._spellings) // _COMMON_SHARE)
        self._trigrams: dict[str, list[str]] | None = None

    def suggest(
        self, name: str, accept: Callable[[_Owner], bool] | None = None, limit: int = 3
    ) -> list[tuple[str, _Owner]]:
        """Return up to *limit* (spelling, owner) pairs close to *name*, best first.

        Only owners *accept* returns true for (all, when it is None) are suggested, each
        once, with its best spelling.
        """
        key = self._key(name[:_FOLDED])
        words = [word for word in dict.fromkeys(key.split("-")) if word not in _MINOR]
        del words[_WORDS:]
        if not words:
            return []
        shares, matched = self._weigh(words)
        return self._best(key, self._pool(shares, matched, accept), limit)

    def _weigh(self, words: list[str]) -> tuple[dict[int, float], Counter[int]]:
        """Return the share of *words* each key accounts for, and how many it matches.

        Words are taken from the one worth most: they find the candidates, until there
        are `_SEEDED`; a word after that only counts for those found (as a word in more
        than `_common` keys always does), so a name of common words costs little more
        than one of rare words.
        """
        weighed: list[tuple[int, float, list[tuple[str, float]]]] = []
        for place, word in enumerate(words):
            last = place == len(words) - 1 and len(words) > 1 and word.isalpha()
            spelt_like = self._spelt_like(word)
            # A word is worth what the word it is taken for says, and a misspelt or
            # inflected one no more than that.
            count = len(self._postings[spelt_like[0][0]]) if spelt_like else 0
            value = (0.5 if last else 1.0) * self._rarity(count)
            found_in = sum(len(self._postings[spelt]) for spelt, _ in spelt_like)
            weighed.append((found_in, value, sorted(spelt_like, key=lambda pair: pair[1])))
        total = sum(value for _, value, _ in weighed)
        gained: defaultdict[int, float] = defaultdict(float)
        matched: Counter[int] = Counter()
        for found_in, value, spelt_like in sorted(weighed, key=lambda e: (-e[1], e[0])):
            found: dict[int, float] = {}  # each key keeps the likeness of its likest word
            common = found_in > self._common or (gained and len(gained) + found_in > _SEEDED)
            candidates = list(gained)
            for spelt, likeness in spelt_like:
                group = self._postings[spelt]
                if common and len(group) > _BISECTED * len(candidates):
                    found.update((p, value * likeness) for p in candidates if _holds(group, p))
                elif common:  # a set of the group is made sooner than the group is bisected
                    found.update(dict.fromkeys(gained.keys() & set(group), value * likeness))
                else:
                    found.update(dict.fromkeys(group, value * likeness))
            for position, score in found.items():
                gained[position] += score
            matched.update(found.keys())
        for position in self._acronym_matches(words):
            gained[position] = max(gained[position], _ACRONYM * total)
            matched[position] = self._sizes[position]
        return {position: score / total for position, score in gained.items()}, matched

    def _pool(
        self,
        shares: dict[int, float],
        matched: Counter[int],
        accept: Callable[[_Owner], bool] | None,
    ) -> dict[int, float]:
        """Return the best `_CLOSEST` keys of accepted owners, each with its score so far.

        That is its share of the name, and half the share of its own words the name
        matches.
        """
        sizes = self._sizes
        scores = {
            position: share + 0.5 * min(matched[position], size) / size
            for position, share in shares.items()
            if (size := sizes[position])
        }
        pool: dict[int, float] = {}
        for position in sorted(scores, key=scores.__getitem__, reverse=True):
            if accept is None or accept(self._owners[position]):
                pool[position] = scores[position]
                if len(pool) == _CLOSEST:
                    break
        return pool

    def _best(self, key: str, scores: dict[int, float], limit: int) -> list[tuple[str, _Owner]]:
        """Add letter likeness to *key* to the *scores*; return the best, one per owner."""
        matcher = difflib.SequenceMatcher(b=key[:_LETTERS], autojunk=False)
        for position in scores:
            matcher.set_seq1(self._key(self._spellings[position][:_FOLDED])[:_LETTERS])
            scores[position] += 0.25 * matcher.ratio()
        primary = max((score for p, score in scores.items() if not self._secondary[p]), default=0)
        for position in [p for p in scores if self._secondary[p] and scores[p] <= primary]:
            del scores[position]  # a name is as close: the secondary spelling is not shown
        ranked = sorted(scores, key=lambda p: (-scores[p], p))
        best: dict[_Owner, float] = {}
        for position in ranked:
            if scores[position] < _FAR * scores[ranked[0]] or len(best) == limit:
                break
            best.setdefault(self._owners[position], scores[position])
        # Of an owner's keys that score about as well as its best, the first given (a
        # caller lists the keys it would rather show first).
        shown = {
            owner: min(p for p in scores if self._owners[p] == owner and scores[p] >= top - _TIE)
            for owner, top in best.items()
        }
        return [(self._spellings[position], owner) for owner, position in shown.items()]

    def _rarity(self, count: int) -> float:
        """Return how much a word found in *count* keys says (more when rarer)."""
        return math.log(1 + len(self._spellings) / max(count, 1))

    def _spelt_like(self, word: str) -> list[tuple[str, float]]:
        """Return the indexed words spelt as *word* or nearly, each with its likeness."""
        found = [(word, 1.0)] if word in self._postings else []
        if len(word) < _NEAR_LENGTH:
            return found
        shared = Counter(
            other for trigram in _trigrams(word) for other in self._trigram_index().get(trigram, ())
        )
        matcher = difflib.SequenceMatcher(b=word[:_LETTERS], autojunk=False)
        for other, _ in shared.most_common(_CLOSEST):
            if other != word:
                matcher.set_seq1(other[:_LETTERS])
                likeness = matcher.ratio()
                if likeness >= _NEAR or _one_edit(word[:_LETTERS], other[:_LETTERS]):
                    found.append((other, likeness))
        return found

    def _trigram_index(self) -> dict[str, list[str]]:
        """Return the words of the keys by their trigrams; built on first use."""
        if self._trigrams is None:
            index: defaultdict[str, list[str]] = defaultdict(list)
            for word in self._postings:
                if len(word) >= _NEAR_LENGTH - 1:
                    for trigram in _trigrams(word):
                        index[trigram].append(word)
            self._trigrams = dict(index)
        return self._trigrams

    def _acronym_matches(self, words: list[str]) -> list[int]:
        """Return the keys *words* are the acronym of, or that are the acronym of *words*.

        A key of words is there by its initials, and by those of its words but the
        slight ones (``International Organization for Migration`` as ``IOFM`` and ``IOM``).
        """
        if len(words) == 1:
            return list(self._acronyms.get(words[0], ()))
        initials = _initials(words)
        return [
            p
            for p in self._postings.get(initials, ())
            if self._key(self._spellings[p][:_FOLDED]) == initials
        ]


def _one_edit(word: str, other: str) -> bool:
    """Return whether *other* is *word* with one letter changed, added or dropped."""
    if len(word) == len(other):
        return sum(a != b for a, b in zip(word, other, strict=True)) == 1
    short, long = sorted((word, other), key=len)
    if len(long) - len(short) != 1:
        return False
    at = next((i for i, (a, b) in enumerate(zip(short, long, strict=False)) if a != b), len(short))
    return short[at:] == long[at + 1 :]


def _holds(group: array.array[int], position: int) -> bool:
    """Return whether the ascending *group* holds *position* (by bisection)."""
    at = bisect.bisect_left(group, position)
    return at < len(group) and group[at] == position


def _positions() -> array.array[int]:
    return array.array("I")


def _initials(words: Iterable[str]) -> str:
    return "".join(word[0] for word in words if word)


def _trigrams(word: str) -> set[str]:
    """Return the trigrams of the first `_LETTERS` letters of *word*, marked at its ends."""
    padded = f"^{word[:_LETTERS]}" + ("$" if len(word) <= _LETTERS else "")
    return {padded[i : i + 3] for i in range(len(padded) - 2)}
