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

from collections import defaultdict
from collections.abc import Collection

import libcst as cst

from ..split.analyze import Analysis, Unit
from ..split.assign import Assignment, assign
from ..split.imports import from_import
from ..split.needs import collect_needs, module_edges
from ..split.transforms import pinned_code, task_decorator
from ..types import Finding, SplitConfig

HEAD = 4  # the module docstring and the blank lines after it and after the imports
GUARD = 4  # try:, except ImportError as e:, if ... not in sys.modules:, raise
LATE = 3  # the comment and blank lines before a module's late imports
HAND_OVER = 1  # if f"{__package__}.peer" in sys.modules:


def statement(module: str, names: Collection[str], width: int) -> int:
    """Lines of `from <module> import <names>`, wrapped as the engine writes it (one name a
    line when it does not fit, as ruff, black and isort's black profile do)."""
    return from_import(module, sorted(names), width).count("\n")


def _handed(ref: str, names: Collection[str], width: int) -> int:
    """Lines of a hand-over's `vars(sys.modules["<ref>"]).setdefault("name", name)`, one
    a name, each on one line or wrapped onto three."""
    head = 4 + len(f'vars(sys.modules["{ref}"]).setdefault(')
    return sum(1 if head + 2 * len(n) + 5 <= width else 3 for n in names)


def _module_of(stmt: cst.BaseStatement) -> str | None:
    """`x.y` of a one-line `from x.y import ...` (dots kept), else None."""
    small = stmt.body[0] if isinstance(stmt, cst.SimpleStatementLine) and len(
        stmt.body) == 1 else None
    if not isinstance(small, cst.ImportFrom):
        return None
    dots = "." * len(small.relative)
    return dots + (cst.helpers.get_full_name_for_node(small.module) or "" if small.module else "")


def estimate(analysis: Analysis, split: SplitConfig, line_length: int,
             pins: dict[int, int] | None = None, assignment: Assignment | None = None
             ) -> dict[str, int]:
    """Predicted lines of each new module of `split` (the facade excluded). `pins`: the
    lines each unit's pinned task decorators gain, by unit id, kept between the calls of
    one suggestion (they do not depend on the mapping). `assignment`: the split's, if made
    (the plan of the same split takes it over)."""
    pins = {} if pins is None else pins
    assignment = assign(analysis, split) if assignment is None else assignment
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
            if unit.id not in pins:
                pins[unit.id] = _pinned(analysis, unit, split, line_length)
            moved[module] += unit.lines - blank + 2 + pins[unit.id]
    out = {}
    future = any(u.kind == "future" for u in analysis.units)
    header = len(analysis.module.header)  # a licence or coding comment, copied to each module
    for module in order:
        lines = HEAD + header + moved[module] + (2 if future else 0)
        roots = set()
        for uid, names in needs[module].imports.items():
            unit = analysis.units[uid]
            source = _module_of(analysis.module.body[unit.first])
            if source is not None and len(unit.stmts) == 1 and "#" not in analysis.code(
                    unit.first):
                lines += statement(source, names, line_length)
            else:
                lines += unit.lines
            roots.add((source or "").split(".")[0])
        lines += min(len(roots), 3) - 1 if roots else 0  # between stdlib, third-party, local
        kept = needs[module].kept  # names that stay in the old module, imported from it
        if kept:
            lines += statement(split.source.stem, kept, line_length)
            lines += LATE if not all(kept.values()) else 1
        for edge in edges:
            if edge.source != module:
                continue
            if edge.deferred:  # a guarded one is indented in its `try:`
                lines += statement(f".{edge.target}", edge.names,
                                   line_length - (4 if edge.backpatch else 0))
                lines += GUARD if edge.backpatch else 0
            elif edge.names:
                lines += statement(f".{edge.target}", edge.names, line_length)
            lines += 1 if edge.live else 0
        if any(e.deferred or e.live_last for e in edges if e.source == module):
            lines += LATE
        peers = [e for e in edges if e.target == module and e.backpatch]
        if peers:
            lines += LATE + 1  # its comment is two lines
        for edge in peers:
            # the peer's dotted name (relative, or absolute: the old module's is not known
            # here, its file's stem and 10 characters, as `_pinned` counts it)
            ref = f"{split.source.stem}{'.' * 10}.{edge.source}"
            lines += HAND_OVER + _handed(ref, edge.names, line_length)
        out[module] = lines
    return out


def _pinned(analysis: Analysis, unit: Unit, split: SplitConfig, line_length: int) -> int:
    """Lines a Celery task decorator gains when its task name is pinned (`name=` added), as
    the engine pins and wraps it."""
    extra = 0
    code = cst.Module([]).code_for_node
    for index in unit.stmts:
        node = analysis.module.body[index]
        if not isinstance(node, cst.FunctionDef) or not split.pin_task_names:
            continue
        found = task_decorator(node, split.task_decorators)
        args = found.decorator.args if found and isinstance(found.decorator, cst.Call) else ()
        if found is None or any(a.keyword and a.keyword.value == "name" for a in args):
            continue
        # the old module's dotted name is not known here: the file's stem, 10 more characters
        name = f"{split.source.stem}{'.' * 10}.{node.name.value}"
        before = code(found.decorator).count("\n")
        extra += pinned_code(found.decorator, name, line_length).count("\n") - before
    return extra
