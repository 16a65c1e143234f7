"""Code that reads its module's own file (`open(__file__)`): no split keeps what it reads.

`__file__` made into a directory (`os.path.dirname(__file__)`, `Path(__file__).parent`) or
a sibling's path (`.with_suffix(".json")`) is the old module's path after the split
(`file_path`): data files are found as before. Reading the file itself is another thing:
moved code reads its new module's file, and code kept in the old module reads the facade,
which holds none of the code it read before (round 30, trial31: a split said "verified"
while `open(__file__).read()` gave another text; only GS203, a warning). No mapping can
keep those contents: GS156, an error the source must change for, at each statement that
reads it (`SOURCE_ERRORS`). Other reads of `__file__` (the path as text) stay GS203.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from ..types import Finding
from .analyze import Analysis
from .file_path import FILE_READS, parent_map, path_uses
from .nodes import walk


def own_file_errors(analysis: Analysis) -> list[Finding]:
    """GS156 at each statement reading the module's own file through `__file__`."""
    by_stmt: dict[int, set[int]] = {}
    for read in analysis.nodes.name_reads:
        if read.dunder == "__file__":
            by_stmt.setdefault(read.stmt, set()).add(read.node_id)
    findings = []
    for index, ids in sorted(by_stmt.items()):
        uses = sorted(u for u in path_uses(analysis.module.body[index], ids).values()
                      if u in FILE_READS)
        if uses:
            use = uses[0]
            line = _read_line(analysis, index, ids, use)
            how = f"Path(__file__){use}" if use.startswith(".") else f"{use[:-2]}(__file__)"
            findings.append(Finding(
                "GS156", "error", f"this code reads the module's own file (`{how}`): after "
                "the split no file holds what it read (moved code's `__file__` is its new "
                "module's file, and the old module's file is the facade), so no mapping keeps "
                "its behaviour: read the data from a file of its own, with a path made from "
                "`os.path.dirname(__file__)` (which godsplit keeps), before splitting",
                str(analysis.path), line))
    return findings


def _read_line(analysis: Analysis, index: int, ids: set[int], use: str) -> int:
    """The line of the expression reading the file (`open(`, `Path(__file__).read_text()`):
    the outermost call, attribute or argument over the `__file__` read that `use` takes."""
    stmt = analysis.module.body[index]
    uses = path_uses(stmt, ids)
    node_id = min(i for i in ids if uses.get(i) == use)
    parents = parent_map(stmt)
    top = next(n for n in walk(stmt) if id(n) == node_id)
    while isinstance(parent := parents.get(id(top)), (cst.Arg, cst.Call, cst.Attribute)):
        top = parent
    positions = MetadataWrapper(cst.Module(body=[stmt]), unsafe_skip_copy=True).resolve(
        PositionProvider)
    return analysis.stmt_lines[index] + positions[top].start.line - 1
