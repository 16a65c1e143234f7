"""`__file__` in moved code: the old module's path, so paths made from it stay the same.

`HERE = os.path.dirname(__file__)`, `Path(__file__).parent / "data.json"`: moved into
`pkg/big/paths.py`, `__file__` names a file one directory deeper, and the data file is not
found (the split said "verified": importing succeeds). Each read becomes a constant of
the new module holding the old path, made from the new module's own: `pkg/big.py` from
`pkg/big/paths.py` is `os.path.join(os.path.dirname(os.path.dirname(__file__)), "big.py")`.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

import libcst as cst

from .nodes import called_name

if TYPE_CHECKING:
    from .analyze import Analysis
    from .layout import Layout
    from .transforms import Edits


def _depth(package: str) -> int:
    return len(package.split(".")) if package else 0


def inside(old_package: str, new_package: str) -> bool:
    """Whether `new_package` is the old module's package or inside it: the old path can be
    made from a new module's own."""
    return new_package == old_package or new_package.startswith(old_package + ".") or (
        not old_package)


def old_file_expression(source: Path, old_package: str, new_package: str,
                        os_name: str, quote: str = '"') -> str | None:
    """The expression, in a module of `new_package`, equal to the old module's `__file__`
    (`source` in `old_package`); None when the new package is not inside the old one's."""
    if not inside(old_package, new_package):
        return None
    levels = _depth(new_package) - _depth(old_package) + 1
    inner = f"{os_name}.path.dirname(" * levels + "__file__" + ")" * levels
    return f"{os_name}.path.join({inner}, {quote}{source.name}{quote})"


def old_file_constant(source: Path, old_module: str, old_package: str, new_package: str,
                      os_name: str, name: str, quote: str = '"') -> str:
    """The statement binding `name` to the old module's path, with a comment saying why."""
    expr = old_file_expression(source, old_package, new_package, os_name, quote)
    assert expr is not None
    return (f"# {old_module}'s file, where this code was: paths made from it stay the same\n"
            f"{name} = {expr}\n")


def facade_file_edits(analysis: Analysis, layout: Layout, stmts: Collection[int],
                      walk: set[int], quote: str = '"') -> tuple[Edits, set[int]]:
    """Code the package facade keeps (`sys.path.insert(0, os.path.dirname(__file__))`):
    `pkg/big.py` became `pkg/big/__init__.py`, one directory deeper, so its `__file__`
    reads become `(__path__[0] + ".py")`, the old path. The edits, and the statements to
    walk with them."""
    moved_down = layout.facade_is_package and (
        layout.facade_path.parent.with_suffix(".py").resolve() == analysis.path.resolve())
    ids = {r.node_id: r.stmt for r in analysis.nodes.name_reads
           if r.dunder == "__file__" and r.stmt in stmts and directory_reads(
               analysis.module.body[r.stmt], (r.node_id,))} if moved_down else {}
    from .transforms import Edits  # it reads `inside`: imported when called

    edits = Edits(frozenset(), frozenset(), (), file_ids=frozenset(ids),
                  file_name=f"(__path__[0] + {quote}.py{quote})")
    return edits, walk | set(ids.values())


WRAPPERS = frozenset({"abspath", "realpath", "normpath", "expanduser", "fspath", "str",
                       "Path", "PurePath", "PosixPath", "WindowsPath", "resolve", "absolute"})


def _called(node: cst.CSTNode | None) -> str:
    return (called_name(node) or "") if isinstance(node, cst.Call) else ""


_DIRECTORY_USES = frozenset({"dirname()", "splitext()", ".parent", ".parents", ".with_name()",
                             ".with_suffix()", ".with_stem()"})


# what, handed the path (or called on `Path(__file__)`), reads the file or its metadata
FILE_READS = frozenset({"open()", "FileIO()", "getmtime()", "getctime()", "getatime()",
                        "getsize()", "stat()", "lstat()", "run_path()", "getline()", "getlines()",
                        "updatecache()", ".read_text()", ".read_bytes()", ".open()", ".stat()",
                        ".lstat()"})


def directory_reads(stmt: cst.CSTNode, ids: Collection[int]) -> set[int]:
    """The `__file__` Names (of `ids`) in `stmt` whose value is only used for its directory
    or a sibling's path: `os.path.dirname(os.path.abspath(__file__))`,
    `Path(__file__).resolve().parent`, `Path(__file__).with_suffix(".json")`. Those read the
    old path; a read of the file itself (`open(__file__)`) is left alone: in a package the
    old file is gone (`own_file`)."""
    return {node_id for node_id, use in path_uses(stmt, ids).items() if use in _DIRECTORY_USES}


def path_uses(stmt: cst.CSTNode, ids: Collection[int]) -> dict[int, str]:
    """What takes each `__file__` Name's value (of `ids`) in `stmt`, past `abspath`, `Path`,
    `resolve` and the like: `dirname()` (a call given it first), `.parent` (an attribute),
    `.read_text()` (a method called), or "" (anything else)."""
    parents = parent_map(stmt)
    found = {}
    for node_id in ids:
        current = parents.get(node_id)
        child_id, use = node_id, ""
        while current is not None:
            if isinstance(current, cst.Arg):
                call = parents.get(id(current))
                if not (isinstance(call, cst.Call) and call.args and call.args[0] is current):
                    break
                if _called(call) not in WRAPPERS:
                    use = f"{_called(call)}()"
                    break
                child_id, current = id(call), parents.get(id(call))
                continue
            if isinstance(current, cst.Attribute) and id(current.value) == child_id:
                call = parents.get(id(current))
                if not (isinstance(call, cst.Call) and call.func is current):
                    use = f".{current.attr.value}"
                elif current.attr.value in WRAPPERS:
                    child_id, current = id(call), parents.get(id(call))
                    continue
                else:
                    use = f".{current.attr.value}()"
            break
        found[node_id] = use
    return found


def parent_map(stmt: cst.CSTNode) -> dict[int, cst.CSTNode]:
    """Each node's parent in `stmt`, by the child's id."""
    parents: dict[int, cst.CSTNode] = {}

    class _Parents(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            for child in node.children:
                parents[id(child)] = node
            return True

    stmt.visit(_Parents())
    return parents


def os_name_of(analysis: Analysis) -> str:
    """`os`, unless the source binds that name otherwise than by importing it."""
    bound = analysis.binders.get("os", ())
    return "os" if all(analysis.units[u].kind == "import" for u in bound) else "_godsplit_os"
