"""Stage 1, analyze: inventory every top-level statement of a module and what it depends on.

One LibCST parse and one scope resolution (no deep copy, no other metadata) per source;
everything later stages need is derived here once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import libcst as cst
from libcst.metadata import GlobalScope, MetadataWrapper, ScopeProvider

from ..files import SourceText
from ..types import Finding
from .classify import (
    UnitKind,
    classify,
    conditional_binds,
    is_bare_string,
    owner_name,
    sets_up_imports,
    static_all,
    sure_names,
)
from .import_time import called_at_import
from .main_guards import is_main_block
from .match_captures import captured
from .module_identity import stays_in_old_module
from .nodes import NodeIndex, binds_at_run_time, deleted_by, index_nodes, nested_deletes, target_names
from .parsing import parse, too_deep
from .redeclared import kinds_with, redeclarations
from .run_uses import lazy_annotations
from .scopes import collect, handler_names, live_accesses, module_name_read
from .self_import import own_module_reads
from .star_exports import star_rebinds
from .type_guards import DEFAULT, Guards, guards_for
from .typestrings import type_string_reads


@dataclass(frozen=True)
class Read:
    """A top-level name read by a unit."""

    name: str
    import_time: bool  # read while the module is imported (not only inside function bodies)
    annotation_only: bool  # every read is an annotation that is never evaluated at run time
    # import_time only because code run at import time reads it (a method, a function):
    # the units whose top-level code runs it, when they are all (see import_time.py)
    runners: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Unit:
    """One or more consecutive-in-meaning top-level statements that move together."""

    id: int
    kind: UnitKind
    stmts: tuple[int, ...]  # indices into module.body, ascending
    binds: frozenset[str]
    reads: tuple[Read, ...]
    rebinds: frozenset[str]  # globals assigned at call time through `global`
    line: int
    lines: int
    deletes: frozenset[str] = frozenset()  # names deleted at top level (`del x`)
    # names a top-level if/try/for/while/with may delete (`if NEEDED: del Meta`)
    maybe_deletes: frozenset[str] = frozenset()
    # a class's methods -> the top-level names each reads (at call time)
    methods: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @property
    def first(self) -> int:
        return self.stmts[0]


@dataclass(frozen=True)
class Analysis:
    path: Path
    source: SourceText
    module: cst.Module
    units: tuple[Unit, ...]
    binders: Mapping[str, tuple[int, ...]]  # name -> ids of units binding it at top level
    codes: tuple[str, ...]  # source text of each top-level statement, generated once
    stmt_lines: tuple[int, ...]  # 1-based first line (incl. leading comments) of each statement, + end
    nodes: NodeIndex
    future_annotations: bool
    star_imports: tuple[int, ...]  # unit ids
    star_rebinds: Mapping[int, frozenset[str]]  # star import -> names it binds anew (star_exports)
    dunder_all: tuple[str, ...] | None
    live_names: frozenset[str]  # names rebound at call time
    findings: tuple[Finding, ...]
    # live name -> (statement index, id of the Name node) of every read of it
    live_reads: Mapping[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    # unit id -> names it reads only for `get_type_hints`, through a type alias whose
    # strings name them (`typestrings`): its text does not name them
    hint_reads: Mapping[int, frozenset[str]] = field(default_factory=dict)
    # code binds names through `globals()` (or `_globals = globals()`), or may through
    # `sys.modules[...]`, a function's `global X` or `exec`, that no analysis sees: a
    # package facade exports them as it does a star import's
    writes_namespace: bool = False
    # the statements that do, and those binding such an alias: they stay in the old module
    namespace_stmts: frozenset[int] = frozenset()
    snapshots: frozenset[int] = frozenset()  # of them, reads of the namespace (GS127)
    # names only a `TYPE_CHECKING` block declares, which code writing the namespace binds
    # at run time: read from the old module once bound, never at import time before
    declared: frozenset[str] = frozenset()
    # the functions and methods (`Class.method`) that run while the module is imported
    at_import: frozenset[str] = frozenset()
    guards: Guards = DEFAULT  # which `if` tests are TYPE_CHECKING here (type_guards)
    # source path -> its late imports closing a cycle (`late_imports`), found once for all
    # the plans made of this analysis (suggest makes several)
    late_cycles: dict[Path, frozenset[int]] = field(default_factory=dict, compare=False,
                                                    repr=False)

    def code_line(self, index: int) -> int:
        """The line where statement `index`'s code starts (its first decorator), past the
        blank lines and comments before it that `stmt_lines` counts: where findings point."""
        return self.stmt_lines[index] + len(getattr(self.module.body[index], "leading_lines", ()))

    @cached_property  # read for every module and the facade of a plan
    def conditional_names(self) -> frozenset[str]:
        """Names that may not exist when the module has been imported: bound only inside
        if/try/for/while/with, deleted at top level (`del x`), or only annotated (`x: int`).
        They are imported guarded (try/except ImportError)."""
        names: set[str] = set()
        annotated_only: set[str] = set()
        really_bound: set[str] = set()
        maybe: set[str] = set()  # bound by an if/try on some runs only
        sure = {n for u in self.units if u.kind == "definition" for i in u.stmts
                for n in sure_names(self.module.body[i])}  # by a statement on every run
        for unit in self.units:
            if unit.kind == "import":  # `if sys.version_info < (3, 11): from x import Y`
                names |= set().union(*(conditional_binds(stmt) for i in unit.stmts if isinstance(
                    stmt := self.module.body[i], (cst.If, cst.Try))))
            if unit.kind != "definition" and not set(unit.stmts) & self.namespace_stmts:
                continue
            for index in unit.stmts:
                stmt = self.module.body[index]
                if isinstance(stmt, (cst.If, cst.Try)):  # not those every branch binds
                    maybe |= unit.binds & conditional_binds(stmt)
                elif not isinstance(stmt, (cst.SimpleStatementLine, cst.FunctionDef,
                                           cst.ClassDef)):
                    names |= unit.binds
                elif isinstance(stmt, cst.SimpleStatementLine):
                    for small in stmt.body:
                        if isinstance(small, cst.Del):
                            names |= target_names(small.target)
                        elif isinstance(small, cst.AnnAssign) and small.value is None:
                            if isinstance(small.target, cst.Name):
                                annotated_only.add(small.target.value)
                        else:
                            really_bound |= unit.binds
                else:
                    really_bound |= unit.binds
        names |= maybe - sure  # dill: `X = {}`, then `if c: X.update(...)`: X is bound
        # `import a.b` binds `a`; `a.b` is listed, and is not a name to import
        return frozenset(n for n in names | (annotated_only - really_bound) if "." not in n)

    @cached_property
    def bound_names(self) -> frozenset[str]:
        """Every name the module binds at top level (the facade and the new modules bind
        some of them): generated code's local variables must not shadow them."""
        return frozenset(n for u in self.units for n in u.binds if "." not in n)

    @cached_property
    def deleted_names(self) -> frozenset[str]:
        """Names a top-level `del` deletes after their last binding: no module binds them
        once imported (the `del` moves with the definition, or stays with the facade's
        imports)."""
        last_bound: dict[str, int] = {}
        last_deleted: dict[str, int] = {}
        for unit in self.units:
            for name in unit.binds:
                last_bound[name] = unit.id
            for name in unit.deletes:
                last_deleted[name] = unit.id
        return frozenset(n for n, at in last_deleted.items()
                         if at >= last_bound.get(n, -1) >= 0)

    def unit_of(self, name: str) -> Unit | None:
        ids = self.binders.get(name)
        return self.units[ids[0]] if ids else None

    def binds_guard(self, unit: Unit) -> bool:
        """`TYPE_CHECKING = False`: copied into each module whose blocks test it (type_guards)."""
        return unit.kind == "import" and self.guards.binds_guard(self.module.body[unit.first])

    def code(self, index: int) -> str:
        """The exact source text of top-level statement `index` (with its leading comments)."""
        return self.codes[index]


def analyze(source: SourceText) -> Analysis:
    module = parse(source)
    try:
        return _analyze(source, module)
    except RecursionError:  # a statement nested deeper than LibCST walks: which, and why
        raise too_deep(source, module) from None


def _analyze(source: SourceText, module: cst.Module) -> Analysis:
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    scopes = wrapper.resolve(ScopeProvider)
    global_scope = next((s for s in scopes.values() if isinstance(s, GlobalScope)), None)
    codes = tuple(module.code_for_node(stmt) for stmt in module.body)
    nodes = index_nodes(module, codes)
    stmt_lines = _statement_lines(module, codes)
    guards = guards_for(module, source.text, source.path)  # `if MYPY_CHECK_RUNNING:` too
    kinds = [classify(i, stmt, guards) for i, stmt in enumerate(module.body)]
    # `sys.path.extend(...)`, `__import__("pkg.sub")`: they stay, before the re-exports
    kinds = ["facade" if sets_up_imports(stmt) else kinds[i] for i, stmt in enumerate(module.body)]
    future_annotations = lazy_annotations(module)
    bound: dict[int, set[str]] = defaultdict(set)
    rebinds: dict[int, set[str]] = defaultdict(set)
    reads: dict[int, dict[str, list[bool]]] = defaultdict(dict)
    calls: dict[int, set[str]] = defaultdict(set)
    subclassed: dict[int, set[str]] = defaultdict(set)
    methods: dict[int, dict[str, set[str]]] = defaultdict(dict)
    hints: dict[int, set[str]] = {}
    assigned: set[str] = set()  # every name bound in the module's scope, from anywhere
    if global_scope is not None:
        assigned = collect(
            global_scope, scopes, nodes, future_annotations, bound, rebinds, reads, calls,
            subclassed, methods, handler_names(module),
        )
        hints = type_string_reads(module, assigned, reads,
                                  source.path, source.text, stmt_lines)
    for index, stmt in enumerate(module.body):  # LibCST's scopes record no capture pattern
        if "match" in codes[index] and not isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            bound[index] |= captured(stmt)  # (also of a `match` in an `if`, `try`, `with`)
    for index, stmt in enumerate(module.body):  # runs as a script, after everything else
        if is_main_block(stmt):
            calls.pop(index, None)
    nodes.name_reads = [r for r in nodes.name_reads if module_name_read(r, nodes, scopes)]
    joins = redeclarations(module, kinds, bound)  # TYPE_CHECKING declarations of definitions
    kinds = kinds_with(kinds, joins)
    own_reads = own_module_reads(module, source.path, future_annotations, reads, assigned)
    writers, inside, kept, declared, snapshots = stays_in_old_module(
        module, codes, kinds, bound, reads, rebinds, own_reads)
    units = _group(module, kinds, bound, rebinds, reads, stmt_lines, methods, writers, joins)
    units, at_import = called_at_import(module, units, calls, subclassed)
    binders: dict[str, list[int]] = defaultdict(list)
    for unit in units:
        if unit.kind == "future":
            continue
        for name in unit.binds | unit.rebinds:
            binders[name].append(unit.id)
    star = tuple(u.id for u in units if any(nodes.star_import.get(i) for i in u.stmts))
    findings = [
        Finding("GS110", "warning", "star import: the names it provides cannot be tracked; "
                "it is copied into each new module that reads a name no other binding "
                "provides", str(source.path), units[uid].line)
        for uid in star
    ]
    live = frozenset(name for names in rebinds.values() for name in names)
    return Analysis(
        path=source.path,
        source=source,
        module=module,
        units=tuple(units),
        binders={name: tuple(ids) for name, ids in binders.items()},
        codes=codes,
        stmt_lines=stmt_lines,
        nodes=nodes,
        future_annotations=future_annotations,
        star_imports=star,
        star_rebinds=star_rebinds(source.path, module, codes, {u: units[u].stmts for u in star}),
        dunder_all=static_all(module),
        live_names=live,
        findings=tuple(findings),
        live_reads=live_accesses(global_scope, live, nodes) if global_scope else {},
        hint_reads=_hint_reads(units, reads, hints),
        writes_namespace=bool(writers or inside) or any("sys.modules[" in c for c in codes)
        or binds_at_run_time(module, codes, assigned, {n for u in units for n in u.binds}),
        namespace_stmts=frozenset(kept),
        snapshots=frozenset(snapshots),
        declared=frozenset().union(*(bound.get(i, set()) for i in declared)) - {
            n for i, names in bound.items() if i not in declared for n in names},
        at_import=at_import,
        guards=guards,
    )


def _hint_reads(
    units: list[Unit], reads: Mapping[int, dict[str, list[bool]]], hints: Mapping[int, set[str]]
) -> dict[int, frozenset[str]]:
    out = {}
    for unit in units:
        hinted = set().union(*(hints.get(i, set()) for i in unit.stmts))
        named = set().union(*(set(reads.get(i, ())) - hints.get(i, set()) for i in unit.stmts))
        if hinted - named:
            out[unit.id] = frozenset(hinted - named)
    return out


def _statement_lines(module: cst.Module, codes: tuple[str, ...]) -> tuple[int, ...]:
    line = 1 + len(module.header)
    starts = []
    for code in codes:
        starts.append(line)
        line += code.count("\n")
    starts.append(line)  # sentinel: the line after the last statement
    return tuple(starts)


def _group(
    module: cst.Module,
    kinds: list[UnitKind],
    bound: Mapping[int, set[str]],
    rebinds: Mapping[int, set[str]],
    reads: Mapping[int, dict[str, list[bool]]],
    stmt_lines: tuple[int, ...],
    methods: Mapping[int, dict[str, set[str]]],
    writers: Collection[int] = (),
    joins: Mapping[int, int] | None = None,
) -> list[Unit]:
    """Group statements into units: @overload runs, and statements that bind nothing
    (`f.attr = ...`, `REGISTRY[k] = v`, `REGISTRY.update(...)`, `atexit.register(f)`) join
    the latest definition they touch or read (never an import: they must run after what
    they read, and once)."""
    groups: list[list[int]] = []
    owner_of: dict[str, int] = {}  # name -> group index of its latest definition
    for index, stmt in enumerate(module.body):
        kind = kinds[index]
        names = bound.get(index, set())
        if joins and index in joins:  # a definition and its TYPE_CHECKING redeclaration
            joined = next(g for g, group in enumerate(groups) if joins[index] in group)
            groups[joined].append(index)
            owner_of.update(dict.fromkeys(names, joined))
            continue
        if kind == "definition" and not names:
            target = owner_name(stmt)
            if target is None and groups and is_bare_string(stmt) and kinds[groups[-1][0]] == "definition":
                groups[-1].append(index)  # attribute docstring after `X = 1`
                continue
            # `f.attr = 1`, `REGISTRY[k] = v`, `atexit.register(f)`, `X._cls = Y`: it runs
            # after everything it touches and reads, so it joins the latest of them (never
            # an import: it would be copied above them, and into every module)
            read = [owner_of[n] for n in {*reads.get(index, {}), target} if n in owner_of]
            home = max((g for g in read if kinds[groups[g][0]] == "definition"), default=None)
            if home is not None and index not in writers:  # writes through globals():
                # stays in the old module, where the names it binds must be
                groups[home].append(index)
                continue
        if (
            isinstance(stmt, cst.FunctionDef) and groups and kinds[groups[-1][0]] == "definition"
            and isinstance(module.body[groups[-1][-1]], cst.FunctionDef)
            and _function_name(module.body[groups[-1][-1]]) == stmt.name.value
        ):
            groups[-1].append(index)  # @overload group, or a redefinition right after
            continue
        groups.append([index])
        for name in names:
            owner_of[name] = len(groups) - 1
    units = []
    for uid, group in enumerate(groups):
        first = group[0]
        kind = kinds[first]
        binds = frozenset().union(*(bound.get(i, set()) for i in group))
        if kind == "definition" and not binds:
            kind = "effect"
        merged: dict[str, list[bool]] = {}
        for i in group:
            for name, (import_time, lazy) in reads.get(i, {}).items():
                flags = merged.setdefault(name, [False, True])
                flags[0] = flags[0] or import_time
                flags[1] = flags[1] and lazy
        span = sum(stmt_lines[i + 1] - stmt_lines[i] for i in group)
        units.append(Unit(
            id=uid,
            kind=kind,
            stmts=tuple(group),
            binds=binds,
            reads=tuple(Read(n, f[0], f[1]) for n, f in sorted(merged.items())),
            rebinds=frozenset().union(*(rebinds.get(i, set()) for i in group)),
            line=_first_code_line(module, first, stmt_lines),
            lines=span,
            deletes=frozenset().union(*(deleted_by(module.body[i]) for i in group)),
            maybe_deletes=frozenset().union(*(nested_deletes(module.body[i]) for i in group)),
            methods={m: frozenset(n) for i in group for m, n in methods.get(i, {}).items()},
        ))
    return units


def _function_name(stmt: cst.BaseStatement) -> str | None:
    return stmt.name.value if isinstance(stmt, cst.FunctionDef) else None


def _first_code_line(module: cst.Module, index: int, stmt_lines: tuple[int, ...]) -> int:
    stmt = module.body[index]
    leading = getattr(stmt, "leading_lines", ())
    return stmt_lines[index] + len(leading)

