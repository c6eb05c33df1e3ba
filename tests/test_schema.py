"""The shipped JSON Schemas: generated from the classes, and true of the packaged data."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import nzcoop
from nzcoop._convert import unstructure
from nzcoop._model import RECORD_KINDS
from nzcoop._schema import schemas, write

from . import sample
from . import strategies as s

SHIPPED = files("nzcoop") / "schema"


def _shipped() -> dict[str, Any]:
    return {
        entry.name: json.loads(entry.read_text("utf-8"))
        for entry in SHIPPED.iterdir()
        if entry.name.endswith(".schema.json")
    }


def test_shipped_schemas_are_generated_from_the_classes(tmp_path: Path) -> None:
    """The files in nzcoop/schema are exactly what `python -m nzcoop._schema` writes."""
    assert _shipped() == schemas()
    for path in write(tmp_path):
        assert path.read_text("utf-8") == (SHIPPED / path.name).read_text("utf-8")


@pytest.mark.parametrize("name", sorted(schemas()))
def test_each_schema_is_valid_json_schema(name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(schemas()[name])


def test_packaged_data_follows_the_schemas() -> None:
    data = nzcoop.dataset()
    records = [data.records(str(kind.stem)) for kind in RECORD_KINDS]
    for stem, document in unstructure(data.release, records).items():
        packaged = json.loads((files("nzcoop") / "data" / f"{stem}.json").read_text("utf-8"))
        assert packaged == document
        jsonschema.validate(packaged, schemas()[f"{stem}.schema.json"])


@pytest.mark.parametrize(
    ("stem", "change"),
    [
        ("organisations", lambda r: r.update(colour="red")),
        ("organisations", lambda r: r.pop("kind")),
        ("organisations", lambda r: r.update(kind="club")),
        ("events", lambda r: r.update(start="24 June 2013")),
        ("engagements", lambda r: r.update(since="2013")),
        ("people", lambda r: r["offices"][0].update(year=None, extra=1)),
        ("engagements", lambda r: r.update(since=0)),
        ("people", lambda r: r["offices"][0].update(year=10_000)),
    ],
)
def test_schemas_reject_what_load_rejects(
    stem: str, change: Callable[[dict[str, Any]], object]
) -> None:
    docs = sample.documents()
    change(docs[stem][stem][0])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(docs[stem], schemas()[f"{stem}.schema.json"])


@st.composite
def mutated_folders(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """Return the sample's documents with one changed at a random place, and its stem."""
    docs = sample.documents()
    stem = draw(st.sampled_from(sorted(docs)))
    docs[stem] = draw(s.mutated(docs[stem]))
    return stem, docs


@given(mutated_folders())
def test_what_a_schema_rejects_never_loads(case: tuple[str, dict[str, Any]]) -> None:
    """Law: the loader is never laxer than the shipped JSON Schemas.

    A data file its schema rejects makes `nzcoop.load` raise DatasetError.
    """
    stem, docs = case
    validator = jsonschema.Draft202012Validator(schemas()[f"{stem}.schema.json"])
    if validator.is_valid(docs[stem]):
        return
    with tempfile.TemporaryDirectory() as folder:
        sample.write(Path(folder), docs)
        with pytest.raises(nzcoop.DatasetError):
            nzcoop.load(folder)
