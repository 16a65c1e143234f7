"""Whether the source binds `__all__`, and whether the live facade lists at run time the
globals moved code creates (`global x`, bound by no top-level statement)."""

from __future__ import annotations

from collections.abc import Collection

import libcst as cst

from .analyze import Analysis
from .layout import Layout


def binds_all(analysis: Analysis) -> bool:
    """The source binds `__all__` (a list, or one it computes)."""
    return analysis.dunder_all is not None or any("__all__" in u.binds for u in analysis.units)


def live_all(analysis: Analysis, layout: Layout, live: Collection[str]) -> bool:
    """The live facade's `__all__` also lists, when asked, the live globals that exist
    then: it writes `__all__` (a package facade; the source has none) and names are live."""
    return bool(live) and layout.facade_is_package and not binds_all(analysis)


def lazy_all(analysis: Analysis, layout: Layout, facade: str, served: Collection[str]) -> bool:
    """A package facade whose source has no `__all__` answers `import *` with the public
    names bound when it runs (`runtime/lazy_all.py`), where `__all__` could not be fixed
    when the facade ran: a package's `__init__.py` (submodules imported later are bound on
    it). A star import or code writing globals() of a plain module keeps the `__all__`
    the facade fixes when it runs (exact there, no function). Not where a module
    `__getattr__` is the source's own, the deprecated facade's or a static facade's for
    live globals."""
    return layout.facade_is_package and not binds_all(analysis) and not served and (
        facade != "deprecated" and "__getattr__" not in analysis.binders) and (
        analysis.path.name == "__init__.py")


class _ListComps(cst.CSTVisitor):
    """The list comprehensions under a node (without `libcst.matchers`, slow to import)."""

    def __init__(self) -> None:
        self.found: list[cst.ListComp] = []

    def visit_ListComp(self, node: cst.ListComp) -> None:
        self.found.append(node)


def list_comps(node: cst.CSTNode) -> list[cst.ListComp]:
    """Every list comprehension under `node` (the lazy `__all__`'s in an `if` block)."""
    visitor = _ListComps()
    node.visit(visitor)
    return visitor.found
