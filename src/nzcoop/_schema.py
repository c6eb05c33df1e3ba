"""JSON Schemas of the data files, generated from the record classes.

The classes are the one source of truth: the schema files shipped in
``nzcoop/schema/`` are written by this module (``python -m nzcoop._schema``) and a
test checks that they are up to date.
"""

from __future__ import annotations

import datetime
import enum
import json
import sys
import types
import typing
from pathlib import Path
from typing import Any

import attrs

from ._model import RECORD_KINDS, STEMS, kind_of

__all__ = ["SCHEMA_DIALECT", "file_schema", "schemas"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_BASE = "urn:nzcoop:schema:"


def schemas() -> dict[str, dict[str, Any]]:
    """Return the JSON Schema of every data file, keyed by file name.

    >>> sorted(schemas())[:2]
    ['discrepancies.schema.json', 'engagements.schema.json']
    """
    files = {"release.schema.json": _release_schema()}
    for kind, stem in zip(RECORD_KINDS, STEMS, strict=True):
        files[f"{stem}.schema.json"] = file_schema(stem, kind.cls)
    return files


def file_schema(stem: str, kind: type) -> dict[str, Any]:
    """Return the JSON Schema of the data file *stem*, which holds *kind* records."""
    definitions: dict[str, Any] = {}
    item = _type_schema(kind, definitions)
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"{_BASE}{stem}.schema.json",
        "title": f"{stem}.json",
        "description": f"The {stem} of an nzcoop dataset, each a {kind.__name__} record.",
        "type": "object",
        "properties": {stem: {"type": "array", "items": item}},
        "required": [stem],
        "additionalProperties": False,
        "$defs": dict(sorted(definitions.items())),
    }


def _release_schema() -> dict[str, Any]:
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"{_BASE}release.schema.json",
        "title": "release.json",
        "description": "The version of an nzcoop dataset's data.",
        "type": "object",
        "properties": {"release": {"type": "string"}},
        "required": ["release"],
        "additionalProperties": False,
    }


def _summary(kind: type) -> str:
    doc = kind.__doc__ or kind.__name__
    return doc.strip().splitlines()[0]


_SIMPLE: dict[object, dict[str, str]] = {
    type(None): {"type": "null"},
    str: {"type": "string"},
    int: {"type": "integer"},
    datetime.date: {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
}


def _type_schema(annotation: object, definitions: dict[str, Any]) -> dict[str, Any]:
    """Return the schema of values of *annotation*, adding record classes to *definitions*."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is types.UnionType or origin is typing.Union:
        return {"anyOf": [_type_schema(arg, definitions) for arg in args]}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(args[0], definitions)}
    if annotation in _SIMPLE:
        return dict(_SIMPLE[annotation])
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return {"enum": [member.value for member in annotation]}
    if isinstance(annotation, type) and attrs.has(annotation):
        name = annotation.__name__
        if name not in definitions:
            definitions[name] = {}  # placeholder, so a class that refers to itself stops here
            fields = attrs.fields(annotation)
            years = kind_of(annotation).years
            definitions[name] = {
                "description": _summary(annotation),
                "type": "object",
                "properties": {
                    f.name: _year_schema(f.type, definitions)
                    if f.name in years
                    else _type_schema(f.type, definitions)
                    for f in fields
                },
                "required": [f.name for f in fields],
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{name}"}
    msg = f"no JSON Schema for {annotation!r}"  # pragma: no cover - a new field type
    raise TypeError(msg)  # pragma: no cover


def _year_schema(annotation: object, definitions: dict[str, Any]) -> dict[str, Any]:
    """Return the schema of a year field: its type's, with integers bounded as years."""
    schema = _type_schema(annotation, definitions)
    for option in schema.get("anyOf", [schema]):
        if option.get("type") == "integer":
            option.update(minimum=datetime.MINYEAR, maximum=datetime.MAXYEAR)
    return schema


def write(folder: Path) -> list[Path]:
    """Write every schema into *folder*; return the files written."""
    written = []
    for name, schema in schemas().items():
        path = folder / name
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", "utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - run by hand after changing a record class
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "schema"
    target.mkdir(exist_ok=True)
    for path in write(target):
        print(path)  # noqa: T201
