"""What changed between two datasets: the records added, removed and changed, by id."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ._model import Entity

__all__ = ["Change", "Diff"]


@attrs.frozen
class Change:
    """A record whose content differs between two datasets, and the fields that differ.

    >>> import attrs, nzcoop
    >>> old = nzcoop.organisation("M5")
    >>> new = attrs.evolve(old, description="Changed.")
    >>> Change(old, new, ("description",)).id
    'm5'
    """

    old: Entity
    """The record as the older dataset holds it."""
    new: Entity
    """The record as the newer dataset holds it."""
    fields: tuple[str, ...]
    """The names of the fields whose values differ, in the class's order."""

    @property
    def id(self) -> str:
        """The id the record has in both datasets.

        >>> import nzcoop
        >>> m5 = nzcoop.organisation("M5")
        >>> Change(m5, m5, ()).id
        'm5'
        """
        return self.old.id


@attrs.frozen
class Diff:
    """What changed from one dataset to another; see `Dataset.diff`.

    A record whose id is in both but whose class differs is removed as the one and
    added as the other. Each tuple is in the order of `Dataset.entities`.

    >>> import nzcoop
    >>> data = nzcoop.dataset()
    >>> bool(data.diff(data))
    False
    """

    old_release: str
    """The release of the older dataset."""
    new_release: str
    """The release of the newer dataset."""
    added: tuple[Entity, ...]
    """The records of the newer dataset whose ids the older one does not have."""
    removed: tuple[Entity, ...]
    """The records of the older dataset whose ids the newer one does not have."""
    changed: tuple[Change, ...]
    """The records in both whose content differs."""

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed) or (
            self.old_release != self.new_release
        )

    @classmethod
    def between(
        cls, old_release: str, old: Iterable[Entity], new_release: str, new: Iterable[Entity]
    ) -> Diff:
        """Compare the records *old* and *new*, each in its dataset's order."""
        before = {(type(record), record.id): record for record in old}
        after = {(type(record), record.id): record for record in new}
        changed = [
            Change(record, after[key], _differing(record, after[key]))
            for key, record in before.items()
            if key in after and after[key] != record
        ]
        return cls(
            old_release,
            new_release,
            added=tuple(record for key, record in after.items() if key not in before),
            removed=tuple(record for key, record in before.items() if key not in after),
            changed=tuple(changed),
        )


def _differing(old: Entity, new: Entity) -> tuple[str, ...]:
    return tuple(
        field.name
        for field in attrs.fields(type(old))
        if getattr(old, field.name) != getattr(new, field.name)
    )
