"""Relative imports a project bans: written absolute in the files a split generates.

A god file's `from .utils import x` becomes `from ..utils import x` in a new module one
package down. Projects that ban relative imports from parent packages (ruff's TID252 and
flake8-tidy-imports' I252, `ban-relative-imports = "parents"`, ruff's default once the rule
is on) or all relative imports (`"all"`; flake8-tidy-imports' `true`) would report every
such line. Where the project's linter reports them, the generated files import those
modules by their absolute name instead, before the import blocks are sorted (the sorter
then places them among the first-party imports, as the project's own would be).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Literal

import libcst as cst

from .normalize import Block, Piece
from .style import Style

Ban = Literal["", "parents", "all"]


def relative_ban(style: Style | None, path: Path) -> Ban:
    """What the project's linters report of relative imports in `path`: nothing, those
    from a parent package (two dots or more), or all of them."""
    if style is None:
        return ""
    bans = {ban for code, ban in style.relative_bans
            if (rules := style.ruff if code == "TID252" else style.flake8) is not None
            and rules.enables(code, path)}
    return "all" if "all" in bans else "parents" if bans else ""


def absolute_target(package: str, dots: int, module: str | None) -> str | None:
    """The absolute name of `from <dots><module>` written in `package` (None when the dots
    climb above the top-level package)."""
    parts = package.split(".") if package else []
    if dots - 1 > len(parts) - 1 or not parts:
        return None
    base = parts[: len(parts) - (dots - 1)]
    return ".".join(base + (module.split(".") if module else [])) or None


class _Absolute(cst.CSTTransformer):
    def __init__(self, package: str, least: int) -> None:
        self.package = package
        self.least = least  # the fewest dots reported

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom:
        dots = len(updated_node.relative)
        if dots < self.least or dots == 0:
            return updated_node
        module = (cst.helpers.get_full_name_for_node(updated_node.module)
                  if updated_node.module is not None else None)
        target = absolute_target(self.package, dots, module)
        if target is None:
            return updated_node
        return updated_node.with_changes(
            relative=[], module=cst.parse_expression(target),
            whitespace_after_from=cst.SimpleWhitespace(" "))


def absolute_imports(text: str, package: str, ban: Ban) -> str:
    """`text` with the relative imports `ban` reports written absolute (the text as it was
    when it does not parse by itself or has none)."""
    if not ban or "from ." not in text:
        return text
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError:
        return text
    changed = module.visit(_Absolute(package, 1 if ban == "all" else 2))
    return changed.code if not changed.deep_equals(module) else text


def absolute_pieces(
    files: Mapping[Path, Sequence[Piece]], packages: Mapping[Path, str], style: Style | None,
) -> dict[Path, list[Piece]]:
    """Each generated file's pieces with the relative imports the project bans there
    written absolute; `packages`: the package each file's relative imports start from."""
    out: dict[Path, list[Piece]] = {}
    for path, pieces in files.items():
        ban = relative_ban(style, path)
        package = packages[path]
        out[path] = [
            replace(p, text=absolute_imports(p.text, package, ban)) if isinstance(p, Block)
            else absolute_imports(p, package, ban) for p in pieces
        ] if ban else list(pieces)
    return out
