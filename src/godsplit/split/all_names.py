"""Whether the source binds `__all__`, and whether the live facade lists at run time the
globals moved code creates (`global x`, bound by no top-level statement)."""

from __future__ import annotations

from collections.abc import Collection

from .analyze import Analysis
from .layout import Layout


def binds_all(analysis: Analysis) -> bool:
    """The source binds `__all__` (a list, or one it computes)."""
    return analysis.dunder_all is not None or any("__all__" in u.binds for u in analysis.units)


def live_all(analysis: Analysis, layout: Layout, live: Collection[str]) -> bool:
    """The live facade's `__all__` also lists, when asked, the live globals that exist
    then: it writes `__all__` (a package facade; the source has none) and names are live."""
    return bool(live) and layout.facade_is_package and not binds_all(analysis)
