"""GS149: the project deletes the old module from `sys.modules` (to import it again).

mock's tests delete `mock.mock` from `sys.modules` and import it again. Before the split,
that second import ran all of the module's code again: new objects, beside those of the
first import, which keep their own globals. Split, the facade of such a module carries
`runtime/fresh_import.py`: imported anew (not reloaded), it takes the new modules a
previous import imported out of `sys.modules` before its imports of them, so they run
anew too; the first import's objects keep their own modules. An info at each
`del sys.modules["old"]` or `sys.modules.pop("old")` in the project's Python files but
the god file, searched as `find_reloads` searches them (`reloads.search_project`; a name
built at run time, or `modules` imported from `sys`, is not seen, and then the facade has
no such code: a second import shares the first import's new modules).
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import libcst as cst
from libcst.helpers import get_full_name_for_node
from libcst.metadata import MetadataWrapper, PositionProvider

from ..types import Finding
from .reloads import search_project


class _Deletes(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, old: str) -> None:
        super().__init__()
        self.old = old
        self.lines: list[int] = []

    def _names_old(self, node: cst.BaseExpression) -> bool:
        return isinstance(node, cst.SimpleString) and node.evaluated_value == self.old

    def _found(self, node: cst.CSTNode) -> None:
        self.lines.append(self.get_metadata(PositionProvider, node).start.line)

    def visit_Del(self, node: cst.Del) -> None:
        targets = node.target.elements if isinstance(node.target, cst.Tuple) else [node.target]
        for target in targets:
            value = target.value if isinstance(target, cst.Element) else target
            if isinstance(value, cst.Subscript) and get_full_name_for_node(
                    value.value) == "sys.modules" and len(value.slice) == 1:
                index = value.slice[0].slice
                if isinstance(index, cst.Index) and self._names_old(index.value):
                    self._found(node)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "pop" and (
                get_full_name_for_node(func.value) == "sys.modules") and node.args and (
                self._names_old(node.args[0].value)):
            self._found(node)


def delete_findings(root: Path, old: str, exclude: Collection[Path] = ()) -> list[Finding]:
    """A GS149 info at each place in the project's Python files (but `exclude`,
    resolved) that deletes module `old` from `sys.modules`."""
    quoted = (f'"{old}"'.encode(), f"'{old}'".encode())

    def lines(module: cst.Module) -> list[int]:
        visitor = _Deletes(old)
        MetadataWrapper(module, unsafe_skip_copy=True).visit(visitor)
        return visitor.lines

    return [Finding("GS149", "info", (
        f"the project deletes {old!r} from sys.modules here: imported anew, its facade "
        "imports its new modules anew too (as the module ran all its code again), so "
        "what they make at import time is made anew; the first import's objects keep "
        "their own modules"), str(path), line) for path, line in search_project(
            root, exclude, lambda data: b"sys.modules" in data and any(q in data for q in quoted),
            lines)]
