"""GS139: the module's own code names its own file in a string, and code moves out of it.

pexpect 3.3's `ExceptionPexpect.get_trace` drops a traceback's frames whose file name
contains `'pexpect/__init__'`: "lines that only concern the caller". Split as its
maintainers split it, `spawn.expect` raises from `pexpect/pty_spawn.py`, its frames are
kept, and pexpect's own test of it failed while the import check and the behaviour check
passed (neither raises through a traceback). A string naming the old file is compared with
file names (a traceback's frames, `inspect`, a warnings filter, a coverage or logging
filter); the code that moves answers to its new files. The maintainers changed the string
in their split: the plan says so until every new module's file is named too.
"""

from __future__ import annotations

from pathlib import Path

import libcst as cst

from ..types import FACADE, Finding
from .analyze import Analysis
from .nodes import walk


def _needles(path: Path) -> list[str]:
    """How a string can name the file: `pkg/mod` (with either separator), or `mod.py` for a
    module (a bare `mod` or `__init__.py` says too little to be its file)."""
    out = []
    if path.parent.name:
        out += [f"{path.parent.name}/{path.stem}", f"{path.parent.name}\\{path.stem}"]
    if path.stem != "__init__":
        out.append(path.name)
    return out


def _strings(stmt: cst.CSTNode) -> list[tuple[str, str]]:
    """The string literals of a statement (value, spelling), docstrings (a string as a
    statement) left out."""
    docs = {id(n.value) for n in walk(stmt) if isinstance(n, cst.Expr)}
    out = []
    for node in walk(stmt):
        if isinstance(node, cst.SimpleString) and id(node) not in docs:
            value = node.evaluated_value
            if isinstance(value, str):
                out.append((value, node.value))
    return out


def file_name_findings(analysis: Analysis, module_of: dict[int, str]) -> list[Finding]:
    moved = sorted({m for u in analysis.units if u.kind == "definition"
                    for m in [module_of.get(u.id, FACADE)] if m != FACADE})
    needles = _needles(analysis.path)
    if not moved or not needles:
        return []
    found: list[tuple[int, str, str]] = []
    texts: list[str] = []
    for index, stmt in enumerate(analysis.module.body):
        if not any(n in analysis.code(index) for n in needles):
            continue
        for text, spelling in _strings(stmt):
            texts.append(text)
            if any(n in text for n in needles):
                found.append((index, text, spelling))
    unnamed = [m for m in moved if not any(f"/{m}" in t or f"\\{m}" in t for t in texts)]
    if not unnamed:
        return []
    return [Finding(
        "GS139", "error", f"the string {text!r} names this module's own file: code that "
        "compares it with file names (a traceback's frames, inspect, a warnings or logging "
        f"filter) would not find the code that moves to {', '.join(unnamed)} there, and "
        "answer otherwise; name those modules' files in it too (as the string names this one)",
        str(analysis.path), _line(analysis, index, spelling))
        for index, text, spelling in found]


def _line(analysis: Analysis, index: int, spelling: str) -> int:
    """The line of the string spelled so in statement `index`."""
    code = analysis.code(index)
    at = max(code.find(spelling), 0)
    return analysis.stmt_lines[index] + code[:at].count("\n")
