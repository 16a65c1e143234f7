"""Code that finds files from the module named by `__name__`, which the package layout
moves one directory deeper.

`app = Flask(__name__)` looks for `templates/` and `static/` beside the module's file;
`Blueprint(..., __name__)`, `pkgutil.get_data(__name__, "data.json")` and
pkg_resources' `resource_filename(__name__, ...)` do the same. Split in the package layout,
`webapp.py` becomes `webapp/__init__.py`: the name `webapp` (the value `__name__` keeps)
now names a folder one level deeper, and every page failed with TemplateNotFound while the
split said it was fine. The sibling layout keeps `webapp.py` where it was: a plan error
says to use it (GS126), and `suggest` proposes it.
"""

from __future__ import annotations

from pathlib import Path

import libcst as cst

from ..types import Finding, SplitConfig
from .analyze import Analysis
from .nodes import called_name

LOCATORS = frozenset({"Flask", "Blueprint", "Quart", "APIFlask", "get_data", "files",
                      "resource_filename", "resource_string", "resource_stream",
                      "resource_exists", "resource_isdir", "resource_listdir"})


def locating_reads(analysis: Analysis) -> list[tuple[int, str]]:
    """(statement index, callee) of each call passed the module's `__name__` as the
    module it finds files from (`Flask(__name__)`, `get_data(__name__, ...)`)."""
    ids = {r.node_id: r.stmt for r in analysis.nodes.name_reads if r.dunder == "__name__"}
    if not ids:
        return []
    found: list[tuple[int, str]] = []

    class _Calls(cst.CSTVisitor):
        stmt = 0

        def visit_Call(self, node: cst.Call) -> None:
            name = called_name(node)
            if name not in LOCATORS:
                return
            for position, arg in enumerate(node.args):
                named = arg.keyword is not None and arg.keyword.value in (
                    "import_name", "package", "package_or_requirement")
                first = arg.keyword is None and position == (1 if name == "Blueprint" else 0)
                if (named or first) and id(arg.value) in ids:
                    found.append((self.stmt, name))

    visitor = _Calls()
    for index in sorted(set(ids.values())):
        visitor.stmt = index
        analysis.module.body[index].visit(visitor)
    return found


def moves_down(source: Path, split: SplitConfig) -> bool:
    """The package layout of a plain module: its file becomes `<name>/__init__.py`."""
    return split.package is None and source.name not in ("__init__.py", "__main__.py")


def location_findings(analysis: Analysis, split: SplitConfig) -> list[Finding]:
    if not moves_down(analysis.path, split):
        return []
    beside = f"{analysis.path.stem}_parts"
    return [Finding(
        "GS126", "error", f"`{name}(...)` given `__name__` finds files from the module's own "
        "file, and in "
        f"the package layout {analysis.path.name} becomes {analysis.path.stem}/__init__.py, "
        "one directory deeper: templates, static and data files would be looked for there. "
        f"Use the sibling layout (`package`, e.g. `{beside}` beside it)",
        str(analysis.path), analysis.code_line(index))
        for index, name in locating_reads(analysis)]
