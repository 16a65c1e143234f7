"""What the files of a split need under the project's mypy, pylint and ruff, once assembled.

- mypy (`--strict`: `no_implicit_reexport`) takes a name a module binds only by an import
  (`import os`, then maybe `os = isolate_module(os)`; `from m import f` under an `if`) as
  private to it, and reports "Module X does not explicitly export attribute Y" where
  another module imports it from there. A new module (or the facade) must take such a
  name from its sibling when the sibling rebinds it or binds it under a condition (the
  original import would give another object, or bind a name the old module may lack), so
  in a project that configures mypy those imports carry coverage's own idiom,
  `# type: ignore[attr-defined, unused-ignore]` (the second code: no "unused ignore"
  where mypy runs without `--strict`), on the statement's first line, where mypy reports.
  A line the comment makes longer than the sorter's limit is written in parentheses,
  the comment after `(`, the form isort and ruff's isort leave as it is.
- pylint: `import sys as _godsplit_sys` beside the module's own `import sys` is a
  `reimported` (a targeted pragma, on the later of the two, where pylint reports it), an
  import inside the machinery's functions (`__reduce_ex__` imports `importlib` only when
  the facade is pickled) an `import-outside-toplevel` (`# pylint: disable-next=` on the
  line before: inline, it made the line too long for black, which wrapped it), and
  the machinery's helpers get a docstring where the project's `no-docstring-rgx` does not
  exempt them (pylint's default, `^_`, does).
- ruff, where the project selects the rules: the same late import is its PLC0415 (a
  targeted noqa), and a package facade with the live machinery breaks RUF067 (preview:
  an `__init__.py` of imports only), exempted for the file with the reason.
"""

from __future__ import annotations

import ast
import builtins
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from .checker_config import Pylint
from .isort_pin import sorted_statement
from .loop_shadows import noqa_comment
from .module_statements import module_level
from .pylint_unused import FACADE_PRAGMA, unused_edits
from .ruff_pin import (
    ProjectRuff,
    alias_reported_by_version,
    alias_reported_in_init,
    project_version,
)
from .style import Style

TYPE_IGNORE = "# type: ignore[attr-defined, unused-ignore]"
PYLINT_UNUSED = "# pylint: disable=unused-import"
LAST_NOTE = "# godsplit: imported last ("  # (`render._deferred`)
_DOCSTRINGS = {  # each under 70 characters: the line fits a limit of 79
    "_godsplit_bindings": "Which new modules bind each name here to the same object.",
    "_godsplit_targets": "The new modules that an assignment to `name` here reaches.",
    "_GodsplitFacade": "This module's type: its names are set in the new modules too.",
    "_godsplit_home": "The module that holds the global `name`.",
    "_godsplit_deprecate": "Take the moved names out of this module: reading one warns.",
    "_godsplit_keep_module_name": "Make `objects` and their methods report module `old`.",
}


_BUILTINS = frozenset(n for n in dir(builtins) if not n.startswith("_"))
_MACHINERY = re.compile(r"^(?:def|class) _(?:godsplit|Godsplit)", re.MULTILINE)
_AS_ITSELF = re.compile(r"^[^#\n]*\bimport\b[^#\n]*\b(\w+) as \1\b|^\s+(\w+) as \2,", re.MULTILINE)
# `import a as a`, which ruff 0.12 still reports in an `__init__.py` where it exempts
# `from m import a as a`
_PLAIN_AS_ITSELF = re.compile(r"^\s*import\s[^#\n]*\b(\w+) as \1\b", re.MULTILINE)
_FROM_AS_ITSELF = re.compile(r"^\s*from\s[^#\n]*\bimport\b[^#\n]*\b(\w+) as \1\b|^\s+(\w+) as \2,",
                             re.MULTILINE)


def alias_pragmas(texts: Sequence[str], style: Style | None, path: Path, package: bool) -> str:
    """The lines under a facade's marker that tell the project's linters its `X as X`
    imports are re-exports: ruff's PLC0414 (which exempts `__init__.py`) and pylint's
    useless-import-alias, where they report them and the facade has such imports."""
    if style is None:
        return ""
    out = ""
    # ruff's RUF067 (preview): an `__init__.py` of imports and docstrings only; the live
    # facade's machinery is code by design (DefectDojo's ruff.toml selects RUF, preview)
    if package and style.enables("RUF067", path) and any(
            _MACHINERY.search(text) for text in texts):
        out += "# ruff: noqa: RUF067  # its code is godsplit's facade machinery\n"
    if not any(_AS_ITSELF.search(text) for text in texts):
        return out
    tool = style.ruff_tool  # the project's older ruff may report it in `__init__.py` too
    kinds = [probe for probe, kind in (("import os as os\n", _PLAIN_AS_ITSELF),
                                       ("from os import path as path\n", _FROM_AS_ITSELF))
             if any(kind.search(text) for text in texts)]
    if style.enables("PLC0414", path) and (not package or (
            tool is not None and any(_alias_reported(tool, style, probe) for probe in kinds))):
        out += "# ruff: noqa: PLC0414  # its `X as X` imports are re-exports\n"
    if style.pylint is not None and style.pylint.reports("useless-import-alias"):
        out += "# pylint: disable=useless-import-alias\n"
    return out


def _alias_reported(tool: ProjectRuff, style: Style, statement: str) -> bool:
    """Whether the project's ruff reports `statement` in an `__init__.py` (PLC0414): asked,
    or, where godsplit's own ruff stands in for the pinned one, read from the pin (sphinx
    pins 0.6.9, which reports it; ruff 0.17 exempts that file)."""
    if not tool.own:
        return alias_reported_in_init(tool.executable, style.root, statement)
    version = project_version(tool)
    return bool(version) and alias_reported_by_version(version, statement)


def for_checkers(texts: Mapping[Path, str], style: Style | None, source: Path | None = None
                 ) -> dict[Path, str]:
    """`texts` (the files of a split) with what the project's mypy and pylint need
    (`source`: the old module, whose settings an import marked for mypy is sorted with)."""
    out = dict(texts)
    if style is None or not (style.mypy or style.pylint is not None or style.enables("PLC0415")):
        return out
    trees = {}
    for path, text in out.items():
        try:
            trees[path] = ast.parse(text) if path.suffix == ".py" else None
        except SyntaxError:
            trees[path] = None
    implicit = {p: _implicit(t) for p, t in trees.items() if t is not None} if style.mypy else {}
    shadows = frozenset(node.name for t in trees.values() if t is not None for node in t.body if isinstance(
        node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in _BUILTINS)
    for path, tree in trees.items():
        if tree is None:
            continue
        lines = out[path].splitlines(keepends=True)
        edits: list[tuple[int, str]] = []  # (line index, what to do), applied bottom-up
        unchecked = {  # what mypy does not check: the `else:` of `if TYPE_CHECKING:`
            id(inner) for block in module_level(tree.body) if isinstance(block, ast.If) and (
                ast.unparse(block.test) == "TYPE_CHECKING")
            for stmt in block.orelse for inner in ast.walk(stmt)}
        for node in module_level(tree.body):
            if isinstance(node, ast.ImportFrom) and implicit and id(node) not in unchecked:
                target = _resolve(path, node, implicit)
                if target is not None and any(a.name in implicit[target] for a in node.names):
                    edits.append((node.lineno - 1, "ignore"))
        if style.pylint is not None:
            edits += _pylint_edits(tree, lines, style.pylint, shadows)
            edits += unused_edits(tree, lines, style.pylint, path.name == "__init__.py")
        if style.enables("PLC0415", path):  # ruff's import-outside-top-level
            edits += [(node.lineno - 1, "PLC0415") for node in _machinery_imports(tree)]
        # bottom-up; on one line, what changes the line before what inserts a line above it
        for index, what in sorted(edits, key=lambda e: (e[0], "unused-import" not in e[1]),
                                  reverse=True):
            if what == "ignore":
                _type_ignore(lines, index, _statement(tree, index + 1), style, source)
            elif what == "PLC0415":
                code, hash_, old = lines[index].rstrip("\n").partition("#")
                lines[index] = _long(code.rstrip(), noqa_comment((hash_ + old).strip(), "PLC0415"),
                                     style)
            elif what == "facade-unused-import":
                lines.insert(index, FACADE_PRAGMA)
            elif what == "unused-import" and not lines[index].rstrip().endswith("\\"):
                _pylint_inline(lines, index, _import_at(tree, index + 1), style)
            elif what in ("import-outside-toplevel", "unused-import"):  # on a line of its
                # own: inline, the machinery's import grew past any formatter's length (black
                # wrapped it)
                indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
                lines.insert(index, f"{indent}# pylint: disable-next={what}\n")
            elif what in ("reimported", "redefined-builtin", "wrong-import-position"):  # pylint does not
                # count its pragma in a line's length; flake8's E501 does: `_long`
                code, hash_, old = lines[index].rstrip("\n").partition("#")
                lines[index] = _long(f"{code.rstrip()}  # pylint: disable={what}",
                                     (hash_ + old).strip(), style)
            else:
                indent, doc, kind = what.split("\0")  # a class's is followed by a blank
                blank = "\n" if kind == "class" else ""  # line (ruff format, black 24)
                lines.insert(index, f'{indent}"""{doc}"""\n{blank}')
        out[path] = "".join(lines)
    return out


def _implicit(tree: ast.Module) -> frozenset[str]:
    """The names a module binds first by an import that is not `X as X` (mypy's implicit
    re-exports), less those its `__all__` lists."""
    first: dict[str, bool] = {}
    listed: set[str] = set()
    for node in module_level(tree.body):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                if alias.name != "*":
                    name = alias.asname or alias.name.split(".")[0]
                    first.setdefault(name, alias.asname != alias.name)
            continue
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            first.setdefault(node.name, False)
        targets = [node.target] if isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.For)) else (
            node.targets if isinstance(node, ast.Assign) else [])
        for target in targets:
            for bound in ast.walk(target):
                if isinstance(bound, ast.Name):
                    first.setdefault(bound.id, False)
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            if isinstance(node.value, (ast.List, ast.Tuple)):
                listed |= {e.value for e in node.value.elts
                           if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    return frozenset(n for n, by_import in first.items() if by_import and n not in listed)


def _resolve(path: Path, node: ast.ImportFrom, files: Mapping[Path, object]) -> Path | None:
    """The file of the split that `from <module> import ...` in `path` imports from."""
    if node.level:
        base = path.parent
        for _ in range(node.level - 1):
            base = base.parent
        if node.module is None:
            return None  # `from . import x`: submodules
        parts = node.module.split(".")
        for candidate in (base.joinpath(*parts).with_suffix(".py"),
                          base.joinpath(*parts, "__init__.py")):
            if candidate in files:
                return candidate
        return None
    wanted = (node.module or "").split(".")
    for candidate in files:
        parts = list(candidate.with_suffix("").parts)
        if candidate.name == "__init__.py":
            parts.pop()
        if parts[-len(wanted):] == wanted:
            return candidate
    return None


def _statement(tree: ast.Module, line: int) -> ast.ImportFrom:
    return next(n for n in module_level(tree.body)
                if isinstance(n, ast.ImportFrom) and n.lineno == line)


def _import_at(tree: ast.Module, line: int) -> ast.Import | ast.ImportFrom:
    return next(n for n in module_level(tree.body)
                if isinstance(n, (ast.Import, ast.ImportFrom)) and n.lineno == line)


def _pylint_inline(lines: list[str], index: int, node: ast.Import | ast.ImportFrom,
                   style: Style) -> None:
    """`# pylint: disable=unused-import` before the comments of the import statement
    starting at `lines[index]` (pylint reports it at that line; a line of its own above it
    took a blank line from black, after the import before it), so that a `# noqa` stays
    last, where `noqa_comment` adds to it (mongomock's `# noqa: F401` was written twice
    once the pragma followed it). A one-line from-import the
    comment makes longer than the formatter's limit is written in parentheses, the
    comments after `(` (black and isort leave that form as it is)."""
    code, hash_, comment = lines[index].rstrip("\n").partition("#")
    code, comment = code.rstrip(), f"{PYLINT_UNUSED}  {hash_}{comment}".strip()
    if comment.startswith(f"{PYLINT_UNUSED}  # pylint: disable="):  # one pragma: pylint reads
        # the first of a line's (asyncssh's `sftp.py`: a late import, C0413's pragma first)
        comment = f"{PYLINT_UNUSED}," + comment.removeprefix(f"{PYLINT_UNUSED}  # pylint: disable=")
    if (isinstance(node, ast.ImportFrom) and node.end_lineno == node.lineno
            and len(f"{code}  {comment}") > style.line_length and len(node.names) > 0):
        lines[index] = _parenthesized(node, "", comment, style)
        return
    lines[index] = _long(code, comment, style)


def _parenthesized(node: ast.ImportFrom, first: str, comment: str, style: Style) -> str:
    """A one-line from-import written in parentheses, a name a line, with `first` (a
    pragma) and then `comment` after the `(`."""
    indent = " " * node.col_offset
    names = [a.name + (f" as {a.asname}" if a.asname else "") for a in node.names]
    module = "." * node.level + (node.module or "")
    opening = _long(f"{indent}from {module} import (  {first}".rstrip(), comment, style)
    return opening + "".join(f"{indent}    {n},\n" for n in names) + f"{indent})\n"


def _type_ignore(lines: list[str], index: int, node: ast.ImportFrom, style: Style,
                 source: Path | None = None) -> None:
    line = lines[index].rstrip("\n")
    if "type: ignore" in line:
        return
    code, hash_, comment = line.partition("#")
    code, comment = code.rstrip(), (hash_ + comment).strip()
    single = node.end_lineno == node.lineno
    # where isort sorts the project's imports, the form is its own (the project's pinned
    # isort 5.12.0 wraps urllib3's 96-column line with its noqa; isort 6 and later join it)
    by_isort = sorted_statement(f"{code}  {TYPE_IGNORE}  {comment}".rstrip(), style, source) if (
        single and source is not None) else None
    if by_isort is not None and TYPE_IGNORE in by_isort.split("\n", 1)[0]:
        lines[index] = by_isort if "\n" in by_isort.rstrip("\n") else _long(
            f"{code}  {TYPE_IGNORE}", comment, style)
        return
    if single and len(f"{code}  {TYPE_IGNORE}") > style.line_length:
        lines[index] = _parenthesized(node, TYPE_IGNORE, comment, style)
        return
    lines[index] = _long(f"{code}  {TYPE_IGNORE}", comment, style)


def _long(line: str, comment: str, style: Style) -> str:
    """`line` with its old `comment`; flake8's E501 (which, unlike ruff's, counts a type
    comment) gets a targeted noqa where the line is over its limit."""
    limit = style.lint_line_length
    if "flake8" in style.linters and limit is not None and len(
            f"{line}  {comment}".rstrip()) > limit:
        code = style.long_line_code
        comment = re.sub(r"(# noqa: ?[\w, ]+)$", rf"\1, {code}", comment) if (
            "# noqa: " in comment) else f"{comment}  # noqa: {code}".strip()
    return f"{line}  {comment}".rstrip() + "\n"


def _machinery_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """The imports inside the facade machinery's functions (run when it is pickled)."""
    return [node for top in tree.body if isinstance(top, (ast.FunctionDef, ast.ClassDef))
            and top.name.lower().startswith("_godsplit") for node in ast.walk(top)
            if isinstance(node, (ast.Import, ast.ImportFrom))]


def _pylint_edits(tree: ast.Module, lines: list[str], pylint: Pylint,
                  shadows: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    edits: list[tuple[int, str]] = []
    if pylint.reports("reimported"):
        seen: dict[str, set[str | None]] = {}  # pylint compares a module's top-level imports
        for node in tree.body:
            for alias in node.names if isinstance(node, ast.Import) else ():
                ours = f"_godsplit_{alias.name}"
                if alias.name in seen and ours in {*seen[alias.name], alias.asname}:
                    edits.append((node.lineno - 1, "reimported"))
                seen.setdefault(alias.name, set()).add(alias.asname)
        # a function's own `import sys` in a module whose machinery has `import sys as
        # _godsplit_sys` (ranger's `bulkrename.execute`, kept in the facade): W0404 there too
        aliased = {a.name for n in tree.body if isinstance(n, ast.Import) for a in n.names
                   if a.asname == f"_godsplit_{a.name}"}
        edits += [(node.lineno - 1, "reimported") for top in tree.body
                  if isinstance(top, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                  and not top.name.lower().startswith("_godsplit") for node in ast.walk(top)
                  if isinstance(node, ast.Import) and len(node.names) == 1
                  and node.names[0].name in aliased]
    if pylint.reports("redefined-builtin"):  # a builtin's name the split defines, with
        # its own pragma (ranger's `class quit(Command):  # pylint: disable=redefined-builtin`),
        # imported by the facade or a sibling from where it moved
        edits += [(node.lineno - 1, "redefined-builtin") for node in tree.body
                  if isinstance(node, ast.ImportFrom) and any(
                      (a.asname or a.name) in shadows for a in node.names)
                  and "redefined-builtin" not in lines[node.lineno - 1]
                  and "redefined-builtin" not in lines[node.lineno - 1]]
    last = next((i for i, text in enumerate(lines) if text.startswith(LAST_NOTE)), None)
    if last is not None and pylint.reports("wrong-import-position"):  # the imports a split
        # places at the end (a call-time cycle: asyncssh's `sftp.py`, under its pylintrc)
        edits += [(node.lineno - 1, "wrong-import-position") for node in tree.body
                  if isinstance(node, (ast.Import, ast.ImportFrom)) and node.lineno - 1 > last
                  and "wrong-import-position" not in lines[node.lineno - 1]]
    if pylint.reports("import-outside-toplevel"):  # the machinery imports when it runs
        edits += [(node.lineno - 1, "import-outside-toplevel") for node in _machinery_imports(tree)]
    for node in tree.body:
        kind = "class" if isinstance(node, ast.ClassDef) else "function"
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name.lower().startswith(
                "_godsplit") and ast.get_docstring(node) is None and pylint.wants_docstring(
                node.name, kind):
            doc = _DOCSTRINGS.get(node.name, "Part of godsplit's machinery (see above).")
            index = node.lineno - 1  # the header ends at the first line ending in a colon
            while not lines[index].partition("#")[0].rstrip().endswith(":"):
                index += 1
            edits.append((index + 1, f"{' ' * node.body[0].col_offset}\0{doc}\0{kind}"))
    return edits
