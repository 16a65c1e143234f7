"""Names in the strings of type aliases: what `typing.get_type_hints` resolves lazily.

`MaybeB = t.Optional["B"]` then `def f(x: MaybeB)`: `get_type_hints(f)` resolves `"B"` in
the globals of `f`'s module, wherever the alias lives, so a split that moves `f` must
import `B` into `f`'s new module too. The same holds for an alias imported from another
module of the project (`from .config import JsonDict`, whose value holds `'JsonDict'` and
`'JsonValue'`: pydantic's json_schema.py) or read through a module (`ta.ContextType` of
`import elementpath.aliases as ta`): the other module's source is found from the file's
location (relative imports; absolute ones under the directory that holds its top-level
package) and read once, following the aliases it imports one module further. Such a read
is a hint: the reader's text never names it.
"""

from __future__ import annotations

import ast
import bisect
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import libcst as cst

from .dataclass_hints import inherited_field_reads
from .nodes import walk
from .registry_reads import registry_reads
from .type_comments import type_comment_reads

TYPING_MODULES = frozenset({"typing", "typing_extensions", "collections.abc"})
TYPED_CALLS = frozenset({"TypeVar", "NewType", "cast"})  # their strings are types
BUILTIN_GENERICS = frozenset({"list", "dict", "set", "frozenset", "tuple", "type"})
Refs = Mapping[str, frozenset[str]]  # alias -> the names its strings need, its aliases' too


class _TypeStrings(cst.CSTVisitor):
    """Names in strings inside a subscript of a typing generic outside annotations
    (`X = t.Optional["B"]`, `cast(list["B"], x)`): LibCST parses strings as types only
    in annotations and typing calls, yet `get_type_hints` resolves these too. `names`:
    the names to keep (None: all)."""

    def __init__(self, modules: set[str], generics: set[str], names: set[str] | None) -> None:
        self.modules, self.generics, self.names = modules, generics, names
        self.found: set[str] = set()
        self.inside = 0

    def _generic(self, node: cst.Subscript) -> bool:
        name = cst.helpers.get_full_name_for_node(node.value) or ""
        return name in self.generics or name.rpartition(".")[0] in self.modules

    def visit_Annotation(self, node: cst.Annotation) -> bool:
        return False  # LibCST's scope analysis reads these

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        """`SerSchema: TypeAlias = 'A | B'`: the string is a type (pydantic-core)."""
        name = cst.helpers.get_full_name_for_node(node.annotation.annotation) or ""
        if name.rpartition(".")[2] == "TypeAlias" and isinstance(node.value, cst.SimpleString):
            self._parse(node.value)

    def _parse(self, node: cst.SimpleString) -> None:
        value = node.evaluated_value
        if not isinstance(value, str):
            return
        try:
            parsed = cst.parse_expression(value.strip())
        except cst.ParserSyntaxError:
            return
        found = {n.value for n in _names(parsed)}
        self.found |= found if self.names is None else found & self.names

    def visit_Subscript(self, node: cst.Subscript) -> None:
        self.inside += self._generic(node)

    def leave_Subscript(self, original_node: cst.Subscript) -> None:
        self.inside -= self._generic(original_node)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        if self.inside:
            self._parse(node)

    def visit_Call(self, node: cst.Call) -> None:
        """`TypeVar("T", bound="pkg.B")` of typing_extensions (luigi's parameter.py), or
        NewType, cast: LibCST parses their strings only when they come from typing, and
        pyflakes reads them from both (a moved TypeVar without its import: GS411)."""
        name = cst.helpers.get_full_name_for_node(node.func) or ""
        home, _, called = name.rpartition(".")
        if called not in TYPED_CALLS or not (home in self.modules or name in self.generics):
            return
        typed = node.args[:1] if called == "cast" else node.args[1:]
        for arg in typed:
            if isinstance(arg.value, cst.SimpleString):
                self._parse(arg.value)


def _names(node: cst.CSTNode) -> Iterator[cst.Name]:
    if isinstance(node, cst.Name):
        yield node
    elif isinstance(node, cst.Attribute):
        yield from _names(node.value)
    else:
        for child in node.children:
            yield from _names(child)


def _typing_imports(module: cst.Module) -> tuple[set[str], set[str]]:
    """(names bound to typing modules: `t`, `typing`; names imported from them)."""
    modules, generics = set(TYPING_MODULES), set(BUILTIN_GENERICS)
    for line in module.body:
        for small in line.body if isinstance(line, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.Import):
                for alias in small.names:
                    full = cst.helpers.get_full_name_for_node(alias.name) or ""
                    if full in TYPING_MODULES:
                        asname = alias.asname
                        bound = asname.name if asname is not None else None
                        modules.add(bound.value if isinstance(bound, cst.Name) else full)
            elif isinstance(small, cst.ImportFrom) and small.module is not None and (
                cst.helpers.get_full_name_for_node(small.module) in TYPING_MODULES
            ) and not isinstance(small.names, cst.ImportStar):
                for alias in small.names:
                    given = alias.asname.name if alias.asname is not None else alias.name
                    if isinstance(given, cst.Name):
                        generics.add(given.value)
    return modules, generics


_TYPE_VALUES = (cst.Subscript, cst.BinaryOperation, cst.Name, cst.Attribute, cst.SimpleString)


def _assigned(stmt: cst.BaseStatement) -> Iterator[tuple[str, cst.BaseExpression | None]]:
    """(name, value) of each plain top-level `name = value` / `name: T = value`."""
    for small in stmt.body if isinstance(stmt, cst.SimpleStatementLine) else ():
        if isinstance(small, (cst.Assign, cst.AnnAssign)):
            targets = small.targets if isinstance(small, cst.Assign) else [small]
            for target in targets:
                if isinstance(target.target, cst.Name):
                    yield target.target.value, small.value


def _with_typed_strings(text: str, starts: Sequence[int]) -> set[int] | None:
    """The top-level statements (by index; `starts` are their first lines) with a string
    inside a subscript, or a TypeAlias given a string: the only ones `_TypeStrings` can
    find anything in. Python's own parser finds them in a tenth of the time LibCST's
    visitor takes to walk every statement; None when it cannot parse the file, or counts
    lines another way (a lone carriage return ends a line for it, not for LibCST)."""
    if "\r" in text.replace("\r\n", ""):
        return None
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    found: set[int] = set()
    for top in tree.body:
        for node in ast.walk(top):
            typed = isinstance(node, ast.Subscript) or (
                isinstance(node, ast.AnnAssign) and "TypeAlias" in ast.dump(node.annotation)
            ) or (isinstance(node, ast.Call) and dotted_name(node.func).rpartition(".")[2]
                  in TYPED_CALLS)
            if typed and any(isinstance(c, ast.Constant) and isinstance(c.value, str)
                             for c in ast.walk(node)):
                found.add(bisect.bisect_right(starts, top.lineno) - 1)
                break
    return found


def type_string_reads(
    module: cst.Module, names: set[str], reads: dict[int, dict[str, list[bool]]],
    path: Path | None = None, text: str | None = None, starts: Sequence[int] = (),
) -> dict[int, set[str]]:
    """Add the lazy reads `_TypeStrings` finds to each top-level statement's reads. A type
    alias passes them on to its readers: the source's own aliases, and (with the source's
    `path`) those it imports from other modules of the project. Returns, by statement, the
    names added for its aliases (hints: its text does not name them). With the source's
    `text` and its statements' first lines, only the statements Python's parser finds a
    typed string in are walked; the names its type comments read are added too (hints)."""
    modules, generics = _typing_imports(module)
    foreign, through = _imported_refs(module, path) if path is not None else ({}, {})
    aliases: dict[str, set[str]] = {a: set(refs) & names for a, refs in foreign.items()}
    targets: dict[int, list[str]] = defaultdict(list)
    hints: dict[int, set[str]] = defaultdict(set)
    candidates = _with_typed_strings(text, starts) if text is not None else None
    for index, stmt in enumerate(module.body):
        found: set[str] = set()
        if candidates is None or index in candidates:
            visitor = _TypeStrings(modules, generics, names)
            stmt.visit(visitor)
            found = visitor.found
        for name in found:
            reads[index].setdefault(name, [False, True])
        for target, value in _assigned(stmt):
            if isinstance(value, _TYPE_VALUES):
                aliases.setdefault(target, set()).update(found)
                targets[index].append(target)
        for attribute in _attributes(stmt, through) if reads.get(index) else ():
            for name in (attribute & names) - set(reads[index]):
                reads[index][name] = [False, True]
                hints[index].add(name)
    for index, inherited in inherited_field_reads(module, names).items():
        for name in inherited - set(reads[index]):
            reads[index][name] = [False, True]
            hints[index].add(name)
    for index, registered in registry_reads(module).items():  # `S.Infinity`: eager
        for name in registered & names:
            if name not in reads[index]:
                hints[index].add(name)
            reads[index][name] = [True, False]
    changed = True
    while changed:
        changed = False
        for index, read in list(reads.items()):
            for alias in [a for a in read if a in aliases]:
                for name in aliases[alias] - set(read):
                    read[name] = [False, True]
                    hints[index].add(name)
                    changed = True
            for target in targets.get(index, ()):  # an alias of an alias: its hints too
                if not hints[index] <= aliases[target]:
                    aliases[target] |= hints[index]
                    changed = True
    if text is not None and starts:  # after the aliases: a type comment is never evaluated
        for index, named in type_comment_reads(text, starts, names, reads).items():
            hints[index] |= named
    return {i: found for i, found in hints.items() if found}


def _attributes(stmt: cst.BaseStatement, through: Mapping[str, Refs]) -> Iterator[frozenset[str]]:
    """The refs of each `module.Alias` the statement reads, where `module` is in `through`."""
    if not through:
        return
    for node in walk(stmt):
        if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and (
                node.value.value in through):
            refs = through[node.value.value].get(node.attr.value)
            if refs:
                yield refs


def _imported_refs(module: cst.Module, path: Path) -> tuple[dict[str, frozenset[str]],
                                                           dict[str, Refs]]:
    """(imported alias -> the names its strings need; module bound by an import -> its
    aliases' refs), for the source's top-level imports whose module's source is found."""
    aliases: dict[str, frozenset[str]] = {}
    through: dict[str, Refs] = {}
    for name, found, member in _imports(module, path):
        if member is None:
            through[name] = alias_refs(found)
        elif (refs := alias_refs(found).get(member)) is not None:
            aliases[name] = refs
        elif (inner := _module_file(found.parent, [member])) is not None and (
                found.name == "__init__.py"):
            through[name] = alias_refs(inner)  # `from a import b`, b a module
    return aliases, {n: r for n, r in through.items() if r}


def _imports(module: cst.Module, path: Path) -> Iterator[
        tuple[str, Path, str | None]]:
    """(bound name, the imported module's file, the member imported or None for the
    module itself) of each top-level import whose module's source is found."""
    for line in module.body:
        for small in line.body if isinstance(line, cst.SimpleStatementLine) else ():
            if isinstance(small, cst.Import):
                for alias in small.names:
                    dotted = cst.helpers.get_full_name_for_node(alias.name) or ""
                    if alias.asname is not None and isinstance(alias.asname.name, cst.Name) and (
                            found := module_file(path, 0, dotted)) is not None:
                        yield alias.asname.name.value, found, None
            elif isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
                source = cst.helpers.get_full_name_for_node(small.module) if small.module else None
                found = module_file(path, len(small.relative), source)
                for alias in small.names if found is not None else ():
                    member = cst.helpers.get_full_name_for_node(alias.name) or ""
                    given = alias.asname.name if alias.asname is not None else alias.name
                    if found is not None and isinstance(given, cst.Name):
                        yield given.value, found, member


def module_file(path: Path, level: int, dotted: str | None) -> Path | None:
    """The source file of the module `from <level dots><dotted> import` names in the
    module at `path` (absolute: under the directory holding its top-level package)."""
    base = path.parent
    if level:
        for _ in range(level - 1):
            base = base.parent
    else:
        while (base / "__init__.py").is_file():
            base = base.parent
    return _module_file(base, dotted.split(".") if dotted else [])


def _module_file(base: Path, parts: list[str]) -> Path | None:
    if parts and (found := base.joinpath(*parts[:-1], parts[-1] + ".py")).is_file():
        return found
    found = base.joinpath(*parts, "__init__.py")
    return found if found.is_file() else None


def alias_refs(path: Path) -> Refs:
    """For each top-level name the module at `path` assigns (or imports from a module
    whose source is found): the names the strings in its value need, its own aliases' and
    theirs included (`JsonDict = Dict[str, JsonValue]`, `JsonValue = Union[...,
    'JsonDict']`). Read with `ast` (faster than LibCST), once per version of the file."""
    try:
        return _alias_refs(path, path.stat().st_mtime_ns, 1)
    except OSError:
        return {}


@lru_cache(maxsize=128)
def _alias_refs(path: Path, version: int, depth: int) -> Refs:
    try:
        tree = ast.parse(path.read_bytes())
    except (OSError, SyntaxError, ValueError, RecursionError):
        return {}
    modules, generics = set(TYPING_MODULES), set(BUILTIN_GENERICS)
    direct: dict[str, set[str]] = {}
    follow: dict[str, set[str]] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Import):
            modules |= {a.asname or a.name for a in stmt.names if a.name in TYPING_MODULES}
        elif isinstance(stmt, ast.ImportFrom) and stmt.module in TYPING_MODULES:
            generics |= {a.asname or a.name for a in stmt.names}
        elif isinstance(stmt, ast.ImportFrom) and depth and (found := module_file(
                path, stmt.level, stmt.module)) is not None and found != path:
            for alias in stmt.names:
                refs = _alias_refs(found, found.stat().st_mtime_ns, depth - 1).get(alias.name)
                if refs and (alias.asname or alias.name) not in direct:
                    direct[alias.asname or alias.name] = set(refs)
                    follow[alias.asname or alias.name] = set()
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)) and isinstance(stmt.value, _AST_TYPES):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            strings, plain = _ast_strings(stmt.value, modules, generics, isinstance(
                stmt, ast.AnnAssign) and dotted_name(stmt.annotation).endswith("TypeAlias"))
            for target in targets:
                if isinstance(target, ast.Name):
                    direct[target.id], follow[target.id] = set(strings), strings | plain
    changed = True
    while changed:  # the refs of the aliases an alias reads (plainly or in a string)
        changed = False
        for name, held in direct.items():
            more = set().union(*(direct.get(n, set()) for n in follow[name])) - held
            if more:
                held |= more
                changed = True
    return {n: frozenset(r) for n, r in direct.items() if r}


_AST_TYPES = (ast.Subscript, ast.BinOp, ast.Name, ast.Attribute, ast.Constant)


def dotted_name(node: ast.expr) -> str:
    """`a.b.c` for an attribute chain on a name (partial, or "", for anything else)."""
    if isinstance(node, ast.Attribute):
        return dotted_name(node.value) + "." + node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _ast_strings(
    value: ast.expr, modules: set[str], generics: set[str], alias: bool
) -> tuple[set[str], set[str]]:
    """(names in the strings of `value` inside a typing generic's subscript, or in the
    whole string of a `TypeAlias`; the names it reads plainly)."""
    strings: set[str] = set()
    plain: set[str] = set()
    stack: list[tuple[ast.AST, bool]] = [(value, alias)]
    while stack:
        node, inside = stack.pop()
        if isinstance(node, ast.Constant):
            if inside and isinstance(node.value, str):
                try:
                    parsed = ast.parse(node.value.strip(), mode="eval")
                except (SyntaxError, ValueError):
                    continue
                strings |= {n.id for n in ast.walk(parsed) if isinstance(n, ast.Name)}
            continue
        if isinstance(node, ast.Name):
            plain.add(node.id)
        if isinstance(node, ast.Subscript):
            name = dotted_name(node.value)
            inside = (inside or name in generics or name.rpartition(".")[0] in modules) and (
                name.rpartition(".")[2] != "Literal")  # `Literal["a"]`: a value, not a name
        stack.extend((child, inside) for child in ast.iter_child_nodes(node))
    return strings, plain
