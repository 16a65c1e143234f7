"""`# noqa: TC001` on an import between new modules of names read only in annotations.

Such a name was a global of the god file, there at run time: `typing.get_type_hints`,
pydantic and `functools.singledispatch` evaluate annotations and find it. So godsplit
imports it at run time in the new module too (`Edge.typing_only`). Where annotations are
not evaluated when the code runs (`from __future__ import annotations`), ruff's
flake8-type-checking rules take that import for one that belongs in an `if
TYPE_CHECKING:` block (TC001: an import of the project's own code, as every import
between new modules is), and a fixer would move it there, breaking those readers (Pillow's
`from .image import Image` in the modules whose functions take an `Image`). Where the
project enables TC001, the import carries a targeted noqa.
"""

from __future__ import annotations

from pathlib import Path

from ..types import Edge
from .style import Style

CODE = "TC001"


def typing_imports_flagged(style: Style | None, path: Path, future_annotations: bool) -> bool:
    """Whether the project's linters report TC001 on a run-time import, in `path`, of names
    its annotations alone read: only with postponed annotations (else they are evaluated
    as the code runs, and the import is needed then)."""
    return future_annotations and style is not None and style.enables(CODE, path)


def with_typing_noqa(comment: str, edge: Edge, flagged: bool) -> str:
    """`comment` (empty, or `  # noqa: E402`) with TC001 added for a typing-only edge."""
    if not (flagged and edge.typing_only):
        return comment
    return f"{comment}, {CODE}" if comment else f"  # noqa: {CODE}"
