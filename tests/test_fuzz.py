"""Randomly broken copies of the packaged data: `load` returns a Dataset or a DatasetError."""

from __future__ import annotations

import copy
import json
import os
import tempfile
from importlib.resources import files
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nzcoop
from nzcoop import DatasetError

PACKAGED = {
    entry.name: entry.read_text("utf-8")
    for entry in (files("nzcoop") / "data").iterdir()
    if entry.name.endswith(".json")
}
EXAMPLES = 2000 if os.environ.get("CI") else 100

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
odd_text = st.text(
    st.characters(codec="utf-8", categories=("Cc", "Cf", "Co", "Mn", "Zs", "So", "Lo")),
    min_size=1,
    max_size=6,
)


@st.composite
def _mutated_json(draw: st.DrawFn, document: object) -> str:
    """Return *document* with one change at a random place, as JSON text."""
    document = copy.deepcopy(document)
    parent: Any = None
    key: Any = None
    node = document
    while isinstance(node, dict | list) and node and draw(st.integers(0, 4)) > 0:
        parent = node
        key = draw(st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node))))
        node = node[key]
    action = draw(st.sampled_from(["drop", "replace", "add", "duplicate", "dangle", "odd"]))
    if parent is None:
        document = draw(json_values)
    elif action == "drop":
        del parent[key]
    elif action == "replace":
        parent[key] = draw(json_values)
    elif action == "add":
        if isinstance(parent, dict):
            parent[draw(st.text(max_size=6))] = draw(json_values)
        else:
            parent.insert(key, draw(json_values))
    elif action == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(node))
    elif action == "dangle" and isinstance(node, str):
        parent[key] = node + "-missing"
    elif isinstance(node, str):
        parent[key] = node + draw(odd_text)
    return json.dumps(document, ensure_ascii=draw(st.booleans()))


@st.composite
def broken_folders(draw: st.DrawFn) -> dict[str, bytes]:
    """Return the packaged data files with one of them damaged."""
    contents = {name: text.encode() for name, text in PACKAGED.items()}
    name = draw(st.sampled_from(sorted(contents)))
    how = draw(st.sampled_from(["json", "json", "json", "truncate", "bytes", "remove"]))
    if how == "json":
        contents[name] = draw(_mutated_json(json.loads(PACKAGED[name]))).encode()
    elif how == "truncate":
        contents[name] = contents[name][: draw(st.integers(0, len(contents[name]) - 1))]
    elif how == "bytes":
        at = draw(st.integers(0, len(contents[name])))
        contents[name] = (
            contents[name][:at] + draw(st.binary(min_size=1, max_size=4)) + contents[name][at:]
        )
    else:
        del contents[name]
    return contents


@settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow])
@given(broken_folders())
def test_load_returns_a_dataset_or_raises_dataset_error(contents: dict[str, bytes]) -> None:
    """Law: whatever is in the files, `load` returns a Dataset or raises DatasetError."""
    with tempfile.TemporaryDirectory() as folder:
        for name, content in contents.items():
            (Path(folder) / name).write_bytes(content)
        try:
            result = nzcoop.load(folder)
        except DatasetError as error:
            problems = error.problems
        else:
            assert isinstance(result, nzcoop.Dataset)
            return
    assert problems
    assert all(p.file and p.path and p.message for p in problems)
