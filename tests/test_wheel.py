"""What users install: the built wheel holds the data and py.typed, and works in a new venv."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*command: str | Path, cwd: Path = ROOT) -> str:
    result = subprocess.run(  # noqa: S603 - fixed commands of this test
        [str(part) for part in command], capture_output=True, text=True, check=False, cwd=cwd
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--wheel", "--outdir", out)
    (built,) = out.glob("nzcoop-*.whl")
    return built


def test_wheel_holds_the_data_the_schemas_and_py_typed(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    data = ROOT / "src" / "nzcoop" / "data"
    assert {f"nzcoop/data/{p.name}" for p in data.glob("*.json")} <= names
    assert "nzcoop/py.typed" in names
    assert "nzcoop/schema/organisations.schema.json" in names
    assert not any(name.startswith("tests/") for name in names)


def test_wheel_passes_its_checkers(wheel: Path) -> None:
    _run(sys.executable, "-m", "check_wheel_contents", wheel)
    _run(sys.executable, "-m", "twine", "check", "--strict", wheel)


def test_wheel_answers_a_query_in_a_new_venv(wheel: Path, tmp_path: Path) -> None:
    venv.create(tmp_path / "venv", with_pip=True)
    python = tmp_path / "venv" / "bin" / "python"
    _run(python, "-m", "pip", "install", "--quiet", wheel)
    output = _run(
        python,
        "-c",
        "import nzcoop; print(nzcoop.organisation('Five Country Conference').name)",
        cwd=tmp_path,
    )
    assert output.strip() == "Migration Five"
