"""Comparing datasets: what `Dataset.diff` finds added, removed and changed."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nzcoop
from nzcoop import Change, Dataset, Diff

from . import strategies as s


@given(s.sub_datasets)
def test_a_dataset_has_no_differences_from_itself(data: Dataset) -> None:
    """Law: d.diff(d) is empty, and false."""
    change = data.diff(data)
    assert (change.added, change.removed, change.changed) == ((), (), ())
    assert not change


@given(s.sub_datasets, s.sub_datasets)
def test_added_and_removed_are_the_ids_one_side_lacks(a: Dataset, b: Dataset) -> None:
    """Law: a.diff(b) adds b's records a lacks and removes a's records b lacks.

    It changes none: two sub-datasets of the packaged data agree on every id they share.
    """
    change = a.diff(b)
    ids_a, ids_b = {r.id for r in a.entities()}, {r.id for r in b.entities()}
    assert {r.id for r in change.added} == ids_b - ids_a
    assert {r.id for r in change.removed} == ids_a - ids_b
    assert change.changed == ()
    assert b.diff(a) == Diff(b.release, a.release, change.removed, change.added, ())


@given(s.sub_datasets.filter(lambda d: bool(d.records("organisations"))), st.data())
def test_a_changed_record_names_the_fields_that_differ(data: Dataset, draw: st.DataObject) -> None:
    """Law: changing fields of one record is found as that change, with those fields."""
    org = draw.draw(st.sampled_from(data.records("organisations")))
    assert isinstance(org, nzcoop.Organisation)
    changed = attrs.evolve(org, description=org.description + " More.", themes=())
    other = Dataset([changed if r is org else r for r in data.entities()], release="later")
    fields = ("themes", "description") if org.themes else ("description",)
    assert data.diff(other).changed == (Change(org, changed, fields),)
    assert data.diff(other).changed[0].id == org.id
    assert data.diff(other).new_release == "later"


def test_a_release_alone_is_a_difference() -> None:
    assert Dataset(release="a").diff(Dataset(release="b"))
    assert not Dataset(release="a").diff(Dataset(release="a"))


def test_a_record_that_changes_kind_is_removed_and_added() -> None:
    data = nzcoop.dataset()
    place = data.lookup("bangkok")
    region = nzcoop.Region("bangkok", "Bangkok", (), (), (), place.sources)  # type: ignore[union-attr]
    before = Dataset([data.lookup("tewg-2013-report"), place])
    after = Dataset([data.lookup("tewg-2013-report"), region])
    change = before.diff(after)
    assert (change.removed, change.added, change.changed) == ((place,), (region,), ())


def test_diff_needs_a_dataset() -> None:
    with pytest.raises(nzcoop.ArgumentTypeError, match="can only compare with a Dataset, not int"):
        Dataset().diff(5)  # type: ignore[arg-type]
