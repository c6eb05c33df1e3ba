"""Finding a record by name: the one fold, the table of names, and the answers to a name.

Everything that turns what a reader typed into a record is here: `name_key` folds a
name to the form names are compared in; `Names` holds every recorded spelling of a set
of entities by that key, finds the entity a name names (by its id, a name, another
spelling such as a country's code, or its name with the name of a body around it), and
suggests names close to one that names nothing; `find`, `resolve` and `resolve_id`
check a query's argument and resolve it, with the error a reader needs.

A name or an id is at most `MAX_NAME_LENGTH` characters: the checks refuse a longer
one, and a longer query names nothing, so that the fold's cost is bounded.
"""

from __future__ import annotations

import operator
import re
import typing
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

from ._errors import ArgumentTypeError, UnknownNameError, shown
from ._model import (
    RECORD_KINDS,
    Entity,
    Participant,
    Person,
    describe_kinds,
    kind_of,
)

if TYPE_CHECKING:
    from ._suggestions import Suggestions

__all__ = [
    "MAX_NAME_LENGTH",
    "Names",
    "closest",
    "find",
    "name_key",
    "other_spellings",
    "resolve",
    "resolve_id",
    "spellings",
]

MAX_NAME_LENGTH = 500
"""The most characters an id or a name may have, and a name looked up."""

_R = TypeVar("_R")

# -- the fold -----------------------------------------------------------------------------

_LOWER = b"abcdefghijklmnopqrstuvwxyz"
# Apostrophes and full stops join what they separate ("Directors'", "U.N."), and every
# other ASCII character that is neither a letter nor a digit separates words. A table of
# bytes folds case and separators in one pass, where `str.translate` would take several.
_ASCII = bytes(b" " * 48 + b"0123456789" + b" " * 7 + _LOWER + b" " * 6 + _LOWER + b" " * 133)
_ASCII_DROPPED = b"'`."
# The non-ASCII characters names most often hold, folded without normalising them:
# curly and modifier apostrophes, the acute accent and the prime typed for one,
# zero-width characters and the soft hyphen are dropped; dashes, the minus sign,
# no-break and other spaces, typographic quotes and slashes separate words.
_COMMON = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u02bc\u02b9\u00b4\u2032\uff07", None),
        **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e", None),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", " "),
        **dict.fromkeys("\u00a0\u1680\u202f\u205f\u3000", " "),
        **dict.fromkeys("".join(map(chr, range(0x2000, 0x200B))), " "),
        **dict.fromkeys("\u201c\u201d\u00ab\u00bb\u2026\u2044\u2215\uff0f", " "),
    }
)
_DROPPED = frozenset("'`.\u2018\u2019\u02bc\u02b9\u00b4\u2032")
_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
"""Unicode's default-ignorable characters, which show nothing (a variation selector, the
combining grapheme joiner, a Hangul filler, a bidirectional control): dropped."""
_SAFE_RUN = 30
"""The most combining marks in a row that Unicode normalisation is left to reorder (the
Stream-Safe Text Format's limit): it reorders a run in time growing with its square."""
_BOUNDARY = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
"""Where a letter meets a digit: ``UNSCR1373`` is ``UNSCR 1373``."""
_ASCII_BOUNDARY = re.compile(rb"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])")
_SHAPE = bytes(range(48)) + b"0" * 10 + bytes(range(58, 97)) + b"a" * 26 + bytes(range(123, 256))
"""Lower-case ASCII letters as ``a`` and digits as ``0`` (what `_ASCII` leaves of a name):
a letter next to a digit is ``a0`` or ``0a``."""
_LEADING = frozenset({"the", "mr", "ms", "mrs", "dr", "hon"})
"""Words dropped from the start of a name (while another word follows): an article and
the honorifics before a person's name."""
_PREFIXES = frozenset({"anti", "co", "counter", "inter", "multi", "non", "sub", "trans"})
"""Prefixes written as words of their own or joined to the next (``co-operation``)."""
_BRITISH = ("isation", "isations", "ise", "ised", "ises", "ising")
_LEADING_BYTES = frozenset(word.encode() for word in _LEADING)
_PREFIXES_BYTES = frozenset(word.encode() for word in _PREFIXES)
_ROUNDS = 4
"""The most times the folds are applied to a name with other than ASCII characters:
until its key no longer changes."""


def name_key(name: str) -> str:
    """Return the form of *name* that lookups compare, its words joined by hyphens.

    The fold, in order: compatibility and canonical Unicode forms are made one (NFKC:
    full-width letters, ligatures, composed and decomposed accents) and case is
    folded; characters that show nothing (zero-width, variation selectors,
    bidirectional controls), apostrophes and full stops are dropped; ``&`` is ``and``;
    every other character that is not a letter or a digit (spaces, dashes, hyphens,
    slashes, punctuation) separates words, as does a letter meeting a digit; a leading
    "the" and honorifics before a person's name (Mr, Ms, Mrs, Dr, Hon) are dropped; a
    prefix such as "co" or "trans" written apart is joined to the next word; British
    -ise and -isation become American -ize and -ization. A name that so folds to no
    word keys to itself, its case and spacing folded.

    It takes time in proportion to the name's length, whatever characters it holds.

    >>> name_key("  The Pacific Immigration Directors\u2019   Conference ")
    'pacific-immigration-directors-conference'
    >>> name_key("Asia/Pacific") == name_key("Asia Pacific") == name_key("asia-pacific")
    True
    >>> name_key("International Organisation for Migration")
    'international-organization-for-migration'
    >>> name_key("Mr Cunliffe"), name_key("UNSCR1373"), name_key("Co-operation")
    ('cunliffe', 'unscr-1373', 'cooperation')
    >>> name_key("M5\u034f") == name_key("M5"), name_key("\u2019")
    (True, '\u2019')
    """
    if name.isascii() and "&" not in name:
        return _ascii_key(name, name)
    key = _folded(name, name)
    if not key.isascii():  # the Unicode folds may each undo what another did: repeat them
        for _ in range(_ROUNDS):  # pragma: no branch - they settle in two rounds or three
            again = _folded(key, name)
            if again == key:
                break
            key = again
    return key


def _ascii_key(name: str, text: str) -> str:
    """Return the key of *name*, whose fold so far, *text*, is ASCII without an ``&``.

    Plain ASCII, most names and every id, is folded as bytes by one table, in as few
    passes as the common case allows, where `_plain_key` would take a pass for each
    step: a load folds every name and id.
    """
    folded = text.encode().translate(_ASCII, _ASCII_DROPPED)
    shape = folded.translate(_SHAPE)  # a substring test finds a letter by a digit sooner
    if b"a0" in shape or b"0a" in shape:  # than a regular expression
        folded = _ASCII_BOUNDARY.sub(b" ", folded)
    words = folded.split()
    if (
        not words
        or words[0] in _LEADING_BYTES
        or not _PREFIXES_BYTES.isdisjoint(words)
        or b"is" in folded
    ):
        return _joined_words(name, folded.decode())
    key = b"-".join(words).decode()
    return name if key == name else key  # an id is its own key: one string held, not two


def _folded(text: str, name: str) -> str:
    """Return *text*, the fold of *name* so far, folded once more by `name_key`'s steps."""
    if not text.isascii():
        text = text.translate(_COMMON)
    if "&" in text:
        text = text.replace("&", " and ")
    if text.isascii():
        return _ascii_key(name, text)
    return _plain_key(name, text)


def _plain_key(name: str, text: str) -> str:
    """Return the key of *name*, whose fold so far is *text*, by the Unicode steps alone.

    `_ascii_key` gives the same key for ASCII text, in fewer passes.
    """
    return _joined_words(name, _BOUNDARY.sub(" ", _unicode_text(text)))


def _joined_words(name: str, text: str) -> str:
    """Return the key of *name*, whose folded *text* has words separated by spaces."""
    words = text.split()
    if not words:
        return " ".join(name.casefold().split())
    if words[0] in _LEADING:
        while len(words) > 1 and words[0] in _LEADING:
            del words[0]
    if not _PREFIXES.isdisjoint(words):
        words = _joined(words)
    if "ise" in text or "isi" in text or "isa" in text:  # the start of each British ending
        words = [_american(word) if word.endswith(_BRITISH) else word for word in words]
    key = "-".join(words)
    return name if key == name else key  # an id is its own key: one string held, not two


def _unicode_text(text: str) -> str:
    """Return *text* in one Unicode form, case folded, with separators as spaces."""
    safe = _stream_safe(text)
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", safe).casefold())
    folded = _IGNORABLE.sub("", folded)
    return "".join([_character(c, unicodedata.category(c)) for c in folded])


def _stream_safe(text: str) -> str:
    """Return *text* with a combining grapheme joiner after each `_SAFE_RUN` marks in a row.

    So normalisation never reorders a longer run (the joiner is dropped after it).
    """
    if len(text) <= _SAFE_RUN:
        return text
    out: list[str] = []
    run = 0
    for char in text:
        run = run + 1 if unicodedata.combining(char) else 0
        if run > _SAFE_RUN:
            out.append("\u034f")
            run = 1
        out.append(char)
    return "".join(out)


def _character(char: str, category: str) -> str:
    """Return what *char*, of Unicode *category*, becomes in a key's text."""
    if char in _DROPPED or category == "Cf":  # apostrophes, full stops, zero-width
        return ""
    if char == "&":
        return " and "
    return char if category[0] in "LMN" else " "


def _joined(words: list[str]) -> list[str]:
    """Join each prefix of `_PREFIXES` that stands as a word to the word after it."""
    rest = iter(words)  # each prefix takes the next word from the same iterator
    return [word + next(rest, "") if word in _PREFIXES else word for word in rest]


def _american(word: str) -> str:
    """Return *word* with a British -ise or -isation ending spelt -ize or -ization."""
    for ending in _BRITISH:
        if word.endswith(ending) and len(word) - len(ending) >= 2:  # noqa: PLR2004 - "rise", "wise" stay
            return word[: -len(ending)] + "iz" + ending[2:]
    return word


# -- spellings ----------------------------------------------------------------------------


def spellings(entity: Entity) -> tuple[str, ...]:
    """Return every way *entity* may be named: its id, its name, then its other names.

    >>> import nzcoop
    >>> spellings(nzcoop.lookup("M5"))
    ('m5', 'Migration Five', 'M5', 'Five Country Conference')
    """
    return (entity.id, entity.name, *(name.value for name in entity.names))


def other_spellings(entity: Entity) -> tuple[str, ...]:
    """Return the spellings lookups accept beyond those recorded as names.

    A participant's ISO 3166-1 codes, and the surname of a person named with more than
    one word (looked up as "Mr Cunliffe", the honorific folded away).

    >>> import nzcoop
    >>> other_spellings(nzcoop.lookup("New Zealand"))
    ('NZ', 'NZL')
    >>> other_spellings(nzcoop.lookup("Phil Goff"))
    ('Goff',)
    """
    if isinstance(entity, Participant):
        return tuple(code for code in (entity.alpha_2, entity.alpha_3) if code)
    if isinstance(entity, Person) and len(entity.name.split()) > 1:
        return (entity.name.split()[-1],)
    return ()


# -- the table of names -------------------------------------------------------------------

_id = operator.attrgetter("id")
_name = operator.attrgetter("name")
_value = operator.attrgetter("value")
_FOUND_LIMIT = 4096
"""How many names' answers `Names.find` keeps before it starts again."""
_QUALIFIED_WORDS = 24
"""The most words a name qualified by the names of the bodies around it is read for."""
_PARENTS = {kind.cls: kind.parent for kind in RECORD_KINDS if kind.parent is not None}
"""The field naming the record each record of a class sits inside, for classes with one."""


class Names:
    """Every id and name of a set of entities by `name_key`, and the entity a name names.

    An entity with a spelling whose key is another entity's is a clash: `clashes` lists
    each, the checks report them, and a dataset is only built without any.
    """

    __slots__ = ("_found", "_other_keys", "_suggestions", "by_id", "by_key", "clashes")

    def __init__(self, entities: Iterable[Entity]) -> None:
        listed = list(entities)
        # Every spelling (ids, names, then other names), its entity and its position in
        # `spellings`; only the other names need a walk.
        spelled = [*map(_id, listed), *map(_name, listed)]
        owners = [*listed, *listed]
        positions = [0] * len(listed) + [1] * len(listed)
        for entity in listed:
            if entity.names:
                spelled += map(_value, entity.names)
                owners += [entity] * len(entity.names)
                positions += range(2, 2 + len(entity.names))
        keys = list(map(name_key, spelled))
        first = dict(zip(reversed(keys), reversed(owners), strict=True))  # each key's first
        self.by_id: dict[str, Entity] = dict(
            zip(reversed(spelled[: len(listed)]), reversed(listed), strict=True)
        )
        """Each id's record (of records sharing one, the first: the checks report it)."""
        names = len(listed)  # the keys of names start here
        self.by_key: dict[str, Entity] = dict(
            zip(reversed(keys[names:]), reversed(owners[names:]), strict=True)
        )
        """Each key of a name (not of an id) and its entity (of those that share one, the
        first). Ids are found in `by_id`, as written or by their key, where that is the
        id itself: a table of ids' keys would hold a second string for most of them."""
        self.clashes: list[tuple[Entity, int, Entity]] = [
            (owner, position, first[key])
            for key, owner, position in zip(keys, owners, positions, strict=True)
            if first[key] is not owner and first[key].id != owner.id
        ]
        """Each entity with a spelling whose key another entity had first, with the
        position of that spelling in `spellings`, and the other. The ids come first,
        then the names, then the other names, each in the order of the entities: so a
        name that is another entity's id is reported, not the id. Records that share an
        id are one entity here: the checks report the id."""
        self._other_keys = self._others()
        self._found: dict[str, Entity | None] = {}
        self._suggestions: Suggestions[Entity] | None = None

    def _others(self) -> dict[str, Entity | None]:
        """Map the keys of `other_spellings` no recorded spelling has to their entities.

        A key two entities share maps to None: it names neither.
        """
        found: dict[str, Entity | None] = {}
        for entity in self.by_id.values():
            if not isinstance(entity, Participant | Person):
                continue
            for spelling in other_spellings(entity):
                key = name_key(spelling)
                if key not in self.by_key and found.setdefault(key, entity) is not entity:
                    found[key] = None
        return found

    def find(self, name: str) -> Entity | None:
        """Return the entity *name* names, or None.

        That is the entity with a name of the same `name_key`, or with that id (as
        written, in any case, or its key); else the one with another spelling of that
        key (`other_spellings`: a country's code, a person's surname) where only one
        has; else a body named with the name of one it sits inside, before or after its
        own (``IOM Regional Office Bangkok``), or by two of its names together. A name
        longer than `MAX_NAME_LENGTH` names nothing.

        Each name's answer is kept, so a name asked again is one dictionary lookup.
        """
        if len(name) > MAX_NAME_LENGTH:
            return None
        try:
            return self._found[name]
        except KeyError:
            pass
        key = name_key(name)
        found = (
            self.by_key.get(key)
            or self.by_id.get(key)
            or self.by_id.get(name)
            or self.by_id.get(name.strip().lower())
            or self._other_keys.get(key)
            or self._qualified(key, {})
        )
        if len(self._found) >= _FOUND_LIMIT:
            self._found.clear()
        self._found[name] = found
        return found

    def _named(self, key: str) -> Entity | None:
        return self.by_key.get(key) or self._other_keys.get(key)

    def _qualified(self, key: str, seen: dict[str, Entity | None]) -> Entity | None:
        """Return the record *key* names with the names of a record it sits inside.

        Each way of cutting the key's words in two is tried, the record itself named
        after or before the one around it, which may itself be named so; or named by
        two of its own names (``Regional Support Office (RSO)``). *seen* holds the keys
        already tried, so that each is tried once.
        """
        if key in seen:
            return seen[key]
        seen[key] = None
        words = key.split("-")
        if len(words) > _QUALIFIED_WORDS:
            return None
        for cut in range(1, len(words)):
            first, last = name_key("-".join(words[:cut])), name_key("-".join(words[cut:]))
            for inner, outer in ((last, first), (first, last)):
                record = self._named(inner)
                if record is None:
                    continue
                around = self._named(outer) or self._qualified(outer, seen)
                if around is record or (around is not None and self._inside(record, around.id)):
                    seen[key] = record
                    return record
        return None

    def _inside(self, record: Entity, around: str) -> bool:
        """Return whether *record* sits inside the record with id *around*, at any depth."""
        field = _PARENTS.get(type(record))
        if field is None:
            return False
        parent: str | None = getattr(record, field)
        walked: set[str] = set()
        while parent is not None and parent not in walked:  # a checked dataset has no loop
            if parent == around:
                return True
            walked.add(parent)
            parent = getattr(self.by_id[parent], field)
        return False

    def suggest(self, name: str, kinds: tuple[type, ...], limit: int = 3) -> tuple[str, ...]:
        """Return up to *limit* spellings of records of *kinds* close to *name*, best first.

        The index of every spelling's words is built on the first call: only a name
        that names nothing needs it, and it alone imports `nzcoop._suggestions`.
        """
        if self._suggestions is None:  # names (their keys) before ids, which rank them on ties
            from ._suggestions import Suggestions

            spelled = [*reversed(self.by_key.items()), *self.by_id.items()]
            self._suggestions = Suggestions(spelled, name_key, _secondary)
        found = self._suggestions.suggest(name, lambda e: isinstance(e, kinds), limit)
        return tuple(_spelled(entity, name_key(spelling)) for spelling, entity in found)

    def where(self, entity: Entity, key: str) -> int:
        """Return the position in `spellings` of *entity*'s first spelling with *key*."""
        return next(i for i, s in enumerate(spellings(entity)) if name_key(s) == key)


def _secondary(spelling: str, entity: Entity) -> bool:
    """Tell whether *spelling* (a key of a name, or an id) is an id or a label in our words.

    Suggestions offer those only when no name the documents give is as close. An id
    that is also the key of one of the entity's names (``canada``) is that name's key.
    """
    if spelling == entity.id:
        return all(name_key(name) != spelling for name in spellings(entity)[1:])
    return kind_of(type(entity)).labelled and _spelled(entity, spelling) == entity.name


def _spelled(entity: Entity, key: str) -> str:
    """Return the spelling of *entity* whose key is *key*: a name, or else its id."""
    names = spellings(entity)
    return next((s for s in names[1:] if name_key(s) == key), entity.id)


def closest(name: str, candidates: Iterable[str], limit: int = 3) -> tuple[str, ...]:
    """Return up to *limit* of *candidates* close to *name*, best first.

    >>> closest("Migraton Five", ["Migration Five", "M5", "IOM"])
    ('Migration Five',)
    >>> closest("zzzz", ["Migration Five"])
    ()
    """
    from ._suggestions import Suggestions  # only a name that names nothing needs it

    index = Suggestions([(candidate, candidate) for candidate in candidates], name_key)
    return tuple(owner for _, owner in index.suggest(name, limit=limit))


# -- query arguments ----------------------------------------------------------------------


def find(names: Names, name: object, kinds: tuple[type[_R], ...], argument: str) -> _R | None:
    """Return the entity of one of *kinds* that *name* (an id, a name or an entity) names.

    Returns None when it names none. A record given names the dataset's record equal
    to it (the dataset's own object is returned), and nothing when the dataset holds
    none. Raises `ArgumentTypeError` when *name* is neither a string nor a record of
    *kinds*.
    """
    if isinstance(name, kinds) and isinstance(name, _RECORDS):
        record = typing.cast("Entity", name)
        own = names.by_id.get(record.id)
        return typing.cast("_R", own) if own == record else None
    if not isinstance(name, str):
        raise ArgumentTypeError(
            f"{argument} must be a name, an id or a record ({describe_kinds(kinds)}), "
            f"not {type(name).__name__} ({shown(name)})"
        )
    entity = names.find(name)
    return entity if isinstance(entity, kinds) else None


_RECORDS = tuple(kind.cls for kind in RECORD_KINDS)


def resolve(names: Names, name: object, kinds: tuple[type[_R], ...], argument: str) -> _R:
    """Return the entity of one of *kinds* that *name* names, or raise `UnknownNameError`.

    The error suggests the closest names of records of *kinds*.
    """
    found = find(names, name, kinds, argument)
    if found is not None:
        return found
    if isinstance(name, _RECORDS):
        id_ = typing.cast("Entity", name).id
        raise UnknownNameError(f"{argument}: {shown(id_)} is not a record of this dataset", id_, ())
    text = typing.cast("str", name)
    if len(text) > MAX_NAME_LENGTH:
        message = (
            f"{argument}: {shown(text)} is longer than any name ({MAX_NAME_LENGTH} characters)"
        )
        raise UnknownNameError(message, text, ())
    suggestions = names.suggest(text, kinds)
    hint = f"; did you mean {' or '.join(map(repr, suggestions))}?" if suggestions else ""
    entity = names.find(text)
    if entity is None:
        wanted = describe_kinds(kinds, article=False)
        message = f"{argument}: no {wanted} is named {shown(text)}{hint}"
    else:
        found_kind = describe_kinds([type(entity)])
        wanted = describe_kinds(kinds)
        message = (
            f"{argument}: {shown(text)} names {found_kind} ({shown(entity.name)}), "
            f"not {wanted}{hint}"
        )
    raise UnknownNameError(message, text, suggestions)


def resolve_id(
    names: Names, name: object, kinds: tuple[type[Entity], ...], argument: str
) -> str | None:
    """Return the id of the entity *name* names, or None when *name* is None."""
    if name is None:
        return None
    entity: Entity = resolve(names, name, kinds, argument)
    return entity.id
