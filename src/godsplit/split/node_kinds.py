"""`isinstance` for LibCST nodes on the hot paths, answered by the node's type.

LibCST's node classes are ABCs: `isinstance(x, cst.CSTNode)` runs `ABCMeta.__instancecheck__`,
a Python call, for each class tried (about a microsecond each; four for a miss against a
tuple of four). The passes that look at every node of a module (the analysis' node index,
`walk`, `children`, the constant-literal check) ask it millions of times on a 6,000-line
file. The answer depends only on the type: each type's is computed once, by `issubclass`.
"""

from __future__ import annotations

import libcst as cst


class Kinds:
    """Whether a value's type is a subclass of `kinds`, remembered by type."""

    def __init__(self, *kinds: type) -> None:
        self.kinds = kinds
        self.known: dict[type, bool] = {}

    def __call__(self, value: object) -> bool:
        kind = type(value)
        found = self.known.get(kind)
        if found is None:
            found = self.known[kind] = issubclass(kind, self.kinds)
        return found


is_node = Kinds(cst.CSTNode)
