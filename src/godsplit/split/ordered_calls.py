"""GS124 for state outside the module that top-level code changes in order.

`atexit.register(a)`, `atexit.register(b)`, `atexit.register(c)` (or `@atexit.register`
on each) run the handlers c, b, a at exit. With `a` and `c` in one new module and `b` in
another, the registrations run in the modules' import order: b, c, a, then, and the
import check, which compares names, cannot see it. `import_order` takes objects the
module binds; names bound by imports are shared with other modules and left out there.
This takes the calls whose order the standard library keeps (exit handlers, audit hooks,
codec search functions, warning filters, `sys.path` and the import hooks, finalizers,
signal handlers, the state of `random`'s generator), the setters where the last call wins
(the trace and profile functions, the recursion limit, the default socket timeout), and
assignments to one attribute of an imported module (`sys.excepthook = ...`: the last one
wins), made at import time from several modules: by top-level code, or by the module's
functions and methods it calls (`install()` whose body calls `signal.signal`).

A top-level statement reading an attribute that top-level code sets is in that order too
(round 29): ConfigArgParse saves `argparse._ActionsContainer.add_argument`, then sets it
to its own `add_argument`, which calls the saved one. The setter moved with
`add_argument`, the save stayed in the old module and ran after it: it saved the new
function, which then called itself (RecursionError), and the split was "verified".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import libcst as cst

from ..types import FACADE, Finding
from .analyze import Analysis
from .at_import import runs_at_import
from .call_chain import Reach
from .class_calls import class_defs
from .import_order import in_source_order
from .node_kinds import Kinds
from .nodes import walk
from .normalize import sort_file
from .order_findings import order_findings, order_sets
from .package_order import in_run_order, marked, order_note, run_order
from .source_order import source_ordered

if TYPE_CHECKING:
    from .assign import Assignment
    from .layout import Layout
    from .style import Style

# calls that keep what they are given in call order (their effect depends on that order)
ORDERED = {
    "atexit.register": "exit handlers",
    "sys.addaudithook": "audit hooks",
    "codecs.register": "codec search functions",
    "warnings.filterwarnings": "warning filters",
    "warnings.simplefilter": "warning filters",
    "warnings.resetwarnings": "warning filters",
    "weakref.finalize": "finalizers run at exit",
    "sys.settrace": "trace function",
    "threading.settrace": "threads' trace function",
    "sys.setprofile": "profile function",
    "threading.setprofile": "threads' profile function",
    "sys.setrecursionlimit": "recursion limit",
    "socket.setdefaulttimeout": "default socket timeout",
    "signal.set_wakeup_fd": "signal wakeup file descriptor",
    **{f"sys.{seq}.{m}": f"sys.{seq}" for seq in ("path", "meta_path", "path_hooks")
       for m in ("insert", "append", "extend", "remove", "pop", "clear")},
}


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


_may_call = Kinds(cst.Decorator, cst.Call, cst.Assign, cst.AugAssign)


def _events(analysis: Analysis) -> dict[str, list[int]]:
    """What each top-level statement changes outside the module, in order, and which
    module global it rebinds through a function it calls (`def next_id(): global _n; _n +=
    1; return _n`, run by `ID = next_id()` in two class bodies: which gets 1 depends on
    the order): key -> indices."""
    rebinders = tuple((name, tuple(sorted(u.rebinds))) for u in analysis.units
                      if u.rebinds for name in u.binds)
    return _module_events(analysis.module, rebinders)


@lru_cache(maxsize=2)  # of the source alone: asked by each assignment of it (suggest makes several)
def _module_events(module: cst.Module, rebinding: tuple[tuple[str, tuple[str, ...]], ...],
                   ) -> dict[str, list[int]]:
    rebinders = dict(rebinding)
    imported = _imported(module)
    reach = Reach(module, class_defs(module))
    out: dict[str, list[int]] = defaultdict(list)
    reads: dict[int, set[str]] = {}  # the imported objects' attributes each statement reads
    for index, stmt in enumerate(module.body):
        nodes = list(runs_at_import(stmt))
        keys = _keys(nodes, imported, rebinders)
        called = {n.func.value for n in nodes if isinstance(n, cst.Call)
                  and isinstance(n.func, cst.Name)} | {
            d.value for n in nodes if isinstance(n, cst.Decorator)
            for d in (n.decorator.func if isinstance(n.decorator, cst.Call) else n.decorator,)
            if isinstance(d, cst.Name)}
        through = {(n.func.value.value, n.func.attr.value) for n in nodes
                   if isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute)
                   and isinstance(n.func.value, cst.Name)}
        if called or through:  # what the module's functions and methods it calls change
            names, methods = reach.runs(index, called, through)
            bodies = [reach.functions[n] for n in names if n in reach.functions] + [
                m for c, name in methods for m in reach.classes[c].body.body
                if isinstance(m, cst.FunctionDef) and m.name.value == name]
            for body in {id(b): b for b in bodies}.values():
                keys |= _keys(walk(body.body), imported, rebinders)
        for key in keys:
            out[key].append(index)
        # the attribute's value itself (saved, passed on), not one reached through it
        # (`json.registry.append(f)`: kept `json.registry = []` runs before the new modules)
        inner = {id(n.value) for n in nodes if isinstance(n, cst.Attribute)}
        reads[index] = {f"attribute {full}" for n in nodes if isinstance(n, cst.Attribute)
                        and id(n) not in inner and (full := _resolve(n, imported)) is not None}
    for index, keys in reads.items():  # (a read of one no statement sets is no event)
        for key in keys & out.keys() - {k for k, at in out.items() if index in at}:
            out[key] = sorted([*out[key], index])
    return out


def _keys(nodes: Iterable[cst.CSTNode], imported: dict[str, str],
          rebinders: dict[str, tuple[str, ...]]) -> set[str]:
    """What `nodes` change outside the module (see the module's docstring)."""
    keys: set[str] = set()
    for node in nodes:
        if not _may_call(node):  # (most nodes: one look-up by type)
            continue
        if (isinstance(node, cst.Call) and isinstance(node.func, cst.Name)
                and node.func.value in rebinders):
            keys |= {f"module global {g!r} (`global` in {node.func.value}())"
                     for g in rebinders[node.func.value]}
        if isinstance(node, cst.Decorator):
            called = node.decorator.func if isinstance(node.decorator, cst.Call) else None
            full = _resolve(called or node.decorator, imported)
        elif isinstance(node, cst.Call):
            full = _resolve(node.func, imported)
        elif isinstance(node, (cst.Assign, cst.AugAssign)):
            targets = ([t.target for t in node.targets] if isinstance(node, cst.Assign)
                       else [node.target])
            keys |= {f"attribute {full}" for t in targets if isinstance(t, cst.Attribute)
                     and (full := _resolve(t, imported)) is not None}
            continue
        else:
            continue
        if full is not None and (key := _key(full, node, imported)) is not None:
            keys.add(key)
    return keys


def _key(full: str, node: cst.CSTNode, imported: dict[str, str]) -> str | None:
    """What a call to `full` changes in order: `ORDERED`'s, a signal's handler (the last
    one set wins), or a random number generator's state (`random.seed(1)`, then each
    `random.random()` draws the next number: which code draws which depends on the order).
    Only draws count: a kept `random.seed(1)` at the top runs before the new modules
    (`early_effects`), or GS204 says it does not."""
    if full in ORDERED:
        return ORDERED[full]
    if full == "signal.signal" and isinstance(node, cst.Call) and node.args:
        first = node.args[0].value  # `SIGINT` imported from signal is `signal.SIGINT`
        return f"handler of {_resolve(first, imported) or cst.Module([]).code_for_node(first)}"
    home, _, function = full.rpartition(".")
    if home in ("random", "numpy.random") and function[:1].islower() and function not in (
            "default_rng", "get_state", "getstate", "seed", "set_state", "setstate"):
        return f"state of {home}'s random number generator"
    return None


def outside_order(analysis: Analysis, assignment: Assignment,
                  trace: tuple[str, ...] | None = None) -> list[Finding]:
    """GS124: top-level code changing, in order, one thing outside the module (see the
    module's docstring) would be in several modules, which may run in another order
    (`trace`: the order they run, where known: GS153 where it keeps the source's)."""
    unit_of = {i: u for u in analysis.units for i in u.stmts}
    findings = []
    for key, indices in sorted(_events(analysis).items()):
        # one per event, in source order: a registration that moved with its function
        # runs where the registration stood, not where the function is defined; named by
        # the statement's line, not its unit's (`def add_argument` above the save: round 30)
        stmts = sorted(i for i in indices if i in unit_of)
        where = {i: assignment.module_of.get(unit_of[i].id, FACADE) for i in stmts}
        modules = [where[i] for i in stmts]
        if len(set(modules)) < 2 or in_source_order(analysis, assignment, modules):
            continue
        line = analysis.code_line(next(i for i in stmts if where[i] != modules[0]))
        if trace is not None and in_run_order(modules, trace):
            findings.append(order_note(f"the {key}", modules, str(analysis.path), line))
            continue
        at = ", ".join(f"{analysis.code_line(i)} ({_label(where[i])})" for i in stmts)
        findings.append(Finding(
            "GS124", "error", f"code run at import time {_acts(key)} the {key} from several "
            f"modules (lines {at}); it would run in the order the modules are imported, not "
            "in source order, and which comes first or last is what they keep: map it to one "
            "module", str(analysis.path), line))
    return findings


def _acts(key: str) -> str:
    """What the code does to `key`: an attribute is also read (saved before it is set)."""
    return "reads or changes" if key.startswith("attribute ") else "changes"


def _label(module: str) -> str:
    return "the old module" if module == FACADE else module


def order_and_outside(analysis: Analysis, assignment: Assignment,
                      trace: tuple[str, ...] | None = None) -> list[Finding]:
    """GS124 and GS218 for the module's objects (`import_order`) and for state outside it."""
    return order_findings(analysis, assignment, trace) + outside_order(analysis, assignment, trace)


def by_package_order(analysis: Analysis, assignment: Assignment, layout: Layout,
                     texts: dict[Path, str], findings: list[Finding], marker: str,
                     style: Style | None = None) -> tuple[dict[Path, str], list[Finding]]:
    """The plan's GS124 and GS218 again, by the order the package's `__init__.py` (the
    facade, as written) runs the new modules' code (`package_order`): those that order
    keeps become GS153 notes, and the facade says its imports' order matters. Where the
    sorted imports leave a GS124, the facade's imports in source order (`source_order`)
    are taken if they keep every order and the project's sorter leaves them."""
    if not any(f.code in ("GS124", "GS218") for f in findings):
        return texts, findings
    trace = run_order(layout, assignment.modules, texts)
    if trace is None:
        return texts, findings
    before = set(order_and_outside(analysis, assignment))
    after = order_and_outside(analysis, assignment, trace)
    if any(f.code == "GS124" for f in after):
        texts, after = _in_source_order(analysis, assignment, layout, texts, after, style)
    notes = [f for f in after if f.code == "GS153"]
    if not notes:  # (a GS420 that only the run order proves)
        extra = [f for f in after if f.code == "GS420" and f not in before]
        named = {e.message.partition(" is changed")[0] for e in extra}
        return texts, [f for f in findings if f.code != "GS218" or f.message.partition(
            " is changed")[0] not in named] + extra
    texts = {**texts, layout.facade_path: marked(texts[layout.facade_path], notes, marker)}
    return texts, [f for f in findings if f not in before] + after


def _in_source_order(analysis: Analysis, assignment: Assignment, layout: Layout,
                     texts: dict[Path, str], after: list[Finding], style: Style | None,
                     ) -> tuple[dict[Path, str], list[Finding]]:
    """The texts with the facade's imports in source order, and their findings, where that
    order leaves no GS124 and no more GS218 than the sorted one; else as they were."""
    ordered = frozenset(u for _, units in order_sets(analysis) for u in units) | frozenset(
        u.id for indices in _events(analysis).values() for u in analysis.units
        if set(u.stmts) & set(indices))
    facade = source_ordered(texts[layout.facade_path], analysis, assignment, layout, ordered)
    if facade is None or (style is not None and (sorted_by := sort_file(
            facade, style, layout.facade_path)) is not None and sorted_by != facade):
        return texts, after
    candidate = {**texts, layout.facade_path: facade}
    trace = run_order(layout, assignment.modules, candidate)
    if trace is None:
        return texts, after
    again = order_and_outside(analysis, assignment, trace)
    if any(f.code == "GS124" for f in again) or sum(f.code == "GS218" for f in again) > sum(
            f.code == "GS218" for f in after):
        return texts, after
    return candidate, again
