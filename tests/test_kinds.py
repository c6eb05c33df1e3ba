"""A kind of record is one edit: its class and its row in `KINDS`; the rest follows.

One test adds a kind to a copy of the package, by that edit only, and runs load, the
checks, every export and the schema generator on data holding it. The others hold each
list of kinds that cannot be made from `KINDS` (for type checkers, and the API page) to
it, and say what to change.
"""

from __future__ import annotations

import inspect
import json
import re
import shutil
import subprocess
import sys
import textwrap
import typing
from pathlib import Path

import attrs

import nzcoop
from nzcoop._model import (
    KINDS,
    RECORD_CLASSES,
    RECORD_KINDS,
    STEMS,
    Entity,
    OneReference,
    References,
)

ROOT = Path(__file__).resolve().parents[1]

AWARD = '''
@attrs.frozen
class Award:
    """An award a participant received."""

    id: str
    name: str
    names: tuple[Name, ...]
    winner: str
    """Id of the participant that received it."""
    year: int | None
    themes: tuple[Theme, ...]
    sources: tuple[Citation, ...]


'''
ROW = """\
    Kind(Award, "award", "awards", references=(("winner", (Participant,)),), years=("year",)),
"""

SCRIPT = """
import json, pathlib, sys, attrs, nzcoop
from nzcoop import _model, _schema
from nzcoop._model import Award

out = pathlib.Path(sys.argv[1])
data = nzcoop.dataset()
source = data.sources()[0].id
cite = (nzcoop.Citation(source, None, "A quote."),)
award = Award("a-prize", "A Prize", (), "new-zealand", 2003, (nzcoop.Theme.AVIATION,), cite)
mine = nzcoop.Dataset([*data.entities(), award], release="awarded")
report = {"awards": [a.id for a in mine.records("awards")]}
try:
    nzcoop.Dataset([*data.entities(), attrs.evolve(award, winner="nobody", year=0)])
except nzcoop.DatasetError as error:
    report["problems"] = [str(problem) for problem in error.problems]
for format in ("nzcoop", "csv", "popolo"):
    report[format] = sorted(p.name for p in nzcoop.export(mine, format, out / format))
again = nzcoop.load(out / "nzcoop")
report["loaded"] = again == mine and again.digest == mine.digest
tables = nzcoop.load(out / "csv")
report["tables loaded"] = tables == mine and tables.digest == mine.digest
report["schemas"] = "awards.schema.json" in _schema.schemas()
print(json.dumps(report))
"""


def test_a_kind_is_its_class_and_one_row(tmp_path: Path) -> None:
    """Law: a class and a row in `KINDS`, and no other edit, make a kind of record.

    Data of the new kind loads, is checked, exports in every format and has its schema.
    """
    package = tmp_path / "site" / "nzcoop"
    shutil.copytree(ROOT / "src" / "nzcoop", package, ignore=shutil.ignore_patterns("*.pyc"))
    model = package / "_model.py"
    source = model.read_text("utf-8")
    source = source.replace("\nEntity = (", f"\n{AWARD}Entity = (", 1)
    source = source.replace(
        "KINDS: tuple[Kind, ...] = (\n", f"KINDS: tuple[Kind, ...] = (\n{ROW}", 1
    )
    assert source.count("class Award") == source.count("Kind(Award") == 1, "the edit missed"
    model.write_text(source, "utf-8")
    done = subprocess.run(  # noqa: S603 - this interpreter, on code written here
        [sys.executable, "-c", SCRIPT, str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(package.parent), "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["awards"] == ["a-prize"]
    assert report["problems"] == [
        "awards.json: awards[0].winner: unknown id 'nobody'; expected the id of a participant",
        "awards.json: awards[0].year: year 0 is not a year from 1 to 9999",
    ]
    assert "awards.json" in report["nzcoop"]
    assert {"awards.csv", "award_themes.csv", "award_year.csv"} <= set(report["csv"])
    assert report["popolo"] == [
        "events.json",
        "memberships.json",
        "organizations.json",
        "persons.json",
    ]
    assert report["loaded"] is True
    assert report["tables loaded"] is True
    assert report["schemas"] is True


def test_the_entity_union_names_every_kind_with_a_file() -> None:
    """`Entity` is written out for type checkers; it lists the classes of `RECORD_KINDS`."""
    assert typing.get_args(Entity) == RECORD_CLASSES, (
        "add the new record class to `Entity` in _model.py, in the order of KINDS"
    )


def test_records_is_typed_for_every_kind() -> None:
    """`Dataset.records` has an overload for each kind, returning a tuple of its class."""
    hints = [
        typing.get_type_hints(overload, vars(sys.modules["nzcoop._dataset"]))
        for overload in typing.get_overloads(nzcoop.Dataset.records)
    ]
    typed = [
        (typing.get_args(hint["kind"])[0], typing.get_args(hint["return"])[0])
        for hint in hints
        if typing.get_origin(hint["kind"]) is typing.Literal
    ]
    expected = [(kind.stem, kind.cls) for kind in RECORD_KINDS]
    assert typed == expected, "give Dataset.records an overload for each kind, in KINDS' order"


def test_the_docstring_of_records_names_every_kind() -> None:
    text = " ".join(inspect.getdoc(nzcoop.Dataset.records).split())  # type: ignore[union-attr]
    named = re.findall(r'``"(\w+)"``', text.split("Args:")[1].split("Returns:")[0])
    assert named == list(STEMS), "list every stem of KINDS in the docstring of Dataset.records"


def test_the_api_page_shows_every_record_class() -> None:
    text = (ROOT / "docs" / "api.rst").read_text("utf-8")
    shown = set(re.findall(r"^\.\. autoclass:: (\w+)", text, re.MULTILINE))
    missing = {kind.cls.__name__ for kind in KINDS} - shown
    assert not missing, textwrap.fill(f"add `.. autoclass::` for {sorted(missing)} to api.rst")


def test_the_reference_fields_follow_takes_are_those_of_kinds() -> None:
    """`OneReference` and `References` name every reference field, by what it holds."""
    one: set[str] = set()
    many: set[str] = set()
    for kind in KINDS:
        fields = attrs.fields_dict(kind.cls)
        for field, _ in kind.references:
            holds_many = typing.get_origin(fields[field].type) is tuple
            (many if holds_many else one).add(field)
    assert set(typing.get_args(OneReference)) == one, "list it in _model.OneReference"
    assert set(typing.get_args(References)) == many, "list it in _model.References"
