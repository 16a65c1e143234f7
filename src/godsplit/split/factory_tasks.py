"""Celery tasks made by a decorator factory that cannot pass `name=` on.

`def fixed(queue): return app.task(queue=queue)`, then `@fixed("a") def one(): ...`: the
task is named after the module `one` is defined in (`proj.tasks.one`), and routes, beat
entries and queued messages are keyed by that name. godsplit pins a moved task's name by
adding `name=` to its decorator; `fixed` takes no such keyword (a factory passing its
`**options` on is a task decorator: `celery_names.factory_call`), so moved, the task
would be renamed. Before, the plan said nothing and the import check caught the rename
(GS414): a rollback after a plan with no errors. Now such a move is a GS135 error at the
task's line (a warning with `pin-task-names = false`, where renames are accepted), and
`suggest` keeps the task in the old module (`keeping.keep_more` keeps what an error points
at).

The same holds for a decorator the god file imports from a module of the project, where it
is a function or an instance of a class whose code calls a Celery task decorator without
`name=` or `**options` (grand-challenge.org's `acks_late_2xlarge_task =
AcksLateTaskDecorator("acks-late-2xlarge")`, whose `_decorator` returns
`shared_task(acks_late=True, queue=...)(wraps(func)(wrapper))`: round 28, trial29), or a
value made there by calling a factory, a function or a class, of that module or imported
from a third one (`heavy_task = queued("heavy")`, `queued` returning `shared_task(queue=
queue)`: round 29)."""

from __future__ import annotations

from pathlib import Path

import libcst as cst

from ..types import FACADE, Finding, SplitConfig
from .analyze import Analysis
from .assign import Assignment
from .celery_names import (
    celery_roots,
    dotted,
    imported_names,
    parsed,
    project_module,
    returned_call,
    root_name,
)
from .nodes import walk

_CHAIN = 8  # re-exports followed to the module that binds an imported decorator


def fixed_factories(module: cst.Module, path: Path, decorators: tuple[str, ...]
                    ) -> frozenset[str]:
    """The module's functions returning a call of a Celery task decorator (`app.task(...)`,
    `shared_task(...)`: its root is Celery's, `celery_roots`) that passes neither `name=`
    nor `**options` on."""
    out: set[str] = set()
    roots: frozenset[str] | None = None
    for stmt in module.body:
        if not isinstance(stmt, cst.FunctionDef) or (call := returned_call(stmt)) is None:
            continue
        if _tail(call) not in decorators:
            continue
        roots = celery_roots(module, path) if roots is None else roots
        if _fixed_call(call, decorators, roots):
            out.add(stmt.name.value)
    return frozenset(out)


def _tail(call: cst.Call) -> str | None:
    """The called name's last part: `task` of `app.task(...)`, `shared_task`."""
    func = call.func
    return func.attr.value if isinstance(func, cst.Attribute) else (
        func.value if isinstance(func, cst.Name) else None)


def _fixed_call(call: cst.Call, decorators: tuple[str, ...], roots: frozenset[str],
                loose: bool = False) -> bool:
    """`shared_task(queue=q)` or `app.task(f)`: a call of a task decorator whose root is
    Celery's (`roots`), passing neither `name=` nor `**options` on (but for `loose`)."""
    return _tail(call) in decorators and root_name(call) in roots and (loose or not _named(call))


def _named(call: cst.Call) -> bool:
    """Whether `call` passes `name=` or `**options`."""
    return any(a.star == "**" or (a.keyword is not None and a.keyword.value == "name")
               for a in call.args)


def _makes_fixed_tasks(path: Path, name: str, decorators: tuple[str, ...], depth: int,
                       called: bool = False, loose: bool = False) -> bool:
    """Whether `name`, in the project module at `path`, is a function, a class, or (not
    `called`) a value made by calling one (`x = C(...)`, `x = factory(...)`, round 29: the
    callable also imported, from a third module) whose code calls a Celery task decorator
    that cannot take `name=` (`_fixed_call`; `loose`: any, as the call that made the
    value passed no `name=` or `**options` to a factory passing its options on); a
    re-export is followed."""
    tree = parsed(path)
    if tree is None or depth <= 0:
        return False
    for imported, alias, there in imported_names(tree):
        source = dotted(imported.module)
        if alias == name and not imported.relative and source.split(".")[0] == "celery":
            return False  # Celery's own decorator: pinned
        if alias == name:
            found = project_module(path, source, len(imported.relative))
            return found is not None and _makes_fixed_tasks(found, there, decorators,
                                                            depth - 1, called, loose)
    body = next((stmt for stmt in tree.body if isinstance(stmt, (cst.FunctionDef, cst.ClassDef))
                 and stmt.name.value == name), None)
    maker = None  # `acks_late_2xlarge_task = AcksLateTaskDecorator("...")`: the last one
    for stmt in tree.body if body is None and not called else ():
        for line in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
            if isinstance(line, cst.Assign) and isinstance(line.value, cst.Call) and any(
                    isinstance(t.target, cst.Name) and t.target.value == name
                    for t in line.targets):
                maker, loose = dotted(line.value.func), not _named(line.value)
    if maker and "." in maker:  # `factories.queued("heavy")` after `from proj import
        # factories`: the function of that module (round 30)
        attribute = module_attribute(tree, path, maker)
        return attribute is not None and _makes_fixed_tasks(
            attribute[0], attribute[1], decorators, depth - 1, True, loose)
    if maker:  # the callable, here or imported (a factory of module A that module B calls)
        return _makes_fixed_tasks(path, maker, decorators, depth - 1, True, loose)
    if body is None:
        return False
    roots = celery_roots(tree, path)
    return any(isinstance(node, cst.Call) and _fixed_call(node, decorators, roots, loose)
               for node in walk(body))


def imported_fixed(module: cst.Module, path: Path, decorators: tuple[str, ...]
                   ) -> dict[str, str]:
    """The decorators `module` imports from a module of the project that make Celery tasks
    without taking `name=` (`_makes_fixed_tasks`), each with the module it is imported
    from; Celery's own and the ones `decorators` lists (pinned) are not."""
    used = {d.value for stmt in module.body if isinstance(stmt, cst.FunctionDef)
            for decorator in stmt.decorators for d in [decorator.decorator] + (
                [decorator.decorator.func] if isinstance(decorator.decorator, cst.Call) else [])
            if isinstance(d, cst.Name)}  # only these are parsed where they come from
    out: dict[str, str] = {}
    for small, alias, there in imported_names(module):
        source = dotted(small.module)
        if alias not in used or alias in decorators or (
                not small.relative and source.split(".")[0] == "celery"):
            continue
        found = project_module(path, source, len(small.relative))
        if found is not None and _makes_fixed_tasks(found, there, decorators, _CHAIN):
            out[alias] = "." * len(small.relative) + source
    return out


def module_attribute(tree: cst.Module, path: Path, name: str) -> tuple[Path, str, str] | None:
    """`mod.factory` where `mod` is a module of the project that `tree` (the module at
    `path`) imports (`import proj.mod`, `import proj.mod as mod`, `from proj import mod`):
    (its file, `factory`, the module's name); None otherwise, or for Celery's own."""
    head, _, attr = name.rpartition(".")
    for stmt in tree.body if head else ():
        for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
            module, level = None, 0
            if isinstance(small, cst.Import):
                for alias in small.names:
                    full = dotted(alias.name)
                    bound = (alias.asname.name.value if alias.asname is not None
                             and isinstance(alias.asname.name, cst.Name) else None)
                    if head == bound or (bound is None and (full + ".").startswith(head + ".")):
                        module = full if bound else head  # `import a.b` makes `a.b` and `a`
            elif isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
                for alias in small.names:
                    bound = (alias.asname.name.value if alias.asname is not None
                             and isinstance(alias.asname.name, cst.Name) else dotted(alias.name))
                    if bound == head:
                        module = ".".join(filter(None, (dotted(small.module), dotted(alias.name))))
                        level = len(small.relative)
            if module is None or (not level and module.split(".")[0] == "celery"):
                continue
            found = project_module(path, module, level)
            if found is not None:
                return found, attr, "." * level + module
    return None


def _module_fixed(module: cst.Module, path: Path, decorators: tuple[str, ...]) -> dict[str, str]:
    """The decorators `module` uses as an attribute of a project module it imports
    (`@factories.queued("light")`, `@decorators.heavy_task`) that make Celery tasks without
    taking `name=` (`_makes_fixed_tasks`), each with that module's name (round 30)."""
    used = {dotted(d) for stmt in module.body if isinstance(stmt, cst.FunctionDef)
            for decorator in stmt.decorators for d in [decorator.decorator] + (
                [decorator.decorator.func] if isinstance(decorator.decorator, cst.Call) else [])
            if isinstance(d, cst.Attribute)}
    out: dict[str, str] = {}
    for name in sorted(used - {""}):
        found = module_attribute(module, path, name)
        if found is not None and _makes_fixed_tasks(found[0], found[1], decorators, _CHAIN):
            out[name] = found[2]
    return out


def factory_task_findings(analysis: Analysis, assignment: Assignment,
                          split: SplitConfig) -> list[Finding]:
    """GS135 for each moved function decorated with `@F(...)` for such a factory `F`, or
    with `@D`/`@D(...)` for such a decorator `D` imported from the project."""
    factories = fixed_factories(analysis.module, analysis.path, split.task_decorators)
    imported = imported_fixed(analysis.module, analysis.path, split.task_decorators)
    imported |= _module_fixed(analysis.module, analysis.path, split.task_decorators)
    if not factories and not imported:
        return []
    out = []
    for unit in analysis.units:
        module = assignment.module_of.get(unit.id, FACADE)
        if module == FACADE:
            continue
        for index in unit.stmts:
            stmt = analysis.module.body[index]
            if not isinstance(stmt, cst.FunctionDef):
                continue
            for decorator in stmt.decorators:
                d = decorator.decorator
                name = d.func if isinstance(d, cst.Call) else d
                if isinstance(d, cst.Call) and isinstance(d.func, cst.Name) \
                        and d.func.value in factories:
                    out.append(_finding(analysis, stmt.name.value, d.func.value, module,
                                        split.pin_task_names, analysis.code_line(index)))
                elif (used := dotted(name)) in imported:
                    out.append(_finding(analysis, stmt.name.value, used, module,
                                        split.pin_task_names, analysis.code_line(index),
                                        imported[used]))
    return out


def _finding(analysis: Analysis, task: str, factory: str, module: str, pinned: bool,
             line: int, source: str = "") -> Finding:
    made = (f"`{factory}(...)`" if not source else f"`{factory}` (of {source})" if "." in factory
            else f"`{factory}` (imported from {source})")
    what = (f"Celery task {task!r} is made by {made}, which calls a task decorator "
            f"without passing `name=` on: moved to {module}, Celery would name it after "
            "its new module, and routes, beat entries and queued messages use the old name")
    if not pinned:
        return Finding("GS135", "warning", what + " (pin-task-names is off)",
                       str(analysis.path), line)
    advice = ("; keep it in the old module (`keep`)" if source else
              f"; keep {task} in the old module (`keep`), or let `{factory}` take "
              "`**options` and pass them on (godsplit then pins `name=`)")
    return Finding("GS135", "error", what + advice, str(analysis.path), line)
