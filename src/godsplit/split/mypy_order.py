"""Imports placed last (a call-time cycle), in the order mypy needs, where it is used.

Two modules in an import cycle are one SCC to mypy, checked one after the other. Module A
imports B at its top and reads, while A's definitions are checked, a name whose type mypy
infers from B's code (`def __init__(self, data=DEFAULT)`, `DEFAULT = DefaultValue(...)`
in B); B imports A's names last, for use inside functions only. mypy orders an SCC by
the kind of each import: a module-level `from B import x` either way is a tie, broken by
the order it met the files (coverage: alphabetical), so B may be checked after A, and A
gets "Cannot determine type of DEFAULT" (a default value is checked outside the function,
so it cannot be deferred). An import under `if TYPE_CHECKING:` ranks lower: so in a
project that configures mypy, where a module B imports last reads at its top a variable
of B whose type mypy infers (a plain assignment), B's last imports are written

    if TYPE_CHECKING:  # mypy: no import-time cycle here
        from pkg.a import Thing
    else:
        <the imports as they run: plain, or guarded by try/except ImportError>

which Python runs as before (TYPE_CHECKING is False), and mypy checks B first.
"""

from __future__ import annotations

import ast
import re

import networkx as nx

from ..types import FACADE, Edge
from .analyze import Analysis

TYPE_CHECKING_IMPORT = "from typing import TYPE_CHECKING\n"
_TYPING = ("typing", "typing_extensions")


def can_order(analysis: Analysis) -> bool:
    """Whether `TYPE_CHECKING` may be imported from typing into a new module: the source
    binds that name, if at all, only by importing it from typing."""
    for uid in analysis.binders.get("TYPE_CHECKING", ()):
        code = analysis.code(analysis.units[uid].first)
        try:
            body = ast.parse(code.strip()).body
        except SyntaxError:
            return False
        for node in body:
            if not (isinstance(node, ast.ImportFrom) and node.module in _TYPING and any(
                    a.name == "TYPE_CHECKING" and a.asname is None for a in node.names)):
                return False
    return True


def needs_order(analysis: Analysis, module: str, edges: list[Edge], binds: set[str]) -> bool:
    """Whether a module that `module` imports last (the facade: any) reads at its top a
    variable of `module` (among `binds`) whose type mypy infers."""
    # a module object imported last (`live_last`: round 30) closes the cycle as names do
    late = {e.target for e in edges if e.source == module and (e.deferred or e.live_last)}
    read = binds if FACADE in late else {
        n for e in edges if e.source in late and e.target == module
        and not (e.deferred or e.live_last)
        for n in e.names}
    return any(_inferred(analysis, name) for name in read & binds) or (
        bool(late) and _cycle_reads_inferred(analysis, module, edges))


def _cycle_reads_inferred(analysis: Analysis, module: str, edges: list[Edge]) -> bool:
    """Whether, in the import cycle `module`'s last imports close, one module reads at its
    top a variable of another whose type mypy infers (pyOpenSSL's suggested split:
    `errors` imports `context` last, `context` is decorated by `_requires_keylog =
    _make_requires(...)` of `callback_helper`, which imports `errors`): mypy checks the
    cycle in a tied order unless every last import of it is under TYPE_CHECKING."""
    graph: nx.DiGraph[str] = nx.DiGraph((e.source, e.target) for e in edges
                                        if e.names or e.live_last)
    if module not in graph:
        return False
    cycle = next(c for c in nx.strongly_connected_components(graph) if module in c)
    return len(cycle) > 1 and any(
        e.source in cycle and e.target in cycle and e.import_time
        and not (e.deferred or e.live_last)
        and any(_inferred(analysis, n) for n in e.names) for e in edges)


def _inferred(analysis: Analysis, name: str) -> bool:
    """Whether a top-level plain assignment (no annotation) binds `name`."""
    for uid in analysis.binders.get(name, ()):
        for index in analysis.units[uid].stmts:
            try:
                body = ast.parse(analysis.code(index).strip()).body
            except SyntaxError:
                continue
            if any(isinstance(node, ast.Assign) and any(
                    isinstance(n, ast.Name) and n.id == name
                    for t in node.targets for n in ast.walk(t)) for node in body):
                return True
    return False


def checked_last(text: str) -> str:
    """The imports placed last (`text`: the comment saying why, then the statements),
    under `if TYPE_CHECKING:` for mypy, as they are under `else:` for Python."""
    lines = text.strip("\n").split("\n")
    if not lines or not lines[0].startswith("#"):
        return text
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return text
    typed = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names = ", ".join(a.name + (f" as {a.asname}" if a.asname else "")
                              for a in node.names)
            typed.append(f"    from {'.' * node.level}{node.module or ''} import {names}\n")
    if not typed:
        return text
    rest: list[str] = []
    for line in lines[1:]:
        line = re.sub(r"  # noqa: E402$", "", line)  # not at the top level any more
        line = re.sub(r"(# noqa: [\w, ]*?)\bE402, ?|, ?E402\b", r"\1", line)
        if line.strip() or (rest and rest[-1]):
            rest.append(f"    {line}" if line.strip() else "")
    return ("\n\n" + lines[0] + "\nif TYPE_CHECKING:  # mypy: no import-time cycle here\n"
            + "".join(dict.fromkeys(typed)) + "else:\n" + "\n".join(rest).rstrip("\n") + "\n")
