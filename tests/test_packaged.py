"""The packaged dataset: loaded once, by any number of threads; cheap to import; zip-safe."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
import textwrap
import typing
import zipfile
from pathlib import Path

import pytest

import nzcoop


def test_module_functions_equal_the_dataset_methods() -> None:
    data = nzcoop.dataset()
    assert nzcoop.lookup("M5") == data.lookup("M5")
    assert nzcoop.get("M5") == data.get("M5")
    assert nzcoop.organisation("M5") == data.organisation("M5")
    assert nzcoop.organisations(theme="refugee-resettlement") == data.organisations(
        theme="refugee-resettlement"
    )
    assert nzcoop.engagements(role="member") == data.engagements(role="member")
    assert nzcoop.events(year=2013) == data.events(year=2013)
    assert nzcoop.sources() == data.sources()
    source = data.sources()[0]
    assert nzcoop.cited_by(source) == data.cited_by(source.id)
    assert nzcoop.engagements(target="IOM") == data.engagements(target="iom")
    assert nzcoop.instruments(role="party") == data.instruments(role="party")
    assert nzcoop.terms(defined_by="UN") == data.terms(defined_by="UN")
    assert nzcoop.people(within="NZ") == data.people(within="NZ")
    assert nzcoop.places(kind="city") == data.places(kind="city")
    assert nzcoop.figures(year=2007) == data.figures(year=2007)


QUERIES = sorted(set(nzcoop._packaged.__all__) - {"dataset"})


@pytest.mark.parametrize("name", QUERIES)
def test_each_function_is_its_dataset_method_of_the_packaged_data(name: str) -> None:
    """A function has its method's name, docstring, signature (but ``self``) and hints."""
    function = getattr(nzcoop, name)
    method = getattr(nzcoop.Dataset, name)
    assert (function.__name__, function.__doc__) == (method.__name__, method.__doc__)
    signature = inspect.signature(method)
    assert inspect.signature(function) == signature.replace(
        parameters=list(signature.parameters.values())[1:]
    )
    hints = typing.get_type_hints(method)
    assert typing.get_type_hints(function) == hints


def test_every_query_method_has_its_function() -> None:
    """Each public `Dataset` method that asks the data a question is a function too."""
    others = {"records", "entities", "merge", "diff", "digest", "release"}
    public = {name for name in vars(nzcoop.Dataset) if not name.startswith("_")}
    assert public - others == set(QUERIES)


def test_results_are_in_documented_order() -> None:
    orgs = nzcoop.organisations(participant=None)
    assert [o.name.casefold() for o in orgs] == sorted(o.name.casefold() for o in orgs)
    ids = [e.id for e in nzcoop.engagements()]
    assert ids == sorted(ids)
    dated = [e.start for e in nzcoop.events() if e.start is not None]
    assert dated == sorted(dated)


def test_public_namespace_is_sorted_and_every_name_resolves() -> None:
    assert nzcoop.__all__ == sorted(nzcoop.__all__)
    assert dir(nzcoop) == nzcoop.__all__
    for name in nzcoop.__all__:
        assert getattr(nzcoop, name) is not None
    namespace: dict[str, object] = {}
    exec("from nzcoop import *", namespace)  # noqa: S102 - a star import, as users write it
    assert sorted(set(namespace) - {"__builtins__"}) == nzcoop.__all__
    with pytest.raises(AttributeError, match="module 'nzcoop' has no attribute 'Organization'"):
        _ = nzcoop.Organization  # type: ignore[attr-defined]


def _run(code: str, *path: str) -> str:
    env_path = [*path]
    prelude = f"import sys; sys.path[:0] = {env_path!r}\n" if env_path else ""
    result = subprocess.run(  # noqa: S603 - runs this interpreter on code written here
        [sys.executable, "-c", prelude + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_threads_racing_on_first_use_share_one_dataset() -> None:
    output = _run(
        """
        import threading
        import nzcoop, nzcoop._files, nzcoop._packaged
        calls = []
        original = nzcoop._files.load
        def counting(source):
            calls.append(source)
            return original(source)
        nzcoop._packaged.load = counting
        barrier = threading.Barrier(32)
        seen = []
        def first_use():
            barrier.wait()
            seen.append(id(nzcoop.dataset()))
        threads = [threading.Thread(target=first_use) for _ in range(32)]
        for t in threads: t.start()
        for t in threads: t.join()
        print(len(seen), len(set(seen)), len(calls))
        """
    )
    assert output.split() == ["32", "1", "1"]


def test_import_reads_no_data_and_loads_no_cattrs() -> None:
    output = _run(
        """
        import sys, nzcoop
        print(sorted(m for m in ("attrs", "cattrs", "json", "importlib.resources", "nzcoop._model")
                     if m in sys.modules))
        """
    )
    assert output.strip() == "[]"


def test_the_package_works_from_a_zip(tmp_path: Path) -> None:
    package = Path(nzcoop.__file__).parent
    archive = tmp_path / "nzcoop.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(package.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                zipped.write(path, Path("nzcoop") / path.relative_to(package))
    output = _run(
        """
        import json, nzcoop
        assert nzcoop.__file__.startswith(sys.path[0]), nzcoop.__file__
        print(json.dumps([nzcoop.organisation("M5").id, len(nzcoop.dataset().entities())]))
        """,
        str(archive),
    )
    org, count = json.loads(output)
    assert org == "m5"
    assert count == len(nzcoop.dataset().entities())
