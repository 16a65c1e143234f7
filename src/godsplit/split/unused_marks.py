"""Line marks (`# noqa: CODE`) a split leaves unused, where the project's ruff says so.

rdflib 7.6 runs ruff with RUF100 (unused noqa). Its `graph.py` imports
`rdflib.namespace as namespace`, and marks the methods' parameters and loop variables named
`namespace` `# noqa: F811` / `# noqa: F402`; moved to a module that does not import
`namespace`, the marks suppress nothing: RUF100 three times. And a `# noqa: F401` godsplit
wrote where pyflakes takes an import for unused (`pyflakes_marks.py`: a `TYPE_CHECKING`
import of a late cycle block, read by annotations) is not needed by ruff, which sees the
annotations read it: RUF100 twice more (trial36). Where the project's ruff reports RUF100
for a file, each code its report calls unused (not one it does not enable: the project
decides those) is taken off the mark, as ruff's own fix does. Left alone: a code
`ruff_marks` decides (TC001-TC003, A004: ruff, asked before the new modules exist, takes a
written TC001 for TC002 and the mark for unused) or `checker_marks` does (a package
facade's PLC0414), a code flake8 enables there too (its scoping may differ), and a line the
god file had with the same finding (the source's own unused marks). One `ruff check` of the
god file and one of each generated file with a mark, only in projects whose ruff reports
RUF100, and not where the project pins a ruff godsplit did not find (its own ruff's verdict
is not the pinned one's: a `# ruff: noqa: PLC0414` ruff 0.6.9 needs in a package facade,
0.13 calls unused).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .ruff_marks import RULES
from .ruff_tool import ruff_binary, ruff_error
from .style import Style

# codes whose marks godsplit decides by asking the project's ruff itself: `ruff_marks`' TC
# and A004 codes, and `checker_marks`' file-wide PLC0414 exemption in a package facade
DECIDED = frozenset({*RULES, "PLC0414"})
_UNUSED = re.compile(r"^Unused `noqa` directive \(unused: ([^)]*)\)$")


def trimmed_marks(texts: Mapping[Path, str], style: Style | None, source: Path,
                  source_text: str | None) -> dict[Path, str]:
    """`texts` (a split's files) without the codes of line marks the project's ruff
    reports unused there and not on the same line of the god file."""
    out = dict(texts)
    if style is None or style.ruff is None or style.file("ruff") is None or (
            style.ruff_isolated or source_text is None) or (
            style.ruff_tool is not None and style.ruff_tool.differs):
        return out  # (a ruff of another version than the pinned one: not its verdict)
    files = [p for p in texts if p.suffix == ".py" and "noqa" in texts[p].lower()
             and style.ruff.enables("RUF100", p)]  # (no mark: nothing to take off)
    if not files:
        return out
    before = {_line(source_text, f) for f in _unused(source_text, source, style)}
    flake8 = style.flake8
    for path in files:
        edits: list[dict[str, Any]] = []
        for finding in _unused(texts[path], path, style):
            said = _UNUSED.match(finding["message"])
            codes = re.findall(r"`([A-Z]+[0-9]+)`", said[1]) if said else []
            if not codes or set(codes) & DECIDED or _line(texts[path], finding) in before or (
                    flake8 is not None and any(flake8.enables(c, path) for c in codes)):
                continue
            edits += (finding.get("fix") or {}).get("edits") or []
        out[path] = _applied(texts[path], edits)
    return out


def _unused(text: str, path: Path, style: Style) -> list[dict[str, Any]]:
    """The RUF100 findings of `text` (as a file at `path`) that name only unused codes."""
    command = [ruff_binary(style.ruff_tool), "check", "--exit-zero", "--no-fix",
               "--output-format", "json", "--stdin-filename", str(path), "-"]
    proc = subprocess.run(command, input=text, capture_output=True, text=True, cwd=style.root,
                          env={**os.environ, "RUFF_NO_CACHE": "true"}, timeout=120, check=False)
    if proc.returncode != 0:
        raise ruff_error(proc.stderr, style.root)
    return [f for f in json.loads(proc.stdout or "[]")
            if f.get("code") == "RUF100" and _UNUSED.match(f.get("message") or "")]


def _line(text: str, finding: dict[str, Any]) -> str:
    """The stripped line of `text` a finding is on."""
    lines = text.splitlines()
    row = int(finding["location"]["row"])
    return lines[row - 1].strip() if 0 < row <= len(lines) else ""


def _applied(text: str, edits: list[dict[str, Any]]) -> str:
    """`text` with ruff's edits (1-based rows and columns, in characters) applied."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(at: dict[str, int]) -> int:
        return starts[at["row"] - 1] + at["column"] - 1

    spans = sorted(((offset(e["location"]), offset(e["end_location"]), e.get("content") or "")
                    for e in edits), reverse=True)
    for start, end, content in spans:
        text = text[:start] + content + text[end:]
    return text
