"""Names the project's other code reads through the old module when it runs.

`apply --rewrite-references` points a patch of `old.mod.name` at the one new module whose
code looks `name` up. That is only the same patch when nothing else reads `name` through
the old module at call time: `import old.mod as m; m.name()` in a view, a `from old.mod
import name` inside a function, `getattr(m, "name")`, `vars(m)["name"]`, `pkg.mod.name`
after `import pkg`, or the module object handed on (`return m`, `x = m`, `[m]`, a call's
argument: `inspect.getmembers(m)`; what reads it then is not known). Before the split one
patch of the old module reached those reads too; a patch of the new module does not (the
facade keeps the object it imported). Such a patch target stays on the old module, where the
live facade forwards it to every new module that looks the name up.

Reads of a name known only at run time count as reads of every name (EVERY), each with
why: `getattr(m, variable)`, the module's namespace (`vars(m)`, `m.__dict__`) not
subscripted by a literal, and the old module got by its name at run time
(`importlib.import_module("old.mod")`, `__import__`, `sys.modules["old.mod"]`, also by a
variable assigned that name in the file) other than to read one literal attribute of it.

A dotted path in a string (`"old.mod.name"`, `"old.mod:name"`: `import_string`,
`pkgutil.resolve_name`, a setting split at run time) is a read of `name` (`migrate`
points the string at the name's home); patch targets and logger names are not. So is an
attribute path of `operator.attrgetter` (`attrgetter("mod.name")(pkg)`: `attr_getters`;
migrate cannot point it elsewhere). A module name that reaches a loader through a variable
is not followed (a loop, a setting, a parameter): once the project both holds the old
module's name as a string (not a patch target, logger name or dict key) and calls
`import_module`, `__import__`, `import_string` or `resolve_name` with a variable anywhere,
every name counts as read (conservative: a kept patch is safe, a moved one that misses a
read is not).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeGuard

from ..files import run_package
from . import attr_getters
from .dotted_paths import dotted, variable_loads
from .old_aliases import old_aliases
from .own_names import SCOPES, binds, outside
from .relative_ban import absolute_target
from .typestrings import dotted_name

EVERY = "*"  # any of the module's names may be read through it (see `Read.how`)
HANDED = "hands the old module on"
DOTTED = "names it by a dotted path resolved at run time"  # (migrate rewrites the string)
ATTR = "reads it by an attribute path"  # `operator.attrgetter` (migrate cannot point it)
_LOADERS = frozenset({"import_module", "__import__"})
# calls that read no name through a module handed to them (any argument), and those that
# write one (their first argument: the patchers, whose targets `references` rewrites)
_INERT = frozenset({"isinstance", "issubclass", "id", "type", "repr", "str", "print", "hash",
                    "hasattr", "callable"})
_WRITERS = frozenset({"setattr", "delattr"})  # builtin, monkeypatch's, mocker's
_PATCHES = frozenset({"object", "multiple"})  # (mock., mocker.)patch.object / .multiple
# calls whose first argument is a patch target (`mock.patch("pkg.big.x")`: a write), and
# those whose string arguments are logger names (not modules loaded by that name)
_TARGETS = frozenset({"patch", "setattr", "delattr"})
_LOGGERS = frozenset({"getLogger", "get_logger", "get_task_logger", "assertLogs", "assertNoLogs"})


@dataclass(frozen=True)
class Read:
    """Where a name is read through the old module; for EVERY, `how` (else "")."""

    path: str
    line: int
    how: str = ""

    @property
    def followed(self) -> bool:
        """`migrate` points this read at the name's home (an alias's `alias.name`, a dotted
        path in a string), so a patch there reaches it."""
        return not self.how or self.how.startswith(DOTTED)


@dataclass
class FacadeReads:
    """For one old module: a name read through it -> where, first found."""

    old: str
    where: dict[str, Read] = field(default_factory=dict)
    top: Path | None = None  # the directory its name puts on sys.path (`module-name`'s)
    named: Read | None = None  # the first string holding the old module's name as a value
    loads: Read | None = None  # the first module got by a name held in a variable
    tasks: frozenset[str] = frozenset()  # moved Celery tasks' pinned names: not dotted reads

    def settle(self) -> None:
        """EVERY once the project both holds the old module's name in a string and gets a
        module by a name held in a variable (what that variable holds is not followed)."""
        if self.named and self.loads and EVERY not in self.where:
            self.where[EVERY] = Read(self.loads.path, self.loads.line, (
                f"{self.loads.how}, and {self.old!r} is named at {self.named.path}:"
                f"{self.named.line}"))

    def read(self, name: str) -> Read | None:
        """Where `name` is read through the old module, if it is (named, else EVERY)."""
        return self.where.get(name) or self.where.get(EVERY)


def _text(node: ast.AST) -> str:
    """The code of `node` as a reason shows it (one line, at most 60 characters)."""
    text = " ".join(ast.unparse(node).split())
    return text if len(text) <= 60 else text[:57] + "..."


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _called(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


class _Reads:
    """What one file reads through one old module (`aliases`: its names for it there)."""

    def __init__(self, old: str, aliases: set[str], package: str,
                 sibling: frozenset[str] | set[str] = frozenset(),
                 tasks: frozenset[str] = frozenset()) -> None:
        self.old, self.aliases, self.package, self.sibling = old, aliases, package, sibling
        self.tasks = tasks  # a string naming a moved task names it to Celery's registry
        self.done: set[int] = set()  # nodes read as one literal name through their parent
        # variable -> the strings assigned to it that may name the old module
        self.strings: dict[str, set[str]] = {}
        self.getters: dict[str, list[str]] = {}  # variable -> the paths of its attrgetter
        self.lasts = {alias.rpartition(".")[2] for alias in aliases}
        self.parents: dict[int, ast.AST] | None = None  # child -> parent, when needed
        self.skip: set[int] = set()  # strings that are patch targets, logger names, dict keys
        self.named: list[int] = []  # lines of strings holding the old module's name
        self.resolved: set[int] = set()  # lines of loads of a variable `text` resolves

    def text(self, node: ast.expr) -> str | None:
        """A literal string, or a variable assigned one (`NAME = "pkg.big"`) that names the
        old module (assignments come first in the walk: outer statements before inner)."""
        found = _literal(node)
        if found is None and isinstance(node, ast.Name):
            return min(self.strings.get(node.id, ()), default=None)
        return found

    def loaded(self, node: ast.expr, top: bool = True) -> bool:
        """`node` is the old module got by its name at run time: `importlib.import_module`
        (absolute, or relative to a literal package or `__package__`), `sys.modules[...]`,
        `sys.modules.get(...)`, or (`top`) `__import__` of it, which gives its top package."""
        if isinstance(node, ast.Subscript):
            return dotted_name(node.value) == "sys.modules" and self.text(node.slice) == self.old
        if not isinstance(node, ast.Call) or not node.args:
            return False
        name = self.text(node.args[0])
        if dotted_name(node.func) == "sys.modules.get":
            return name == self.old
        if _called(node) not in _LOADERS or name is None:
            return False
        if not isinstance(node.args[0], ast.Constant):
            self.resolved.add(node.lineno)  # (not `settle`'s load of an unknown name)
        if _called(node) == "__import__":  # the top package (unless a fromlist): any read
            return top and (name == self.old or name.startswith(self.old + "."))
        if name.startswith("."):
            anchor = node.args[1] if len(node.args) > 1 else next(
                (k.value for k in node.keywords if k.arg == "package"), None)
            package = (self.package if isinstance(anchor, ast.Name)
                       and anchor.id == "__package__" else _literal(anchor))
            dots = len(name) - len(name.lstrip("."))
            name = absolute_target(package, dots, name[dots:] or None) or "" if package else ""
        return name == self.old

    def module(self, node: ast.expr) -> bool:
        """`node` is the old module: an alias of it, or got by its name at run time."""
        return dotted_name(node) in self.aliases or self.loaded(node, top=False)

    def namespace(self, node: ast.expr) -> bool:
        """`vars(old_mod)` or `old_mod.__dict__`."""
        if isinstance(node, ast.Attribute):
            return node.attr == "__dict__" and self.module(node.value)
        return isinstance(node, ast.Call) and getattr(node.func, "id", "") == "vars" and len(
            node.args) == 1 and self.module(node.args[0])

    def reads(self, tree: ast.AST) -> Iterable[tuple[str, int, str]]:
        """(name, line, how) of each read through the old module. A name: `alias.name`
        loaded (not kept: see below), `getattr(alias, "name")` (how ""), and those no edit
        of the import can point elsewhere (how says which): `vars(alias)["name"]`, an
        attribute of the module got by its name at run time. EVERY where any name may be
        read: the module handed on (returned or assigned), a `getattr` of a name known at
        run time, its namespace read otherwise, the module got by its name at run time for
        anything but one literal attribute. A name read only to be kept (`old = mod.name`,
        to restore it after a patch) is not counted: that is the same object through the
        old module or the new one until it is patched."""
        kept: set[int] = set()
        for node in ast.walk(tree):  # parents before children: an Assign before its value
            if isinstance(node, ast.Call) and node.args and _called(node) in _TARGETS:
                self.skip.add(id(node.args[0]))
            elif isinstance(node, ast.Call) and _called(node) in _LOGGERS:
                self.skip.update(id(arg) for arg in node.args)
            elif isinstance(node, ast.Dict):
                self.skip.update(id(key) for key in node.keys if key is not None)
            if isinstance(node, ast.Assign):
                kept.add(id(node.value))
                if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and (
                        text := _literal(node.value)) and (text == self.old or text[:1] == "."):
                    self.strings.setdefault(node.targets[0].id, set()).add(text)
                if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and (
                        found := attr_getters.paths(node.value, {})) is not None:
                    self.getters[node.targets[0].id] = found
            if id(node) in self.done:
                continue
            if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load) and (
                    node.attr != "__dict__" and self.module(node.value)):
                self.done.add(id(node.value))
                if id(node) not in kept:
                    yield node.attr, node.lineno, self._through(node.value, node)
            elif isinstance(node, ast.Subscript) and self.namespace(node.value) and (
                    _literal(node.slice) is not None):
                self.done.add(id(node.value))
                yield str(_literal(node.slice)), node.lineno, (
                    f"reads it through the old module's namespace (`{_text(node)}`)")
            elif isinstance(node, ast.Call) and _called(node) == "getattr" and len(
                    node.args) >= 2 and self.module(node.args[0]):
                self.done.add(id(node.args[0]))
                name = _literal(node.args[1])
                yield (name, node.lineno, self._through(node.args[0], node)) if name else (
                    EVERY, node.lineno, "reads a name known only at run time through the "
                    f"old module (`{_text(node)}`)")
            elif isinstance(node, (ast.Return, ast.Assign, ast.AnnAssign, ast.Yield)) and (
                    node.value is not None and dotted_name(node.value) in self.aliases):
                self.done.add(id(node.value))
                yield EVERY, node.lineno, HANDED
            elif isinstance(node, (ast.Attribute, ast.Call)) and self.namespace(node):
                yield EVERY, node.lineno, f"reads the old module's namespace (`{_text(node)}`)"
            elif isinstance(node, (ast.Subscript, ast.Call)) and self.loaded(node):
                yield EVERY, node.lineno, ("gets the old module by its name at run time "
                                           f"(`{_text(node)}`)")
            elif isinstance(node, ast.Call) and len(node.args) == 1 and (names := attr_getters.through(
                    attr_getters.paths(node.func, self.getters) or [],
                    dotted_name(node.args[0]), self.aliases)):
                self.done.update((id(node.func), id(node.args[0])))
                yield from ((name, node.lineno, f"{ATTR} (`{_text(node)}`)") for name in names)
            elif isinstance(node, ast.Call) and (names := attr_getters.spelled(
                    attr_getters.paths(node, {}) or [], self.old.rpartition(".")[2])):
                yield from ((name, node.lineno, f"{ATTR} (`{_text(node)}`)") for name in names)
            elif self.bare(node):
                yield from self.escapes(node, tree)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and (
                    id(node) not in self.skip):
                name = dotted(node.value, self.old)
                if node.value == self.old:
                    self.named.append(node.lineno)
                elif name and node.value not in self.tasks:
                    yield name, node.lineno, f"{DOTTED} ({node.value!r})"

    def bare(self, node: ast.AST) -> TypeGuard[ast.Name | ast.Attribute]:
        """`node` loads the old module itself (an alias of it), not one name through it."""
        if isinstance(node, ast.Name):
            return node.id in self.aliases and isinstance(node.ctx, ast.Load)
        return isinstance(node, ast.Attribute) and node.attr in self.lasts and isinstance(
            node.ctx, ast.Load) and dotted_name(node) in self.aliases

    def escapes(self, node: ast.Name | ast.Attribute, tree: ast.AST) -> Iterable[
            tuple[str, int, str]]:
        """EVERY where the old module itself (`node`, not read as `alias.name`) is handed
        on: a call's argument (`inspect.getmembers(big)`, `dir(big)`, `registry.scan(big)`,
        `partial(getattr, big)`: what the callee reads is not known), an element of a list,
        tuple or dict, a default value... The module's own patchers and setters
        (`patch.object(big, "x")`, `monkeypatch.setattr(big, "x", f)`, `setattr(big, "x",
        f)`: writes), calls that read nothing through it (`isinstance(big, ModuleType)`),
        comparisons, and a local variable of the same name do not count."""
        if self.parents is None:  # (only files that have such a use pay for the map)
            self.parents = {id(c): p for p in ast.walk(tree) for c in ast.iter_child_nodes(p)}
        parent = self.parents.get(id(node))
        if isinstance(parent, (ast.keyword, ast.Starred)):
            parent = self.parents.get(id(parent))  # `scan(mod=big)`: the call
        if parent is None or isinstance(parent, (ast.Attribute, ast.Compare, ast.Expr)) or (
                self._local(node)):
            return
        if not isinstance(parent, ast.Call):
            yield EVERY, node.lineno, f"hands the old module on (`{_text(parent)}`)"
            return
        func = parent.func
        writes = _called(parent) in _WRITERS or (isinstance(func, ast.Attribute) and (
            func.attr in _PATCHES and dotted_name(func.value).endswith("patch")))
        if node is func or _called(parent) == "vars" or (isinstance(func, ast.Name) and (
                func.id in _INERT)) or (writes and parent.args and node is parent.args[0]):
            return
        yield EVERY, node.lineno, ("passes the old module to a call that may read any name "
                                   f"through it (`{_text(parent)}`)")

    def _local(self, node: ast.expr) -> bool:
        """`node` is a variable of a function or a comprehension that has the alias's
        name (`fields = response.get("fields")` beside `from django.db.models import
        fields`; `[len(big) for big in groups]`), not the module."""
        if not isinstance(node, ast.Name) or self.parents is None:
            return False
        scope = self.parents.get(id(node))
        while scope is not None:
            if isinstance(scope, SCOPES) and not outside(scope, node):
                bound = binds(scope, node.id)
                if bound is not None:
                    return bound
            scope = self.parents.get(id(scope))
        return False

    def _through(self, module: ast.expr, read: ast.expr) -> str:
        """"" for a read through an alias (`migrate` points it at the name's home), else
        how it reads the module got by its name at run time."""
        shown = dotted_name(module)
        if shown in self.sibling:
            return f"reads it through its package, imported for another module (`{_text(read)}`)"
        return "" if shown in self.aliases else (
            f"reads it through the old module got by its name at run time (`{_text(read)}`)")


def _named(old: str, data: bytes) -> bool:
    """Whether a string in `data` may name the old module (`"pkg.big"`, `".big"`): what
    a read of the module got by its name at run time needs (cheap test before a walk)."""
    last = re.escape(old.rpartition(".")[2].encode())
    return old.encode() in data or re.search(rb"[\"']\.[\w.]*\b" + last + rb"[\"']", data) is not None


def scan(path: Path, data: bytes, root: Path, reads: dict[str, FacadeReads]) -> None:
    """Add what `path` reads through each old module in `reads` (by old module)."""
    shown = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    loads = variable_loads(data) if any(r.loads is None for r in reads.values()) else []
    wanted = [r for r in reads.values()
              if re.search(rb"\b" + re.escape(r.old.rpartition(".")[2].encode()) + rb"\b", data)]
    tree = None
    try:
        tree = ast.parse(data) if wanted else None
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        pass  # find_references reports a file it cannot parse (GS212)
    for found in reads.values():
        walker = None
        if tree is not None and found in wanted:
            package = run_package(path, () if found.top is None else (found.top,))
            aliases, local, sibling = old_aliases(tree, found.old, package)
            getter = b"attrgetter" in data  # (`attrgetter("big.helper")(pkg)`: `pkg.big`)
            aliases = {a for a in aliases if getter or a.encode() in data}  # (`pkg.big`?)
            walker = _Reads(found.old, aliases, package, sibling, found.tasks) if (
                aliases or getter or _named(found.old, data)) else None
            hits = [(read, line, "") for read, line in local] + (
                list(walker.reads(tree)) if walker else [])
            for read, line, how in sorted(hits, key=lambda hit: hit[1]):
                known = found.where.get(read)  # the first, or the first no import edit moves
                if known is None or (known.followed and not Read(shown, line, how).followed):
                    found.where[read] = Read(shown, line, how)
            if walker and walker.named and found.named is None:
                found.named = Read(shown, walker.named[0])
        free = [(line, text) for line, text in loads if not walker or line not in walker.resolved]
        if free and found.loads is None:
            found.loads = Read(shown, free[0][0], f"gets a module by a name held in a variable "
                               f"(`{free[0][1]}`)")
        found.settle()


def stays_message(shown: str, where: Read, live: bool) -> str:
    """GS210's text for a patch target that other code also reads through the old module."""
    how = ("hands the old module on, and a patch of the new module would not reach what "
           "reads the name through it then" if where.how == HANDED else
           f"{where.how or 'reads it through the old module'}, which a patch of the new module "
           "would not reach")
    return (f"patch target {shown!r} stays: {where.path}:{where.line} {how}; " + (
                "the live facade forwards the patch to every module that looks it up" if live
                else "patch it in each module by hand (or use facade = \"live\")"))
