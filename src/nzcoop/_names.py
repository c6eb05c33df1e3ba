"""How names are compared: the one normalisation that lookups and the checks share."""

from __future__ import annotations

import operator
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

from ._model import Entity

__all__ = ["Names", "closest", "name_key", "spellings"]

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def name_key(name: str) -> str:
    r"""Return the form of *name* that lookups compare: case, spacing and apostrophes folded.

    Text that looks the same is one key however it is encoded: a letter with an accent
    written as one character (NFC) or as two (NFD).

    >>> name_key("  Pacific Immigration Directors\u2019   Conference ")
    "pacific immigration directors' conference"
    >>> name_key("\u00c5land") == name_key("A\u030aland")
    True
    """
    if not name.isascii():  # plain ASCII (most names) is in normal form and has no curly quotes
        name = unicodedata.normalize("NFC", name.translate(_APOSTROPHES))
        name = unicodedata.normalize("NFC", name.casefold())  # folding can decompose
    elif "`" in name:
        name = name.translate(_APOSTROPHES)
    key = " ".join(name.casefold().split())
    return name if key == name else key  # an id is its own key: one string held, not two


def spellings(entity: Entity) -> tuple[str, ...]:
    """Return every way *entity* may be named: its id, its name, then its other names.

    >>> import nzcoop
    >>> spellings(nzcoop.lookup("M5"))
    ('m5', 'Migration Five', 'M5', 'Five Country Conference')
    """
    return (entity.id, entity.name, *(name.value for name in entity.names))


class Names:
    """Every id and name of a set of entities, by `name_key`.

    An entity with a spelling whose key is another entity's is a clash: the checks
    report each one, and a dataset is only built without any.
    """

    __slots__ = ("_entities", "by_key", "unique")

    def __init__(self, entities: Sequence[Entity]) -> None:
        owners = [*entities, *entities]
        spelled = [*map(_id, entities), *map(_name, entities)]
        for entity in entities:
            if entity.names:
                spelled += map(_value, entity.names)
                owners += [entity] * len(entity.names)
        keys = list(map(name_key, spelled))
        self.by_key: dict[str, Entity] = dict(zip(keys, owners, strict=True))
        """Each key's entity (of those that share a key, the last)."""
        self.unique = list(map(self.by_key.__getitem__, keys)) == owners
        """Whether each key is one entity's; when it is not, `clashes` says where."""
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


def closest(name: str, candidates: Iterable[str], limit: int = 3) -> tuple[str, ...]:
    """Return up to *limit* of *candidates* closest to *name*, best first.

    >>> closest("Migraton Five", ["Migration Five", "M5", "IOM"])
    ('Migration Five',)
    """
    import difflib  # only an error message needs it

    by_key = {name_key(candidate): candidate for candidate in candidates}
    matches = difflib.get_close_matches(name_key(name), by_key, n=limit, cutoff=0.6)
    return tuple(by_key[match] for match in matches)
