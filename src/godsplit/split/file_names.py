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

import re
from pathlib import Path

import libcst as cst

from ..types import FACADE, Finding
from .analyze import Analysis
from .nodes import walk


def _names_file(path: Path) -> re.Pattern[str]:
    """A string naming the file: `pkg/mod` or `pkg/mod.py` (either separator; not a folder
    `pkg/mod/` nor another file `pkg/mod.html`) when its folder is a package; or a string
    that is `mod.py` or ends with it after a separator. Django's widget templates
    (`django/forms/widgets/input.html`) and pdb's usage text (`usage: pdb.py [-c ...]`)
    do not. A module named as its package (`dash/dash.py`) is named only with `.py`:
    without it, `dash/dash` is as often the package's folder in a checkout (dash's
    `"dash/dash" in pkg_dir`, a test of where the package was found)."""
    stem, name = re.escape(path.stem), re.escape(path.name)
    forms = [rf"(?:^|[/\\]){name}$"] if path.stem != "__init__" else []
    if (path.parent / "__init__.py").is_file():
        package = re.escape(path.parent.name)
        suffix = r"\.py" if path.stem == path.parent.name else r"(?:\.py)?"
        forms.append(rf"(?<![\w.]){package}[/\\]{stem}{suffix}(?![\w/\\.])")
    return re.compile("|".join(forms) or r"(?!)")


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
    if not moved:
        return []
    path = analysis.path
    names = _names_file(path)
    found: list[tuple[int, str, str]] = []
    texts: list[str] = []
    for index, stmt in enumerate(analysis.module.body):
        if path.stem not in analysis.code(index):
            continue
        for text, spelling in _strings(stmt):
            texts.append(text)
            if names.search(text):
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
