"""What users install: the wheel and sdist built, checked, installed in a new venv, used."""

from __future__ import annotations

import subprocess
import sys
import tarfile
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
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the sdist, and the wheel from it, as a release would."""
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--outdir", out)
    return out


@pytest.fixture(scope="module")
def wheel(dist: Path) -> Path:
    (built,) = dist.glob("nzcoop-*.whl")
    return built


@pytest.fixture(scope="module")
def sdist(dist: Path) -> Path:
    (built,) = dist.glob("nzcoop-*.tar.gz")
    return built


def test_both_are_of_this_version(wheel: Path, sdist: Path) -> None:
    import nzcoop

    assert wheel.name.startswith(f"nzcoop-{nzcoop.__version__}-py3-none-any")
    assert sdist.name == f"nzcoop-{nzcoop.__version__}.tar.gz"


def test_sdist_holds_what_a_rebuild_and_the_tests_need(sdist: Path) -> None:
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {
        "pyproject.toml",
        "README.md",
        "CHANGELOG.md",
        "CITATION.cff",
        "LICENSE",
        "LICENSE-DATA.md",
        "src/nzcoop/__init__.py",
        "src/nzcoop/data/organisations.json",
        "src/nzcoop/py.typed",
        "tests/test_wheel.py",
        "docs/conf.py",
        "tools/check.sh",
    } <= names
    _run(sys.executable, "-m", "twine", "check", "--strict", sdist)


def test_the_licences_are_in_the_metadata(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        text = archive.read(metadata).decode()
        names = archive.namelist()
    assert "License-Expression: MIT AND CC-BY-4.0" in text
    assert any(name.endswith("licenses/LICENSE-DATA.md") for name in names)


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
