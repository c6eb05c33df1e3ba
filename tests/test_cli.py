"""The command line: every command and option through `main`, and each once as a process.

Answers are checked by parsing ``--json`` output and comparing it with the API's answer
for the same question, never against stored text.
"""

from __future__ import annotations

import io
import json
import os
import re
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
from nzcoop._table import URL, _hidden, visible

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
    event.update(start=None, end=None, precision=None, places=[], organisations=["forum"])
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
    release = nzcoop.dataset().release
    assert (code, out) == (0, f"nzcoop {nzcoop.__version__} (data release {release})\n")


def test_help_says_show_lists_discrepancies_and_what_exit_2_covers(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "500")
    _, out, _ = run("show", "--help")
    assert "its engagements, the discrepancies between the documents about it" in out
    _, out, _ = run("--help")
    assert "  2    a usage error or a bad range of years: a bad option," in out
    code, _, _ = run("orgs", "--years", "2013..2003")
    assert code == 2


def test_the_command_line_page_fits_a_code_blocks_width() -> None:
    """docs/cli.rst, this module's page, keeps its lines to 88 characters."""
    page = Path(__file__).resolve().parents[1] / "docs" / "cli.rst"
    assert [line for line in page.read_text("utf-8").splitlines() if len(line) > 88] == []


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
    assert "offices:\n  title Minister, within Aland (aland), year 2013\n" in out
    assert "\u201cA quote.\u201d" in out
    code, out, _ = run("show", "forum", "--data", folder)
    assert "also: TF (acronym)" in out
    assert "parent: -" in out
    assert "area: Aland (aland); Bland (bland)" in out
    assert "Aland \u2014 co-chair \u2014 The Meeting (2013)" in out


def test_show_names_the_records_a_reference_names_with_their_ids(run: Run, folder: Path) -> None:
    """``owner: The Forum (forum)``, not ``owner: forum``; a body after its parent."""
    _, out, _ = run("show", "pact", "--data", folder)
    assert "owner: The Forum (forum)" in out
    _, out, _ = run("show", "forum-group", "--data", folder)
    assert out.startswith("TF \u203a The Forum Working Group  (organisation forum-group)")
    assert "parent: The Forum (forum)" in out
    assert "place: Town (town)" in out
    _, out, _ = run("show", "meeting", "--data", folder)
    assert "organisations: TF \u203a The Forum Working Group (forum-group)" in out
    assert "announces: -" in out
    _, out, _ = run("show", "lands", "--data", folder)
    assert "parts: Aland (aland); Bland (bland)" in out


def test_show_lists_the_records_inside_a_record_one_a_line(run: Run, folder: Path) -> None:
    _, out, _ = run("show", "pat", "--data", folder)
    assert "offices:\n  title Minister, within Aland (aland), year 2013\n" in out


def test_show_gives_each_side_of_a_discrepancy_its_document_and_quote(
    run: Run, tmp_path: Path
) -> None:
    """Not ``citation 0``: the document the side's citation names, and its quote."""
    docs = sample.documents()
    docs["discrepancies"]["discrepancies"][0]["sources"][1] = dict(
        docs["discrepancies"]["discrepancies"][0]["sources"][1],
        section="Dates",
        quote="Four days.",
    )
    _, out, _ = run("show", "meeting-length", "--data", sample.write(tmp_path / "d", docs))
    assert out.split("sides:\n")[1].splitlines()[:6] == [
        "  claim It took two days., records -",
        "    cited from A document [doc]",
        "      (before any heading): \u201cA quote.\u201d",
        "  claim It took four days., records The Meeting (meeting)",
        "    cited from A document [doc]",
        "      Dates: \u201cFour days.\u201d",
    ]
    assert "citation 0" not in out
    assert "inferred: -" in out


def test_show_lists_the_discrepancies_a_record_is_in_and_the_claim_it_follows(
    run: Run, folder: Path
) -> None:
    _, out, _ = run("show", "meeting", "--data", folder)
    assert out.split("discrepancies (1):\n")[1].splitlines()[:2] == [
        "  Length of the Meeting  (meeting-length)",
        "    its values follow: It took four days.",
    ]
    shown = _json(run, "show", "meeting", "--data", folder)
    assert shown["discrepancies"] == [
        {"id": "meeting-length", "name": "Length of the Meeting", "follows": ["It took four days."]}
    ]
    _, out, _ = run("show", "pact", "--data", folder)
    assert "discrepancies (" not in out
    assert _json(run, "show", "pact", "--data", folder)["discrepancies"] == []


def test_show_lists_every_claim_a_record_follows(run: Run, tmp_path: Path) -> None:
    """A record typed from both sides' claims follows both; from neither, none."""
    docs = sample.documents()
    docs["discrepancies"]["discrepancies"][0]["sides"][0]["records"] = ["meeting"]
    folder = sample.write(tmp_path / "both", docs)
    _, out, _ = run("show", "meeting", "--data", folder)
    assert out.split("discrepancies (1):\n")[1].splitlines()[:3] == [
        "  Length of the Meeting  (meeting-length)",
        "    its values follow: It took two days.",
        "    its values follow: It took four days.",
    ]
    shown = _json(run, "show", "meeting", "--data", folder)
    assert shown["discrepancies"][0]["follows"] == ["It took two days.", "It took four days."]
    docs["discrepancies"]["discrepancies"][0]["sides"][0]["records"] = []
    docs["discrepancies"]["discrepancies"][0]["sides"][1]["records"] = []
    folder = sample.write(tmp_path / "neither", docs)
    _, out, _ = run("show", "meeting", "--data", folder)
    assert out.split("discrepancies (1):\n")[1].splitlines()[1:2] == [""]
    assert _json(run, "show", "meeting", "--data", folder)["discrepancies"][0]["follows"] == []


def test_show_gives_each_inferred_value_its_field_then_why(run: Run, tmp_path: Path) -> None:
    docs = sample.documents()
    forum = docs["organisations"]["organisations"][0]
    forum["inferred"] = [{"field": "kind", "reason": "Not said; a guess."}]
    _, out, _ = run("show", "forum", "--data", sample.write(tmp_path / "d", docs))
    assert "inferred:\n  kind: Not said; a guess.\n" in out


@pytest.mark.parametrize(
    ("precision", "start", "end", "shown"),
    [
        ("year", "2015-01-01", "2015-12-31", "date: 2015"),
        ("month", "2014-06-01", "2014-06-30", "date: 2014-06"),
        ("week", "2014-06-02", "2014-06-08", "date: the week of 2014-06-02"),
        ("between", None, "2014-06-20", "date: by 2014-06-20"),
        ("day", "2013-06-24", "2013-06-27", "date: 2013-06-24 to 2013-06-27"),
        (None, None, None, "date: undated"),
    ],
)
def test_show_gives_an_events_dates_as_exactly_as_the_documents(
    run: Run, tmp_path: Path, precision: str | None, start: str, end: str, shown: str
) -> None:
    """A year-only date is never shown as 1 January; start, end and precision are one line."""
    docs = sample.documents()
    docs["events"]["events"][0].update(precision=precision, start=start, end=end)
    code, out, _ = run("show", "meeting", "--data", sample.write(tmp_path / "d", docs))
    assert code == 0
    assert shown in out.splitlines()
    assert "start:" not in out
    assert "precision:" not in out
    assert "-01-01" not in out


def test_show_cites_each_document_once_with_its_address_then_its_quotes(
    run: Run, tmp_path: Path
) -> None:
    docs = sample.documents()
    term = docs["terms"]["terms"][0]
    term["sources"] = [dict(term["sources"][0], section="Definitions"), term["sources"][0]]
    _, out, _ = run("show", "big arrival", "--data", sample.write(tmp_path / "d", docs))
    assert out.split("citations (2):\n")[1].splitlines() == [
        "  A document [doc]",
        "    https://example.org/doc",
        "    Definitions: \u201cA quote.\u201d",
        "    (before any heading): \u201cA quote.\u201d",
    ]


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
    assert out.splitlines()[1].startswith("TF \u203a The Forum Working Group  ")
    assert out.splitlines()[1].endswith("  forum-group")
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
        "NAME                          KIND           ROLES",
        "TF \u203a The Forum Working Group  working-group  co-chair at the 2013 meeting",
        "The Forum                     forum          member",
    ]
    code, out, _ = run("orgs", "--participant", "pat", "--standing", "no", "--data", extra_folder)
    assert "attendee at a meeting" in out  # an undated event
    code, out, _ = run("orgs", "--participant", "bland", "--data", extra_folder)
    assert (code, out.strip()) == (1, "(none)")  # a role in an instrument only
    code, out, _ = run("orgs", "--participant", "any", "--data", extra_folder)
    assert out.splitlines()[0].split() == ["NAME", "KIND"]


def test_orgs_shows_only_the_roles_its_filters_keep(run: Run, tmp_path: Path) -> None:
    """The ROLES column is of the engagements that matched: by role, year and standing."""
    docs = sample.documents()
    for id_, role, target, since, until in [
        ("aland--funder--forum", "funder", "forum", 2010, 2011),
        ("aland--member--forum-group", "member", "forum-group", None, None),
        ("aland--host--meeting", "host", "meeting", 2013, 2013),
    ]:
        sample.add_engagement(
            docs,
            id=id_,
            name=f"Aland, {role} of {target}",
            participant="aland",
            role=role,
            target=target,
            since=since,
            until=until,
        )
    folder = sample.write(tmp_path / "roles", docs)

    def roles(*options: str) -> dict[str, str]:
        code, out, _ = run("orgs", "--participant", "aland", *options, "--ids", "--data", folder)
        assert code == 0
        rows = [line.split("  ") for line in out.splitlines()[1:]]
        return {row[-1].strip(): [cell for cell in row if cell][-2].strip() for row in rows}

    assert roles() == {"forum-group": "member", "forum": "funder, member"}
    assert roles("--standing", "either") == {
        "forum-group": "member, co-chair and host at the 2013 meeting",
        "forum": "funder, member",
    }
    assert roles("--standing", "no") == {"forum-group": "co-chair and host at the 2013 meeting"}
    assert roles("--standing", "either", "--role", "co-chair") == {
        "forum-group": "co-chair at the 2013 meeting"
    }
    assert roles("--year", "2010") == {"forum": "funder"}
    assert roles("--years", "2013..", "--standing", "either") == {
        "forum-group": "member, co-chair and host at the 2013 meeting",
        "forum": "member",
    }


def test_orgs_and_engagements_help_say_what_participant_and_standing_narrow(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--participant`` left out is anyone; orgs' ``--standing`` alone narrows nothing.

    It narrows only what the engagement options look at.
    """
    monkeypatch.setenv("COLUMNS", "500")
    helps = {command: run(command, "--help")[1] for command in ("orgs", "engagements")}
    for text in helps.values():
        assert "such as 'New Zealand' (default: anyone, as 'any' says too)" in text
    assert "List organisations: every one, or those the filters given keep;" in helps["orgs"]
    assert "only organisations P holds a role in, with a ROLES column" in helps["orgs"]
    assert "which roles --participant, --role, --year and --years look at" in helps["orgs"]
    assert "with none of those options it narrows nothing" in helps["orgs"]
    assert "only engagements of P;" in helps["engagements"]
    assert _json(run, "orgs", "--standing", "no") == _json(run, "orgs")


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
    assert rows[0].split() == ["DATE", "NAME", "KIND", "PLACES"]  # an event has several
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
    # no more precise than the documents: a week or span as the month its bounds share,
    # one bound as its year (the year the event is found in)
    assert (dates["june"], dates["by"], dates["week"]) == ("2014-06", "2014", "2014-06")
    assert (dates["within"], dates["from"], dates["year"]) == ("2014-06", "2014", "2015")


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


# -- years ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "options", "query"),
    [
        ("orgs", ["--years", "2013..2013"], {"years": (2013, 2013)}),
        (
            "orgs",
            ["--years", "..2013", "--participant", "aland"],
            {"years": (None, 2013), "participant": "aland"},
        ),
        ("engagements", ["--years", "2010..2014"], {"years": (2010, 2014)}),
        ("engagements", ["--years", "2013.."], {"years": (2013, None)}),
        ("events", ["--years", "2013..2020"], {"years": (2013, 2020)}),
        ("events", ["--years", "..2012"], {"years": (None, 2012)}),
    ],
)
def test_years_match_the_api(
    run: Run, folder: Path, data: Dataset, command: str, options: list[str], query: dict[str, Any]
) -> None:
    query_of: dict[str, Callable[..., tuple[nzcoop.Entity, ...]]] = {
        "orgs": data.organisations,
        "engagements": data.engagements,
        "events": data.events,
    }
    expected = [record.id for record in query_of[command](**query)]
    found = _json(run, command, *options, "--data", folder, code=0 if expected else 1)
    assert [record["id"] for record in found] == expected
    assert expected or options == ["--years", "..2012"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "2013",
            "argument --years: expected FIRST..LAST (2003..2013, 2003.. or ..2013), not '2013'",
        ),
        ("..", "expected FIRST..LAST"),
        ("2003...2013", "expected FIRST..LAST"),
        ("2003-2013", "expected FIRST..LAST"),
        ("twenty..", "expected FIRST..LAST"),
        ("\u0662\u0660..", "expected FIRST..LAST"),  # digits, but not ASCII ones
        ("9" * 5000 + "..", "expected FIRST..LAST (2003..2013, 2003.. or ..2013), not '99"),
        (
            "2013..2003",
            "argument --years: '2013..2003' ends before it begins: give the first year first",
        ),
    ],
)
def test_a_bad_range_of_years_is_a_usage_error(run: Run, value: str, message: str) -> None:
    code, out, err = run("events", "--years", value, "--json")
    assert (code, out) == (2, "")
    assert message in json.loads(err)["error"]
    code, out, err = run("events", "--years", value)
    assert (code, out) == (2, "")
    assert "usage: nzcoop events" in err


@pytest.mark.parametrize("command", ["orgs", "engagements", "events"])
def test_year_and_years_together_are_a_usage_error(run: Run, command: str) -> None:
    code, out, err = run(command, "--year", "2013", "--years", "2003..", "--json")
    assert (code, out) == (2, "")
    assert json.loads(err)["error"] == "argument --years: not allowed with argument --year"


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


def test_counts_of_one_are_singular(run: Run, tmp_path: Path) -> None:
    """``1 record cites``, ``1 record``, ``1 problem``: never ``1 records cite``."""
    docs = sample.documents()
    docs["sources"]["sources"].append(
        dict(docs["sources"]["sources"][0], id="lone", name="A lone document", title="Lone")
    )
    term = docs["terms"]["terms"][0]
    term["sources"].append(dict(term["sources"][0], source="lone"))
    code, out, _ = run("cited", "lone", "--data", sample.write(tmp_path / "lone", docs))
    assert (code, out.splitlines()[0]) == (0, "1 record cites Lone")
    source = docs["sources"]["sources"][0]
    folder = sample.write(tmp_path / "one", {"sources": {"sources": [source]}})
    code, out, _ = run("validate", folder)
    assert code == 0
    assert ": valid; release (none), 1 record, sha256:" in out
    code, out, _ = run("validate", tmp_path / "absent")
    assert out.strip().endswith(": 1 problem")


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
    assert "    Definitions: \u201cA quote.\u201d" in out


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
    assert f"{empty}: $: the dataset folder holds no data files; expected nzcoop JSON" in out
    assert "(release.json, sources.json," in out
    assert "discrepancies.json) or a CSV data package (datapackage.json)" in out
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
    docs["events"]["events"][0]["places"] = ["nowhere"]
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
    assert {"organisations[0].kind", "engagements[0].role", "events[0].places[0]"} <= {
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
    assert f"is not valid; run `nzcoop validate {folder}`\n" in err
    assert "organisations.json: organisations[0].kind" in err
    code, out, err = run("events", "--data", folder, "--json")
    assert (code, out) == (1, "")
    report = json.loads(err)
    assert report["error"].endswith(f"is not valid; run `nzcoop validate {folder}`")
    assert report["problems"][0]["path"] == "organisations[0].kind"


def test_the_advice_names_the_folder_as_a_shell_reads_it(run: Run, tmp_path: Path) -> None:
    """``run `nzcoop validate 'my data'```: the folder given, quoted where it must be."""
    (tmp_path / "my data").mkdir()
    _, _, err = run("orgs", "--data", tmp_path / "my data", "--json")
    assert json.loads(err)["error"] == (
        f"the dataset in {tmp_path / 'my data'} is not valid; "
        f"run `nzcoop validate '{tmp_path / 'my data'}'`"
    )
    _, _, err = run("diff", tmp_path / "my data", "--json")
    assert f"run `nzcoop validate '{tmp_path / 'my data'}'`" in json.loads(err)["error"]


def test_packaged_data_that_does_not_load_says_to_reinstall(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A query, and ``--version``, each say so in one line and exit 1, never a traceback."""
    from nzcoop import _cli

    def broken() -> Dataset:
        raise nzcoop.DatasetError((nzcoop.Problem("data", "$", "broken"),))

    monkeypatch.setattr(_cli, "dataset", broken)
    message = f"nzcoop: error: the packaged data of nzcoop {nzcoop.__version__} is not valid; "
    code, out, err = run("orgs")
    assert (code, out) == (1, "")
    assert err.startswith(message + "reinstall nzcoop\n")
    code, out, err = run("--version")
    assert (code, out, err) == (1, "", message + "reinstall nzcoop\n")


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


def test_diff_names_the_folder_that_does_not_load(run: Run, folder: Path, tmp_path: Path) -> None:
    docs = sample.documents()
    docs["organisations"]["organisations"][0]["kind"] = "club"
    broken = sample.write(tmp_path / "broken", docs)
    for argv in ([folder, broken], [broken, folder], [broken]):
        code, out, err = run("diff", *argv)
        assert (code, out) == (1, "")
        assert err.startswith(f"nzcoop: error: the dataset in {broken} is not valid")


def test_diff_of_the_same_data_exits_0(run: Run, folder: Path) -> None:
    code, out, _ = run("diff", folder, folder)
    assert (code, out.strip()) == (0, "test.1 -> test.1: 0 added, 0 removed, 0 changed")
    report = _json(run, "diff", folder, code=1)  # against the packaged data
    assert report["new_release"] == nzcoop.dataset().release


# -- export ---------------------------------------------------------------------------------


@pytest.mark.parametrize("format", ["csv", "nzcoop", "popolo"])
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


@pytest.mark.parametrize("format", ["nzcoop", "csv"])
def test_an_export_reads_back_with_validate_and_data(
    run: Run, folder: Path, data: Dataset, tmp_path: Path, format: str
) -> None:
    assert run("export", "--format", format, tmp_path / "copy", "--data", folder)[0] == 0
    assert nzcoop.load(tmp_path / "copy") == data
    report = _json(run, "validate", tmp_path / "copy")
    assert (report["valid"], report["digest"]) == (True, data.digest)
    assert _json(run, "show", "forum", "--data", tmp_path / "copy")["record"]["id"] == "forum"


def test_a_popolo_export_given_as_data_says_what_it_is(
    run: Run, folder: Path, tmp_path: Path
) -> None:
    assert run("export", "--format", "popolo", tmp_path / "popolo", "--data", folder)[0] == 0
    code, out, _ = run("validate", tmp_path / "popolo")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 2  # the problem, and the count
    assert "is a Popolo export" in lines[0]
    assert "--format csv" in " ".join(out.split())
    code, out, err = run("orgs", "--data", tmp_path / "popolo")
    assert (code, out) == (1, "")
    assert "is a Popolo export" in err


def test_export_format_json_says_to_use_nzcoop(run: Run, tmp_path: Path) -> None:
    code, out, err = run("export", "--format", "json", tmp_path / "out")
    assert (code, out) == (2, "")
    assert "argument --format: for the JSON files `nzcoop.load` reads, use 'nzcoop'" in err
    assert not (tmp_path / "out").exists()


def test_export_raw_cells(run: Run, tmp_path: Path) -> None:
    """``--raw-cells`` writes a formula as it is, and the package says so."""
    docs = sample.documents()
    docs["organisations"]["organisations"][0]["description"] = "=1+1"
    data = sample.write(tmp_path / "data", docs)
    for flags, cell, cells in (([], "'=1+1", "spreadsheet-safe"), (["--raw-cells"], "=1+1", "raw")):
        out = tmp_path / cells
        assert run("export", "--format", "csv", out, "--data", data, *flags)[0] == 0
        assert f",{cell}\r\n".encode() in (out / "organisations.csv").read_bytes()
        package = json.loads((out / "datapackage.json").read_text("utf-8"))
        assert package["nzcoop_cells"] == cells
        assert nzcoop.load(out) == nzcoop.load(data)
    code, _, err = run("export", "--format", "nzcoop", tmp_path / "n", "--raw-cells")
    assert code == 2
    assert "raw_cells is for the format 'csv'" in err


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
    assert out.strip().endswith(f"{folder}: 1000 problems, and at least 9858 more not listed")
    report = _json(run, "validate", folder, code=1)
    assert (len(report["problems"]), report["more"]) == (1000, 9858)


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
    done = _process("export", "--format", "nzcoop", tmp_path / "out", "--data", folder)
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


# -- text that cannot attack ----------------------------------------------------------------

ATTACK = "\x1b[2J\x1b]8;;https://evil.example\x07x\u202eevil\u2066\nline\u200b\x85\u2028z"
"""Text that would clear the screen, open a hyperlink, reverse what follows, start a new
line, or hide, if it reached the terminal as it is."""


def _hostile(docs: dict[str, Any]) -> dict[str, Any]:
    """Put `ATTACK` into the names and text of *docs*, wherever a command may print it."""
    docs["release"]["release"] = "test" + ATTACK
    source = docs["sources"]["sources"][0]
    source.update(title="A document" + ATTACK, publisher="A publisher" + ATTACK)
    source["url"] = "https://example.org/" + ATTACK
    for stem in ("organisations", "participants", "events", "engagements", "people", "places"):
        for record in docs[stem][stem]:
            record["name"] = record["name"] + ATTACK
    forum = docs["organisations"]["organisations"][0]
    forum["names"][0]["value"] = "TF" + ATTACK
    forum["description"] = "A forum" + ATTACK
    docs["people"]["people"][0]["offices"][0]["title"] = "Minister" + ATTACK
    for record in docs["terms"]["terms"]:
        record["sources"] = [dict(_CITE, section="Part" + ATTACK, quote="A quote" + ATTACK)]
    return docs


_CITE = sample.documents()["terms"]["terms"][0]["sources"][0]


def _harmless(text: str) -> None:
    """Check that *text* holds no character that acts on a terminal or shows nothing."""
    assert not [char for char in text.replace("\n", "") if _hidden(char)], text


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a folder of the sample dataset with `ATTACK` in its names and text.

    The checks refuse control characters in ids and names; the command line escapes
    them all the same, wherever a dataset came from, so here the checks let them in.
    """
    monkeypatch.setattr("nzcoop._checks._CONTROL", re.compile("(?!)"))  # matches nothing
    return sample.write(tmp_path / "hostile", _hostile(sample.documents()))


@pytest.mark.parametrize(
    "argv",
    [
        ["orgs"],
        ["orgs", "--participant", "any", "--ids"],
        ["engagements"],
        ["events"],
        ["timeline"],
        ["sources"],
        ["cited", "doc"],
        ["cite"],
        ["show", "forum"],
        ["show", "pat"],
        ["show", "meeting"],
        ["show", "big-arrival"],
        ["show", "doc"],
    ],
    ids=" ".join,
)
def test_values_are_shown_escaped_in_every_table_and_text(
    run: Run, hostile: Path, argv: list[str]
) -> None:
    """Escapes, newlines and bidirectional controls in the data print as escapes."""
    code, out, err = run(*argv, "--data", hostile)
    assert (code, err) == (0, "")
    _harmless(out)
    assert visible(ATTACK) in out


@pytest.mark.parametrize(
    "argv",
    [["orgs"], ["engagements"], ["events"], ["sources"], ["show", "forum"], ["cite"]],
    ids=" ".join,
)
def test_json_keeps_the_values_exactly_and_escapes_them(
    run: Run, hostile: Path, argv: list[str]
) -> None:
    code, out, err = run(*argv, "--data", hostile, "--json")
    assert (code, err) == (0, "")
    _harmless(out)
    assert "\\u202e" in out
    assert any(ATTACK in text for text in _strings(json.loads(out)))


def _strings(value: object) -> list[str]:
    """Return every string in the JSON *value*."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [text for item in value for text in _strings(item)] if isinstance(value, list) else []


def test_json_reads_back_to_the_values_of_the_data(run: Run, hostile: Path) -> None:
    found = _json(run, "orgs", "--data", hostile)
    assert [o["name"] for o in found] == [o.name for o in nzcoop.load(hostile).organisations()]
    assert found[0]["name"].endswith(ATTACK)
    shown = _json(run, "cite", "--data", hostile)
    assert shown["release"] == "test" + ATTACK


def test_diff_and_validate_show_values_escaped(run: Run, folder: Path, hostile: Path) -> None:
    code, out, err = run("diff", folder, hostile)
    assert (code, err) == (1, "")
    _harmless(out)
    assert "test.1 -> test\\x1b[2J" in out
    assert "\\u202eevil" in out
    attack = ATTACK.replace("/", "")  # a name in a path
    broken = sample.write(hostile.parent / ("broken" + attack), _hostile(sample.documents()))
    (broken / ("notes" + attack + ".json")).write_text("{}", "utf-8")
    code, out, err = run("validate", broken)
    assert (code, err) == (1, "")
    _harmless(out)
    assert "notes\\x1b[2J" in out
    assert out.strip().endswith("\\u2028z: 1 problem")


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "no such" + ATTACK],
        ["orgs", "--participant", ATTACK],
        ["orgs", "--role", ATTACK],
        ["orgs", ATTACK],
        ["orgs", "--years", ATTACK],
        ["orgs", "--data", "missing" + ATTACK],
        [ATTACK],
    ],
    ids=range(7),
)
def test_error_messages_show_what_was_given_escaped(run: Run, argv: list[str]) -> None:
    code, out, err = run(*argv)
    assert code in {1, 2}
    assert out == ""
    _harmless(err)
    assert "\\x1b[2J" in err
    _, _, err = run(*argv, "--json")
    _harmless(err)
    assert "\\x1b[2J" in repr(json.loads(err)["error"])


# -- the terminal ---------------------------------------------------------------------------

TABLES = (
    ["orgs"],
    ["orgs", "--role", "co-chair"],
    ["orgs", "--participant", "New Zealand", "--standing", "either"],
    ["engagements"],
    ["engagements", "--year", "2013"],
    ["engagements", "--organisation", "Bali Process"],
    ["events"],
    ["events", "--years", "2003..2007"],
    ["timeline"],
    ["sources"],
)
"""Every command that prints a table, over the packaged data."""

TEXTS = (
    ["cited", "tewg-2013-report"],
    ["cited", "tewg-2013-report", "--ids"],
    ["cited", "release-2003-06-17"],
    ["cite"],
    ["show", "M5"],
    ["show", "PIDC"],
    ["show", "iom"],
    ["show", "bali process"],
    ["show", "New Zealand"],
    ["show", "tewg-meeting-2013-auckland"],
    ["show", "David Cunliffe"],
    ["show", "tewg-2013-report"],
    ["diff", "{folder}"],
    ["validate", "broken"],
)
"""Commands that print text, which wraps to the terminal too (``broken`` is a folder of
data with problems, in the working folder)."""

ERRORS = (
    ["show", "Bali Procss"],
    ["show", "Technical Experts Working Group on Immigration Information Sharing"],
    ["orgs", "--year", "last"],
    ["orgs", "--years", "2013..2003"],
    ["events", "--year", "2013", "--years", "2003.."],
    ["engagements", "--role", "chairperson"],
    ["frobnicate"],
    ["orgs", "--data", "broken"],
    ["export", "--format", "csv", "/dev/null/out"],
)
"""Commands that fail, each with a message on standard error, over the packaged data."""


def _broken(folder: Path) -> Path:
    """Write a dataset with problems whose messages are long to *folder*; return it."""
    docs = sample.documents()
    docs["organisations"]["organisations"][0]["kind"] = "a kind of body nobody has heard of"
    docs["engagements"]["engagements"][0]["target"] = "a-target-that-names-no-record-at-all"
    docs["events"]["events"][0]["places"] = ["somewhere"]
    return sample.write(folder, docs)


def _fits(text: str, width: int) -> None:
    """Check that each line of *text* fits *width*, or is one URL alone after its indent.

    And that every URL in it is whole: the address of one of the packaged sources.
    """
    addresses = {source.url for source in nzcoop.sources()}
    for line in text.splitlines():
        assert len(line) <= width or URL.fullmatch(line.strip()), line
        for url in URL.findall(line):
            assert url in addresses, line


@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize(
    "argv", [*TABLES, *([*argv, "--ids"] for argv in TABLES), *TEXTS], ids=" ".join
)
def test_output_fits_the_terminal(
    run: Run,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    folder: Path,
    argv: list[str],
    width: int,
) -> None:
    """No line is longer than ``COLUMNS`` but a URL alone, and no URL is broken.

    And every record is still there.
    """
    monkeypatch.chdir(tmp_path)
    _broken(tmp_path / "broken")
    argv = [arg.format(folder=folder) for arg in argv]
    monkeypatch.setenv("COLUMNS", str(width))
    code, out, err = run(*argv)
    assert (code, err) == (1 if argv[0] in {"diff", "validate"} else 0, "")
    lines = out.splitlines()
    assert lines
    _fits(out, width)
    if argv[0] in {"orgs", "engagements", "events", "timeline", "sources"}:
        _, wide, _ = run(*argv, "--json")
        assert len(lines) > len(json.loads(wide))  # a header, and a line (or more) a record


@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize("argv", ERRORS, ids=" ".join)
def test_error_messages_fit_the_terminal(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, argv: list[str], width: int
) -> None:
    """Errors, usage errors included, wrap to the terminal as other output does.

    And a quoted name is never split inside a word.
    """
    monkeypatch.chdir(tmp_path)
    _broken(tmp_path / "broken")
    monkeypatch.setenv("COLUMNS", str(width))
    code, out, err = run(*argv)
    assert (code, out) == (1 if "broken" in argv or "export" in argv else 2, "")
    _fits(err, width)
    _, _, wide = run(*argv, "--json")
    message = json.loads(wide)["error"]  # wrapping only turned spaces into line breaks
    assert " ".join(message.split()) in " ".join(err.split())


def test_urls_are_never_broken(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every source's address is whole on a line of its own where it is printed."""
    monkeypatch.setenv("COLUMNS", "80")
    addresses = {source.url for source in nzcoop.sources()}
    for argv in (["sources"], ["cite"]):
        _, out, _ = run(*argv)
        assert {line.strip() for line in out.splitlines()} >= addresses
    for source in nzcoop.sources():
        _, out, _ = run("cited", source.id)
        assert source.url in {line.strip() for line in out.splitlines()}
    _, out, _ = run("show", "PIDC")
    urls = {source.id: source.url for source in nzcoop.sources()}
    cited = {urls[c.source] for c in nzcoop.organisation("PIDC").sources}
    assert {line.strip() for line in out.splitlines()} >= cited


def test_a_body_is_named_after_the_bodies_it_sits_in(run: Run) -> None:
    """New Zealand's three memberships around the Bali Process name three bodies."""
    _, out, _ = run("engagements", "--organisation", "Bali Process", "--participant", "NZ")
    members = [line for line in out.splitlines() if "  member  " in line]
    assert [line.split("  member  ")[1].strip() for line in members] == [
        "Bali Process on People Smuggling, Trafficking in Persons and Related Transnational Crime",
        "Bali Process \u203a Ad Hoc Group",
        "Bali Process \u203a Steering Group",
    ]
    _, out, _ = run("show", "Bali Process")
    assert "New Zealand \u2014 member \u2014 Bali Process \u203a Steering Group" in out
    assert "New Zealand \u2014 member \u2014 Steering Group" not in out
    _, out, _ = run("orgs")
    names = [line.split("  ")[0] for line in out.splitlines()[1:] if not line.startswith(" ")]
    assert "IOM \u203a Regional Office Bangkok" in names
    assert names == sorted(names, key=str.casefold)  # in the order of the names shown


@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize("argv", TABLES, ids=" ".join)
def test_an_id_is_never_broken(
    run: Run, monkeypatch: pytest.MonkeyPatch, argv: list[str], width: int
) -> None:
    """Each id stands whole at the end of a line, in its column or, bracketed, under its row.

    An id such as ``bali-process-ad-hoc-group`` is never broken at a hyphen.
    """
    monkeypatch.setenv("COLUMNS", str(width))
    _, out, _ = run(*argv, "--ids")
    _, listed, _ = run(*argv, "--json")
    ends = {line.rsplit(" ", 1)[-1].strip("[]") for line in out.splitlines()}
    assert {record["id"] for record in json.loads(listed)} <= ends


def test_the_command_line_names_records_through_the_api_uncast() -> None:
    """Names come from `Dataset.full_name` itself, types from narrowing, not from casts."""
    import inspect

    from nzcoop import _cli

    source = inspect.getsource(_cli)
    assert "cast(" not in source
    assert not hasattr(_cli, "_name")


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
    """The reader gone before the output is written: the status of SIGPIPE, no message."""
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


def _c_locale(**more: str) -> dict[str, str]:
    """Return the environment of a process under ``LC_ALL=C``, with *more* set."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHON"))}
    return {**env, "LC_ALL": "C", "LANG": "C", "COLUMNS": "100", **more}


def test_the_c_locale_writes_utf_8_in_pythons_utf_8_mode() -> None:
    """Under ``LC_ALL=C`` Python turns on its UTF-8 mode: text is written as it is."""
    pidc = nzcoop.organisation("PIDC")
    curly = next(n.value for n in pidc.names if "\u2019" in n.value)
    done = subprocess.run(
        [sys.executable, "-m", "nzcoop", "show", "PIDC"],
        capture_output=True,
        env=_c_locale(),
        check=False,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert curly in done.stdout.decode("utf-8")


def test_an_ascii_output_gets_replacements_in_text_and_escapes_in_json() -> None:
    """With UTF-8 mode off (``PYTHONUTF8=0``) the C locale's output is ASCII.

    Text replaces what it cannot show with ``?``, and JSON escapes it.
    """
    pidc = nzcoop.organisation("PIDC")
    curly = next(n.value for n in pidc.names if "\u2019" in n.value)
    ascii_ = _c_locale(PYTHONUTF8="0")
    command = [sys.executable, "-m", "nzcoop", "show", "PIDC"]
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        command, capture_output=True, env=ascii_, check=False, timeout=120
    )
    assert (done.returncode, done.stderr) == (0, b"")
    text = done.stdout.decode("ascii")
    assert curly.replace("\u2019", "?") in text
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [*command, "--json"], capture_output=True, env=ascii_, check=False, timeout=120
    )
    assert (done.returncode, done.stderr) == (0, b"")
    shown = json.loads(done.stdout.decode("ascii"))
    assert curly in [n["value"] for n in shown["record"]["names"]]
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [*command[:-2], "show", "PIDC\u2019s nothing", "--json"],
        capture_output=True,
        env=ascii_,
        check=False,
        timeout=120,
    )
    assert done.returncode == 2
    assert "error" in json.loads(done.stderr.decode("ascii"))


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_any_encoding_but_utf_shows_question_marks_in_text_escapes_in_json_and_errors(
    encoding: str,
) -> None:
    """What docs/cli.rst says of an output whose encoding is not a UTF one.

    Text writes ``?`` for what the encoding cannot hold; JSON escapes every character
    beyond ASCII; standard error writes Python's escapes.
    """
    pidc = nzcoop.organisation("PIDC")
    curly = next(n.value for n in pidc.names if "\u2019" in n.value)
    env = _c_locale(PYTHONIOENCODING=encoding)  # UTF-8 mode on, but for standard streams
    command = [sys.executable, "-m", "nzcoop", "show"]
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [*command, "PIDC"], capture_output=True, env=env, check=False, timeout=120
    )
    assert (done.returncode, done.stderr) == (0, b"")
    assert curly.replace("\u2019", "?").encode(encoding) in done.stdout
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [*command, "PIDC", "--json"], capture_output=True, env=env, check=False, timeout=120
    )
    assert curly in [n["value"] for n in json.loads(done.stdout.decode("ascii"))["record"]["names"]]
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [*command, "Directors\u2019 Conferenc"],
        capture_output=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Directors\\u2019 Conferenc" in done.stderr.decode("ascii")


# -- the edges of a process -----------------------------------------------------------------


def _redirected(
    redirection: str, *argv: str | Path, buffered: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run ``nzcoop ARGV`` as a process with a shell's *redirection* (``>&-``, say).

    Its standard output is buffered, as it is where ``PYTHONUNBUFFERED`` is not set, so
    that a failing write fails at the last flush; or not, so that the first write fails.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    python = [sys.executable] if buffered else [sys.executable, "-u"]
    return subprocess.run(  # noqa: S603 - our own interpreter and module, through sh
        ["/bin/sh", "-c", f'exec "$@" {redirection}', "sh", *python, "-m", "nzcoop"]
        + [str(arg) for arg in argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
        timeout=120,
    )


FULL = "/dev/full"
"""A device on which every write fails for want of space (Linux)."""

needs_full = pytest.mark.skipif(not Path(FULL).exists(), reason=f"no {FULL} here")


@pytest.mark.parametrize(
    "argv", [["orgs"], ["show", "M5", "--json"], ["--help"], ["--version"]], ids=" ".join
)
def test_a_closed_standard_output_exits_74_with_one_line(argv: list[str]) -> None:
    done = _redirected(">&-", *argv)
    assert done.returncode == 74
    assert done.stderr == "nzcoop: error: cannot write to standard output: it is closed\n"


@needs_full
@pytest.mark.parametrize("buffered", [True, False])
@pytest.mark.parametrize(
    "argv", [["orgs"], ["show", "M5", "--json"], ["--help"], ["--version"]], ids=" ".join
)
def test_a_full_disk_exits_74_with_one_line(argv: list[str], *, buffered: bool) -> None:
    """Whether the failing write is the last flush or the first write (unbuffered)."""
    done = _redirected(f"> {FULL}", *argv, buffered=buffered)
    assert done.returncode == 74
    assert (
        done.stderr == "nzcoop: error: cannot write to standard output: No space left on device\n"
    )


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["orgs", "--year", "last"], 2),
        (["frobnicate", "--json"], 2),
        (["show", "no such name"], 2),
        (["orgs", "--data", "no-such-folder"], 1),
        (["orgs", "--json"], 0),
    ],
    ids=str,
)
def test_a_closed_standard_error_keeps_the_exit_code(argv: list[str], code: int) -> None:
    done = _redirected("2>&-", *argv)
    assert done.returncode == code
    assert bool(done.stdout) == (code == 0)
    if Path(FULL).exists():  # standard error open, but every write to it fails
        done = _redirected(f"2> {FULL}", *argv)
        assert done.returncode == code


def test_both_closed_exits_74_quietly() -> None:
    done = _redirected(">&- 2>&-", "orgs")
    assert (done.returncode, done.stdout, done.stderr) == (74, "", "")


@pytest.mark.skipif(sys.platform != "linux", reason="sizes a pipe with fcntl, as Linux does")
def test_ctrl_c_exits_130_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Interrupted while it waits to write to a full pipe: 130, one line, no traceback."""
    import fcntl
    import signal
    import termios
    import time

    printed = io.StringIO()
    monkeypatch.setattr(sys, "stdout", printed)
    assert main(["timeline", "--json"]) == 0
    monkeypatch.undo()
    read, write = os.pipe()
    size = fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, 4096)  # a page at least
    if size >= len(printed.getvalue().encode()):  # a system of 64 KiB pages
        os.close(read)
        os.close(write)
        pytest.skip(f"a pipe here holds {size} bytes, all of the output")
    process = subprocess.Popen(
        [sys.executable, "-m", "nzcoop", "timeline", "--json"],
        stdout=write,
        stderr=subprocess.PIPE,
        text=True,
    )
    os.close(write)
    try:
        deadline = time.monotonic() + 60
        waiting = bytearray(4)
        while time.monotonic() < deadline:  # until the pipe is full: the writer waits
            fcntl.ioctl(read, termios.FIONREAD, waiting)
            if int.from_bytes(waiting, sys.byteorder) >= 4096:
                break
            time.sleep(0.01)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    finally:
        os.close(read)
    assert process.returncode == 130
    assert err == "nzcoop: interrupted\n"


def test_a_reader_that_leaves_after_the_output_was_written_is_no_error() -> None:
    """``nzcoop timeline | head -1``: output that fits in the pipe is written at once.

    So the reader leaving afterwards changes nothing: the exit code is 0.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "nzcoop", "timeline"], stdout=subprocess.PIPE, text=True
    )
    assert process.wait(timeout=120) == 0
    assert process.stdout is not None
    assert process.stdout.readline().split() == ["DATE", "KIND", "NAME"]
    process.stdout.close()


@pytest.mark.skipif(sys.platform != "linux", reason="sizes a pipe with fcntl, as Linux does")
@pytest.mark.parametrize("buffered", [True, False])
def test_a_reader_that_leaves_mid_output_ends_it_with_141(*, buffered: bool) -> None:
    """``nzcoop ... | head -1`` on an output longer than the pipe holds: 141, quietly.

    Unbuffered too (``python -u``), where Python's text stream would drop the rest of a
    partial write and end with 0.
    """
    import fcntl

    read, write = os.pipe()
    fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, 4096)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    python = [sys.executable] if buffered else [sys.executable, "-u"]
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [*python, "-m", "nzcoop", "show", "New Zealand", "--json"],
        stdout=write,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    os.close(write)
    with os.fdopen(read, "rb") as reader:
        assert reader.readline() == b"{\n"
    _, err = process.communicate(timeout=120)
    assert (process.returncode, err) == (141, "")


class _Trickle(io.RawIOBase):
    """A raw stream that takes a few bytes a write, as a pipe may."""

    def __init__(self) -> None:
        self.written = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:  # noqa: ANN401 - a bytes-like object
        self.written += bytes(data[:3])
        return min(3, len(data))


def test_an_unbuffered_output_is_written_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each partial write of an unbuffered standard output is followed by the rest."""
    raw = _Trickle()
    stream = io.TextIOWrapper(raw, encoding="utf-8", write_through=True)  # type: ignore[type-var]
    monkeypatch.setattr(sys, "stdout", stream)
    assert main(["sources", "--json"]) == 0
    monkeypatch.undo()
    found = json.loads(raw.written.decode("utf-8"))
    assert [s["id"] for s in found] == [s.id for s in nzcoop.sources()]


def test_a_closed_standard_output_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    assert main(["orgs"]) == 74
    assert (
        capsys.readouterr().err == "nzcoop: error: cannot write to standard output: it is closed\n"
    )


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), OSError()])
def test_a_failing_write_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], error: OSError
) -> None:
    def full(_: str) -> int:
        raise error

    monkeypatch.setattr(sys.stdout, "write", full)
    assert main(["sources"]) == 74
    monkeypatch.undo()
    reason = error.strerror or "OSError"
    assert capsys.readouterr().err == f"nzcoop: error: cannot write to standard output: {reason}\n"


def test_an_interrupt_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted() -> Dataset:
        raise KeyboardInterrupt

    monkeypatch.setattr("nzcoop._cli.dataset", interrupted)
    assert main(["orgs"]) == 130
    assert capsys.readouterr() == ("", "nzcoop: interrupted\n")


def test_a_failing_or_closed_standard_error_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Nothing can be said: the exit code alone tells."""
    monkeypatch.setattr(sys, "stderr", None)
    assert main(["show", "no such name"]) == 2
    read, write = os.pipe()
    os.close(read)
    stream = io.TextIOWrapper(os.fdopen(write, "wb"), encoding="utf-8")
    monkeypatch.setattr(sys, "stderr", stream)
    try:
        assert main(["orgs", "--year", "last"]) == 2
    finally:
        monkeypatch.undo()
        stream.close()  # what was left goes to the null device now
    assert capsys.readouterr().out == ""


def test_messages_argparse_prints_go_where_it_sends_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Usage to standard output when asked for, a message on exit to standard error.

    Each is shown through `visible`, as every other output is.
    """
    from nzcoop._cli import _parser

    parser = _parser()
    parser.print_usage()
    with pytest.raises(SystemExit):
        parser.exit(2, "nzcoop: a message\n")
    assert capsys.readouterr() == (parser.format_usage(), "nzcoop: a message\n")
    with pytest.raises(SystemExit):
        parser.exit(2, "nzcoop: a \x1b[2Jmessage\u202e\nline two\n")
    assert capsys.readouterr().err == "nzcoop: a \\x1b[2Jmessage\\u202e\nline two\n"
    parser._print_message("usage: \x1b]8;;x\n", sys.stdout)
    assert capsys.readouterr().out == "usage: \\x1b]8;;x\n"


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
