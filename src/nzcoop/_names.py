"""How names are compared: the one fold that lookups and the checks share.

`name_key` folds a name to the form lookups compare, so that the ways people type a
name find it, and `Names` holds every recorded spelling of a set of entities by that
key. (`nzcoop._suggestions` finds the spellings close to a name that names nothing.)
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator, Sequence

from ._model import Entity, Participant, Person

__all__ = ["Names", "name_key", "other_spellings", "spellings"]

_LOWER = b"abcdefghijklmnopqrstuvwxyz"
# Apostrophes and full stops join what they separate ("Directors'", "U.N."), and every
# other ASCII character that is neither a letter nor a digit separates words. A table of
# bytes folds case and separators in one pass, where `str.translate` would take several.
_ASCII = bytes(b" " * 48 + b"0123456789" + b" " * 7 + _LOWER + b" " * 6 + _LOWER + b" " * 133)
_ASCII_DROPPED = b"'`."
# The non-ASCII characters names most often hold, folded without `unicodedata`: curly
# and modifier apostrophes, the acute accent and the prime typed for one, zero-width
# characters and the soft hyphen are dropped; dashes, the minus sign, no-break and
# other spaces, typographic quotes and slashes separate words.
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
_BOUNDARY = r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])"
"""Where a letter meets a digit: ``UNSCR1373`` is ``UNSCR 1373``. (Patterns are compiled
by `re` on first use, and kept: few names need them, and every import would pay.)"""
_ASCII_BOUNDARY = rb"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])"
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
    folded; zero-width characters, apostrophes and full stops are dropped; ``&`` is
    ``and``; every other character that is not a letter or a digit (spaces, dashes,
    hyphens, slashes, punctuation) separates words, as does a letter meeting a digit;
    a leading "the" and honorifics before a person's name (Mr, Ms, Mrs, Dr, Hon) are
    dropped; a prefix such as "co" or "trans" written apart is joined to the next
    word; British -ise and -isation become American -ize and -ization. A name with no
    letter or digit keys to itself, case and spacing folded.

    >>> name_key("  The Pacific Immigration Directors\u2019   Conference ")
    'pacific-immigration-directors-conference'
    >>> name_key("Asia/Pacific") == name_key("Asia Pacific") == name_key("asia-pacific")
    True
    >>> name_key("International Organisation for Migration")
    'international-organization-for-migration'
    >>> name_key("Mr Cunliffe"), name_key("UNSCR1373"), name_key("Co-operation")
    ('cunliffe', 'unscr-1373', 'cooperation')
    """
    if not name.isascii() or "&" in name:
        return _unicode_key(name)
    # Plain ASCII, most names and every id, is folded as bytes, in as few passes as the
    # common case allows: a load folds every name and id.
    folded = name.encode().translate(_ASCII, _ASCII_DROPPED)
    shape = folded.translate(_SHAPE)  # a substring test finds a letter by a digit sooner
    if b"a0" in shape or b"0a" in shape:  # than a regular expression
        folded = re.sub(_ASCII_BOUNDARY, b" ", folded)
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


def _unicode_key(name: str) -> str:
    """Return the key of *name*, which has other than ASCII characters or an ``&``."""
    key = _folded(name)
    if not key.isascii():  # the Unicode folds may each undo what another did: repeat them
        for _ in range(_ROUNDS):  # pragma: no branch - they settle in two rounds or three
            again = _folded(key)
            if again == key:
                break
            key = again
    return key


def _folded(name: str) -> str:
    """Return *name* folded once, by the steps `name_key` lists."""
    text = name if name.isascii() else name.translate(_COMMON)
    if "&" in text:
        text = text.replace("&", " and ")
    if text.isascii():
        return name_key(text)
    return _joined_words(name, re.sub(_BOUNDARY, " ", _unicode_text(text)))


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
    import unicodedata  # only names with uncommon characters need it

    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return "".join([_character(c, unicodedata.category(c)) for c in folded])


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


class Names:
    """Every id and name of a set of entities, by `name_key`.

    An entity with a spelling whose key is another entity's is a clash: the checks
    report each one, and a dataset is only built without any.
    """

    __slots__ = ("_entities", "by_key", "unique")

    def __init__(self, entities: Sequence[Entity]) -> None:
        owners = list(entities)
        spelled = list(map(_name, entities))
        for entity in entities:
            if entity.names:
                spelled += map(_value, entity.names)
                owners += [entity] * len(entity.names)
        keys = list(map(name_key, spelled))
        id_keys = list(map(name_key, map(_id, entities)))
        every = dict(zip(id_keys, entities, strict=True))
        every.update(zip(keys, owners, strict=True))
        self.unique = [*map(every.__getitem__, id_keys), *map(every.__getitem__, keys)] == [
            *entities,
            *owners,
        ]
        """Whether each key is one entity's; when it is not, `clashes` says where."""
        # Ids are found by `by_id` tables, as written or by their key where that is the
        # id itself: a table of ids' keys would hold a second string for most of them.
        self.by_key: dict[str, Entity] = dict(zip(keys, owners, strict=True))
        """Each key of a name (not of an id) and its entity (of those that share a key,
        the last)."""
        self._entities = entities

    def clashes(self) -> Iterator[tuple[Entity, int, Entity]]:
        """Yield each entity with a spelling whose key another entity had first.

        Each comes with the position of that spelling in `spellings`, and the other.
        Records that share an id are one entity here: the checks report the id.
        """
        first: dict[str, Entity] = {}
        for entity in self._entities:
            for position, spelling in enumerate(spellings(entity)):
                owner = first.setdefault(name_key(spelling), entity)
                if owner.id != entity.id:
                    yield entity, position, owner


_id = operator.attrgetter("id")
_name = operator.attrgetter("name")
_value = operator.attrgetter("value")
