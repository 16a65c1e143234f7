"""A new module that has submodules: `seq` beside `seq.x` is written to `seq/__init__.py`.

A mapping names modules as Python imports them, so a module `seq` that is also the
package of `seq.x` (python-igraph's `igraph/seq/__init__.py` beside `seq/edges.py`,
QCoDeS' `sqlite/db_upgrades/__init__.py`) is the package's `__init__.py`
(`Layout.path`); its relative imports start from its own package (`Layout.package_of`),
and Python runs it before any of its submodules. The file's own name, `seq.__init__`, is
refused in the config with the name to write (`config_checks.init_problem`).

One case is refused here (GS106): a name the module `seq` binds at its top level that
is also the name of one of its submodules, `seq.x` beside a function `x` in `seq`.
Importing `seq.x` sets the attribute `x` of the package `seq` to the submodule, so the
function would be replaced, for the code in `seq` and for everyone importing it, as soon
as anything imported the submodule.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..types import Finding, SplitConfig
from .assign import in_config
from .layout import Layout


def _bound(body: list[ast.stmt], submodule: str, package: str) -> set[str]:
    """The names top-level code of the module `package` binds (not a function's or a
    class body's locals), but not by importing the submodule itself (`from . import x`,
    `import pkg.seq.x`: the same object)."""
    out: set[str] = set()
    todo: list[ast.AST] = list(body)
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(node.name)  # the names in its body are its own
            continue
        if isinstance(node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp,
                             ast.GeneratorExp)):
            continue  # scopes of their own
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            out.add(node.id)
        elif isinstance(node, ast.ImportFrom):
            itself = (node.level == 1 and not node.module) or (
                node.level == 0 and node.module == package)
            out |= {a.asname or a.name for a in node.names
                    if not (itself and a.name == submodule and a.asname in (None, a.name))}
        elif isinstance(node, ast.Import):
            out |= {a.asname or a.name.split(".")[0] for a in node.names}
        todo.extend(ast.iter_child_nodes(node))
    return out


def submodule_shadows(split: SplitConfig, layout: Layout, modules: Sequence[str],
                      texts: Mapping[Path, str]) -> list[Finding]:
    """GS106 for each submodule whose name the module of its package binds."""
    findings = []
    for module in sorted(layout.packages & set(modules)):
        try:
            body = ast.parse(texts.get(layout.path(module), "")).body
        except SyntaxError:  # verify reports it (GS410)
            continue
        for child in modules:
            head, _, last = child.rpartition(".")
            if head != module or "." in last:
                continue
            if last in _bound(body, last, layout.dotted(module)):
                findings.append(Finding(
                    "GS106", "error", f"module name {child!r}: {module!r} has submodules, so it "
                    f"is written to {Path(*module.split('.'), '__init__.py').as_posix()}, and "
                    f"it binds the name {last!r}; importing {child!r} would set that name of "
                    f"the package {module!r} to the submodule: rename one",
                    *in_config(split, (str(split.source), 1), module=child)))
    return findings
