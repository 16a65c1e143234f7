"""How far a line `migrate` rewrites is indented, for its line-length check.

`imports.render` kept a rewritten import on one line while the statement alone fit the
project's line length, but an import inside a function or class starts deeper: fontTools
4.69.1's `Tests/ttLib/tables/otTables_test.py` has `from fontTools.otlLib.builder import
buildAnchor, buildMarkBasePosSubtable` in a test function; migrated to
`fontTools.otlLib.builder.pos_tables`, the line was 89 columns, over black's 88, which
`black --check` then reported. The line's indentation now counts.
"""

from __future__ import annotations

from collections.abc import Mapping

import libcst as cst


def indent_width(
    module: cst.Module, parents: Mapping[cst.CSTNode, cst.CSTNode], line: cst.CSTNode
) -> int:
    """The columns before `line`: each indented block around it adds its own indent (the
    module's default where the block has none of its own)."""
    width = 0
    node = parents.get(line)
    while node is not None:
        if isinstance(node, cst.IndentedBlock):
            width += len(node.indent if node.indent is not None else module.default_indent)
        node = parents.get(node)
    return width
