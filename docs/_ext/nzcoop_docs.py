"""Sphinx helpers for the nzcoop docs: tables generated from the code and the data.

The code and the packaged data are the one source of truth, so the pages never type a
field, a count or a source by hand. This extension adds:

- ``.. nzcoop-entities::``: one section per record class, with its field table (name,
  type, meaning) read from `attrs.fields` and the attribute docstrings.
- ``.. nzcoop-record-counts::``, ``.. nzcoop-theme-counts::``,
  ``.. nzcoop-role-counts::``: coverage tables counted from `nzcoop.dataset()`.
- ``.. nzcoop-sources::`` and ``.. nzcoop-discrepancies::``: the source documents and
  the recorded disagreements, from the data.
- ``.. nzcoop-schemas::``: the JSON Schemas to download, with the fields of each.
- ``.. nzcoop-release::``: the data's release and digest, as a doctest that checks them.
- ``.. nzcoop-command:: ARGS``: what ``nzcoop ARGS`` prints on 80 columns, run at build.
- `cli_parser`: the command line's own parser, for sphinx-argparse.

These directives write reST; in a Markdown page, put them in an ``{eval-rst}`` block.
- Cross-references written against a private module (``nzcoop._model.Name``, as
  autodoc renders annotations) resolve to the public name (``nzcoop.Name``).
- A public-API check run by the coverage builder (see `check_public_api`).
"""

from __future__ import annotations

import argparse
import contextlib
import enum
import inspect
import io
import json
import os
import re
import shlex
import sys
import types
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import attrs
from docutils import nodes
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

import nzcoop

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from docutils.nodes import Element, Node, TextElement
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)

# The table of record kinds, which the library itself reads: docs tooling may too.
from nzcoop._model import RECORD_KINDS  # noqa: E402

# Records that appear only inside other records, documented after the top-level kinds.
NESTED_RECORDS: tuple[type[Any], ...] = (nzcoop.Name, nzcoop.Citation, nzcoop.Office)

_IDENTIFIER = re.compile(r"[A-Za-z_][\w.]*")


# -- helpers -------------------------------------------------------------------------------


def attribute_docs(cls: type[Any]) -> dict[str, str]:
    """Return the docstrings written under *cls*'s attributes, by attribute name."""
    analyzer = ModuleAnalyzer.for_module(cls.__module__)
    found = analyzer.find_attr_docs()
    return {
        attr: "\n".join(lines).strip()
        for (owner, attr), lines in found.items()
        if owner == cls.__qualname__
    }


def summary(obj: object) -> str:
    """Return *obj*'s docstring up to its first example (``>>>``)."""
    doc = inspect.getdoc(obj) or ""
    head, _, _ = doc.partition(">>>")
    return head.strip()


def type_text(annotation: object) -> str:
    """Return a field's annotation as Python writes it: ``tuple[Citation, ...]``.

    >>> type_text(tuple[nzcoop.Citation, ...]), type_text(str | None)
    ('tuple[Citation, ...]', 'str | None')
    """
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is types.UnionType or origin is typing.Union:
        return " | ".join(type_text(arg) for arg in args)
    if origin is tuple:
        items = [type_text(arg) if arg is not Ellipsis else "..." for arg in args]
        return f"tuple[{', '.join(items)}]"
    if annotation is type(None):
        return "None"
    if isinstance(annotation, type):
        module = annotation.__module__
        prefix = "" if module == "builtins" or module.startswith("nzcoop") else f"{module}."
        return prefix + annotation.__qualname__
    return str(annotation)  # pragma: no cover - no field is annotated otherwise


def type_markup(annotation: object) -> str:
    """Return reST for a field's annotation, linking nzcoop's public names.

    ``str | None``, ``tuple[Citation, ...]`` and ``datetime.date | None`` read as in
    the code, with `Citation` and the enums linked to their API entries.
    """

    def link(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in nzcoop.__all__:
            return f"\\ :py:class:`~nzcoop.{word}`\\ "
        if word == "None":
            return "\\ :py:obj:`None`\\ "
        return f"\\ :py:class:`{word}`\\ "

    return _IDENTIFIER.sub(link, type_text(annotation))


def indent(text: str, prefix: str) -> str:
    """Indent every line of *text* but the first by *prefix*."""
    lines = text.splitlines() or [""]
    return "\n".join([lines[0], *(prefix + line if line else "" for line in lines[1:])])


def list_table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]], widths: str = "") -> str:
    """Return a reST list-table with *header* and *rows* (cells already reST)."""
    out = [".. list-table::", "   :header-rows: 1"]
    if widths:
        out.append(f"   :widths: {widths}")
    out.append("")
    for row in (header, *rows):
        for position, cell in enumerate(row):
            bullet = "   * - " if position == 0 else "     - "
            out.append(bullet + indent(cell or "\u2014", " " * 7))
    return "\n".join(out) + "\n"


def packaged() -> nzcoop.Dataset | None:
    """Return the packaged dataset, or None (with a warning) when it cannot be loaded."""
    try:
        return nzcoop.dataset()
    except nzcoop.NzcoopError as error:
        logger.warning("nzcoop docs: the packaged data could not be loaded: %s", error)
        return None


def note_data_dependencies(env: BuildEnvironment) -> None:
    """Rebuild the page when the packaged data or the record classes change."""
    from importlib.resources import files

    folder = files("nzcoop") / "data"
    if isinstance(folder, Path) and folder.is_dir():
        for path in sorted(folder.glob("*.json")):
            env.note_dependency(str(path))
    for module in ("nzcoop._model", "nzcoop._vocabulary"):
        env.note_dependency(inspect.getfile(sys.modules[module]))


def label(data: nzcoop.Dataset, ident: str | None) -> str:
    """Return the name of the entity *ident*, or the id itself when it is unknown."""
    if ident is None:
        return ""
    entity = data.get(ident)
    return entity.name if entity is not None else ident


def escape(text: str) -> str:
    """Escape *text* so reST shows it verbatim (quotes can hold ``*`` or backquotes)."""
    return re.sub(r"([\\`*_|])", r"\\\1", text)


class _GeneratedDirective(SphinxDirective):
    """A directive that writes reST and parses it in place."""

    has_content = False

    def _rest(self) -> str:
        raise NotImplementedError

    def run(self) -> list[Node]:
        note_data_dependencies(self.env)
        container = nodes.section()
        container.document = self.state.document
        text = self._rest()
        lines = text.splitlines()
        from docutils.statemachine import StringList

        source = f"<generated by {self.name}>"
        nested_parse_with_titles(
            self.state, StringList(lines, source=source), container, self.content_offset
        )
        return list(container.children)


# -- directives ------------------------------------------------------------------------------


class EntitiesDirective(_GeneratedDirective):
    """One section per record class, each with a table of its fields."""

    option_spec: ClassVar[dict[str, Any]] = {}

    def _rest(self) -> str:
        data = packaged()
        parts: list[str] = []
        for kind in RECORD_KINDS:
            stem, cls = str(kind.stem), kind.cls
            count = "" if data is None else f" (the packaged data holds {len(data.records(stem))})"
            parts.append(
                self._section(cls, f"Records of this kind are kept in ``{stem}.json``{count}.", "-")
            )
        parts.extend(
            self._section(cls, "This record appears inside other records.", "-")
            for cls in NESTED_RECORDS
        )
        return "\n".join(parts)

    def _section(self, cls: type[Any], where: str, underline: str) -> str:
        self.env.note_dependency(inspect.getfile(cls))
        title = cls.__name__
        docs = attribute_docs(cls)
        rows = []
        for field in attrs.fields(cls):
            meaning = docs.get(field.name, "")
            if not meaning:
                logger.warning(
                    "nzcoop docs: field %s.%s has no docstring; write one under it in %s",
                    cls.__name__,
                    field.name,
                    cls.__module__,
                    location=(self.env.docname, self.lineno),
                )
            rows.append((f"``{field.name}``", type_markup(field.type), meaning))
        table = list_table(("Field", "Type", "Meaning"), rows, "15 25 60")
        return (
            f".. _entity-{title.lower()}:\n\n"
            f"{title}\n{underline * len(title)}\n\n"
            f"{summary(cls)}\n\n"
            f"{where} API reference: :py:class:`nzcoop.{title}`.\n\n"
            f"{table}\n"
        )


class RecordCountsDirective(_GeneratedDirective):
    """A table of how many records of each kind the packaged data holds."""

    def _rest(self) -> str:
        data = packaged()
        if data is None:
            return ""
        rows = [
            (
                f":py:class:`~nzcoop.{kind.cls.__name__}`",
                f"``{kind.stem}.json``",
                str(len(data.records(str(kind.stem)))),
            )
            for kind in RECORD_KINDS
        ]
        rows.append(("**Total**", "", f"**{len(data.entities())}**"))
        return list_table(("Kind", "Data file", "Records"), rows)


class ThemeCountsDirective(_GeneratedDirective):
    """A table of how many organisations, events and instruments deal with each theme."""

    def _rest(self) -> str:
        data = packaged()
        if data is None:
            return ""
        rows = []
        for theme in nzcoop.Theme:
            counts = [
                sum(theme in getattr(record, "themes", ()) for record in data.records(stem))
                for stem in ("organisations", "instruments", "events")
            ]
            rows.append((f"``{theme.value}``", *(str(count) for count in counts)))
        return list_table(("Theme", "Organisations", "Instruments", "Events"), rows)


class RoleCountsDirective(_GeneratedDirective):
    """A table of how many engagements hold each role, and how many are New Zealand's."""

    def _rest(self) -> str:
        data = packaged()
        if data is None:
            return ""
        nz = data.get("New Zealand")
        rows = []
        for role in nzcoop.Role:
            every = data.engagements(role=role)
            ours = [e for e in every if nz is not None and e.participant == nz.id]
            rows.append((f"``{role.value}``", str(len(every)), str(len(ours))))
        return list_table(("Role", "Engagements", "Held by New Zealand"), rows)


class SourcesDirective(_GeneratedDirective):
    """The source documents, as the data records them, in a table."""

    def _rest(self) -> str:
        data = packaged()
        if data is None:
            return ""
        rows = []
        for source in data.sources():
            document = f"`{escape(source.title)} <{source.url}>`__ (``{source.id}``)"
            document += f"\n\nPublished by {escape(source.publisher)}"
            ministers = ", ".join(label(data, m) for m in source.ministers)
            portfolios = ", ".join(source.portfolios)
            rows.append(
                (
                    document,
                    source.date.isoformat() if source.date else "not stated",
                    f"{ministers} ({portfolios})" if portfolios else ministers or "none named",
                    str(len(data.cited_by(source))),
                )
            )
        header = ("Document", "Date", "Ministers (portfolio)", "Records citing it")
        return list_table(header, rows, "50 16 20 14")


class DiscrepanciesDirective(_GeneratedDirective):
    """Every recorded disagreement between the documents, with each claim's quote."""

    def _rest(self) -> str:
        data = packaged()
        if data is None:
            return ""
        if not data.records("discrepancies"):
            return "The packaged data records no disagreements.\n"
        parts = []
        for record in data.records("discrepancies"):
            assert isinstance(record, nzcoop.Discrepancy)  # noqa: S101 - by kind
            claims = []
            for citation in record.sources:
                where = label(data, citation.source)
                if citation.section:
                    where += f", under \u201c{escape(citation.section)}\u201d"
                claims.append(f"- \u201c{escape(citation.quote)}\u201d ({escape(where)})")
            about = ", ".join(label(data, subject) for subject in record.subjects)
            parts.append(
                f"**{escape(record.name)}** (about {escape(about)}, "
                f"id ``{record.id}``)\n\n{escape(record.description)}\n\n"
                + "\n".join(claims)
                + "\n"
            )
        return "\n".join(parts)


class SchemasDirective(_GeneratedDirective):
    """A table of the JSON Schemas in ``nzcoop/schema/``: each to download, with its fields."""

    def _rest(self) -> str:
        from importlib.resources import files

        folder = files("nzcoop") / "schema"
        if not folder.is_dir():
            logger.warning("nzcoop docs: the package ships no schema folder")
            return ""
        here = Path(self.env.doc2path(self.env.docname)).parent
        rows = []
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if not entry.name.endswith(".schema.json"):
                continue
            schema = json.loads(entry.read_text(encoding="utf-8"))
            stem = entry.name.removesuffix(".schema.json")
            if isinstance(entry, Path):
                self.env.note_dependency(str(entry))
                relative = Path(os.path.relpath(entry, here)).as_posix()
                name = f":download:`{entry.name} <{relative}>`"
            else:  # pragma: no cover - the package installed as a zip
                name = f"``{entry.name}``"
            definitions = schema.get("$defs", {})
            records = schema["properties"][stem].get("items", {}).get("$ref", "")
            record = records.rpartition("/")[2]
            if record:
                holds = f"``{stem}``: a list of :ref:`{record} <entity-{record.lower()}>` records"
                fields = definitions[record]["properties"]
            else:
                holds = "the data's release"
                fields = schema["properties"]
            names = ", ".join(f"``{field}``" for field in fields)
            rows.append((name, holds, names))
        return list_table(("Schema", "The file holds", "Fields (all required)"), rows, "30 30 40")


class ReleaseDirective(_GeneratedDirective):
    """The release and digest of the packaged data, as a doctest that checks them."""

    def _rest(self) -> str:
        data = packaged()
        if data is None:
            return ""
        return (
            f"These pages were built from data release **{data.release}**:\n\n"
            ".. doctest::\n\n"
            "   >>> data = nzcoop.dataset()\n"
            "   >>> data.release\n"
            f"   {data.release!r}\n"
            "   >>> data.digest\n"
            f"   {data.digest!r}\n"
        )


class CommandDirective(_GeneratedDirective):
    """A command line and what it prints, run when the docs are built (80 columns wide)."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {}

    def _rest(self) -> str:
        from nzcoop._cli import main

        argv = shlex.split(self.arguments[0])
        out = io.StringIO()
        columns = os.environ.get("COLUMNS")
        os.environ["COLUMNS"] = "80"
        try:
            with contextlib.redirect_stdout(out):
                code = main(argv)
        finally:
            if columns is None:
                del os.environ["COLUMNS"]
            else:
                os.environ["COLUMNS"] = columns
        if code not in {0, 1}:
            logger.warning(
                "nzcoop docs: `nzcoop %s` exited %s",
                self.arguments[0],
                code,
                location=(self.env.docname, self.lineno),
            )
        body = "\n".join(f"   {line}" if line else "" for line in out.getvalue().splitlines())
        return f".. code-block:: console\n\n   $ nzcoop {self.arguments[0]}\n{body}\n"


# -- the command line ------------------------------------------------------------------------


def cli_parser() -> argparse.ArgumentParser:
    """Return the command line's parser, its help made reST, for sphinx-argparse.

    The help is the command line's own; only its layout changes. An epilog's headed
    blocks (``examples:``, ``exit codes:``), laid out for a terminal, become literal
    blocks; text in backquotes becomes literal text, and so do options in the help of
    an option (``--role``), which reST would otherwise give an en dash.
    """
    from nzcoop._cli import _parser

    def literal(text: str) -> str:
        return re.sub(r"`([^`]+)`", r"``\1``", text)

    def options(text: str) -> str:
        return re.sub(r"(?<![\w`-])(--[a-z][\w-]*)", r"``\1``", text)

    parser = _parser()
    parsers = [parser]
    for action in parser._subparsers._group_actions if parser._subparsers else ():  # noqa: SLF001
        parsers.extend(getattr(action, "choices", {}).values())
    for each in parsers:
        for action in each._actions:  # noqa: SLF001 - the parser's own options
            if action.help:
                action.help = options(literal(action.help))
        if each.epilog:  # its blocks are literal, and so show options as they are
            each.epilog = re.sub(
                r"^(\w[\w ]*):\n",
                r"\1:\n\n.. code-block:: text\n\n",
                literal(each.epilog),
                flags=re.MULTILINE,
            )
    return parser


# -- references -----------------------------------------------------------------------------

_PRIVATE = re.compile(r"^nzcoop\._\w+\.(?P<rest>.+)$")


def resolve_reference(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: TextElement
) -> Element | None:
    """Resolve a reference to a private module's name (as autodoc writes annotations)."""
    if node.get("refdomain") != "py":
        return None
    target: str = node.get("reftarget", "")
    match = _PRIVATE.match(target)
    if match and match.group("rest").split(".", 1)[0] in nzcoop.__all__:
        domain = env.domains.python_domain
        return domain.resolve_xref(
            env,
            node.get("refdoc", ""),
            app.builder,
            node.get("reftype", "obj"),
            "nzcoop." + match.group("rest"),
            node,
            contnode,
        )
    return None


# -- the public-API check ------------------------------------------------------------------


def public_members(cls: type[Any]) -> Iterator[tuple[str, object]]:
    """Yield the public attributes, methods and properties *cls* itself defines."""
    if issubclass(cls, enum.Enum):
        yield from ((name, member) for name, member in cls.__members__.items())
        return
    seen: set[str] = set()
    if attrs.has(cls):
        for field in attrs.fields(cls):
            if not field.name.startswith("_"):
                seen.add(field.name)
                yield field.name, field
    for name, value in vars(cls).items():
        if name.startswith("_") or name in seen:
            continue
        seen.add(name)
        yield name, value
    for name in attribute_docs(cls):
        if not name.startswith("_") and name not in seen:
            seen.add(name)
            yield name, None


def _needs_example(value: object) -> bool:
    return inspect.isfunction(value) or inspect.isclass(value) or isinstance(value, property)


def public_api_gaps(documented: set[str]) -> list[str]:
    """Return a line for each public name not documented or without an example."""
    gaps = []
    for name in nzcoop.__all__:
        if name == "__version__":
            continue
        obj = getattr(nzcoop, name)
        full = f"nzcoop.{name}"
        if full not in documented:
            gaps.append(f"{full}: not documented")
        if _needs_example(obj) and ">>>" not in (inspect.getdoc(obj) or ""):
            gaps.append(f"{full}: docstring has no example (>>>)")
        if not inspect.isclass(obj):
            continue
        for member, value in public_members(obj):
            if f"{full}.{member}" not in documented:
                gaps.append(f"{full}.{member}: not documented")
            doc = (inspect.getdoc(value) or "") if _needs_example(value) else ">>>"
            if ">>>" not in doc:
                gaps.append(f"{full}.{member}: docstring has no example (>>>)")
    return gaps


def check_public_api(app: Sphinx, exception: BaseException | None) -> None:
    """After a coverage build, warn about every public name that is not fully documented.

    sphinx.ext.coverage looks only at objects whose ``__module__`` is a documented
    module; nzcoop's public names live in private modules and are re-exported, so the
    check is done here, against ``nzcoop.__all__``. Each gap is a warning and a line in
    ``python.txt``.
    """
    if exception is not None or app.builder.name != "coverage":
        return
    documented = set(app.env.domains.python_domain.objects)
    gaps = public_api_gaps(documented)
    report = app.builder.outdir / "python.txt"
    with report.open("a", encoding="utf-8") as out:
        out.write("\nnzcoop public API (nzcoop.__all__ and the members of its classes)\n")
        out.write("-" * 66 + "\n")
        out.writelines(f" * {gap}\n" for gap in gaps)
        if not gaps:
            out.write("Every public name is documented with an example.\n")
    for gap in gaps:
        logger.warning("undocumented public name: %s", gap, type="nzcoop", subtype="coverage")


def alias_docstring(  # the autodoc event passes six arguments
    app: Sphinx,  # noqa: ARG001 - the event's signature
    what: str,
    name: str,
    obj: object,  # noqa: ARG001
    options: object,  # noqa: ARG001
    lines: list[str],
) -> None:
    """Give a re-exported type alias (``nzcoop.Entity``) the docstring written under it.

    autodoc looks for a data item's docstring in the module it is documented in
    (``nzcoop``), but the alias is defined, with its docstring, in a private module.
    """
    if what != "data" or not name.startswith("nzcoop."):
        return
    attr = name.removeprefix("nzcoop.")
    for module in ("nzcoop._model", "nzcoop._vocabulary", "nzcoop._dataset"):
        found = ModuleAnalyzer.for_module(module).find_attr_docs().get(("", attr))
        if found:
            lines[:] = list(found)
            return


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the directives and event handlers."""
    app.add_directive("nzcoop-entities", EntitiesDirective)
    app.add_directive("nzcoop-record-counts", RecordCountsDirective)
    app.add_directive("nzcoop-theme-counts", ThemeCountsDirective)
    app.add_directive("nzcoop-role-counts", RoleCountsDirective)
    app.add_directive("nzcoop-sources", SourcesDirective)
    app.add_directive("nzcoop-discrepancies", DiscrepanciesDirective)
    app.add_directive("nzcoop-schemas", SchemasDirective)
    app.add_directive("nzcoop-release", ReleaseDirective)
    app.add_directive("nzcoop-command", CommandDirective)
    app.connect("missing-reference", resolve_reference)
    app.connect("build-finished", check_public_api)
    app.connect("autodoc-process-docstring", alias_docstring)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
