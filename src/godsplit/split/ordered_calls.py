"""GS124 for state outside the module that top-level code changes in order.

`atexit.register(a)`, `atexit.register(b)`, `atexit.register(c)` (or `@atexit.register`
on each) run the handlers c, b, a at exit. With `a` and `c` in one new module and `b` in
another, the registrations run in the modules' import order: b, c, a, then, and the
import check, which compares names, cannot see it. `import_order` takes objects the
module binds; names bound by imports are shared with other modules and left out there.
This takes the calls whose order the standard library keeps (exit handlers, audit hooks,
codec search functions, warning filters, `sys.path` and the import hooks), the setters
where the last call wins (`signal.signal(SIGINT, h)`, for that signal; the trace and
profile functions, the recursion limit, the default socket timeout), and assignments to
one attribute of an imported module (`sys.excepthook = ...`: the last one wins), made
at import time from several modules: by top-level code, or by the module's functions
and methods it calls (`install()` whose body calls `signal.signal`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import libcst as cst

from ..types import FACADE, Finding
from .analyze import Analysis
from .call_chain import Reach
from .class_calls import class_defs
from .import_order import in_source_order, order_findings
from .nodes import walk

if TYPE_CHECKING:
    from .assign import Assignment

# calls that keep what they are given in call order (their effect depends on that order)
ORDERED = {
    "atexit.register": "exit handlers",
    "sys.addaudithook": "audit hooks",
    "codecs.register": "codec search functions",
    "warnings.filterwarnings": "warning filters",
    "warnings.simplefilter": "warning filters",
    "warnings.resetwarnings": "warning filters",
    **{f"sys.{seq}.{m}": f"sys.{seq}" for seq in ("path", "meta_path", "path_hooks")
       for m in ("insert", "append", "extend", "remove", "pop", "clear")},
    "sys.settrace": "trace function",
    "threading.settrace": "threads' trace function",
    "sys.setprofile": "profile function",
    "threading.setprofile": "threads' profile function",
    "sys.setrecursionlimit": "recursion limit",
    "socket.setdefaulttimeout": "default socket timeout",
    "signal.set_wakeup_fd": "signal wakeup file descriptor",
}
# per its first argument: `signal.signal(signal.SIGINT, handler)` sets SIGINT's handler
_PER_ARGUMENT = {"signal.signal": "handler of"}


def _imported(module: cst.Module) -> dict[str, str]:
    """Names the module's top-level imports bind, to the dotted path they stand for."""
    out: dict[str, str] = {}
    for stmt in module.body:
        for node in walk(stmt, into_scopes=False):
            if isinstance(node, cst.Import):
                for alias in node.names:
                    full = cst.helpers.get_full_name_for_node_or_raise(alias.name)
                    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                        out[alias.asname.name.value] = full
                    else:
                        out[full.split(".")[0]] = full.split(".")[0]
            elif isinstance(node, cst.ImportFrom) and node.module is not None and not (
                    node.relative) and not isinstance(node.names, cst.ImportStar):
                base = cst.helpers.get_full_name_for_node_or_raise(node.module)
                for alias in node.names:
                    name = cst.helpers.get_full_name_for_node_or_raise(alias.name)
                    bound = alias.asname.name if alias.asname is not None else alias.name
                    if isinstance(bound, cst.Name):
                        out[bound.value] = f"{base}.{name}"
    return out


def _resolve(expr: cst.BaseExpression, imported: dict[str, str]) -> str | None:
    full = cst.helpers.get_full_name_for_node(expr)
    if full is None:
        return None
    head, _, rest = full.partition(".")
    if head not in imported:
        return None
    return f"{imported[head]}.{rest}" if rest else imported[head]


def _run_at_import(stmt: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """The nodes of a top-level statement that run while the module is imported (of a
    def: its decorators and defaults; of a class: those of its methods, not their bodies)."""
    if isinstance(stmt, cst.FunctionDef):
        roots: list[cst.CSTNode] = [*stmt.decorators, stmt.params]
    elif isinstance(stmt, cst.ClassDef):
        roots = [*stmt.decorators, *stmt.bases, *stmt.keywords]
        for inner in stmt.body.body:
            if isinstance(inner, (cst.FunctionDef, cst.ClassDef)):
                yield from _run_at_import(inner)
            else:
                roots.append(inner)
    else:
        roots = [stmt]
    for root in roots:
        for node in walk(root, into_scopes=False):
            yield node
            if node is not root and isinstance(node, cst.ClassDef):
                yield from _run_at_import(node)


_CACHE: dict[int, tuple[cst.Module, dict[str, list[int]]]] = {}


def _events(module: cst.Module) -> dict[str, list[int]]:
    """`_find_events`, once per module (suggest plans one file many times)."""
    hit = _CACHE.get(id(module))
    if hit is not None and hit[0] is module:
        return hit[1]
    if len(_CACHE) >= 4:
        _CACHE.clear()
    found = _CACHE[id(module)] = (module, _find_events(module))
    return found[1]


def _find_events(module: cst.Module) -> dict[str, list[int]]:
    """What each top-level statement changes outside the module, in order (by its own code,
    or by the code of the module's functions and methods it calls): key -> indices."""
    imported = _imported(module)
    reach = Reach(module, class_defs(module))
    out: dict[str, list[int]] = defaultdict(list)
    for index, stmt in enumerate(module.body):
        nodes = list(_run_at_import(stmt))
        keys = _keys(nodes, imported)
        called = {n.func.value for n in nodes if isinstance(n, cst.Call)
                  and isinstance(n.func, cst.Name)} | {
            d.value for n in nodes if isinstance(n, cst.Decorator)
            for d in (n.decorator.func if isinstance(n.decorator, cst.Call) else n.decorator,)
            if isinstance(d, cst.Name)}
        through = {(n.func.value.value, n.func.attr.value) for n in nodes
                   if isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute)
                   and isinstance(n.func.value, cst.Name)}
        if called or through:
            names, methods = reach.runs(index, called, through)
            bodies = [reach.functions[n] for n in names if n in reach.functions] + [
                m for c, name in methods for m in reach.classes[c].body.body
                if isinstance(m, cst.FunctionDef) and m.name.value == name]
            for body in {id(b): b for b in bodies}.values():
                keys |= _keys(walk(body.body), imported)
        for key in keys:
            out[key].append(index)
    return out


def _keys(nodes: Iterable[cst.CSTNode], imported: dict[str, str]) -> set[str]:
    """What `nodes` change outside the module (see the module's docstring)."""
    keys: set[str] = set()
    for node in nodes:
        if isinstance(node, cst.Decorator):
            called = node.decorator.func if isinstance(node.decorator, cst.Call) else None
            full = _resolve(called or node.decorator, imported)
        elif isinstance(node, cst.Call):
            full = _resolve(node.func, imported)
            if full in _PER_ARGUMENT and node.args:
                first = node.args[0].value
                what = _resolve(first, imported) or cst.Module([]).code_for_node(first)
                keys.add(f"{_PER_ARGUMENT[full]} {what}")
                continue
        elif isinstance(node, (cst.Assign, cst.AugAssign)):
            targets = ([t.target for t in node.targets] if isinstance(node, cst.Assign)
                       else [node.target])
            keys |= {f"attribute {full}" for t in targets if isinstance(t, cst.Attribute)
                     and (full := _resolve(t, imported)) is not None}
            continue
        else:
            continue
        if full in ORDERED:
            keys.add(ORDERED[full])
    return keys


def outside_order(analysis: Analysis, assignment: Assignment) -> list[Finding]:
    """GS124: top-level code changing, in order, one thing outside the module (see the
    module's docstring) would be in several modules, which may run in another order."""
    unit_of = {i: u for u in analysis.units for i in u.stmts}
    findings = []
    for key, indices in sorted(_events(analysis.module).items()):
        units = sorted({unit_of[i].id for i in indices if i in unit_of},
                       key=lambda u: analysis.units[u].line)
        where = {u: assignment.module_of.get(u, FACADE) for u in units}
        if len(set(where.values())) < 2 or in_source_order(
                analysis, assignment, [where[u] for u in units]):
            continue
        at = ", ".join(f"{analysis.units[u].line} ({_label(where[u])})" for u in units)
        line = analysis.units[next(u for u in units if where[u] != where[units[0]])].line
        findings.append(Finding(
            "GS124", "error", f"code run at import time changes the {key} from several "
            f"modules (lines {at}); it would run in the order the modules are imported, not "
            "in source order, and which comes first or last is what they keep: map it to one "
            "module", str(analysis.path), line))
    return findings


def _label(module: str) -> str:
    return "the old module" if module == FACADE else module


def order_and_outside(analysis: Analysis, assignment: Assignment) -> list[Finding]:
    """GS124 and GS218 for the module's objects (`import_order`) and for state outside it."""
    return order_findings(analysis, assignment) + outside_order(analysis, assignment)
