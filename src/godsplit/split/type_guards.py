"""Which `if` tests are `TYPE_CHECKING`: one answer for the unit classifier (`classify`)
and for what runs while a file is imported (`late_imports`).

A block under such a test never runs at import time; only type checkers read it. Besides
`TYPE_CHECKING` itself and `<module>.TYPE_CHECKING` (`import typing as t`), a project may
name it otherwise:

- `from typing import TYPE_CHECKING as T` (or from `typing_extensions`), `T = TYPE_CHECKING`;
- a name bound to `False` at the top level and nowhere else (pip's `MYPY_CHECK_RUNNING =
  False` in `pip/_internal/utils/typing.py`, `TYPE_CHECKING = False`), in the module
  itself or in the project module it is imported from (`from pip._internal.utils.typing
  import MYPY_CHECK_RUNNING`), read as a file. Whatever the name says, the block cannot
  run at import time (nothing has rebound the name yet); for the classifier, such a
  block is a TYPE_CHECKING block only when it declares (imports, assignments to names,
  classes, functions): `if DEBUG:` running code or changing a class stays a definition;
- the forms `X is True` and `X == True` of any of these.

A name also bound any other way (in a function through `global`, by a second assignment,
a loop, an import of another value) is not a guard: its value at the `if` is not known.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import libcst as cst

from .typestrings import module_file

_TYPING = frozenset({"typing", "typing_extensions"})
_NAME = "TYPE_CHECKING"
_CHECKER_NAMES = frozenset({_NAME, "MYPY"})  # true for type checkers, whatever binds them
_DEPTH = 3  # how many project modules an alias is followed through
# the files a plan would write (resolved path -> text), read where the disk has none yet
_PLANNED: ContextVar[Mapping[Path, str] | None] = ContextVar("_PLANNED", default=None)


@dataclass(frozen=True)
class Guards:
    """The names that are `TYPE_CHECKING` in one module: by what they are bound to
    (`names`), or as constants `False` nothing rebinds (`constants`)."""

    names: frozenset[str] = frozenset({_NAME})
    constants: frozenset[str] = frozenset()

    def is_guard(self, test: ast.expr) -> bool:
        """Whether the body of `if <test>:` never runs while the module is imported."""
        return self._guard(test) is not None

    def _guard(self, test: ast.expr) -> str | None:
        """The name `test` reads, when it is a guard."""
        if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(
                test.ops[0], (ast.Is, ast.Eq)):
            right = test.comparators[0]
            if not (isinstance(right, ast.Constant) and right.value is True):
                return None
            test = test.left
        if isinstance(test, ast.Name):
            return test.id if test.id in self.names | self.constants else None
        # `t.TYPE_CHECKING`: any module's (a project's re-export of typing's included)
        return _NAME if isinstance(test, ast.Attribute) and test.attr == _NAME else None

    def _guard_text(self, test: str) -> str | None:
        try:
            parsed = ast.parse(f"({test.strip()})", mode="eval").body
        except (SyntaxError, ValueError, RecursionError):
            return None
        return self._guard(parsed)

    def guards_block(self, stmt: cst.If) -> bool:
        """Whether `stmt` is an `if TYPE_CHECKING:` block, for the classifier: no `else:`;
        under a constant `False` (pip's `MYPY_CHECK_RUNNING`, as much as a `DEBUG =
        False` switch), only a block that declares: imports, assignments to names,
        classes, functions (not `Coverage.x = 1` or a call under `if DEBUG:`)."""
        if stmt.orelse is not None:
            return False
        name = self._guard_text(cst.Module([]).code_for_node(stmt.test))
        if name is None or name in self.names or name not in self.constants:
            return name is not None
        return isinstance(stmt.body, cst.IndentedBlock) and all(
            _declaration(line) for line in stmt.body.body)


    def binds_guard(self, stmt: cst.BaseStatement) -> bool:
        """Whether `stmt` is `TYPE_CHECKING = False` (or `MYPY = False`): a name type
        checkers take as true by its name, bound to `False` and nowhere else. Like an
        import of typing's, it is copied into each new module whose blocks test it, after
        the imports (the project may ban `typing.TYPE_CHECKING`, as prettytable's ruff
        configuration does)."""
        return isinstance(stmt, cst.SimpleStatementLine) and all(
            self._binds_guard(small) for small in stmt.body)

    def _binds_guard(self, small: cst.BaseSmallStatement) -> bool:
        if isinstance(small, cst.AnnAssign):
            target, value = small.target, small.value
        elif isinstance(small, cst.Assign) and len(small.targets) == 1:
            target, value = small.targets[0].target, small.value
        else:
            return False
        return (isinstance(target, cst.Name) and target.value in _CHECKER_NAMES
                and target.value in self.names | self.constants
                and isinstance(value, cst.Name) and value.value == "False")


def _declaration(line: cst.BaseStatement) -> bool:
    if isinstance(line, (cst.ClassDef, cst.FunctionDef)):
        return True
    return isinstance(line, cst.SimpleStatementLine) and all(
        isinstance(s, (cst.Import, cst.ImportFrom, cst.Pass))
        or (isinstance(s, cst.Expr) and isinstance(s.value, cst.SimpleString))
        or (isinstance(s, cst.Assign) and all(isinstance(t.target, cst.Name) for t in s.targets))
        or (isinstance(s, cst.AnnAssign) and isinstance(s.target, cst.Name))
        for s in line.body)


DEFAULT = Guards()


def guards_of(body: list[ast.stmt], path: Path | None) -> Guards:
    """The guards of the module whose top-level statements are `body` (the file at `path`,
    when known: for aliases imported from other project modules)."""
    return _guards(body, path, _DEPTH)


@lru_cache(maxsize=256)
def _file_guards(path: str, mtime: int, size: int, depth: int) -> Guards:
    try:
        body = ast.parse(Path(path).read_bytes()).body
    except (SyntaxError, ValueError, OSError, RecursionError, MemoryError):
        return DEFAULT
    return _guards(body, Path(path), depth)


def _guards(body: list[ast.stmt], path: Path | None, depth: int) -> Guards:
    bindings: dict[str, list[ast.stmt]] = {}
    for node in body:
        for name in _bound(node):
            bindings.setdefault(name, []).append(node)
    rebound = _bound_in_functions(body)
    names = {_NAME}  # trusted by its name, however it is bound (as before)
    constants: set[str] = set()
    for name, nodes in bindings.items():
        if len(nodes) == 1 and name not in rebound:
            kind = _is_false(nodes[0], name, path, depth)
            (names if kind == "typing" else constants if kind else set()).add(name)
    return Guards(frozenset(names), frozenset(constants - names))


def _is_false(node: ast.stmt, name: str, path: Path | None, depth: int) -> str | None:
    """How `node`, the only binding of `name`, makes it False at run time: "typing" (it is
    typing's TYPE_CHECKING), "constant" (`= False`), or None (neither, or not known)."""
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        value = node.value
        if isinstance(value, ast.Constant) and value.value is False:
            return "constant"
        # `T = TYPE_CHECKING`, `T = typing.TYPE_CHECKING`
        return "typing" if (isinstance(value, ast.Name) and value.id == _NAME) or (
            isinstance(value, ast.Attribute) and value.attr == _NAME) else None
    if isinstance(node, ast.ImportFrom):
        alias = next(a for a in node.names if (a.asname or a.name) == name)
        if node.module in _TYPING and not node.level:
            return "typing" if alias.name == _NAME else None
        if depth <= 0 or path is None:
            return None
        found = module_file(path, node.level, node.module)
        if found is None:  # a module the plan writes (a facade's `from pkg.flags import MYPY`)
            texts = _PLANNED.get() or {}
            planned = _planned_file(path, node.level, node.module, texts)
            if planned is None or planned == path.resolve():
                return None
            try:
                there = _guards(ast.parse(texts[planned]).body, planned, depth - 1)
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                return None
            return _kind(there, alias.name)
        if found.resolve() == path.resolve():
            return None
        try:
            stat = found.stat()
        except OSError:
            return None
        return _kind(_file_guards(str(found), stat.st_mtime_ns, stat.st_size, depth - 1), alias.name)
    return None


def _kind(there: Guards, name: str) -> str | None:
    """What `name`, imported from a module whose guards are `there`, is here."""
    if name in there.names and name != _NAME:
        return "typing"
    return "constant" if name in there.constants else None


@contextmanager
def planned_files(texts: Mapping[Path, str]) -> Iterator[None]:
    """While checking a plan statically, a guard imported from a module the plan writes
    (not on disk yet) is read from its planned text: moving `MYPY = False` to a new module
    leaves the old module's `if MYPY:` a guard."""
    token = _PLANNED.set({path.resolve(): text for path, text in texts.items()})
    try:
        yield
    finally:
        _PLANNED.reset(token)


def _planned_file(path: Path, level: int, dotted: str | None,
                  planned: Mapping[Path, str]) -> Path | None:
    """`module_file` among the planned files (their packages need not exist yet)."""
    if not planned:
        return None
    base = path.resolve().parent
    if level:
        for _ in range(level - 1):
            base = base.parent
    else:
        while (base / "__init__.py").is_file() or base / "__init__.py" in planned:
            base = base.parent
    parts = dotted.split(".") if dotted else []
    candidates = [base.joinpath(*parts, "__init__.py")]
    if parts:
        candidates.insert(0, base.joinpath(*parts[:-1], parts[-1] + ".py"))
    return next((c for c in candidates if c in planned), None)


def _bound(node: ast.stmt) -> Iterator[str]:
    """The names a top-level statement binds (in its nested blocks too)."""
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        for alias in node.names:
            if alias.name != "*":
                yield alias.asname or alias.name.split(".")[0]
        return
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        yield node.name
        return
    for inner in ast.walk(node):
        if isinstance(inner, ast.Name) and isinstance(inner.ctx, (ast.Store, ast.Del)):
            yield inner.id
        elif isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield inner.name
        elif isinstance(inner, (ast.Import, ast.ImportFrom)) and inner is not node:
            yield from _bound(inner)


def _bound_in_functions(body: list[ast.stmt]) -> set[str]:
    """Names a function or class of the module declares `global` (it may rebind them)."""
    return {name for node in body for inner in ast.walk(node)
            if isinstance(inner, ast.Global) for name in inner.names}


def import_time_statements(body: list[ast.stmt], guards: Guards) -> Iterator[ast.stmt]:
    """The simple statements that run while a module is imported: inside `if`, `try` and
    `with` too, but not in functions or classes, nor under an `if TYPE_CHECKING:`."""
    todo: list[ast.stmt] = list(body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and guards.is_guard(node.test):
            todo.extend(node.orelse)
        elif isinstance(node, (ast.If, ast.Try, ast.With)):
            todo.extend([*node.body, *getattr(node, "orelse", ()),
                         *getattr(node, "finalbody", ()),
                         *(s for h in getattr(node, "handlers", ()) for s in h.body)])
        else:
            yield node


def guards_for(module: cst.Module, text: str, path: Path | None) -> Guards:
    """`guards_of` for a module parsed by LibCST (its source `text`): parsed again with
    `ast` only when a top-level `if` tests a name other than `TYPE_CHECKING`."""
    for stmt in module.body:
        test = stmt.test if isinstance(stmt, cst.If) else None
        if isinstance(test, cst.Comparison):
            test = test.left
        if isinstance(test, cst.Name) and test.value != _NAME:
            break
    else:
        return DEFAULT
    try:
        return guards_of(ast.parse(text).body, path)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return DEFAULT
