"""Module loggers are copied into the new modules that read them, not imported.

`log = logging.getLogger(__name__)` read by code moved to several modules: each of them
gets its own `log = logging.getLogger("<old module>")` (the `import logging` it needs
too) instead of `from .home import log`. `getLogger` keeps one logger per name, so the
copy is the same object as the source's (its level, handlers and filters, caplog,
`assertLogs("<old module>")`, logging configuration keyed by its name all still apply),
and the facade still exports it. Linters take a name for a logger only where the module
binds it itself: ruff's BLE001, TRY400, G and LOG rules do not count an imported `log`
(unless `logger-objects` lists it), so an `except Exception:` handler that logs with
`log.exception(...)`, fine in the source, fails BLE001 once `log` is imported.

Only what a copy cannot change: one statement binding one name with a call of logging's
`getLogger` (or Celery's `get_task_logger`, which returns `logging.getLogger(name)` with
its parent set, the same each time) with no argument, a string, or `__name__` (the old
module's name in the copy, as `transforms` makes it in moved code); the name bound by
no other statement (not rebound at run time, not deleted) and the factory imported
unconditionally before the first definition. A patch of the old module's attribute
reaches the copies as it reached the imports (the live facade sets it in each module
binding the same object); a new module's binding was its own in both cases.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import libcst as cst

from ..types import FACADE, Finding
from .analyze import Analysis, Unit
from .needs import Needs

# (module, factory) whose call with the same name returns the same object every time
FACTORIES = frozenset({("logging", "getLogger"), ("celery.utils.log", "get_task_logger")})


@dataclass(frozen=True)
class Logger:
    name: str  # the name the source binds it to (`log`)
    unit: int  # the unit binding it
    source: int  # the import unit binding the factory's name (`import logging`)
    root: str  # that name (`logging`, or `getLogger` from `from logging import getLogger`)


def copyable_loggers(analysis: Analysis, first_def: int) -> dict[str, Logger]:
    """The module loggers a new module may bind itself (see the module docstring);
    `first_def`: where the source's import block ends (the copies go after it)."""
    found: dict[str, Logger] = {}
    for unit in analysis.units:
        if unit.kind != "definition" or len(unit.stmts) != 1 or len(unit.binds) != 1:
            continue
        stmt = analysis.module.body[unit.first]
        if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
            continue
        small = stmt.body[0]
        if isinstance(small, cst.Assign) and len(small.targets) == 1:
            target, value = small.targets[0].target, small.value
        elif isinstance(small, cst.AnnAssign) and small.value is not None:
            target, value = small.target, small.value
        else:
            continue
        if not isinstance(target, cst.Name) or not _fixed(analysis, unit, target.value):
            continue
        factory = _factory(analysis, value, first_def)
        if factory is not None:
            found[target.value] = Logger(target.value, unit.id, *factory)
    return found


def _fixed(analysis: Analysis, unit: Unit, name: str) -> bool:
    """Whether `name` is bound by `unit` alone, once, on every run, and never deleted."""
    return (tuple(analysis.binders.get(name, ())) == (unit.id,)
            and name not in analysis.live_names | analysis.deleted_names
            | analysis.conditional_names
            and not any(name in u.deletes | u.maybe_deletes for u in analysis.units))


def _factory(analysis: Analysis, value: cst.BaseExpression, first_def: int) -> tuple[int, str] | None:
    """(import unit, name it binds) of a logger factory call with a name the copy can
    repeat; None for any other value."""
    if not isinstance(value, cst.Call) or not _same_name_args(analysis, value.args):
        return None
    func = value.func
    if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
        root, wanted = func.value.value, {(m, "") for m, f in FACTORIES if f == func.attr.value}
    elif isinstance(func, cst.Name):
        root, wanted = func.value, set(FACTORIES)
    else:
        return None
    binders = analysis.binders.get(root, ())
    if len(binders) != 1 or root in analysis.conditional_names:
        return None
    unit = analysis.units[binders[0]]
    stmt = analysis.module.body[unit.first]
    if unit.kind != "import" or len(unit.stmts) != 1 or unit.first >= first_def or not (
            isinstance(stmt, cst.SimpleStatementLine)):
        return None
    return (unit.id, root) if _imports(stmt, root) & wanted else None


def _same_name_args(analysis: Analysis, args: Collection[cst.Arg]) -> bool:
    """No argument, or the name: a string, or `__name__` the module does not rebind."""
    if not args:
        return True
    if len(args) != 1:
        return False
    arg = next(iter(args))
    if arg.star or (arg.keyword is not None and arg.keyword.value != "name"):
        return False
    if isinstance(arg.value, cst.SimpleString):
        return isinstance(arg.value.evaluated_value, str)
    return (isinstance(arg.value, cst.Name) and arg.value.value == "__name__"
            and not analysis.binders.get("__name__"))


def _imports(stmt: cst.SimpleStatementLine, root: str) -> set[tuple[str, str]]:
    """What binds `root` in an import line: (module, "") for `import logging [as root]`,
    (module, name) for `from module import name [as root]`."""
    out: set[tuple[str, str]] = set()
    for small in stmt.body:
        if isinstance(small, cst.Import):
            for alias in small.names:
                full = cst.helpers.get_full_name_for_node_or_raise(alias.name)
                bound = alias.evaluated_alias or full
                if bound == root:
                    out.add((full, ""))
        elif isinstance(small, cst.ImportFrom) and small.module is not None and not (
                small.relative) and not isinstance(small.names, cst.ImportStar):
            module = cst.helpers.get_full_name_for_node_or_raise(small.module)
            for alias in small.names:
                name = cst.helpers.get_full_name_for_node_or_raise(alias.name)
                if (alias.evaluated_alias or name) == root:
                    out.add((module, name))
    return out


def copy_loggers(
    analysis: Analysis, needs: Mapping[str, Needs], loggers: Mapping[str, Logger],
) -> dict[str, list[Logger]]:
    """Each new module's copies of loggers it would import from a sibling or the old
    module (dropped from its `needs`, with the factory's import added)."""
    copies: dict[str, list[Logger]] = {}
    for module, need in needs.items():
        for name, logger in loggers.items():
            copied = False
            for target in list(need.siblings):
                if name in need.siblings[target]:
                    del need.siblings[target][name]
                    need.run_by.get(target, {}).pop(name, None)
                    if not need.siblings[target]:
                        del need.siblings[target]
                    copied = True
            if name in need.kept:
                del need.kept[name]
                copied = True
            if copied:
                need.imports[logger.source].add(logger.root)
                copies.setdefault(module, []).append(logger)
    return copies


def logger_lines(analysis: Analysis, copies: Collection[Logger], old_module: str,
                 quote: str = '"') -> str:
    """The copies' statements, `__name__` as the old module's name (in `quote`)."""
    lines = []
    for logger in sorted(copies, key=lambda c: c.unit):
        stmt = analysis.module.body[analysis.units[logger.unit].first]
        assert isinstance(stmt, cst.SimpleStatementLine)
        line = stmt.with_changes(leading_lines=()).visit(_OldName(old_module, quote))
        assert isinstance(line, cst.SimpleStatementLine)
        lines.append(cst.Module(body=[line]).code)
    return "".join(lines)


class _OldName(cst.CSTTransformer):
    def __init__(self, old_module: str, quote: str) -> None:
        super().__init__()
        self.old_module = old_module
        self.quote = quote

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        if original_node.value == "__name__":
            return cst.SimpleString(f"{self.quote}{self.old_module}{self.quote}")
        return updated_node


def logger_findings(
    analysis: Analysis, copies: Mapping[str, Collection[Logger]],
    module_of: Mapping[int, str], old_module: str,
) -> list[Finding]:
    """GS138 (info): which modules bind a copy of which logger, and why not their own."""
    by_name: dict[str, list[str]] = {}
    for module, loggers in copies.items():
        for logger in loggers:
            by_name.setdefault(logger.name, []).append(module)
    findings = []
    for name, modules in by_name.items():
        logger = next(c for cs in copies.values() for c in cs if c.name == name)
        unit = analysis.units[logger.unit]
        home = module_of.get(unit.id, FACADE)
        where = "the old module" if home == FACADE else home
        line = logger_lines(analysis, [logger], old_module).strip()
        findings.append(Finding(
            "GS138", "info", f"logger {name!r} (defined in {where}) is bound anew in "
            f"{', '.join(sorted(modules))} as `{line}`, not imported: the same logger object "
            "(one per name), and linters see a logger there (ruff's BLE001, TRY400, G and LOG "
            "rules do not count an imported one); each module's own `getLogger(__name__)` "
            "would rename it, which logging configuration keyed by name would no longer match",
            str(analysis.path), unit.line))
    return findings
