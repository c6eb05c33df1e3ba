"""Randomly broken copies of the packaged data: `load` returns a Dataset or a DatasetError."""

from __future__ import annotations

import json
import os
import tempfile
from importlib.resources import files
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import nzcoop
from nzcoop import DatasetError

from . import strategies as s

PACKAGED = {
    entry.name: entry.read_text("utf-8")
    for entry in (files("nzcoop") / "data").iterdir()
    if entry.name.endswith(".json")
}
EXAMPLES = 2000 if os.environ.get("CI") else 100


@st.composite
def broken_folders(draw: st.DrawFn) -> dict[str, bytes]:
    """Return the packaged data files with one of them damaged."""
    contents = {name: text.encode() for name, text in PACKAGED.items()}
    name = draw(st.sampled_from(sorted(contents)))
    how = draw(st.sampled_from(["json", "json", "json", "truncate", "bytes", "remove"]))
    if how == "json":
        document = draw(s.mutated(json.loads(PACKAGED[name])))
        contents[name] = json.dumps(document, ensure_ascii=draw(st.booleans())).encode()
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
