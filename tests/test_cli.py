"""The command line: every command and option through `main`, and each once as a process.

Answers are checked by parsing ``--json`` output and comparing it with the API's answer
for the same question, never against stored text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import nzcoop
from nzcoop import Dataset
from nzcoop._cli import main
from nzcoop._convert import converter
from nzcoop._model import citations

from . import sample

COMMANDS = (
    "cite",
    "diff",
    "show",
    "orgs",
    "engagements",
    "events",
    "timeline",
    "sources",
    "cited",
    "validate",
    "export",
)

Run = Callable[..., tuple[int, str, str]]


def _with_extras(docs: dict[str, Any]) -> dict[str, Any]:
    """Add an undated event, an engagement with no year, and a source nobody cites."""
    docs["sources"]["sources"].append(
        dict(
            docs["sources"]["sources"][0],
            id="unread",
            name="An unread document",
            title="An unread document",
        )
    )
    event = dict(docs["events"]["events"][0], id="someday", name="Someday meeting")
    event.update(start=None, end=None, precision=None, place=None, organisations=["forum"])
    docs["events"]["events"].append(event)
    docs["sources"]["sources"][0]["date"] = None
    sample.add_engagement(
        docs,
        id="bland--partner--pact",
        name="Bland supports the Pact",
        participant="bland",
        role="partner",
        target="pact",
    )
    sample.add_engagement(
        docs,
        id="pat--attendee--someday",
        name="Pat attends Someday",
        participant="pat",
        role="attendee",
        target="someday",
    )
    return docs


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Return a folder holding the sample dataset."""
    return sample.write(tmp_path / "data", sample.documents())


@pytest.fixture
def data(folder: Path) -> Dataset:
    return nzcoop.load(folder)


@pytest.fixture
def extra_folder(tmp_path: Path) -> Path:
    """Return a folder holding the sample dataset with undated and uncited records."""
    return sample.write(tmp_path / "extra", _with_extras(sample.documents()))


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """Return a function that runs `main` and returns its exit code, stdout and stderr.

    The terminal is wide, so that lines are checked whole; `test_output_fits_the_terminal`
    narrows it.
    """
    monkeypatch.setenv("COLUMNS", "500")

    def call(*argv: str | Path) -> tuple[int, str, str]:
        code = main([str(arg) for arg in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return call


def _json(run: Run, *argv: str | Path, code: int = 0) -> Any:  # noqa: ANN401 - JSON
    """Run a command with ``--json``, check its exit code and return its parsed output."""
    got, out, err = run(*argv, "--json")
    assert got == code, err
    return json.loads(out)


# -- help and usage -------------------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(
    run: Run, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "examples:" in out
    assert f"nzcoop {command}" in out
    assert "exit codes:" in out
    assert max(map(len, out.splitlines())) <= 80


def test_top_level_help_and_version(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run("--help")
    assert code == 0
    assert all(command in out for command in COMMANDS)
    assert max(map(len, out.splitlines())) <= 80
    code, out, _ = run("--version")
    assert (code, out.strip()) == (0, f"nzcoop {nzcoop.__version__}")


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["show"],
        ["orgs", "--year", "last"],
        ["export", "out"],
        ["export", "--format", "xml", "out"],
    ],
)
def test_usage_errors_exit_2(run: Run, argv: list[str]) -> None:
    code, out, err = run(*argv)
    assert code == 2
    assert out == ""
    assert "usage:" in err


def test_main_reads_sys_argv_when_given_none(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    monkeypatch.setattr(sys, "argv", ["nzcoop", "validate", str(folder)])
    assert main() == 0
    assert "valid" in capsys.readouterr().out


def test_python_m_nzcoop_runs_main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    """``__main__`` exits with `main`'s code (run in-process, so coverage sees it)."""
    import nzcoop.__main__ as entry

    assert entry.main is main
    path = Path(entry.__file__)
    code = compile(path.read_text("utf-8"), str(path), "exec")
    monkeypatch.setattr(sys, "argv", ["nzcoop", "validate", str(folder), "--json"])
    with pytest.raises(SystemExit) as stop:
        exec(code, {"__name__": "__main__", "__package__": "nzcoop"})  # noqa: S102
    assert stop.value.code == 0
    assert json.loads(capsys.readouterr().out)["valid"] is True


# -- show -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["forum", "TF", "the forum", "aland", "pat", "meeting", "pact"])
def test_show_json_gives_the_record_its_engagements_and_citations(
    run: Run, folder: Path, data: Dataset, name: str
) -> None:
    shown = _json(run, "show", name, "--data", folder)
    entity = data.lookup(name)
    assert shown["record"]["id"] == entity.id
    assert shown["record"]["name"] == entity.name
    assert shown["kind"] == type(entity).__name__.lower()
    assert len(shown["citations"]) == len(list(citations(entity)))
    assert {c["source"] for c in shown["citations"]} == {c.source for c in citations(entity)}
    mentioned = {
        e.id for e in data.engagements() if entity.id in {e.participant, e.target, *e.alongside}
    }
    assert mentioned <= {e["id"] for e in shown["engagements"]}


def test_show_an_organisation_includes_engagements_in_its_bodies_and_events(
    run: Run, folder: Path, data: Dataset
) -> None:
    shown = _json(run, "show", "forum", "--data", folder)
    expected = {e.id for e in data.engagements(organisation="forum")}
    assert expected == {"aland--co-chair--meeting", "aland--member--forum"}
    assert expected <= {e["id"] for e in shown["engagements"]}


def test_show_table_names_the_entity_its_fields_and_quotes(run: Run, folder: Path) -> None:
    code, out, err = run("show", "pat", "--data", folder)
    assert (code, err) == (0, "")
    assert "Pat Example  (person pat)" in out
    assert "honorific: Ms" in out
    assert "title Minister, within aland, year 2013" in out
    assert "\u201cA quote.\u201d" in out
    code, out, _ = run("show", "forum", "--data", folder)
    assert "also: TF (acronym)" in out
    assert "parent: -" in out
    assert "Aland \u2014 co-chair \u2014 The Meeting (2013)" in out


def test_show_lists_its_own_engagements_first_then_those_alongside_marked(
    run: Run, tmp_path: Path
) -> None:
    docs = sample.documents()
    sample.add_engagement(
        docs,
        id="bland--partner--pact",
        name="Bland supports the Pact",
        participant="bland",
        role="partner",
        target="pact",
    )
    folder = sample.write(tmp_path / "data", docs)
    code, out, _ = run("show", "bland", "--data", folder)
    lines = out.split("engagements (2):\n")[1].splitlines()
    assert code == 0
    assert lines[:2] == [
        "  Bland \u2014 partner \u2014 The Pact",
        "  Aland \u2014 co-chair \u2014 The Meeting (2013)  [alongside]",
    ]
    shown = _json(run, "show", "bland", "--data", folder)
    assert [e["id"] for e in shown["engagements"]] == [
        "bland--partner--pact",
        "aland--co-chair--meeting",
    ]
    assert shown["alongside"] == ["aland--co-chair--meeting"]


def test_show_unknown_name_exits_2_with_suggestions(run: Run, folder: Path) -> None:
    code, out, err = run("show", "The Forun", "--data", folder)
    assert (code, out) == (2, "")
    assert err.startswith("nzcoop: error: ")
    assert "The Forum" in err
    code, out, err = run("show", "The Forun", "--data", folder, "--json")
    assert (code, out) == (2, "")
    report = json.loads(err)
    assert "The Forum" in report["suggestions"]
    assert "The Forun" in report["error"]


# -- orgs -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "query"),
    [
        (["--participant", "aland"], {"participant": "aland"}),
        (
            ["--participant", "AL", "--role", "co-chair", "--standing", "either"],
            {"participant": "aland", "role": "co-chair", "standing": None},
        ),
        (["--participant", "AL"], {"participant": "aland"}),
        ([], {}),
        (["--participant", "aland", "--year", "2013"], {"participant": "aland", "year": 2013}),
        (["--participant", "any"], {"participant": None}),
        (
            ["--participant", "ANY", "--theme", "people-smuggling"],
            {"participant": None, "theme": "people-smuggling"},
        ),
    ],
)
def test_orgs_json_matches_the_api(
    run: Run, folder: Path, data: Dataset, options: list[str], query: dict[str, Any]
) -> None:
    found = _json(run, "orgs", *options, "--data", folder)
    expected = data.organisations(**query)
    assert expected
    assert [o["id"] for o in found] == [o.id for o in expected]
    assert found[0] == converter().unstructure(expected[0])


def test_orgs_table_and_nothing_matched(run: Run, folder: Path) -> None:
    code, out, _ = run("orgs", "--participant", "aland", "--standing", "either", "--data", folder)
    assert code == 0
    assert out.splitlines()[0].split() == ["NAME", "KIND", "ROLES"]
    assert "The Forum Working Group" in out
    assert "forum-group" not in out
    code, out, _ = run(
        "orgs", "--participant", "aland", "--standing", "either", "--ids", "--data", folder
    )
    assert out.splitlines()[0].split() == ["NAME", "KIND", "ROLES", "ID"]
    assert out.splitlines()[2].endswith("  forum-group")
    code, out, _ = run("orgs", "--participant", "bland", "--data", folder)
    assert (code, out.strip()) == (1, "(none)")
    assert (
        _json(run, "orgs", "--participant", "aland", "--role", "funder", "--data", folder, code=1)
        == []
    )


def test_orgs_shows_the_participants_roles(run: Run, extra_folder: Path) -> None:
    """Standing roles by name, roles at an event with the event, none for anyone."""
    code, out, _ = run("orgs", "--participant", "aland", "--data", extra_folder)
    assert (code, out.splitlines()) == (0, ["NAME       KIND   ROLES", "The Forum  forum  member"])
    code, out, _ = run(
        "orgs", "--participant", "aland", "--standing", "either", "--data", extra_folder
    )
    assert code == 0
    assert out.splitlines() == [
        "NAME                     KIND           ROLES",
        "The Forum                forum          member",
        "The Forum Working Group  working-group  co-chair at the 2013 meeting",
    ]
    code, out, _ = run("orgs", "--participant", "pat", "--standing", "no", "--data", extra_folder)
    assert "attendee at a meeting" in out  # an undated event
    code, out, _ = run("orgs", "--participant", "bland", "--data", extra_folder)
    assert (code, out.strip()) == (1, "(none)")  # a role in an instrument only
    code, out, _ = run("orgs", "--participant", "any", "--data", extra_folder)
    assert out.splitlines()[0].split() == ["NAME", "KIND"]


def test_orgs_with_no_participant_lists_every_organisation(
    run: Run, folder: Path, data: Dataset
) -> None:
    assert _json(run, "orgs", "--data", folder) == _json(
        run, "orgs", "--participant", "any", "--data", folder
    )
    assert [o["id"] for o in _json(run, "orgs", "--data", folder)] == [
        o.id for o in data.organisations()
    ]


@pytest.mark.parametrize(("option", "value"), [("--role", "chair"), ("--theme", "smuggling")])
def test_unknown_role_or_theme_exits_2(run: Run, folder: Path, option: str, value: str) -> None:
    code, out, err = run("orgs", "--participant", "any", option, value, "--data", folder)
    assert (code, out) == (2, "")
    assert f"unknown {option[2:]} {value!r}; expected one of" in err
    code, _, err = run("engagements", option, value, "--data", folder, "--json")
    assert code == 2
    assert json.loads(err)["suggestions"] == []


# -- engagements, events, timeline ----------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "query"),
    [
        ([], {}),
        (["--organisation", "TF"], {"organisation": "forum"}),
        (["--participant", "Aland"], {"participant": "aland"}),
        (["--role", "member"], {"role": "member"}),
        (["--theme", "information-sharing"], {"theme": "information-sharing"}),
        (["--year", "2013"], {"year": 2013}),
    ],
)
def test_engagements_json_matches_the_api(
    run: Run, folder: Path, data: Dataset, options: list[str], query: dict[str, Any]
) -> None:
    found = _json(run, "engagements", *options, "--data", folder)
    assert [e["id"] for e in found] == [e.id for e in data.engagements(**query)]
    assert found


def test_engagements_table_and_nothing_matched(run: Run, folder: Path) -> None:
    code, out, _ = run("engagements", "--data", folder)
    assert code == 0
    assert "co-chair  The Meeting  2013" in out
    assert _json(run, "engagements", "--participant", "bland", "--data", folder, code=1) == []
    code, _, err = run("engagements", "--organisation", "Nowhere", "--data", folder)
    assert code == 2
    assert "organisation" in err


@pytest.mark.parametrize(
    ("options", "query"),
    [
        ([], {}),
        (["--organisation", "forum"], {"organisation": "forum"}),
        (["--theme", "information-sharing"], {"theme": "information-sharing"}),
        (["--year", "2013"], {"year": 2013}),
        (["--year", "1999"], {"year": 1999}),
    ],
)
def test_events_json_matches_the_api(
    run: Run, extra_folder: Path, options: list[str], query: dict[str, Any]
) -> None:
    expected = [e.id for e in nzcoop.load(extra_folder).events(**query)]
    found = _json(run, "events", *options, "--data", extra_folder, code=0 if expected else 1)
    assert [e["id"] for e in found] == expected


def test_events_table(run: Run, extra_folder: Path) -> None:
    code, out, _ = run("events", "--data", extra_folder)
    assert code == 0
    rows = out.splitlines()
    assert rows[0].split() == ["DATE", "NAME", "KIND", "PLACE"]
    assert rows[1] == "2013-06-24 to 2013-06-27  The Meeting      meeting  Town"
    assert rows[2].startswith("undated")
    code, out, _ = run("events", "--ids", "--data", extra_folder)
    assert out.splitlines()[1].endswith("  meeting")


def test_events_show_dates_as_exactly_as_the_documents(run: Run, tmp_path: Path) -> None:
    docs = sample.documents()
    meeting = docs["events"]["events"][0]
    for id_, precision, start, end in [
        ("week", "week", "2014-06-02", "2014-06-08"),
        ("within", "between", "2014-06-02", "2014-06-20"),
        ("by", "between", None, "2014-06-20"),
        ("from", "between", "2014-06-02", None),
        ("june", "month", "2014-06-01", "2014-06-30"),
        ("one-day", "day", "2014-06-03", "2014-06-03"),
        ("year", "year", "2015-01-01", "2015-12-31"),
    ]:
        docs["events"]["events"].append(
            dict(meeting, id=id_, name=id_.title(), precision=precision, start=start, end=end)
        )
    folder = sample.write(tmp_path / "dates", docs)
    code, out, _ = run("events", "--data", folder)
    assert code == 0
    assert "week of 2014-06-02" in out
    assert "between 2014-06-02 and 2014-06-20" in out
    assert "by 2014-06-20" in out
    assert "from 2014-06-02" in out
    assert "2014-06 " in out
    assert "2014-06-03 " in out
    dates = {e["id"]: e["date"] for e in _json(run, "timeline", "--data", folder)}
    assert (dates["june"], dates["by"], dates["week"]) == ("2014-06", "2014-06-20", "2014-06-02")
    assert dates["year"] == "2015"


def test_timeline_puts_everything_in_date_order_undated_last(run: Run, extra_folder: Path) -> None:
    data = nzcoop.load(extra_folder)
    entries = _json(run, "timeline", "--data", extra_folder)
    expected = {e.id for e in data.events()} | {e.id for e in data.engagements()}
    assert {e["id"] for e in entries} == expected
    dated = [e["date"] for e in entries if e["date"] is not None]
    assert dated == sorted(dated)
    assert entries[-1]["date"] is None
    assert {e["kind"] for e in entries} == {"event", "engagement"}
    by_id = {e["id"]: e for e in entries}
    assert by_id["aland--co-chair--meeting"]["date"] == "2013"  # its since
    assert by_id["meeting"]["date"] == "2013-06-24"
    assert by_id["bland--partner--pact"]["date"] is None  # no dated document shows it
    assert by_id["pat--attendee--someday"]["date"] is None


def test_timeline_uses_the_event_date_and_attested_years(run: Run, tmp_path: Path) -> None:
    docs = sample.documents()
    docs["engagements"]["engagements"][0].update(since=None, until=None)
    docs["events"]["events"][0].update(precision="month", start="2013-06-01", end="2013-06-30")
    folder = sample.write(tmp_path / "d", docs)
    by_id = {e["id"]: e for e in _json(run, "timeline", "--data", folder)}
    assert by_id["aland--co-chair--meeting"]["date"] == "2013-06"  # its event's date
    assert by_id["meeting"]["date"] == "2013-06"
    assert by_id["aland--member--forum"]["date"] == "2013"  # the citing document's year


def test_timeline_for_an_organisation_and_nothing_matched(run: Run, folder: Path) -> None:
    code, out, _ = run("timeline", "--organisation", "forum-group", "--ids", "--data", folder)
    assert code == 0
    assert out.splitlines()[0].split() == ["DATE", "KIND", "NAME", "ID"]
    assert "aland--member--forum" not in out
    assert "aland--co-chair--meeting" in out
    docs = sample.documents()
    docs["events"]["events"][0]["organisations"] = []
    docs["organisations"]["organisations"][1]["parent"] = None
    lonely = sample.write(folder.parent / "lonely", docs)
    assert _json(run, "timeline", "--organisation", "forum-group", "--data", lonely, code=1) == []


# -- sources and cited ----------------------------------------------------------------------


def test_sources_json_counts_citing_records(run: Run, extra_folder: Path) -> None:
    data = nzcoop.load(extra_folder)
    found = _json(run, "sources", "--data", extra_folder)
    assert [s["id"] for s in found] == [s.id for s in data.sources()]
    assert {s["id"]: s["cited_by"] for s in found} == {
        s.id: len(data.cited_by(s)) for s in data.sources()
    }
    assert found[1]["cited_by"] == 0
    code, out, _ = run("sources", "--data", extra_folder)
    assert code == 0
    assert out.splitlines()[0] == "TITLE               DATE        CITED BY  URL"
    assert "An unread document" in out
    assert "unread" not in out.replace("An unread document", "")
    code, out, _ = run("sources", "--ids", "--data", extra_folder)
    assert out.splitlines()[2].endswith("  unread")


def test_sources_with_none_exits_1(run: Run, tmp_path: Path) -> None:
    docs = sample.documents()
    folder = sample.write(tmp_path / "release-only", {"release": docs["release"]})
    assert _json(run, "sources", "--data", folder, code=1) == []


def test_cited_lists_every_record_citing_a_source(run: Run, folder: Path, data: Dataset) -> None:
    found = _json(run, "cited", "A document", "--data", folder)
    assert [r["id"] for r in found] == [r.id for r in data.cited_by("doc")]
    person = next(r for r in found if r["kind"] == "person")
    assert len(person["citations"]) == 2  # its own, and its office's
    assert person["citations"][0] == {"section": None, "quote": "A quote."}
    code, out, _ = run("cited", "doc", "--data", folder)
    assert code == 0
    assert out.startswith(f"{len(found)} records cite A document\n")
    assert "\nPat Example (person)\n" in out
    assert "(before any heading): \u201cA quote.\u201d" in out
    code, out, _ = run("cited", "doc", "--ids", "--data", folder)
    assert out.startswith(f"{len(found)} records cite A document [doc]\n")
    assert "\nPat Example (person) [pat]\n" in out


def test_cited_shows_sections_nothing_matched_and_unknown_sources(
    run: Run, extra_folder: Path, tmp_path: Path
) -> None:
    assert _json(run, "cited", "unread", "--data", extra_folder, code=1) == []
    code, _, err = run("cited", "A documnt", "--data", extra_folder)
    assert code == 2
    assert "A document" in err
    docs = sample.documents()
    term = docs["terms"]["terms"][0]
    term["sources"] = [dict(term["sources"][0], section="Definitions")]
    folder = sample.write(tmp_path / "sectioned", docs)
    _, out, _ = run("cited", "doc", "--data", folder)
    assert "Definitions: \u201cA quote.\u201d" in out
    _, out, _ = run("show", "big arrival", "--data", folder)
    assert "[doc] A document, Definitions: \u201cA quote.\u201d" in out


# -- validate -------------------------------------------------------------------------------


def test_validate_a_valid_folder(run: Run, folder: Path, data: Dataset) -> None:
    report = _json(run, "validate", folder)
    assert report == {
        "valid": True,
        "release": "test.1",
        "digest": data.digest,
        "records": len(data.entities()),
    }
    code, out, _ = run("validate", folder)
    assert code == 0
    assert out.strip() == (
        f"{folder}: valid; release test.1, {len(data.entities())} records, {data.digest}"
    )


def test_validate_a_folder_without_release_names_no_release(run: Run, tmp_path: Path) -> None:
    folder = sample.write(tmp_path / "terms", {"terms": {"terms": []}})
    code, out, _ = run("validate", folder)
    assert code == 0
    assert "release (none), 0 records" in out


def test_a_folder_with_no_data_files_is_an_error(run: Run, tmp_path: Path) -> None:
    """An empty folder loads as an empty dataset, but on the command line it is a mistake."""
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not data", "utf-8")
    code, out, _ = run("validate", empty)
    assert code == 1
    assert f"{empty}: $: the dataset folder holds no data files; expected release.json" in out
    assert out.strip().endswith(f"{empty}: 1 problem")
    report = _json(run, "validate", empty, code=1)
    assert report["valid"] is False
    assert "holds no data files" in report["problems"][0]["message"]
    code, out, err = run("orgs", "--data", empty)
    assert (code, out) == (1, "")
    assert "holds no data files" in err
    code, out, err = run("diff", empty, "--json")
    assert (code, out) == (1, "")
    assert "holds no data files" in json.loads(err)["problems"][0]["message"]


def test_validate_prints_every_problem_with_its_file_and_path(run: Run, tmp_path: Path) -> None:
    docs = sample.documents()
    del docs["organisations"]["organisations"][0]["kind"]
    docs["engagements"]["engagements"][0]["role"] = "chair"
    docs["events"]["events"][0]["place"] = "nowhere"
    folder = sample.write(tmp_path / "broken", docs)
    expected = nzcoop.DatasetError
    with pytest.raises(expected) as caught:
        nzcoop.load(folder)
    problems = caught.value.problems
    assert len(problems) == 3
    code, out, _ = run("validate", folder)
    assert code == 1
    for problem in problems:
        assert f"{problem.file}: {problem.path}: {problem.message}" in out
    assert {"organisations[0].kind", "engagements[0].role", "events[0].place"} <= {
        p.path for p in problems
    }
    assert out.strip().endswith(f"{folder}: 3 problems")
    report = _json(run, "validate", folder, code=1)
    assert report["valid"] is False
    assert report["problems"] == [
        {"file": p.file, "path": p.path, "message": p.message} for p in problems
    ]


def test_validate_a_missing_folder(run: Run, tmp_path: Path) -> None:
    code, out, _ = run("validate", tmp_path / "absent")
    assert code == 1
    assert "$: the dataset folder does not exist" in out
    assert out.strip().endswith(": 1 problem")


def test_a_broken_data_folder_stops_queries_with_exit_1(run: Run, tmp_path: Path) -> None:
    docs = sample.documents()
    docs["organisations"]["organisations"][0]["kind"] = "club"
    folder = sample.write(tmp_path / "broken", docs)
    code, out, err = run("orgs", "--data", folder)
    assert (code, out) == (1, "")
    assert "nzcoop validate" in err
    assert "organisations.json: organisations[0].kind" in err
    code, out, err = run("events", "--data", folder, "--json")
    assert (code, out) == (1, "")
    report = json.loads(err)
    assert report["problems"][0]["path"] == "organisations[0].kind"


# -- diff ---------------------------------------------------------------------------------


def test_diff_lists_what_was_added_removed_and_changed(
    run: Run, folder: Path, tmp_path: Path
) -> None:
    docs = sample.documents()
    docs["release"]["release"] = "test.2"
    docs["terms"]["terms"][0]["definition"] = "Changed."
    del docs["figures"]
    sample.add_engagement(docs, id="bland--member--forum", name="Bland joins", participant="bland")
    newer = sample.write(tmp_path / "newer", docs)
    report = _json(run, "diff", folder, newer, code=1)
    assert (report["old_release"], report["new_release"]) == ("test.1", "test.2")
    assert report["added"] == [
        {"kind": "engagement", "id": "bland--member--forum", "name": "Bland joins"}
    ]
    assert [r["id"] for r in report["removed"]] == ["forum--members--2013"]
    assert report["changed"] == [
        {"kind": "term", "id": "big-arrival", "name": "big arrival", "fields": ["definition"]}
    ]
    code, out, _ = run("diff", folder, newer)
    assert code == 1
    assert out.splitlines() == [
        "test.1 -> test.2: 1 added, 1 removed, 1 changed",
        "+ engagement bland--member--forum: Bland joins",
        "- figure forum--members--2013: Members of the Forum in 2013",
        "~ term big-arrival: definition",
    ]


def test_diff_of_the_same_data_exits_0(run: Run, folder: Path) -> None:
    code, out, _ = run("diff", folder, folder)
    assert (code, out.strip()) == (0, "test.1 -> test.1: 0 added, 0 removed, 0 changed")
    report = _json(run, "diff", folder, code=1)  # against the packaged data
    assert report["new_release"] == nzcoop.dataset().release


# -- export ---------------------------------------------------------------------------------


@pytest.mark.parametrize("format", ["csv", "json", "popolo"])
def test_export_writes_the_files_it_lists(
    run: Run, folder: Path, data: Dataset, tmp_path: Path, format: str
) -> None:
    out_dir = tmp_path / format
    report = _json(run, "export", "--format", format, out_dir, "--data", folder)
    assert report["format"] == format
    assert report["digest"] == data.digest
    assert report["release"] == data.release
    files = [Path(name) for name in report["files"]]
    assert files
    assert sorted(files) == sorted(out_dir.iterdir())
    code, out, err = run("export", "--format", format, out_dir, "--data", folder)
    assert (code, out) == (1, "")
    assert "the folder is not empty" in err
    code, out, _ = run("export", "--format", format, out_dir, "--data", folder, "--force")
    assert code == 0
    assert out.split() == report["files"]


def test_export_json_loads_back(run: Run, folder: Path, data: Dataset, tmp_path: Path) -> None:
    assert run("export", "--format", "json", tmp_path / "copy", "--data", folder)[0] == 0
    assert nzcoop.load(tmp_path / "copy") == data


def test_export_into_a_file_exits_1(run: Run, folder: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", "utf-8")
    code, out, err = run("export", "--format", "csv", blocker, "--data", folder)
    assert (code, out) == (1, "")
    assert err.startswith("nzcoop: error: cannot write the export")
    assert blocker.read_text("utf-8") == ""


def test_export_refuses_a_folder_that_holds_other_files(run: Run, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.txt").write_text("mine", "utf-8")
    code, out, err = run("export", "--format", "csv", tmp_path / "out", "--force", "--json")
    assert (code, out) == (1, "")
    assert "holds 'notes.txt', which no export writes" in json.loads(err)["error"]
    assert [path.name for path in (tmp_path / "out").iterdir()] == ["notes.txt"]


def test_names_that_are_not_utf_8_are_printed_as_escapes(run: Run, tmp_path: Path) -> None:
    """A folder or file name of bytes that are not UTF-8 never makes printing fail."""
    folder = sample.write(tmp_path / os.fsdecode(b"d\xff"), {})
    (folder / os.fsdecode(b"\xfe.json")).write_text("{}", "utf-8")
    code, out, _ = run("validate", folder)
    assert code == 1
    assert "\\udcfe.json: $: unknown data file" in out
    assert out.strip().endswith("d\\udcff: 1 problem")
    out.encode("utf-8")  # no lone surrogate left


def test_an_empty_data_folder_name_is_a_usage_error(run: Run) -> None:
    code, out, err = run("orgs", "--data", "")
    assert (code, out) == (2, "")
    assert "source is an empty path" in err


def test_validate_a_folder_with_a_fifo(run: Run, folder: Path) -> None:
    (folder / "terms.json").unlink()
    os.mkfifo(folder / "terms.json")
    code, out, _ = run("validate", folder)
    assert code == 1
    assert "terms.json: $: expected a JSON file, found a FIFO (named pipe)" in out


def test_validate_counts_the_problems_it_does_not_list(run: Run, tmp_path: Path) -> None:
    folder = sample.write(tmp_path / "broken", {})
    records = ",".join(["{}      "] * 10_000)  # sparse enough to be parsed, record by record
    (folder / "terms.json").write_text('{"terms": [' + records + "]}")
    code, out, _ = run("validate", folder)
    assert code == 1
    assert out.count("required key is missing") == 1000
    assert out.strip().endswith(f"{folder}: 1000 problems, and at least 9835 more not listed")
    report = _json(run, "validate", folder, code=1)
    assert (len(report["problems"]), report["more"]) == (1000, 9835)


# -- the packaged data ----------------------------------------------------------------------


def test_sources_of_the_packaged_data(run: Run) -> None:
    try:
        packaged = nzcoop.dataset()
    except nzcoop.DatasetError:  # pragma: no cover - only while the data is being written
        pytest.skip("the packaged data does not load")
    code, out, _ = run("sources", "--json")
    assert code == (0 if packaged.sources() else 1)
    assert [s["id"] for s in json.loads(out)] == [s.id for s in packaged.sources()]


# -- as a real process ----------------------------------------------------------------------


def _process(*argv: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "nzcoop", *map(str, argv)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["show", "forum"], 0),
        (["orgs", "--participant", "any"], 0),
        (["engagements", "--role", "member"], 0),
        (["events", "--year", "2013"], 0),
        (["timeline"], 0),
        (["sources"], 0),
        (["cited", "doc"], 0),
        (["orgs", "--role", "chair", "--participant", "any"], 2),
        (["show", "nothing at all"], 2),
    ],
)
def test_each_command_runs_as_a_process(folder: Path, argv: list[str], code: int) -> None:
    done = _process(*argv, "--data", folder, "--json")
    assert done.returncode == code, done.stderr
    if code == 0:
        assert json.loads(done.stdout)
        assert done.stderr == ""
    else:
        assert done.stdout == ""
        assert "error" in json.loads(done.stderr)


def test_validate_and_export_run_as_processes(folder: Path, data: Dataset, tmp_path: Path) -> None:
    done = _process("validate", folder, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["digest"] == data.digest
    done = _process("export", "--format", "json", tmp_path / "out", "--data", folder)
    assert done.returncode == 0, done.stderr
    assert nzcoop.load(tmp_path / "out") == data
    done = _process("--help")
    assert done.returncode == 0
    assert "examples:" in done.stdout


def test_a_folder_with_no_data_files_as_a_process(tmp_path: Path) -> None:
    done = _process("validate", tmp_path)
    assert done.returncode == 1
    assert "the dataset folder holds no data files" in " ".join(done.stdout.split())
    done = _process("orgs", "--data", tmp_path, "--json")
    assert (done.returncode, done.stdout) == (1, "")
    assert "holds no data files" in json.loads(done.stderr)["problems"][0]["message"]


def test_engagement_years_show_open_ends(run: Run, tmp_path: Path) -> None:
    docs = sample.documents()
    docs["engagements"]["engagements"][0].update(since=2010, until=2013)
    docs["engagements"]["engagements"][1].update(since=2011)
    folder = sample.write(tmp_path / "d", docs)
    code, out, _ = run("engagements", "--data", folder)
    assert code == 0
    assert "The Meeting  2010\u20132013" in out
    assert "The Forum    2011\u2013" in out


# -- the terminal ---------------------------------------------------------------------------

TABLES = (
    ["orgs"],
    ["orgs", "--role", "co-chair"],
    ["orgs", "--participant", "any"],
    ["engagements"],
    ["engagements", "--year", "2013"],
    ["events"],
    ["events", "--year", "2013"],
    ["timeline"],
    ["sources"],
)
"""Every command that prints a table, over the packaged data."""

TEXTS = (
    ["cited", "tewg-2013-report"],
    ["cited", "tewg-2013-report", "--ids"],
    ["show", "M5"],
    ["show", "PIDC"],
    ["diff", "{folder}"],
)
"""Commands that print text, which wraps to the terminal too."""


@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize(
    "argv", [*TABLES, *([*argv, "--ids"] for argv in TABLES), *TEXTS], ids=" ".join
)
def test_output_fits_the_terminal(
    run: Run, monkeypatch: pytest.MonkeyPatch, folder: Path, argv: list[str], width: int
) -> None:
    """No line is longer than ``COLUMNS``, and every record is still there."""
    argv = [arg.format(folder=folder) for arg in argv]
    monkeypatch.setenv("COLUMNS", str(width))
    code, out, err = run(*argv)
    assert (code, err) == (1 if argv[0] == "diff" else 0, "")
    lines = out.splitlines()
    assert lines
    assert max(map(len, lines)) <= width, "\n".join(line for line in lines if len(line) > width)
    if argv[0] in {"orgs", "engagements", "events", "timeline", "sources"}:
        _, wide, _ = run(*argv, "--json")
        assert len(lines) > len(json.loads(wide))  # a header, and a line (or more) a record


def test_tables_name_records_and_show_ids_on_request(run: Run) -> None:
    code, out, _ = run("timeline")
    assert code == 0
    assert "Establishment of the IOM" in out
    assert "iom-established-1951" not in out
    _, out, _ = run("timeline", "--ids")
    assert "iom-established-1951" in out


def test_a_narrow_terminal_still_gets_every_column(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Below a character a column nothing can fit; output is fitted to 20 columns."""
    monkeypatch.setenv("COLUMNS", "5")
    code, out, _ = run("orgs", "--participant", "New Zealand", "--role", "co-chair")
    assert code == 0
    assert max(map(len, out.splitlines())) <= 20
    assert out.splitlines()[0].split() == ["NAME", "KIND", "ROLES"]


def test_a_closed_pipe_ends_quietly_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Writing to a pipe nobody reads returns 141 and prints nothing more."""
    import io
    import os

    read, write = os.pipe()
    os.close(read)
    stream = io.TextIOWrapper(os.fdopen(write, "wb"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stream)
    try:
        assert main(["timeline"]) == 141
    finally:
        monkeypatch.undo()
        stream.close()  # what was left goes to the null device now


def test_a_closed_pipe_under_a_capture_ends_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def closed(_: str) -> int:
        raise BrokenPipeError

    monkeypatch.setattr(sys.stdout, "write", closed)
    assert main(["sources"]) == 141
    monkeypatch.undo()
    assert capsys.readouterr().err == ""


def test_output_to_a_stream_without_an_encoding(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text stream that is no file (a `io.StringIO`) is written to as it is."""
    import io

    stream = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stream)
    assert main(["sources", "--json"]) == 0
    monkeypatch.undo()
    assert [s["id"] for s in json.loads(stream.getvalue())] == [s.id for s in nzcoop.sources()]


def test_export_errors_other_than_a_closed_pipe_are_reported(run: Run, folder: Path) -> None:
    code, _, err = run("export", "--format", "csv", "/dev/null/out", "--data", folder)
    assert code == 1
    assert "cannot write the export" in err


@pytest.mark.parametrize("argv", [["timeline"], ["show", "M5"], ["orgs", "--json"]])
def test_a_closed_pipe_ends_quietly_as_a_process(argv: list[str]) -> None:
    """``nzcoop timeline | head -1``: the status of SIGPIPE, and nothing on stderr."""
    import os

    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "nzcoop", *argv],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            timeout=120,
        )
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (141, "")


def _c_locale() -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHON"))}
    return {**env, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "COLUMNS": "100"}


def test_the_c_locale_gets_replacements_in_text_and_escapes_in_json() -> None:
    """Under ``LC_ALL=C`` output is ASCII: text replaces what it cannot show, JSON escapes."""
    pidc = nzcoop.organisation("PIDC")
    curly = next(n.value for n in pidc.names if "\u2019" in n.value)
    command = [sys.executable, "-m", "nzcoop", "show", "PIDC"]
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        command, capture_output=True, env=_c_locale(), check=False, timeout=120
    )
    assert (done.returncode, done.stderr) == (0, b"")
    text = done.stdout.decode("ascii")
    assert curly.replace("\u2019", "?") in text
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [*command, "--json"], capture_output=True, env=_c_locale(), check=False, timeout=120
    )
    assert (done.returncode, done.stderr) == (0, b"")
    shown = json.loads(done.stdout.decode("ascii"))
    assert curly in [n["value"] for n in shown["record"]["names"]]
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [*command[:-2], "show", "PIDC\u2019s nothing", "--json"],
        capture_output=True,
        env=_c_locale(),
        check=False,
        timeout=120,
    )
    assert done.returncode == 2
    assert "error" in json.loads(done.stderr.decode("ascii"))


def test_json_usage_errors_are_json(run: Run) -> None:
    code, out, err = run("orgs", "--year", "last", "--json")
    assert (code, out) == (2, "")
    report = json.loads(err)
    assert report["error"] == "argument --year: invalid int value: 'last'"
    assert report["suggestions"] == []
    assert report["usage"].startswith("usage: nzcoop orgs")
    code, out, err = run("--json")
    assert (code, out) == (2, "")
    assert json.loads(err)["error"] == "the following arguments are required: COMMAND"
    code, _, err = run("orgs", "--year", "last")
    assert code == 2
    assert err.splitlines()[-1] == "nzcoop orgs: error: argument --year: invalid int value: 'last'"


# -- cite -----------------------------------------------------------------------------------


def test_cite_names_the_release_the_digest_and_the_documents(
    run: Run, folder: Path, data: Dataset
) -> None:
    report = _json(run, "cite", "--data", folder)
    assert (report["release"], report["digest"]) == (data.release, data.digest)
    assert report["version"] == nzcoop.__version__
    assert [s["id"] for s in report["sources"]] == [s.id for s in data.sources()]
    assert data.digest in report["citation"]
    assert "release test.1" in report["citation"]
    code, out, _ = run("cite", "--data", folder)
    assert code == 0
    assert report["citation"] in out
    assert "A publisher (2013-06-24). A document.\n    https://example.org/doc" in out


def test_cite_a_dataset_with_no_release_or_sources(run: Run, tmp_path: Path) -> None:
    folder = sample.write(tmp_path / "terms", {"terms": {"terms": []}})
    code, out, _ = run("cite", "--data", folder)
    assert code == 0
    assert "Data release (none)" in out
    assert "drawn from" not in out


def test_cite_matches_citation_cff() -> None:
    """``CITATION.cff`` has what CFF 1.2.0 requires, and the title and authors of `cite`."""
    import yaml

    from nzcoop._export import AUTHORS, TITLE

    path = Path(__file__).resolve().parents[1] / "CITATION.cff"
    cff = yaml.safe_load(path.read_text("utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["message"]
    assert (cff["title"], cff["authors"]) == (TITLE, [{"name": AUTHORS}])
    assert "version" not in cff  # the version is kept in one place, _version.py
