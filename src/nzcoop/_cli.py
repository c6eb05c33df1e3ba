"""The ``nzcoop`` command line: ask the data a question, check a dataset, or export it.

Every command prints a human-readable table, or JSON with ``--json`` (the records in the
same layout as the data files, so the keys are the record fields). Query commands read
the packaged data, or the dataset folder given with ``--data DIR``.

Exit codes:

- 0: done.
- 1: problems found (``validate``, or a ``--data`` folder that does not load), nothing
  matched (a listing command that lists no records: ``orgs``, ``engagements``,
  ``events``, ``timeline``, ``sources`` and ``cited``, as ``grep`` does), the datasets
  differ (``diff``, as ``diff`` does), or the export could not be written.
- 2: usage error: a bad option, an unknown role or theme, or a name that names nothing
  (the message suggests close names).

Errors go to standard error, as JSON (``{"error": ..., "suggestions": [...]}``) with
``--json``. This module is imported only by ``python -m nzcoop`` and the ``nzcoop``
script, never by ``import nzcoop``.
"""

from __future__ import annotations

import argparse
import datetime
import enum
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TextIO

import attrs

from ._dataset import Dataset
from ._errors import (
    ArgumentTypeError,
    DatasetError,
    ExportError,
    InvalidArgumentError,
    Problem,
    UnknownNameError,
    printable,
)
from ._export import FORMATS, event_dates, export
from ._files import load
from ._index import attesting_years, engagement_years
from ._model import (
    Citation,
    Engagement,
    Entity,
    Event,
    Office,
    Organisation,
    Source,
    citations,
    kind_of,
)
from ._packaged import dataset
from ._version import __version__
from ._vocabulary import Precision, Role, Theme

__all__ = ["main"]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

ANY_PARTICIPANT = "any"
"""The ``--participant`` value that means every participant (the API's ``None``)."""

_Handler = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (``sys.argv[1:]`` when None); return the exit code.

    Args:
        argv: the arguments after the program name.

    Returns:
        0 when done, 1 when problems were found or nothing matched, 2 on a usage error.

    >>> main(["validate", "no-such-folder"])
    no-such-folder: $: the dataset folder does not exist
    no-such-folder: 1 problem
    1
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, --version and usage errors
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    handler: _Handler = args.handler
    try:
        return handler(args)
    except (InvalidArgumentError, ArgumentTypeError) as error:
        return _fail(args, str(error), (), EXIT_USAGE)
    except UnknownNameError as error:
        return _fail(args, str(error), error.suggestions, EXIT_USAGE)
    except DatasetError as error:
        where = args.data if getattr(args, "data", None) is not None else "the packaged data"
        message = f"the dataset in {where} is not valid; run `nzcoop validate` for details"
        if not args.json:
            message += "".join(f"\n  {problem}" for problem in error.problems)
            message += f"\n  and at least {error.more} more" if error.more else ""
        return _fail(args, message, (), EXIT_PROBLEMS, _problems(error.problems))
    except ExportError as error:
        return _fail(args, str(error), (), EXIT_PROBLEMS)


def _fail(
    args: argparse.Namespace,
    message: str,
    suggestions: Sequence[str],
    code: int,
    problems: list[dict[str, str]] | None = None,
) -> int:
    """Report an error on standard error and return *code*."""
    if args.json:
        report: dict[str, Any] = {"error": message, "suggestions": list(suggestions)}
        if problems is not None:
            report["problems"] = problems
        _write(sys.stderr, json.dumps(report, ensure_ascii=False))
    else:
        _write(sys.stderr, f"nzcoop: error: {message}")
    return code


# -- the parser ---------------------------------------------------------------------------

_EXIT_CODES = """\
exit codes:
  0  done
  1  problems found, nothing matched (a listing that lists nothing), datasets differ
     (diff), or cannot write
  2  usage error: a bad option, an unknown role or theme, or an unknown name
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nzcoop",
        description=(
            "Query New Zealand's international cooperation on immigration: organisations, "
            "engagements, events and the documents they are cited from."
        ),
        epilog=(
            "examples:\n"
            "  nzcoop show M5\n"
            "  nzcoop orgs --role co-chair --year 2013\n"
            "  nzcoop cited release-2003-06-17 --json\n"
            "  nzcoop export --format csv tables/\n\n"
            "Run `nzcoop COMMAND --help` for the options of a command.\n\n" + _EXIT_CODES
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"nzcoop {__version__}")
    output = argparse.ArgumentParser(add_help=False)
    output.add_argument("--json", action="store_true", help="print JSON instead of a table")
    data = argparse.ArgumentParser(add_help=False, parents=[output])
    data.add_argument(
        "--data",
        metavar="DIR",
        help="query the dataset in the folder DIR instead of the packaged data",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(
        name: str, handler: _Handler, summary: str, examples: str, parent: argparse.ArgumentParser
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=summary,
            description=summary,
            epilog=f"examples:\n{examples}\n{_EXIT_CODES}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
            parents=[parent],
        )
        sub.set_defaults(handler=handler)
        return sub

    show = command(
        "show",
        _show,
        "Show an entity with its names, engagements and citations.",
        "  nzcoop show M5\n  nzcoop show 'Bali Process' --json\n",
        data,
    )
    show.add_argument("name", metavar="NAME", help="an id, a name, an acronym or a former name")

    orgs = command(
        "orgs",
        _orgs,
        "List the organisations a participant (New Zealand unless named) is engaged in.",
        "  nzcoop orgs --role co-chair\n"
        "  nzcoop orgs --theme people-smuggling --participant any\n"
        "  nzcoop orgs --participant Australia --year 2013 --json\n",
        data,
    )
    _role(orgs)
    _theme(orgs)
    _year(orgs)
    orgs.add_argument(
        "--participant",
        metavar="P",
        default="New Zealand",
        help="whose engagements --role and --year look at (default: New Zealand); "
        f"'{ANY_PARTICIPANT}' for anyone, which with no --role or --year lists every "
        "organisation",
    )

    engagements = command(
        "engagements",
        _engagements,
        "List engagements: who holds which role in which organisation, instrument or event.",
        "  nzcoop engagements --organisation 'Bali Process' --role co-chair\n"
        "  nzcoop engagements --participant 'New Zealand' --year 2013 --json\n",
        data,
    )
    _organisation(engagements)
    engagements.add_argument(
        "--participant", metavar="P", help="only engagements of this participant"
    )
    _role(engagements)
    _theme(engagements)
    _year(engagements)

    events = command(
        "events",
        _events,
        "List events in date order.",
        "  nzcoop events --year 2013\n  nzcoop events --organisation IOM --json\n",
        data,
    )
    _organisation(events)
    _theme(events)
    _year(events)

    timeline = command(
        "timeline",
        _timeline,
        "List events and engagements in date order (engagements at their first year).",
        "  nzcoop timeline\n  nzcoop timeline --organisation 'Bali Process' --json\n",
        data,
    )
    _organisation(timeline)

    command(
        "sources",
        _sources,
        "List the source documents, with how many records cite each.",
        "  nzcoop sources\n  nzcoop sources --json\n",
        data,
    )

    cited = command(
        "cited",
        _cited,
        "List every record that cites a source document, with the quotes.",
        "  nzcoop cited release-2003-06-17\n"
        "  nzcoop cited 'NZ becomes 100th member of IOM' --json\n",
        data,
    )
    cited.add_argument("source", metavar="SOURCE", help="the source's id or name")

    validate = command(
        "validate",
        _validate,
        "Check a dataset folder; print each problem with its file and JSON path.",
        "  nzcoop validate my-data/\n  nzcoop validate my-data/ --json\n",
        output,
    )
    validate.add_argument("folder", metavar="DIR", help="the dataset folder to check")

    diff = command(
        "diff",
        _diff,
        "Compare two datasets: the records added, removed and changed, by id and field.",
        "  nzcoop diff old-data/ new-data/\n"
        "  nzcoop diff old-data/ --json   # against the packaged data\n",
        output,
    )
    diff.add_argument("old", metavar="OLD", help="the folder of the older dataset")
    diff.add_argument(
        "new",
        metavar="NEW",
        nargs="?",
        help="the folder of the newer one (default: the packaged data)",
    )

    export_command = command(
        "export",
        _export,
        "Write the data as CSV tables, nzcoop JSON (what `nzcoop.load` reads) or Popolo JSON.",
        "  nzcoop export --format csv tables/\n"
        "  nzcoop export --format popolo popolo/\n"
        "  nzcoop export --format json --data my-data/ copy/\n"
        "  nzcoop export --format csv tables/ --force\n",
        data,
    )
    export_command.add_argument(
        "--format", choices=FORMATS, required=True, help="the format to write"
    )
    export_command.add_argument(
        "outdir", metavar="OUTDIR", help="the folder to write: missing, empty, or with --force"
    )
    export_command.add_argument(
        "--force",
        action="store_true",
        help="replace OUTDIR when it holds an earlier export (and nothing else)",
    )
    return parser


def _role(parser: argparse.ArgumentParser) -> None:
    roles = ", ".join(role.value for role in Role)
    parser.add_argument("--role", metavar="R", help=f"one of: {roles}")


def _theme(parser: argparse.ArgumentParser) -> None:
    themes = ", ".join(theme.value for theme in Theme)
    parser.add_argument("--theme", metavar="T", help=f"one of: {themes}")


def _year(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", metavar="Y", type=int, help="a year, such as 2013")


def _organisation(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--organisation",
        metavar="O",
        help="only those in this organisation, a body inside it, or one of its events",
    )


# -- the commands -------------------------------------------------------------------------


def _data(args: argparse.Namespace) -> Dataset:
    return load(args.data) if args.data is not None else dataset()


def _show(args: argparse.Namespace) -> int:
    data = _data(args)
    entity = data.lookup(args.name)
    related = _related(data, entity)
    cited = [_citation(data, citation) for citation in citations(entity)]
    if args.json:
        _print_json(
            {
                "kind": kind_of(type(entity)).word,
                "record": _plain(entity),
                "engagements": [_plain(e) for e in related],
                "citations": cited,
            }
        )
        return EXIT_OK
    lines = [f"{entity.name}  ({kind_of(type(entity)).word} {entity.id})"]
    if entity.names:
        lines.append("also: " + "; ".join(f"{n.value} ({n.kind.value})" for n in entity.names))
    lines.extend(
        f"{field.name}: {_text(getattr(entity, field.name))}"
        for field in attrs.fields(type(entity))
        if field.name not in {"id", "name", "names", "sources"}
    )
    lines.append(f"\nengagements ({len(related)}):")
    lines.extend(f"  {_engagement_line(data, e)}" for e in related)
    lines.append(f"\ncitations ({len(cited)}):")
    lines.extend(f"  {_citation_line(c)}" for c in cited)
    _write(sys.stdout, "\n".join(lines))
    return EXIT_OK


def _related(data: Dataset, entity: Entity) -> list[Engagement]:
    """Return the engagements *entity* holds, is the target of, or is named alongside in.

    For an organisation, also those held in a body inside it or in one of its events.
    """
    found = {
        e.id: e
        for e in data.engagements()
        if entity.id in {e.participant, e.target} or entity.id in e.alongside
    }
    if isinstance(entity, Organisation):
        found.update((e.id, e) for e in data.engagements(organisation=entity))
    return [found[key] for key in sorted(found)]


def _orgs(args: argparse.Namespace) -> int:
    data = _data(args)
    participant = None if args.participant.casefold() == ANY_PARTICIPANT else args.participant
    found = data.organisations(
        role=args.role, theme=args.theme, year=args.year, participant=participant
    )
    rows = [[o.id, o.name, o.kind.value, ", ".join(t.value for t in o.themes)] for o in found]
    return _listing(args, found, ["ID", "NAME", "KIND", "THEMES"], rows)


def _engagements(args: argparse.Namespace) -> int:
    data = _data(args)
    found = data.engagements(
        organisation=args.organisation,
        participant=args.participant,
        role=args.role,
        theme=args.theme,
        year=args.year,
    )
    rows = [
        [_name(data, e.participant), e.role.value, _name(data, e.target), _years(e)] for e in found
    ]
    return _listing(args, found, ["PARTICIPANT", "ROLE", "TARGET", "YEARS"], rows)


def _events(args: argparse.Namespace) -> int:
    data = _data(args)
    found = data.events(organisation=args.organisation, theme=args.theme, year=args.year)
    rows = [
        [_when(e), e.id, e.name, e.kind.value, _name(data, e.place) if e.place else ""]
        for e in found
    ]
    return _listing(args, found, ["DATE", "ID", "NAME", "KIND", "PLACE"], rows)


def _timeline(args: argparse.Namespace) -> int:
    data = _data(args)
    entries = [
        {"date": _sort_date(e), "kind": "event", "id": e.id, "name": e.name}
        for e in data.events(organisation=args.organisation)
    ]
    by_id = {entity.id: entity for entity in data.entities()}
    attesting = attesting_years(data.entities())
    entries.extend(
        {
            "date": _engagement_date(e, by_id, attesting),
            "kind": "engagement",
            "id": e.id,
            "name": e.name,
        }
        for e in data.engagements(organisation=args.organisation)
    )
    entries.sort(key=lambda x: (x["date"] is None, x["date"] or "", x["kind"], x["id"]))
    if args.json:
        _print_json(entries)
    else:
        rows = [[x["date"] or "undated", x["kind"], x["id"], x["name"]] for x in entries]
        _write(sys.stdout, _table(["DATE", "KIND", "ID", "NAME"], rows))
    return EXIT_OK if entries else EXIT_PROBLEMS


def _sources(args: argparse.Namespace) -> int:
    data = _data(args)
    found = data.sources()
    counts = {source.id: len(data.cited_by(source)) for source in found}
    if args.json:
        _print_json([{**_plain(s), "cited_by": counts[s.id]} for s in found])
    else:
        rows = [[s.id, _text(s.date), counts[s.id], s.title or s.name, _text(s.url)] for s in found]
        _write(sys.stdout, _table(["ID", "DATE", "CITED BY", "TITLE", "URL"], rows))
    return EXIT_OK if found else EXIT_PROBLEMS


def _cited(args: argparse.Namespace) -> int:
    data = _data(args)
    found = data.cited_by(args.source)
    source = data.lookup(args.source)
    records: list[dict[str, Any]] = [
        {
            "kind": kind_of(type(record)).word,
            "id": record.id,
            "name": record.name,
            "citations": [
                {"section": c.section, "quote": c.quote}
                for c in citations(record)
                if c.source == source.id
            ],
        }
        for record in found
    ]
    if args.json:
        _print_json(records)
    else:
        lines = [f"{len(records)} records cite {source.name} ({source.id})"]
        for record in records:
            lines.append(f"\n{record['kind']}  {record['id']}  {record['name']}")
            lines.extend(
                f"    {c['section'] or '(before any heading)'}: \u201c{c['quote']}\u201d"
                for c in record["citations"]
            )
        _write(sys.stdout, "\n".join(lines))
    return EXIT_OK if records else EXIT_PROBLEMS


def _diff(args: argparse.Namespace) -> int:
    old = load(args.old)
    new = load(args.new) if args.new else dataset()
    change = old.diff(new)

    def brief(record: Entity) -> dict[str, str]:
        return {"kind": kind_of(type(record)).word, "id": record.id, "name": record.name}

    report: dict[str, Any] = {
        "old_release": change.old_release,
        "new_release": change.new_release,
        "added": [brief(r) for r in change.added],
        "removed": [brief(r) for r in change.removed],
        "changed": [{**brief(c.new), "fields": list(c.fields)} for c in change.changed],
    }
    if args.json:
        _print_json(report)
    else:
        releases = f"{change.old_release or '(none)'} -> {change.new_release or '(none)'}"
        counts = (len(change.added), len(change.removed), len(change.changed))
        lines = [f"{releases}: {counts[0]} added, {counts[1]} removed, {counts[2]} changed"]
        for heading, mark in (("added", "+"), ("removed", "-")):
            lines.extend(f"{mark} {r['kind']} {r['id']}: {r['name']}" for r in report[heading])
        lines.extend(
            f"~ {c['kind']} {c['id']}: {', '.join(c['fields'])}" for c in report["changed"]
        )
        _write(sys.stdout, "\n".join(lines))
    return EXIT_PROBLEMS if change else EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    try:
        data = load(args.folder)
    except DatasetError as error:
        if args.json:
            report = {"valid": False, "problems": _problems(error.problems), "more": error.more}
            _print_json(report)
        else:
            _write(sys.stdout, "\n".join(map(str, error.problems)))
            count = len(error.problems)
            summary = f"{args.folder}: {count} problem" + ("" if count == 1 else "s")
            if error.more:
                summary += f", and at least {error.more} more not listed"
            _write(sys.stdout, summary)
        return EXIT_PROBLEMS
    count = len(data.entities())
    if args.json:
        _print_json(
            {"valid": True, "release": data.release, "digest": data.digest, "records": count}
        )
    else:
        _write(
            sys.stdout,
            f"{args.folder}: valid; release {data.release or '(none)'}, {count} records, "
            f"{data.digest}",
        )
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    data = _data(args)
    written = export(data, args.format, args.outdir, force=args.force)
    if args.json:
        _print_json(
            {
                "format": args.format,
                "files": [str(path) for path in written],
                "release": data.release,
                "digest": data.digest,
            }
        )
    else:
        _write(sys.stdout, "\n".join(str(path) for path in written))
    return EXIT_OK


# -- formatting ---------------------------------------------------------------------------


def _listing(
    args: argparse.Namespace, found: Sequence[Entity], header: list[str], rows: list[list[Any]]
) -> int:
    """Print *found* as JSON records or as a table; exit 1 when it is empty."""
    if args.json:
        _print_json([_plain(record) for record in found])
    else:
        _write(sys.stdout, _table(header, rows))
    return EXIT_OK if found else EXIT_PROBLEMS


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Return *rows* as text columns under *header*, or a note when there are none."""
    cells = [[str(cell) for cell in row] for row in rows]
    if not cells:
        return "(none)"
    widths = [max(len(row[i]) for row in [list(header), *cells]) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [list(header), *cells]
    ]
    return "\n".join(lines)


def _write(stream: TextIO, text: str) -> None:
    """Write *text* and a newline to *stream* (looked up at call time, so tests capture it).

    A folder named on the command line may hold bytes that are not UTF-8 (Python gives
    them as lone surrogates): they are written as escapes, where printing them would fail.
    """
    stream.write(printable(text) + "\n")


def _print_json(value: object) -> None:
    _write(sys.stdout, json.dumps(value, ensure_ascii=False, indent=2))


def _plain(record: Entity) -> Any:  # noqa: ANN401 - a JSON value
    """Return *record* as the JSON the data files hold."""
    from ._convert import converter

    return converter().unstructure(record)


def _problems(problems: Iterable[Problem]) -> list[dict[str, str]]:
    return [attrs.asdict(problem) for problem in problems]


def _text(value: object) -> str:
    """Return a field's value as text: ``-`` for None, enum values, ISO dates, lists joined."""
    if value is None:
        return "-"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return "; ".join(_text(item) for item in value) if value else "-"
    if isinstance(value, Office):
        return ", ".join(
            f"{field.name} {_text(getattr(value, field.name))}"
            for field in attrs.fields(Office)
            if field.name != "sources"
        )
    return str(value)


def _name(data: Dataset, id: str) -> str:
    """Return the name of the record with *id*."""
    return data.lookup(id).name


def _years(engagement: Engagement) -> str:
    if engagement.since is None and engagement.until is None:
        return ""
    if engagement.since == engagement.until:
        return str(engagement.since)
    since = "" if engagement.since is None else str(engagement.since)
    until = "" if engagement.until is None else str(engagement.until)
    return f"{since}\u2013{until}"


def _when(event: Event) -> str:
    """Return *event*'s dates for a person, as exactly as the documents give them."""
    start, end, precision = event.start, event.end, event.precision
    if precision is Precision.WEEK and start is not None:
        return f"week of {start.isoformat()}"
    if precision is Precision.BETWEEN:
        if start is None:
            return f"by {end}"
        if end is None:
            return f"from {start}"
        return f"between {start} and {end}"
    first, last = event_dates(event)
    if first is None:
        return "undated"
    return first if last == first else f"{first} \u2013 {last}"


def _sort_date(event: Event) -> str | None:
    """Return the date *event* sorts by in a timeline: its first day, as ISO 8601."""
    first = event.start or event.end
    if first is None:
        return None
    if event.precision is Precision.YEAR:
        return first.isoformat()[:4]
    if event.precision is Precision.MONTH:
        return first.isoformat()[:7]
    return first.isoformat()


def _engagement_date(
    engagement: Engagement, by_id: Mapping[str, Entity], attesting: Mapping[str, range]
) -> str | None:
    """Return where *engagement* goes in a timeline: its first year, or its event's date.

    That is ``since`` when given; else the date of the event it is held in; else the
    first year a dated document shows it (the year rules of `Dataset.engagements`).
    """
    if engagement.since is not None:
        return f"{engagement.since:04d}"
    target = by_id[engagement.target]
    if isinstance(target, Event) and _sort_date(target) is not None:
        return _sort_date(target)
    years = engagement_years(engagement, attesting)
    return f"{min(years):04d}" if years else None


def _citation(data: Dataset, citation: Citation) -> dict[str, Any]:
    source = data.lookup(citation.source)
    assert isinstance(source, Source)  # noqa: S101 - a validated reference
    return {
        "source": source.id,
        "title": source.title or source.name,
        "section": citation.section,
        "quote": citation.quote,
        "url": source.url,
    }


def _citation_line(citation: dict[str, Any]) -> str:
    section = f", {citation['section']}" if citation["section"] else ""
    return f"[{citation['source']}] {citation['title']}{section}: \u201c{citation['quote']}\u201d"


def _engagement_line(data: Dataset, engagement: Engagement) -> str:
    years = _years(engagement)
    return (
        f"{_name(data, engagement.participant)} \u2014 {engagement.role.value} \u2014 "
        f"{_name(data, engagement.target)}" + (f" ({years})" if years else "")
    )
