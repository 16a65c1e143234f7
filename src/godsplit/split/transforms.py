"""The only edits godsplit makes to moved code, each one listed in the plan.

- Celery tasks without `name=` get their old name pinned (Celery derives it from
  `__module__`, which changes when the code moves). With keep-module-name a task
  decorator (or call, `app.task(f, name=...)` too) also gets `__module__="<old module>"`:
  Celery sets each option as an attribute of the task's class, so it reports the old module
  (what a pickled task and the worker's `include` read); the function's own
  `__module__` (`task.run`, which `celery.contrib.sphinx` compares) still names the new
  module (the name binds a lazy proxy).
- Reads of the module global `__name__` become the old module's name as a string, so
  loggers, registries and lock keys keep their names (not in a `__main__.py`).
- Reads of a global rebound at run time (`global x`) in another module become `home.x`,
  so they see its current value.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import libcst as cst

from ..types import Finding
from .analyze import Analysis, Unit
from .celery_names import celery_roots, root_name
from .file_path import FILE_READS, directory_reads, inside, path_uses
from .module_globals import annotations_reads
from .nodes import called_name
from .task_classes import pin_finding, pinned_class, plan_task_classes


@dataclass(frozen=True)
class Edits:
    name_ids: frozenset[int]  # ids of `__name__` Name nodes to replace
    tasks: frozenset[int]  # ids of FunctionDef nodes whose task name is pinned
    findings: tuple[Finding, ...]
    package_ids: frozenset[int] = frozenset()  # ids of `__package__` Name nodes to replace
    old_package: str = ""
    # tasks made by a call, `app.task(f)` or `shared_task(**opts)(f)`, and task classes
    # registered in the file: (statement index, id of the call that gets `name=` or of the
    # class that gets `name = ...`, the task's old name)
    task_calls: tuple[tuple[int, int, str], ...] = ()
    file_ids: frozenset[int] = frozenset()  # ids of `__file__` Name nodes to replace
    file_name: str = "_SOURCE_FILE"  # the constant holding the old path that replaces them
    module_name: str = ""  # keep-module-name: `__module__=` added to the tasks' decorators
    named: frozenset[int] = frozenset()  # tasks (of `tasks`) with a `name=` of their own


decorator_name = called_name  # the name a decorator (or a call) calls


def task_decorator(node: cst.FunctionDef, names: Collection[str]) -> cst.Decorator | None:
    """The Celery task decorator of a function, if it has one."""
    for decorator in node.decorators:
        if decorator_name(decorator.decorator) in names:
            return decorator
    return None


def _has_name_kwarg(decorator: cst.Decorator | cst.BaseExpression) -> bool:
    expr = decorator.decorator if isinstance(decorator, cst.Decorator) else decorator
    return isinstance(expr, cst.Call) and any(
        arg.keyword is not None and arg.keyword.value == "name" for arg in expr.args
    )


def _task_call(stmt: cst.BaseStatement, names: Collection[str]) -> tuple[cst.Call, str] | None:
    """`x = app.task(f, ...)` or `x = shared_task(**opts)(f)` (also as a bare expression):
    the call that takes the task's options, and the name of the function `f`."""
    if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
        return None
    small = stmt.body[0]
    value = small.value if isinstance(small, (cst.Assign, cst.AnnAssign, cst.Expr)) else None
    if not isinstance(value, cst.Call) or not value.args:
        return None
    first = value.args[0]
    if first.keyword is not None or first.star or not isinstance(first.value, cst.Name):
        return None
    if decorator_name(value.func) in names and not isinstance(value.func, cst.Call):
        return value, first.value.value  # app.task(f, bind=True)
    if isinstance(value.func, cst.Call) and len(value.args) == 1 and (
            decorator_name(value.func.func) in names):
        return value.func, first.value.value  # shared_task(bind=True)(f)
    return None


def _not_celery(expr: cst.BaseExpression, path: str, line: int) -> Finding:
    root = root_name(expr)
    return Finding("GS219", "info", f"`{root}` is not Celery's (not imported from celery, made "
                   "by Celery(), nor imported from a module that makes or imports one): the "
                   "task's name is left as that library derives it", path, line)


def _defined_here(analysis: Analysis, name: str) -> bool:
    """Whether `name` is bound once, by a top-level `def` of this module."""
    binders = analysis.binders.get(name, ())
    if len(binders) != 1:
        return False
    return any(isinstance(node := analysis.module.body[index], cst.FunctionDef)
               and node.name.value == name for index in analysis.units[binders[0]].stmts)


def plan_edits(
    analysis: Analysis, units: list[Unit], old_module: str, decorators: Collection[str],
    pin_tasks: bool, old_package: str = "", new_package: str = "", keep_module: bool = False,
) -> Edits:
    path = str(analysis.path)
    stmts = {i for u in units for i in u.stmts}
    findings: list[Finding] = []
    name_ids: set[int] = set()
    package_ids: set[int] = set()
    file_ids: set[int] = set()
    file_movable = inside(old_package, new_package)
    for read in analysis.nodes.name_reads:
        if read.stmt not in stmts:
            continue
        line = analysis.code_line(read.stmt)
        if read.dunder == "__file__":
            if file_movable and directory_reads(analysis.module.body[read.stmt], (read.node_id,)):
                file_ids.add(read.node_id)
                findings.append(Finding(
                    "GS201", "info", "`__file__` replaced by the old module's path, made from "
                    "the new module's, so the directory made from it stays the same", path, line))
            elif path_uses(analysis.module.body[read.stmt], (read.node_id,)).get(
                    read.node_id) not in FILE_READS:  # reading the file itself: GS156
                findings.append(Finding("GS203", "warning", "`__file__` read (for more than its "
                                        "directory): the moved code's file path changes", path,
                                        line))
            continue
        spelled = read.dunder  # or `__spec__.parent` / `.name`: the node is an Attribute
        if read.node_id != id(analysis.nodes.dunder_nodes[read.node_id]):
            spelled = "__spec__.parent" if read.dunder == "__package__" else "__spec__.name"
        if read.dunder == "__package__":  # only ever used to resolve relative names
            if old_package != new_package:
                package_ids.add(read.node_id)
                findings.append(Finding(
                    "GS201", "info", f"`{spelled}` replaced by {old_package!r} so relative "
                    "names resolve as before", path, line,
                ))
            continue
        # inside a function too: the module is imported, not run, when its code is called
        # (`cache.add(f"{__name__}-lock")`, `get_data(__name__, ...)`), so the old name is
        # the value it had; a module run as `__main__` keeps its own (render, MAIN)
        name_ids.add(read.node_id)
        findings.append(Finding(
            "GS201", "info", f"`{spelled}` replaced by {old_module!r} so the name stays the same",
            path, line,
        ))
    findings.extend(annotations_reads(analysis, stmts))
    tasks: set[int] = set()
    named: set[int] = set()
    roots: frozenset[str] | None = None  # the module's names that are Celery's, when needed
    for index in sorted(stmts):
        node = analysis.module.body[index]
        if not isinstance(node, cst.FunctionDef):
            continue
        decorator = task_decorator(node, decorators)
        has_name = decorator is not None and _has_name_kwarg(decorator)
        if decorator is None or (has_name and not (keep_module and pin_tasks)):
            continue
        roots = celery_roots(analysis.module, analysis.path, analysis.codes) if roots is None else roots
        if root_name(decorator.decorator) not in roots:
            if not has_name:
                findings.append(_not_celery(decorator.decorator, path, analysis.code_line(index)))
            continue
        if has_name:  # keep-module-name: its `__module__` only
            named.add(id(node))
            tasks.add(id(node))
            continue
        if pin_tasks:
            tasks.add(id(node))
        findings.append(pin_finding(f"{old_module}.{node.name.value}", pin_tasks, path,
                                    analysis.code_line(index)))
    calls: list[tuple[int, int, str]] = []
    for index in sorted(stmts):
        found = _task_call(analysis.module.body[index], decorators)
        if found is None or not _defined_here(analysis, found[1]):
            continue
        has_name = _has_name_kwarg(found[0])
        if has_name and not (keep_module and pin_tasks):
            continue
        roots = celery_roots(analysis.module, analysis.path, analysis.codes) if roots is None else roots
        if root_name(found[0]) not in roots:
            if not has_name:
                findings.append(_not_celery(found[0], path, analysis.code_line(index)))
            continue
        if has_name:  # keep-module-name: its `__module__` only ("": no name to pin)
            calls.append((index, id(found[0]), ""))
            continue
        # Celery names it from the function's `__module__`, which changes if it moves
        task_name = f"{old_module}.{found[1]}"
        if pin_tasks:
            calls.append((index, id(found[0]), task_name))
        findings.append(pin_finding(task_name, pin_tasks, path, analysis.code_line(index)))
    classes, class_findings = plan_task_classes(analysis, stmts, old_module, pin_tasks)
    findings += class_findings
    return Edits(frozenset(name_ids), frozenset(tasks), tuple(findings), frozenset(package_ids),
                 old_package, tuple(calls + classes), frozenset(file_ids),
                 "_SOURCE_FILE" if "_SOURCE_FILE" not in analysis.binders
                 else "_godsplit_source_file", old_module if keep_module and pin_tasks else "",
                 frozenset(named))


class _Apply(cst.CSTTransformer):
    def __init__(
        self, edits: Edits, old_module: str, decorators: Collection[str],
        live: Mapping[int, str], width: int = 88, quote: tuple[str, bool] = ('"', False),
    ) -> None:
        self.width = width  # the formatter's line length, for a decorator godsplit lengthens
        # of the strings written here, and whether it is the project's style (else a task's
        # `name=` is quoted as its decorator's other strings are): `quotes.new_quote`
        self.quote, self.fixed = quote
        self.edits = edits
        self.old_module = old_module
        self.decorators = decorators
        self.live = live
        self.quotes: list[str] = []  # quote characters of the f-strings we are inside

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        self.quotes.append(node.quote[0])

    def leave_FormattedString(
        self, original_node: cst.FormattedString, updated_node: cst.FormattedString
    ) -> cst.BaseExpression:
        self.quotes.pop()
        if any(isinstance(p, cst.FormattedStringExpression) for p in updated_node.parts):
            return updated_node
        # every placeholder was `__name__`: a plain string (`f"{__name__}.audit"`)
        text = "".join(p.value for p in updated_node.parts if isinstance(
            p, cst.FormattedStringText)).replace("{{", "{").replace("}}", "}")
        prefix = updated_node.prefix.replace("f", "").replace("F", "")
        return cst.SimpleString(f"{prefix}{updated_node.quote}{text}{updated_node.quote}")

    def leave_FormattedStringExpression(
        self, original_node: cst.FormattedStringExpression,
        updated_node: cst.FormattedStringExpression,
    ) -> cst.BaseFormattedStringContent:
        expression = original_node.expression  # `__name__`, or `__spec__.parent`
        if (isinstance(expression, (cst.Name, cst.Attribute)) and id(expression) in self.edits.name_ids
                | self.edits.package_ids and original_node.conversion is None
                and original_node.format_spec is None and original_node.equal is None):
            value = self.old_module if id(expression) in self.edits.name_ids else (
                self.edits.old_package)
            return cst.FormattedStringText(value)  # `f"{__name__}.x"` -> `f"pkg.old.x"`
        return updated_node

    def _old_name(self, node: cst.CSTNode) -> cst.SimpleString | None:
        """The string replacing a read of `__name__`, `__package__` or `__spec__.parent`."""
        if id(node) not in self.edits.name_ids | self.edits.package_ids:
            return None
        quote = ("'" if self.quotes[-1] == '"' else '"') if self.quotes else self.quote
        value = self.old_module if id(node) in self.edits.name_ids else self.edits.old_package
        return cst.SimpleString(f"{quote}{value}{quote}")

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        return self._old_name(original_node) or updated_node

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        if id(original_node) in self.edits.file_ids:
            return cst.parse_expression(self.edits.file_name)
        if (old := self._old_name(original_node)) is not None:
            return old
        home = self.live.get(id(original_node))
        if home is not None:  # a global rebound at run time in another module: read it there
            return cst.Attribute(value=cst.Name(home), attr=updated_node)
        return updated_node

    def _pin(self, node: cst.CSTNode) -> str | None:
        """The old task name to pin on `node` (a call making a task, a task class)."""
        return next((name for _, at, name in self.edits.task_calls if at == id(node)), None)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        task_name = self._pin(original_node)
        return updated_node if task_name is None else _with_name(
            updated_node, task_name or None, self.quote, self.fixed, self.edits.module_name)

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef:
        task_name = self._pin(original_node)
        return updated_node if task_name is None else pinned_class(updated_node, task_name, self.quote)

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        if id(original_node) not in self.edits.tasks:
            return updated_node
        name = None if id(original_node) in self.edits.named else (
            f"{self.old_module}.{original_node.name.value}")
        decorators: list[cst.Decorator] = []
        for decorator in updated_node.decorators:
            if decorator_name(decorator.decorator) in self.decorators and not decorators_done(
                decorators, self.decorators
            ):
                decorator = decorator.with_changes(
                    decorator=pinned(decorator.decorator, name, self.width, self.quote, self.fixed,
                                     self.edits.module_name))
            decorators.append(decorator)
        return updated_node.with_changes(decorators=decorators)


def pinned(expr: cst.BaseExpression, task_name: str | None, width: int, quote: str = '"',
           fixed: bool = False, module: str = "") -> cst.BaseExpression:
    """A task decorator with `name="<task_name>"` (and `__module__="<module>"`) added,
    wrapped when it no longer fits."""
    return _wrapped(_with_name(expr, task_name, quote, fixed, module), width)


def pinned_code(expr: cst.BaseExpression, task_name: str, width: int) -> str:
    """The code of `pinned(expr, task_name, width)`, without parsing the wrapped call."""
    return _wrapping(_with_name(expr, task_name), width)[0]


def _with_name(expr: cst.BaseExpression, task_name: str | None, quote: str = '"',
               fixed: bool = False, module: str = "") -> cst.BaseExpression:
    """`name=` (and `__module__=`) added, in `quote` where it is `fixed` (the project's
    style), else quoted as the decorator's other strings are (`queue='web'`), else in
    `quote`."""
    quotes = [a.value.quote for a in expr.args if isinstance(a.value, cst.SimpleString)] if (
        isinstance(expr, cst.Call)) else []
    quote = quotes[0] if quotes and quotes[0] in ("'", '"') and not fixed else quote
    for keyword, value in (("name", task_name), ("__module__", module or None)):
        if value is not None:
            expr = _with_arg(expr, cst.Arg(
                keyword=cst.Name(keyword), value=cst.SimpleString(f"{quote}{value}{quote}"),
                equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace(""))))
    return expr


def decorators_done(done: list[cst.Decorator], names: Collection[str]) -> bool:
    return any(decorator_name(d.decorator) in names for d in done)


def _with_arg(expr: cst.BaseExpression, arg: cst.Arg) -> cst.BaseExpression:
    """Append `arg` to a decorator call, following its layout (one line or one arg a line)."""
    if not isinstance(expr, cst.Call):
        return cst.Call(func=expr, args=[arg])
    args = list(expr.args)
    if not args:
        return expr.with_changes(args=[arg])
    last = args[-1]
    if isinstance(expr.whitespace_before_args, cst.ParenthesizedWhitespace):
        previous = args[-2].comma if len(args) >= 2 else cst.MaybeSentinel.DEFAULT
        separator = previous if isinstance(previous, cst.Comma) else cst.Comma(
            whitespace_after=expr.whitespace_before_args
        )
    else:
        separator = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    args[-1] = last.with_changes(comma=separator, whitespace_after_arg=cst.SimpleWhitespace(""))
    new = arg.with_changes(comma=last.comma, whitespace_after_arg=last.whitespace_after_arg)
    return expr.with_changes(args=[*args, new])


def _wrapped(expr: cst.BaseExpression, width: int = 88) -> cst.BaseExpression:
    """A one-line decorator call that the added argument made too long, wrapped as black
    and ruff format wrap it: its arguments on one indented line, else one a line."""
    text, wrap = _wrapping(expr, width)
    return cst.parse_expression(text) if wrap else expr


def _wrapping(expr: cst.BaseExpression, width: int) -> tuple[str, bool]:
    """The code of `_wrapped(expr, width)`, and whether it differs from `expr`'s (LibCST
    gives back the exact text it parsed)."""
    code = cst.Module([]).code_for_node
    text = code(expr)
    if not isinstance(expr, cst.Call) or "\n" in text or "#" in text or len(text) + 1 <= width:
        return text, False
    parts = [code(a.with_changes(comma=cst.MaybeSentinel.DEFAULT,
                                 whitespace_after_arg=cst.SimpleWhitespace(""))) for a in expr.args]
    inner = "    " + ", ".join(parts)
    body = inner + "\n" if len(inner) <= width else "".join(f"    {p},\n" for p in parts)
    return f"{code(expr.func)}(\n{body})", True


def apply_edits(
    node: cst.BaseStatement, edits: Edits, old_module: str, decorators: Collection[str],
    walk: bool, live: Mapping[int, str] | None = None, width: int = 88,
    quote: tuple[str, bool] = ('"', False),
) -> cst.BaseStatement:
    """The statement with its edits; the tree is walked only when `__name__` is replaced
    or a rebound global is read (`live`: Name node id -> the module it is read from).
    `width`: the project formatter's line length (a lengthened decorator is wrapped);
    `quote`: of the strings written, and whether it is the project's (`quotes.new_quote`)."""
    transformer = _Apply(edits, old_module, decorators, live or {}, width, quote)
    if walk:
        result = node.visit(transformer)
        assert isinstance(result, cst.BaseStatement)
        return result
    if isinstance(node, cst.FunctionDef) and id(node) in edits.tasks:
        return transformer.leave_FunctionDef(node, node)
    return node
