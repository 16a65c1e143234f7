"""What an attrs class's generated `__init__` resolves its type hints in (GS144).

attrs writes `__init__` (`_make_init_script`) with globals that are a copy of the class's
module namespace *as it stands when the class is made*:
`globs.update(sys.modules[cls.__module__].__dict__)`, "so typing.get_type_hints(CLS.__init__)
resolves string types". Names the module binds below the class are not in that copy, so
in the god file `get_type_hints(C.__init__)` raises NameError for an annotation naming a
class defined further down (trio's `CancelStatus` reads `CancelScope`), and resolves one
naming something bound above. After the split the copy is of the module the class is made
in (a new module, or the facade for a kept class): other names are bound there at that
moment (a class defined below in the old file is imported at the top of the new module;
the facade binds every re-export first), so `get_type_hints(C.__init__)` resolves where it
raised, or raises on another name, or raises where it resolved. No rendering gives the new
module the old module's half-built namespace, so the plan says so, at the class (GS144),
when the outcome differs: the first annotation name (in the order get_type_hints evaluates
them) each namespace lacks. `dataclasses` reads the live module dict instead (the same
names once imported); pydantic and cattrs resolve later, in the whole module.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from ..types import Finding
from .package_order import is_type_checking

_ATTRS = {"attr": {"s", "attrs", "attributes", "define", "mutable", "frozen", "dataclass"},
          "attrs": {"define", "mutable", "frozen"}}
_FIELDS = {"ib", "attrib", "attr", "field"}  # attr.ib / attrs.field: a field without auto_attribs
_BUILTINS = frozenset(dir(builtins))
UNKNOWN = "?"  # a star import above the class: what it binds is not known


def _aliases(tree: ast.Module) -> tuple[dict[str, str], dict[str, str]]:
    """Module aliases of attr/attrs, and names imported from them (local -> attribute)."""
    modules: dict[str, str] = {}
    names: dict[str, str] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.name in _ATTRS:
                    modules[alias.asname or alias.name] = alias.name
        elif isinstance(stmt, ast.ImportFrom) and stmt.module in _ATTRS and not stmt.level:
            for alias in stmt.names:
                names[alias.asname or alias.name] = f"{stmt.module}.{alias.name}"
    return modules, names


def _builder(decorator: ast.expr, modules: dict[str, str], names: dict[str, str]) -> str | None:
    """`attr.s` / `attrs.define` / ... as `module.name` when the decorator is one."""
    node = decorator.func if isinstance(decorator, ast.Call) else decorator
    if isinstance(node, ast.Name):
        full = names.get(node.id)
    elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        full = f"{modules[node.value.id]}.{node.attr}" if node.value.id in modules else None
    else:
        return None
    if full is None:
        return None
    module, _, attribute = full.partition(".")
    return full if attribute in _ATTRS[module] else None


def _auto(decorator: ast.expr, full: str) -> bool | None:
    """auto_attribs: True, False (`attr.s` default), or None (define's: annotated)."""
    if isinstance(decorator, ast.Call):
        for keyword in decorator.keywords:
            if keyword.arg == "auto_attribs" and isinstance(keyword.value, ast.Constant):
                return bool(keyword.value.value)
    return False if full.split(".")[1] in {"s", "attrs", "attributes"} else None


def _is_field_call(value: ast.expr | None) -> bool:
    call = value if isinstance(value, ast.Call) else None
    func = call.func if call is not None else None
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name in _FIELDS


def _no_init(value: ast.expr | None) -> bool:
    return isinstance(value, ast.Call) and _is_field_call(value) and any(
        k.arg == "init" and isinstance(k.value, ast.Constant) and k.value.value is False
        for k in value.keywords)


def _ordered_names(node: ast.expr, lazy: bool) -> Iterator[str]:
    """The global names an annotation's string form reads, in evaluation order (left to
    right); `lazy`: the whole annotation is a string (`from __future__ import annotations`),
    else only its string literals are."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            inner = ast.parse(node.value.strip(), mode="eval").body
        except SyntaxError:
            return
        yield from _ordered_names(inner, True)
    elif isinstance(node, ast.Name):
        if lazy:
            yield node.id
    elif isinstance(node, ast.Attribute):
        yield from _ordered_names(node.value, lazy)
    elif isinstance(node, ast.Subscript):
        yield from _ordered_names(node.value, lazy)
        yield from _ordered_names(node.slice, lazy)
    elif isinstance(node, ast.BinOp):
        yield from _ordered_names(node.left, lazy)
        yield from _ordered_names(node.right, lazy)
    elif isinstance(node, (ast.Tuple, ast.List)):
        for element in node.elts:
            yield from _ordered_names(element, lazy)


def _is_classvar(annotation: ast.expr) -> bool:
    text = ast.unparse(annotation).strip("'\" ")
    return text.split("[")[0].split(".")[-1] == "ClassVar"


def _fields(cls: ast.ClassDef, auto: bool | None) -> list[ast.expr]:
    """The annotations of the class's own `__init__` arguments, in order."""
    annotated = [s for s in cls.body if isinstance(s, ast.AnnAssign)
                 and isinstance(s.target, ast.Name) and not _is_classvar(s.annotation)]
    if auto is None:  # define(): auto_attribs if any field is annotated
        auto = bool(annotated)
    return [s.annotation for s in annotated
            if (auto or _is_field_call(s.value)) and not _no_init(s.value)]


def _lazy(tree: ast.Module) -> bool:
    return any(isinstance(s, ast.ImportFrom) and s.module == "__future__"
               and any(a.name == "annotations" for a in s.names) for s in tree.body)


Resolve = Callable[[ast.ImportFrom], "set[str] | None"]


def _bound(stmts: list[ast.stmt], resolve: Resolve | None = None) -> set[str]:
    """The names module-level statements bind when they run (each branch of an `if`/`try`,
    none of a `TYPE_CHECKING` block); UNKNOWN for a star import. `resolve`: the names a
    module imported relatively binds (None: not known); a `try: from .m import N` whose
    handlers do not bind N binds it only if `m` does (godsplit's guarded imports)."""
    out: set[str] = set()
    for stmt in stmts:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            for alias in stmt.names:
                out.add(UNKNOWN if alias.name == "*" else alias.asname or alias.name.split(".")[0])
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(stmt.name)
        elif isinstance(stmt, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if not isinstance(stmt, ast.AnnAssign) or stmt.value is not None:
                out |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
        elif isinstance(stmt, ast.If):
            out |= _bound(stmt.orelse, resolve) if is_type_checking(stmt.test) else _bound(
                stmt.body + stmt.orelse, resolve)
        if isinstance(stmt, ast.Try):
            handled = _bound([s for h in stmt.handlers for s in h.body], resolve)
            out |= handled | _bound(stmt.orelse + stmt.finalbody, resolve)
            for inner in stmt.body:
                names = _bound([inner], resolve)
                given = resolve(inner) if resolve and isinstance(inner, ast.ImportFrom) else None
                out |= names if given is None or not stmt.handlers else (
                    names & (given | handled))
        elif isinstance(stmt, (ast.With, ast.AsyncWith, ast.For, ast.AsyncFor, ast.While)):
            out |= _bound(list(stmt.body) + list(getattr(stmt, "orelse", [])), resolve)
    return out


def run_time_binds(text: str) -> set[str]:
    """The names top-level statements (their source) bind when they run: no name of a
    `TYPE_CHECKING` block, the names of its `else`; UNKNOWN for a star import."""
    try:
        return _bound(ast.parse(text).body)
    except SyntaxError:
        return set()


def _resolver(where: Path, trees: Mapping[Path, ast.Module]) -> Resolve:
    """What `from .m import ...` in the module at `where` finds bound in `m` (one of the
    plan's files) once it has run."""
    def resolve(stmt: ast.ImportFrom) -> set[str] | None:
        if stmt.level != 1 or not stmt.module:
            return None
        target = trees.get(where.parent.joinpath(*stmt.module.split(".")).with_suffix(".py"))
        if target is None:
            return None
        bound = _bound(target.body)
        return None if UNKNOWN in bound else bound
    return resolve


def _first_missing(tree: ast.Module, cls: ast.ClassDef, annotations: list[ast.expr],
                   lazy: bool, resolve: Resolve | None = None) -> str | None:
    """The first annotation name not bound in `tree`'s namespace when `cls` is made (None:
    all resolve; UNKNOWN: a star import above may bind it)."""
    index = tree.body.index(cls)
    bound = _bound(tree.body[:index], resolve)
    for annotation in annotations:
        for name in _ordered_names(annotation, lazy):
            if name in bound or name in _BUILTINS:
                continue
            return UNKNOWN if UNKNOWN in bound else name
    return None


def _classes(tree: ast.Module) -> dict[str, ast.ClassDef]:
    return {s.name: s for s in tree.body if isinstance(s, ast.ClassDef)}


def _outcome(missing: str | None) -> str:
    return "resolves" if missing is None else f"raises NameError ({missing!r} is not bound yet)"


def snapshot_findings(source: str, path: Path, texts: Mapping[Path, str],
                      facade: Path | None = None) -> list[Finding]:
    """GS144 for each attrs class of `source` whose `get_type_hints(C.__init__)` would give
    another outcome in the module `texts` (the plan's files) make it in; `facade`: the
    file that makes the classes kept in the old module."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    modules, names = _aliases(tree)
    if not modules and not names:
        return []
    lazy, classes = _lazy(tree), _classes(tree)
    afters = {}
    for where, text in texts.items():
        try:
            afters[where] = ast.parse(text)
        except SyntaxError:
            continue
    findings = []
    for name, cls in classes.items():
        built = [(d, full) for d in cls.decorator_list if (full := _builder(d, modules, names))]
        if not built:
            continue
        annotations = _inherited(cls, classes, modules, names) + _fields(cls, _auto(*built[0]))
        before = _first_missing(tree, cls, annotations, lazy)
        for where, after_tree in afters.items():
            moved = _classes(after_tree).get(name)
            if moved is None:
                continue
            after = _first_missing(after_tree, moved, annotations, _lazy(after_tree),
                                   _resolver(where, afters))
            if UNKNOWN not in (before, after) and before != after:
                defined = _bound([s for s in tree.body if not isinstance(
                    s, (ast.Import, ast.ImportFrom))])
                later = _bound(tree.body[tree.body.index(cls):])
                also = [n for n in (before, after) if n in defined and n != name]
                findings.append(_finding(name, built[0][1], before, after, where, path, cls,
                                         [f"{n}, defined below it," if n in later else n
                                          for n in also], tuple(also), where == facade))
    return findings


def hint_reads(source: str) -> dict[str, tuple[tuple[str, ...], str | None]]:
    """Each attrs class of `source`: the global names its `__init__`'s annotations read, in
    the order get_type_hints evaluates them, and the first not bound when the class is made
    in `source` (None: they resolve); classes below a star import left out (UNKNOWN)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {}
    modules, names = _aliases(tree)
    if not modules and not names:
        return {}
    lazy, classes = _lazy(tree), _classes(tree)
    out = {}
    for name, cls in classes.items():
        built = [(d, full) for d in cls.decorator_list if (full := _builder(d, modules, names))]
        if built:
            annotations = _inherited(cls, classes, modules, names) + _fields(cls, _auto(*built[0]))
            before = _first_missing(tree, cls, annotations, lazy)
            if before != UNKNOWN:
                out[name] = (tuple(n for a in annotations for n in _ordered_names(a, lazy)
                                   if n not in _BUILTINS), before)
    return out


def _inherited(cls: ast.ClassDef, classes: dict[str, ast.ClassDef], modules: dict[str, str],
               names: dict[str, str]) -> list[ast.expr]:
    """The annotations of the fields `cls` inherits from attrs classes of this file (base
    first), as attrs puts them first in `__init__`."""
    out: list[ast.expr] = []
    for base in cls.bases:
        parent = classes.get(base.id) if isinstance(base, ast.Name) else None
        if parent is None or parent is cls:
            continue
        built = [(d, full) for d in parent.decorator_list if (full := _builder(d, modules, names))]
        if built:
            out += _inherited(parent, classes, modules, names) + _fields(parent, _auto(*built[0]))
    return out


def _finding(name: str, builder: str, before: str | None, after: str | None, where: Path,
             path: Path, cls: ast.ClassDef, said: list[str], also: tuple[str, ...],
             kept: bool = False) -> Finding:
    """`also`: the names that decide (missing in one namespace only) the file defines;
    `kept`: the class stays in the old module, and `where` (the facade) makes it."""
    line = cls.decorator_list[0].lineno if cls.decorator_list else cls.lineno
    would = _outcome(after).replace("raises", "raise").replace("resolves", "resolve")
    if not kept:
        after_split = (f"would {would} in {where.name} after the split, where other names "
                       f"are bound at that moment; keep {' and '.join([name, *said])} in the "
                       "old module, if its annotations' names are bound there as they were")
    else:  # the class is kept already: only the names that decide can help
        after_split = (
            f"{name} stays there, but the facade ({where.name}) that makes it after the split "
            "runs the kept code before or after the moved names' re-exports, where other names "
            f"are bound at that moment: there it would {would}; " + (
                f"keep {' and '.join(said)} in the old module too, so that the facade can make "
                f"{name} where its annotations' names are bound as they were" if said else
                "no name this file defines decides it, so keeping more cannot change it; "
                f"mapping {name} to a new module may"))
    return Finding(
        "GS144", "error",
        f"{name} is built by {builder}, whose generated __init__ resolves its type hints in a "
        "copy of its module's names taken when the class is made: "
        f"get_type_hints({name}.__init__) {_outcome(before)} in the old module, and "
        f"{after_split} (the plan checks again)",
        str(path), line, (name, *also))
