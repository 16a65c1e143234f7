"""How long each module of a mapping will be, without planning it.

`godsplit suggest` proves its mapping with a full plan (the project's tools sort and format
every generated line). Before that plan, `estimate` predicts each module's length from the
engine's own early stages (assignment, what each module imports, the edges between
modules): the moved code as it is, plus the import lines, the late imports of call-time
cycles (with their guards) and the names handed over to peers in a cycle, wrapped one
name a line when a statement does not fit the line length. A module predicted over
max-lines is cut before the plan, so the plan is made once, not once more after a GS105.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection

import libcst as cst

from ..split.analyze import Analysis, Unit
from ..split.assign import assign
from ..split.needs import collect_needs, module_edges
from ..split.transforms import task_decorator
from ..types import Finding, SplitConfig

HEAD = 4  # the module docstring and the blank lines after it and after the imports
GUARD = 4  # try:, except ImportError as e:, if ... not in sys.modules:, raise
LATE = 3  # the comment and blank lines before a module's late imports
HAND_OVER = 2  # if f"{__package__}.peer" in sys.modules:, vars(...).update(
_FROM = re.compile(r"^\s*from\s+(\S+)\s+import\b")


def statement(prefix: str, names: Collection[str], line_length: int, indent: int = 0) -> int:
    """Lines of `prefix` followed by `names`, comma-separated: one line if it fits, else one
    name a line between the opening and closing parenthesis (as ruff, black and isort's
    black profile wrap)."""
    width = indent + len(prefix) + sum(len(n) + 2 for n in names)
    return 1 if width <= line_length else len(names) + 2


def estimate(analysis: Analysis, split: SplitConfig, line_length: int) -> dict[str, int]:
    """Predicted lines of each new module of `split` (the facade excluded)."""
    assignment = assign(analysis, split)
    findings: list[Finding] = []
    order = list(assignment.modules)
    needs = {m: collect_needs(analysis, assignment, m, findings) for m in order}
    edges, _ = module_edges(analysis, needs, order)
    moved: dict[str, int] = defaultdict(int)
    for unit in analysis.units:
        module = assignment.module_of.get(unit.id)
        if module in needs:
            code = analysis.code(unit.first)  # leading blank lines become two
            blank = len(code) - len(code.lstrip("\n"))
            moved[module] += unit.lines - blank + 2 + _pinned(analysis, unit, split, line_length)
    out = {}
    future = any(u.kind == "future" for u in analysis.units)
    header = len(analysis.module.header)  # a licence or coding comment, copied to each module
    for module in order:
        lines = HEAD + header + moved[module] + (2 if future else 0)
        roots = set()
        for uid, names in needs[module].imports.items():
            unit = analysis.units[uid]
            text = analysis.code(unit.first)
            found = _FROM.match(text)
            if found and len(unit.stmts) == 1 and "#" not in text and "\\\n" not in text:
                lines += statement(f"from {found[1]} import ", names, line_length)
            else:
                lines += unit.lines
            roots.add(found[1].split(".")[0] if found else "")
        lines += min(len(roots), 3) - 1 if roots else 0  # between stdlib, third-party, local
        kept = needs[module].kept  # names that stay in the old module, imported from it
        if kept:
            lines += statement(f"from {split.source.stem} import ", kept, line_length)
            lines += LATE if not all(kept.values()) else 1
        for edge in edges:
            if edge.source != module:
                continue
            prefix = f"from .{edge.target} import "
            if edge.deferred:
                lines += statement(prefix, edge.names, line_length,
                                   4 if edge.backpatch else 0)
                lines += GUARD if edge.backpatch else 0
            elif edge.names:
                lines += statement(prefix, edge.names, line_length)
            lines += 1 if edge.live else 0
        if any(e.deferred for e in edges if e.source == module):
            lines += LATE
        peers = [e for e in edges if e.target == module and e.backpatch]
        if peers:
            lines += LATE
        for edge in peers:
            lines += HAND_OVER + statement("", [f"{n}={n}" for n in edge.names], line_length, 8)
        out[module] = lines
    return out


def _pinned(analysis: Analysis, unit: Unit, split: SplitConfig, line_length: int) -> int:
    """Lines a Celery task decorator gains when its task name is pinned (`name=` added):
    none while it fits on its line, else it wraps as the engine wraps it."""
    extra = 0
    for index in unit.stmts:
        node = analysis.module.body[index]
        if not isinstance(node, cst.FunctionDef) or not split.pin_task_names:
            continue
        found = task_decorator(node, split.task_decorators)
        if found is None:
            continue
        expr = found.decorator
        args = expr.args if isinstance(expr, cst.Call) else ()
        if any(a.keyword is not None and a.keyword.value == "name" for a in args):
            continue
        text = cst.Module([]).code_for_node(expr)
        pin = len(f', name="{split.source.stem}.{node.name.value}"') + 10  # the old module
        if "\n" in text or len(text) + 1 + pin <= line_length:
            continue
        inner = 4 + len(text) - len(cst.Module([]).code_for_node(
            expr.func if isinstance(expr, cst.Call) else expr)) + pin
        extra += 2 if inner <= line_length else len(args) + 3
    return extra
