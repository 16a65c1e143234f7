"""GS119's second exemption: a `__module__` read of a standard-library module's attribute
that no code of the project sets.

rich 14.3.3's `Console.is_terminal` asks `sys.stdin.__module__.startswith("idlelib")` (IDLE
replaces `sys.stdin` with its own shell object). What that answers depends on which object
`sys.stdin` holds, and a split changes it only if that object can be one that moved code
made: an instance of a moved class, a moved function. `sys.stdin` holds one only if some
code puts it there, so the read is exempted when all of these hold (else GS119 stays):

- the receiver is a dotted name `m.a` or `m.a.b` whose first part is bound at the top level
  of the source only by `import m` (or `import m.x`, which binds `m`) of a module of the
  standard library, and no function or class around the read binds `m` itself;
- no Python file of the project (the source included) sets that attribute: it is never the
  target of an assignment (`sys.stdin = ...`, `x.stdin = ...`), never named in a string
  (`setattr(sys, "stdin", f)`, `monkeypatch.setattr("sys.stdin", f)`, `patch.object(sys,
  "stdin", f)`), and, for `stdout` and `stderr`, not redirected (`redirect_stdout(f)`).

The project scan is textual and errs toward keeping GS119 (any `.stdin =` anywhere counts).
Code outside the project that installs an object moved code made (a library handed a moved
object that it puts in `sys.stdin`) is the case this cannot see.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path

import libcst as cst

from .analyze import Analysis
from .module_keys import any_file_matches, project_top
from .nodes import walk

_STDLIB: frozenset[str] = getattr(sys, "stdlib_module_names", frozenset())


def _dotted(receiver: cst.BaseExpression) -> list[str] | None:
    """`m.a.b` -> ["m", "a", "b"]; None for anything but names joined by dots."""
    parts: list[str] = []
    while isinstance(receiver, cst.Attribute):
        parts.insert(0, receiver.attr.value)
        receiver = receiver.value
    if not isinstance(receiver, cst.Name):
        return None
    return [receiver.value, *parts]


def _plain_import_of(stmt: cst.CSTNode, name: str) -> bool:
    """Whether a top-level statement is `import name` or `import name.x` (binding `name`),
    nothing else."""
    if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
        return False
    small = stmt.body[0]
    if not isinstance(small, cst.Import):
        return False
    return all(alias.asname is None and (cst.helpers.get_full_name_for_node(alias.name) or "")
               .split(".")[0] == name for alias in small.names)


def _binds_locally(owners: list[cst.CSTNode], name: str) -> bool:
    """Whether a function or class around the read binds `name` (a parameter, an
    assignment, an import, a `for` target): then it is not the module."""
    for owner in owners:
        for node in walk(owner):
            if isinstance(node, cst.Param) and node.name.value == name:
                return True
            if isinstance(node, (cst.AssignTarget, cst.For, cst.AsName, cst.WithItem)):
                for inner in walk(node):
                    if isinstance(inner, cst.Name) and inner.value == name:
                        return True
            if isinstance(node, (cst.Import, cst.ImportFrom)) and not isinstance(
                    node.names, cst.ImportStar):
                for alias in node.names:
                    bound = alias.asname.name if alias.asname else alias.name
                    full = cst.helpers.get_full_name_for_node(bound) or ""
                    if full.split(".")[0] == name:
                        return True
    return False


def stdlib_attribute_read(analysis: Analysis, receiver: cst.BaseExpression,
                          owners: list[cst.CSTNode]) -> bool:
    """Whether `receiver.__module__` reads an attribute of a standard-library module that
    no code of the project sets (module doc); when in doubt, False."""
    parts = _dotted(receiver)
    if parts is None or len(parts) < 2 or parts[0] not in _STDLIB:
        return False
    root = parts[0]
    binders = analysis.binders.get(root, ())
    units = {u.id: u for u in analysis.units}
    if not binders or not all(
            _plain_import_of(analysis.module.body[i], root) for b in binders
            for i in units[b].stmts):
        return False
    if _binds_locally(owners, root):
        return False
    return not _set_in_project(analysis.path, tuple(parts[1:]))


def _set_in_project(source: Path, attrs: tuple[str, ...]) -> bool:
    return _sets(project_top(source.resolve()), attrs)


@lru_cache(maxsize=16)
def _sets(top: Path, attrs: tuple[str, ...]) -> bool:
    """Whether a Python file under `top` may set one of `attrs` on some object."""
    words = "|".join(map(re.escape, attrs))
    redirects = [f"redirect_{a}" for a in attrs if a in ("stdout", "stderr")]
    pattern = re.compile(
        rf"\.\s*(?:{words})\s*(?::[^=\n]*)?(?:[-+*/|&^%@]|//|<<|>>|\*\*)?=(?!=)"
        rf"|[\"'](?:[\w.]*\.)?(?:{words})[\"']"
        + "".join(rf"|\b{r}\b" for r in redirects))
    return any_file_matches(top, pattern)
