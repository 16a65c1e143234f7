"""Which task decorators of a module are Celery's, whose task names godsplit pins.

Celery names a task after its function's module, so a moved task needs `name=`. Other
libraries have a `@task` too, and name tasks otherwise: invoke's (and fabric's) by the
function's name (`name="tasks.build"` renamed `invoke build` and broke the collection),
prefect's and airflow's by the function, taskiq's as `module:function`. So a decorator is
pinned only when its root name is Celery's: imported from `celery`, made by `Celery(...)`
in the file or by a factory function of the file that calls it (`celery_app =
make_celery(flask_app)`, the pattern of Flask's documentation), or imported from a module
of the project whose source makes or imports a Celery app (`from readthedocs.worker
import app`, `from pretix.celery_app import app`), or that imports the name from such a
module, through any chain of re-exports. A task decorator is also known under its aliases
(`job = shared_task`, `from celery import shared_task as job`), re-exported through any
chain of project modules, and as a factory function that passes its keyword arguments on
(`def job(**options): return app.task(queue="jobs", **options)`: `@job(bind=True)` takes
a pinned `name=` as the task decorator does).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import libcst as cst

from ..files import module_name_for
from ..types import Plan, SplitConfig
from .file_stamps import Stamp, stamp
from .nodes import walk

_CELERY_SOURCE = re.compile(rb"\bCelery\s*\(|^\s*(?:from\s+celery\b|import\s+celery\b)",
                            re.MULTILINE)


def root_name(expr: cst.BaseExpression) -> str | None:
    """`app` of `@app.task(...)`, `shared_task` of `@shared_task`."""
    if isinstance(expr, cst.Call):
        expr = expr.func
    while isinstance(expr, cst.Attribute):
        expr = expr.value
    return expr.value if isinstance(expr, cst.Name) else None


def _dotted(node: cst.BaseExpression | None) -> str:
    """`a.b.c` of a Name or Attribute chain; "" otherwise."""
    return (cst.helpers.get_full_name_for_node(node) or "") if isinstance(
        node, (cst.Name, cst.Attribute)) else ""


def _project_module(path: Path, module: str, level: int) -> Path | None:
    """The file of `module` (relative to `path`'s package when `level`), in the project."""
    name, import_root = module_name_for(path)
    if level:
        package = name.split(".")[: -level] if path.name != "__init__.py" else (
            name.split(".")[: len(name.split(".")) - level + 1])
        module = ".".join([*package, *([module] if module else [])])
    for root in (import_root, *_above(import_root)) if not level else (import_root,):
        base = root.joinpath(*module.split("."))
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return candidate
    return None


_TOP = (".git", "pyproject.toml", "setup.py", "setup.cfg", "manage.py")


def _above(import_root: Path) -> list[Path]:
    """The directories above an import root up to the project's top (a `.git`,
    `pyproject.toml`, `setup.py`, `setup.cfg` or `manage.py` there; at most 3): a Django
    project's `apps/` directory on sys.path imports `from proj.celery import app` from the
    directory above it (EvalAI)."""
    if any((import_root / top).exists() for top in _TOP):
        return []
    out = []
    for directory in list(import_root.parents)[:3]:
        out.append(directory)
        if any((directory / top).exists() for top in _TOP):
            return out
    return []


_CHAIN = 8  # project modules followed through re-exports (a cycle ends it too)


def _from_celery(path: Path, module: str, level: int, names: Collection[str] = (),
                 depth: int = _CHAIN) -> bool:
    """Whether `names` imported from `module` (relative to `path`) are Celery's: `celery`
    itself, a project module whose source makes or imports a Celery app, or one that
    imports one of `names` from such a module (a chain of re-exports)."""
    if not level and module.split(".")[0] == "celery":
        return True
    found = _project_module(path, module, level)
    try:
        if found is None or _CELERY_SOURCE.search(found.read_bytes()):
            return found is not None
    except OSError:
        return False
    tree = _parsed(found) if depth > 0 and names else None
    if tree is None:
        return False
    factories = [root_name(call) for stmt in tree.body if isinstance(stmt, cst.FunctionDef)
                 and stmt.name.value in names and (call := factory_call(stmt)) is not None]
    return _imports_celery(found, tree, names, depth - 1) or _imports_celery(
        found, tree, [r for r in factories if r is not None], depth - 1)  # `return app.task(...)`


def _imports_celery(path: Path, tree: cst.Module, names: Collection[str], depth: int) -> bool:
    """Whether the module at `path` imports one of `names` from a module it is Celery's in."""
    for small in _imports_from(tree):
        bound = {_bound(a): _dotted(a.name) for a in _names(small)}
        wanted = [bound[n] for n in names if n in bound]
        if wanted and _from_celery(path, _dotted(small.module), len(small.relative), wanted, depth):
            return True
    return False


def _parsed(path: Path) -> cst.Module | None:
    return _parsed_at(path, stamp(path))  # parsed again once changed (`file_stamps`)


@lru_cache(maxsize=64)
def _parsed_at(path: Path, _stamp: Stamp) -> cst.Module | None:
    try:
        return cst.parse_module(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, cst.ParserSyntaxError, RecursionError):
        return None


def _imports_from(module: cst.Module) -> list[cst.ImportFrom]:
    """The top-level `from m import a, b` statements of `module` (not star imports)."""
    return [small for stmt in module.body if isinstance(stmt, cst.SimpleStatementLine)
            for small in stmt.body
            if isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar)]


def _names(small: cst.ImportFrom) -> Sequence[cst.ImportAlias]:
    return small.names if not isinstance(small.names, cst.ImportStar) else ()


def returned_call(node: cst.FunctionDef) -> cst.Call | None:
    """The call a function's one statement returns (a docstring aside): `return
    app.task(...)`; not a call's call."""
    body = list(node.body.body) if isinstance(node.body, cst.IndentedBlock) else []
    if not body:
        return None
    first = body[0]
    if len(body) > 1 and isinstance(first, cst.SimpleStatementLine) and isinstance(
            first.body[0], cst.Expr) and isinstance(first.body[0].value, cst.SimpleString):
        body = body[1:]
    last = body[0] if len(body) == 1 else None
    small = last.body[0] if isinstance(last, cst.SimpleStatementLine) and len(last.body) == 1 else None
    call = small.value if isinstance(small, cst.Return) else None
    return call if isinstance(call, cst.Call) and not isinstance(call.func, cst.Call) else None


def factory_call(node: cst.FunctionDef) -> cst.Call | None:
    """The call a decorator factory returns, passing its `**options` on: the body of
    `def job(**options): return app.task(queue="jobs", **options)` (a docstring aside)."""
    star = node.params.star_kwarg
    call = returned_call(node)
    if star is None or call is None:
        return None
    passes = any(a.star == "**" and isinstance(a.value, cst.Name) and a.value.value == star.name.value
                 for a in call.args)
    return call if passes and not any(a.keyword is not None and a.keyword.value == "name"
                                      for a in call.args) else None


def _makes_celery(node: cst.FunctionDef) -> bool:
    """A factory: a def whose body calls `Celery(...)` (and so, in practice, returns it)."""
    return any(isinstance(call, cst.Call) and (
        (isinstance(call.func, cst.Name) and call.func.value == "Celery")
        or (isinstance(call.func, cst.Attribute) and call.func.attr.value == "Celery"))
        for call in walk(node.body))


@lru_cache(maxsize=1)  # asked by each new module of a plan that holds a task
def celery_roots(module: cst.Module, path: Path, codes: tuple[str, ...] | None = None
                 ) -> frozenset[str]:
    """The top-level names of `module` that are Celery's (an app, `shared_task`, the
    `celery` package), by the statements binding them (`codes`: their text, which a
    factory's must name `Celery` in)."""
    found: set[str] = set()
    codes = tuple(module.code_for_node(s) for s in module.body) if codes is None else codes
    for stmt, code in zip(module.body, codes, strict=True):
        if isinstance(stmt, cst.FunctionDef) and "Celery" in code and _makes_celery(stmt):
            found.add(stmt.name.value)  # `celery_app = make_celery(app)` below is an app
        for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
                if _from_celery(path, _dotted(small.module), len(small.relative),
                                [_dotted(a.name) for a in small.names]):
                    found.update(_bound(a) for a in small.names)
            elif isinstance(small, cst.Import):
                found.update(_bound(a) for a in small.names if _dotted(a.name) == "celery")
            elif isinstance(small, cst.Assign) and isinstance(small.value, (cst.Call, cst.Attribute,
                                                                            cst.Name)):
                value = small.value
                made = isinstance(value, cst.Call) and _dotted(value.func).rpartition(".")[2] == (
                    "Celery")
                if made or root_name(value) in found:  # `app = Celery()`, `task = app.task`,
                    # `job = shared_task`
                    found.update(t.target.value for t in small.targets
                                 if isinstance(t.target, cst.Name))
    for stmt in module.body:  # `def job(**options): return app.task(**options)`
        call = factory_call(stmt) if isinstance(stmt, cst.FunctionDef) else None
        if isinstance(stmt, cst.FunctionDef) and call is not None and root_name(call) in found:
            found.add(stmt.name.value)
    return frozenset(found)


def _bound(alias: cst.ImportAlias) -> str:
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    return _dotted(alias.name).split(".")[0]


def imported_names(module: cst.Module) -> list[tuple[cst.ImportFrom, str, str]]:
    """Each name `module` imports at the top (`from m import a as b`): the statement, the
    name bound (`b`) and the name imported (`a`)."""
    return [(small, _bound(a), _dotted(a.name)) for small in _imports_from(module)
            for a in _names(small)]


dotted = _dotted
parsed = _parsed
project_module = _project_module


def task_aliases(module: cst.Module, path: Path, decorators: Collection[str]) -> tuple[str, ...]:
    """The names `module` binds to one of Celery's task decorators (`decorators`) under
    another name, which `task-decorators` does not list: `from celery import shared_task
    as job`, `job = shared_task`, or a name imported from a module of the project that
    binds it so, through any chain of re-exports (Nautobot's `nautobot_task = shared_task`
    in `nautobot.core.celery`), or a factory function passing its options on to one."""
    return tuple(sorted(_bound_aliases(module, path, tuple(decorators), _CHAIN) - set(decorators)))


def _bound_aliases(module: cst.Module, path: Path, decorators: tuple[str, ...],
                   depth: int) -> set[str]:
    """The names `module` binds to a task decorator: its own aliases, and names it imports
    from a project module that binds them so (followed name by name: one chain each)."""
    imported = {_bound(a) for small in _imports_from(module) for a in _names(small)
                if _imported_alias(path, small, _dotted(a.name), decorators, depth)}
    return _aliases(module, decorators, imported) | imported


def _imported_alias(path: Path, small: cst.ImportFrom, name: str, decorators: tuple[str, ...],
                    depth: int) -> bool:
    """Whether `name`, imported by `small` in the module at `path` from a project module,
    is a task decorator there (through `depth` more re-exports at most)."""
    dotted, level = _dotted(small.module), len(small.relative)
    if depth <= 0 or (not level and dotted.split(".")[0] == "celery"):
        return False  # (from celery: `_aliases`)
    target = _project_module(path, dotted, level)
    tree = _parsed(target) if target is not None else None
    if target is None or tree is None:
        return False
    for there in _imports_from(tree):  # the name imported there: follow it on
        for alias in _names(there):
            if _bound(alias) == name and not (not there.relative and _dotted(
                    there.module).split(".")[0] == "celery"):
                return _imported_alias(target, there, _dotted(alias.name), decorators, depth - 1)
    return name in _aliases(tree, decorators)


def _aliases(module: cst.Module, decorators: tuple[str, ...],
             imported: Collection[str] = ()) -> set[str]:
    """The names `module` binds to a task decorator itself: imported from celery (its own
    name too: a re-export), assigned one, or a factory passing its options on to one
    (`imported`: names it imports that are task decorators)."""
    out: set[str] = set()
    for stmt in module.body:
        for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar) \
                    and _dotted(small.module).split(".")[0] == "celery":
                out |= {_bound(a) for a in small.names if _dotted(a.name) in decorators}
            elif isinstance(small, cst.Assign) and isinstance(small.value, (cst.Name, cst.Attribute)) \
                    and _dotted(small.value).rpartition(".")[2] in decorators:
                out |= {t.target.value for t in small.targets if isinstance(t.target, cst.Name)}
        call = factory_call(stmt) if isinstance(stmt, cst.FunctionDef) else None
        if isinstance(stmt, cst.FunctionDef) and call is not None and (
                _dotted(call.func).rpartition(".")[2] in decorators
                or _dotted(call.func) in out or _dotted(call.func) in imported):
            out.add(stmt.name.value)  # a factory: `def job(**options): return app.task(...)`
    return out


def with_task_aliases(split: SplitConfig, module: cst.Module, path: Path) -> SplitConfig:
    """`split` with the source's aliases of its task decorators among them."""
    aliases = task_aliases(module, path, split.task_decorators)
    return replace(split, task_decorators=(*split.task_decorators, *aliases)) if aliases else split


_TASK_FINDING = re.compile(r"(?:pinned to|renamed from) '([^']+)'")


def task_names(plan: Plan) -> frozenset[str]:
    """The Celery names of the moved tasks the plan pins (GS200) or renames (GS205)."""
    return frozenset(match.group(1) for f in plan.findings if f.code in ("GS200", "GS205")
                     for match in [_TASK_FINDING.search(f.message)] if match)
