"""The facade's imports of the new modules in source order, where sorted ones break it.

beets' `ui/commands.py` appends each command to `default_commands` after defining it, and
`beet help` lists them in that order. Split one command per module, the facade (the
package's `__init__.py`) runs the modules in the order its imports are written, and the
project's sorter writes them alphabetically: `package_order` finds the appends reordered
and the plan is refused (GS124). Here the facade's run of imports of the new modules is
written in the order the modules' code starts in the source, fenced with `# isort: off` /
`# isort: on` (isort and ruff's isort both leave what is between as it is). The caller
accepts it only if `package_order` then finds every such order kept (GS153), and the
project's sorter leaves the whole facade as it is.

Nothing is reordered where the facade already has isort action comments other than
godsplit's own fence around that run (they would nest), where the run is not one stretch of
top-level imports, or where one of its imports is not of a new module.
"""

from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING

from ..types import FACADE
from .grouping import ISORT_OFF, ISORT_ON

if TYPE_CHECKING:
    from .analyze import Analysis
    from .assign import Assignment
    from .layout import Layout

_ACTION = re.compile(r"#\s*(ruff:\s*)?isort\s*:", re.IGNORECASE)


def source_ordered(facade: str, analysis: Analysis, assignment: Assignment,
                    layout: Layout, ordered: frozenset[int] = frozenset()) -> str | None:
    """`facade` with its imports of the new modules in source order, fenced against the
    sorter: a module holding code of `ordered` (units whose import-time events must keep
    their order) by where its first such code is, any other by where its first code is
    (a helper defined early does not pull its module before the registrations above
    it); None where it cannot be done (see the module's docstring) or nothing would
    change."""
    starts: dict[str, int] = {}  # where each module's code starts
    marks: dict[str, int] = {}  # where its code of `ordered` starts
    for unit in analysis.units:
        module = assignment.module_of.get(unit.id, FACADE)
        if module != FACADE:
            starts[module] = min(starts.get(module, unit.line), unit.line)
            if unit.id in ordered:
                marks[module] = min(marks.get(module, unit.line), unit.line)
    first = starts | marks
    dotted = {layout.dotted(m).removesuffix(".__init__"): m for m in first}
    try:
        body = ast.parse(facade).body
    except SyntaxError:
        return None
    run = [i for i, stmt in enumerate(body) if _imported(stmt, layout, dotted) is not None]
    if not run or run != list(range(run[0], run[-1] + 1)):
        return None  # not one stretch of top-level statements
    lines = facade.splitlines(keepends=True)
    start, end = body[run[0]].lineno - 1, body[run[-1]].end_lineno or 0
    chunks: list[tuple[int, str]] = []
    at = start
    for index in run:
        stmt = body[index]
        imported = _imported(stmt, layout, dotted)
        assert imported is not None
        text = "".join(line for line in lines[at:(stmt.end_lineno or 0)] if line.strip())
        chunks.append((first[imported], text))  # with the comments above it in the run
        at = stmt.end_lineno or 0
    in_order = [text for _, text in sorted(chunks, key=lambda chunk: chunk[0])]
    if in_order == [text for _, text in chunks]:
        return None
    before, after = lines[:start], lines[end:]
    fenced = (before and before[-1].strip() == ISORT_OFF and
              [line.strip() for line in after if line.strip()][:1] == [ISORT_ON])
    outside = "".join(before[:-1] if fenced else before) + "".join(
        after[next(i for i, line in enumerate(after) if line.strip()) + 1:] if fenced else after)
    if _ACTION.search(outside) or any(_ACTION.search(text) for text in in_order):
        return None  # the facade's own isort action comments: a fence would nest
    if fenced:
        return "".join(before) + "".join(in_order) + "".join(after)
    if before and before[-1].strip():  # a comment after imports: a blank line first
        before.append("\n")
    return "".join(before) + ISORT_OFF + "\n" + "".join(in_order) + "\n" + ISORT_ON + "\n" + (
        "".join(after) if not after or not after[0].strip() else "\n" + "".join(after))


def _imported(stmt: ast.stmt, layout: Layout, dotted: dict[str, str]) -> str | None:
    """The new module a top-level `from ... import` of the facade imports names from."""
    if not isinstance(stmt, ast.ImportFrom) or not stmt.module:
        return None
    base = stmt.module
    if stmt.level:
        package = layout.facade_package
        for _ in range(stmt.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if package else base
    return dotted.get(base)
