"""`__main__` guards: the blocks that run only as `__main__`, and those that run on import too.

`if __name__ == "__main__":` with no `else` is the module's `__main__` block: a package
split moves it to `__main__.py`. With an `else`, or as `!=`, one branch runs on every import:
the block is code that stays in the old module (`classify`, `main_name`).
"""

from __future__ import annotations

import libcst as cst


def is_main_block(stmt: cst.CSTNode) -> bool:
    """`if __name__ == "__main__":` with no `else`: code that runs only as `__main__`. An
    `else` (or `!=`, whose body is the other branch) runs on every import: such a block is
    code that stays in the old module, as its names (PuLP's `if __name__ != "__main__":
    DIRNAME = ... else: from pulp import __file__`, read by the code below it)."""
    return isinstance(stmt, cst.If) and _is_main_guard(stmt.test) and stmt.orelse is None


def is_main_guard(stmt: cst.CSTNode) -> bool:
    """`if __name__ == "__main__":` or `!=`, with or without an `else`."""
    return isinstance(stmt, cst.If) and _is_main_guard(stmt.test, also_not=True)


def _is_main_guard(test: cst.BaseExpression, *, also_not: bool = False) -> bool:
    """`__name__ == "__main__"` (and `!=` too with `also_not`)."""
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return False
    operators = (cst.Equal, cst.NotEqual) if also_not else (cst.Equal,)
    if not isinstance(test.comparisons[0].operator, operators):
        return False
    sides = [test.left, test.comparisons[0].comparator]
    names = {s.value for s in sides if isinstance(s, cst.Name)}
    strings = {s.evaluated_value for s in sides if isinstance(s, cst.SimpleString)}
    return names == {"__name__"} and strings == {"__main__"}
