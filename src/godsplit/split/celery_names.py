"""Which task decorators of a module are Celery's, whose task names godsplit pins.

Celery names a task after its function's module, so a moved task needs `name=`. Other
libraries have a `@task` too, and name tasks otherwise: invoke's (and fabric's) by the
function's name (`name="tasks.build"` renamed `invoke build` and broke the collection),
prefect's and airflow's by the function, taskiq's as `module:function`. So a decorator is
pinned only when its root name is Celery's: imported from `celery`, made by `Celery(...)`
in the file or by a factory function of the file that calls it (`celery_app =
make_celery(flask_app)`, the pattern of Flask's documentation), or imported from a module
of the project whose source makes or imports a Celery app (`from readthedocs.worker
import app`, `from pretix.celery_app import app`).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import libcst as cst

from ..files import module_name_for
from ..types import SplitConfig
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
    base = import_root.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _from_celery(path: Path, module: str, level: int) -> bool:
    if not level and module.split(".")[0] == "celery":
        return True
    found = _project_module(path, module, level)
    try:
        return found is not None and bool(_CELERY_SOURCE.search(found.read_bytes()))
    except OSError:
        return False


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
                if _from_celery(path, _dotted(small.module), len(small.relative)):
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
    return frozenset(found)


def _bound(alias: cst.ImportAlias) -> str:
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    return _dotted(alias.name).split(".")[0]


def task_aliases(module: cst.Module, path: Path, decorators: Collection[str]) -> tuple[str, ...]:
    """The names `module` binds to one of Celery's task decorators (`decorators`) under
    another name, which `task-decorators` does not list: `from celery import shared_task
    as job`, `job = shared_task`, or a name imported from a module of the project that
    binds it so (Nautobot's `nautobot_task = shared_task` in `nautobot.core.celery`)."""
    found = _aliases(module, tuple(decorators))
    for stmt in module.body:
        for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
            if not isinstance(small, cst.ImportFrom) or isinstance(small.names, cst.ImportStar):
                continue
            dotted, level = _dotted(small.module), len(small.relative)
            target = None if not level and dotted.split(".")[0] == "celery" else (
                _project_module(path, dotted, level))
            there = _file_aliases(target, tuple(decorators)) if target is not None else set()
            found |= {_bound(a) for a in small.names if _dotted(a.name) in there}
    return tuple(sorted(found - set(decorators)))


def _aliases(module: cst.Module, decorators: tuple[str, ...]) -> set[str]:
    out: set[str] = set()
    for stmt in module.body:
        for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar) \
                    and _dotted(small.module).split(".")[0] == "celery":
                out |= {_bound(a) for a in small.names if _dotted(a.name) in decorators}
            elif isinstance(small, cst.Assign) and isinstance(small.value, (cst.Name, cst.Attribute)) \
                    and _dotted(small.value).rpartition(".")[2] in decorators:
                out |= {t.target.value for t in small.targets if isinstance(t.target, cst.Name)}
    return out


@lru_cache(maxsize=64)
def _file_aliases(path: Path, decorators: tuple[str, ...]) -> frozenset[str]:
    try:
        return frozenset(_aliases(cst.parse_module(path.read_text(encoding="utf-8")), decorators))
    except (OSError, UnicodeDecodeError, cst.ParserSyntaxError, RecursionError):
        return frozenset()


def with_task_aliases(split: SplitConfig, module: cst.Module, path: Path) -> SplitConfig:
    """`split` with the source's aliases of its task decorators among them."""
    aliases = task_aliases(module, path, split.task_decorators)
    return replace(split, task_decorators=(*split.task_decorators, *aliases)) if aliases else split
