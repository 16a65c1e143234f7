"""GS145: moved definitions a decorator registers at import time, whose `__module__`
another file of the project reads through the same registry.

GS119 looks at the source's own reads of `__module__`. A registry filled by decorators is
read elsewhere: pretix's `@receiver(signal=periodic_task)` functions are run by the
`runperiodic` command, which names each one `f"{receiver.__module__}.{receiver.__name__}"`
for `--list-tasks`, `--tasks` and `--exclude`. Moved without keep-module-name, a receiver
reports its new module there: `--exclude pretix.base.services.mail.retry_stuck_queued_mails`
no longer matches, and the task the operator excluded runs. The import check cannot see
it: the names, kinds and signatures of the old module are all the same.

The link is made statically and narrowly: a decorator of a moved top-level function or
class names an object (`periodic_task` in `@receiver(signal=periodic_task)`, `registry` in
`@registry.register`), and a function of another project file both names that same object
(resolved through its imports, relative ones included) and reads some object's
`__module__`. Celery's task decorators are left out: task names are pinned (GS200). So is
the standard library's machinery (and typing_extensions, typing's backport): sqlglot's
`@t.overload` and pydantic's `@dataclasses.dataclass(slots=True)` were linked to `typing` and
`dataclasses` as if those were registries, because other files name those modules and read
some `__module__`; no standard module keeps definitions by a name it builds from
`__module__` for the project to read back.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from ..files import named_module, run_name, run_package
from ..types import FACADE, Finding, Plan
from .module_reads import mentions_module, module_reads
from .nodes import walk
from .relative_ban import absolute_target

_TASKS = frozenset({"task", "shared_task", "periodic_task"})
_NOT_REGISTRIES = frozenset(getattr(sys, "stdlib_module_names", ())) | {"typing_extensions"}
_SHOWN = 3


def _dotted(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr.value}" if base else None
    return None




def _bindings(module: cst.Module, own: str, package: str) -> dict[str, str]:
    """Local name -> the dotted origin of what it names: imports (relative ones resolved
    from `package`) and the module's own top-level assignments and definitions."""
    out: dict[str, str] = {}
    for stmt in module.body:
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            out[stmt.name.value] = f"{own}.{stmt.name.value}"
            continue
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
                base = _dotted(small.module) if small.module else None
                if small.relative:
                    base = absolute_target(package, len(small.relative), base)
                if base:
                    for alias in small.names:
                        name = _dotted(alias.name)
                        local = alias.evaluated_alias or name
                        if name and local:
                            out[local] = f"{base}.{name}"
            elif isinstance(small, cst.Import):
                for alias in small.names:
                    name = _dotted(alias.name)
                    if name:
                        local = alias.evaluated_alias or name.partition(".")[0]
                        out[local] = name if alias.asname else local
            elif isinstance(small, cst.Assign):
                for target in small.targets:
                    if isinstance(target.target, cst.Name):
                        out[target.target.value] = f"{own}.{target.target.value}"
    return out


def _origin(node: cst.BaseExpression, bindings: dict[str, str]) -> str | None:
    dotted = _dotted(node)
    if dotted is None:
        return None
    head, _, rest = dotted.partition(".")
    if head not in bindings:
        return None
    return f"{bindings[head]}.{rest}" if rest else bindings[head]


def _registries(decorator: cst.Decorator) -> list[cst.BaseExpression]:
    """The objects a decorator hands the definition to: the arguments of a call, and the
    object whose method it is (`registry` of `@registry.register(...)`)."""
    expr = decorator.decorator
    out: list[cst.BaseExpression] = []
    func = expr.func if isinstance(expr, cst.Call) else expr
    if isinstance(func, (cst.Name, cst.Attribute)) and (
            (func.value if isinstance(func, cst.Name) else func.attr.value) in _TASKS):
        return []
    if isinstance(expr, cst.Call):
        out += [arg.value for arg in expr.args if not arg.star]
    if isinstance(func, cst.Attribute):
        out.append(func.value)
    return out


@dataclass
class _Read:
    path: Path
    line: int
    shown: str
    where: str


@dataclass
class RegisteredReads:
    """Collects, over the project files `find_references` reads, the reads of `__module__`
    linked to the registries the moved definitions of each plan are handed to."""

    plans: Sequence[Plan]
    kept_names: frozenset[str]  # old modules split with keep-module-name
    root: Path
    # old module -> registry origin -> [(moved name, line)]
    registered: dict[str, dict[str, list[tuple[str, int]]]] = field(default_factory=dict)
    reads: dict[str, list[_Read]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for plan in self.plans:
            if plan.old_module not in self.kept_names:
                found = self._registered(plan)
                if found:
                    self.registered[plan.old_module] = found
        self._words = {origin.rpartition(".")[2].encode() for by in self.registered.values()
                       for origin in by}

    def _registered(self, plan: Plan) -> dict[str, list[tuple[str, int]]]:
        moved = {name for p in plan.placements if p.module != FACADE for name in p.names}
        try:
            module = cst.parse_module(plan.source.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, cst.ParserSyntaxError):
            return {}
        tops = [named_module(plan.source, plan.old_module)[1]]
        bindings = _bindings(module, plan.old_module, run_package(plan.source, tops))
        own_top = plan.old_module.partition(".")[0]
        found: list[tuple[str, str, cst.Decorator]] = []
        for stmt in module.body:
            if not isinstance(stmt, (cst.FunctionDef, cst.ClassDef)) or (
                    stmt.name.value not in moved):
                continue
            for decorator in stmt.decorators:
                for node in _registries(decorator):
                    origin = _origin(node, bindings)
                    top = origin.partition(".")[0] if origin else ""
                    if origin and (top not in _NOT_REGISTRIES or top == own_top):
                        found.append((origin, stmt.name.value, decorator))
        if not found:  # (most files: no copy of the module, no positions of its nodes)
            return {}
        # the lines of these decorators only: positions of the module read, not of a copy
        positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
        out: dict[str, list[tuple[str, int]]] = {}
        for origin, name, decorator in found:
            out.setdefault(origin, []).append((name, positions[decorator].start.line))
        return out

    def scan(self, path: Path, data: bytes) -> None:
        """Record the reads of `__module__` in one project file that are linked to a
        registry (cheap byte tests first)."""
        if not self.registered or b"__module__" not in data or not any(
                word in data for word in self._words):
            return
        try:
            wrapper = MetadataWrapper(cst.parse_module(data))
        except (cst.ParserSyntaxError, RecursionError):
            return
        module = wrapper.module
        if not mentions_module(module.code):
            return
        positions = wrapper.resolve(PositionProvider)
        tops = [named_module(p.source, p.old_module)[1] for p in self.plans]
        bindings = _bindings(module, run_name(path, tops), run_package(path, tops))
        wanted = {origin for by in self.registered.values() for origin in by}
        for func in _functions(module):
            named = {origin for node in walk(func) if isinstance(node, (cst.Name, cst.Attribute))
                     and (origin := _origin(node, bindings)) in wanted}
            if not named:
                continue
            reads = [read for stmt in func.body.body for read in module_reads(stmt)]
            if not reads:
                continue
            read = reads[0]
            shown = module.code_for_node(read)
            for origin in named:
                self.reads.setdefault(origin, []).append(_Read(
                    path, positions[read].start.line, shown, func.name.value))

    def findings(self, source_of: dict[str, Path]) -> Iterator[tuple[str, Finding]]:
        for old, by in self.registered.items():
            for origin, defs in by.items():
                seen = _unique(self.reads.get(origin, ()))
                if not seen:
                    continue
                names = ", ".join(f"`{name}`" for name, _ in defs[:_SHOWN]) + (
                    f" and {len(defs) - _SHOWN} more" if len(defs) > _SHOWN else "")
                where = "; ".join(f"{_shown(r.path, self.root)}:{r.line} reads `{r.shown}` in `{r.where}`"
                                  for r in seen[:_SHOWN])
                short = origin.rpartition(".")[2]
                yield old, Finding(
                    "GS145", "warning", f"{names} move to a new module and are handed to "
                    f"`{short}` ({origin}) at import time; {where}, where `{short}` is used: "
                    f"there they would report the new module instead of {old!r} (names built "
                    "from it, such as a command's task names, change); set "
                    "`keep-module-name = true` to keep it", str(source_of[old]), defs[0][1])


def _functions(module: cst.Module) -> Iterable[cst.FunctionDef]:
    return (node for node in walk(module) if isinstance(node, cst.FunctionDef))


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _unique(reads: Iterable[_Read]) -> list[_Read]:
    out: dict[tuple[Path, int], _Read] = {}
    for read in reads:
        out.setdefault((read.path, read.line), read)
    return list(out.values())
