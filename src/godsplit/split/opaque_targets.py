"""Which definitions one opaque call may run (opaque_calls.py), instead of every one handed on.

A call the analysis cannot follow runs what its callee can be, and what it is given. For
three callees that set is known:

- an element of a *closed container*: a module global bound only to displays (`REG = []`,
  `HANDLERS = {"a": f}`), never declared `global` by a function, used only through
  subscripts and method calls on it (`REG[0]()`, `REG.append(f)`, `H.get(k)()`; bare only
  as what a `for` iterates, in a comparison or in `len(REG)`), its methods never taken
  uncalled (`m = REG.append`), and every value any code of the module puts into it (a
  display's elements, `REG[k] = v`, a method's arguments but the key of `get`/`pop`/...)
  a definition, a literal, an import or a builtin; or the parameter of a decorator used
  only as `@register` (or of the def a factory used only as `@register(t)` makes), so the
  decorated definitions go in. `REG[0]()` runs only what went into `REG`;
- a lambda called where it is written whose body calls nothing opaquely: what it names;
- a name bound only by top-level `for name in (a, b):` over names: the definitions among
  them.

Anything else may be any definition handed on (`OpaqueCalls.escaped`). What a call is given
may run too (the callee may call it): the definitions among its arguments, or anything
when an argument at the top level is another value of the module.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence

import libcst as cst

from .class_calls import first_param
from .nodes import children, walk

_LITERALS = (cst.Integer, cst.Float, cst.Imaginary, cst.SimpleString, cst.ConcatenatedString,
             cst.FormattedString)
_DISPLAYS = (cst.List, cst.Tuple, cst.Set, cst.Dict)
# methods of a dict, list or set whose first argument is a key or a position: not stored
_KEYED = frozenset({"get", "pop", "setdefault", "index", "count", "remove", "discard",
                    "__contains__", "__getitem__", "__delitem__", "fromkeys"})


def values_in(value: cst.CSTNode, defs: Collection[str], known: Callable[[str], bool]
              ) -> set[str] | None:
    """The definitions `value` may hold, when it is one, a literal, an import or a builtin,
    or a display of those; None for anything else."""
    if isinstance(value, cst.Name):
        return {value.value} if value.value in defs else set() if known(value.value) else None
    if isinstance(value, _LITERALS):
        return set()
    if isinstance(value, _DISPLAYS):
        out: set[str] = set()
        for element in value.elements:
            parts = [element.key, element.value] if isinstance(element, cst.DictElement) \
                else [element.value]
            for part in parts:
                found = values_in(part, defs, known)
                if found is None:
                    return None
                out |= found
        return out
    return None


_Up = tuple[cst.CSTNode, "_Up"] | None  # the enclosing nodes, innermost first, linked


def _chain(module: cst.Module, wanted: Collection[str]
           ) -> Iterator[tuple[cst.Name, list[cst.CSTNode], list[cst.CSTNode]]]:
    """Each read of a name in `wanted`, with the chain of expressions built on it (its
    subscripts, attributes and calls, innermost first) and the nodes around that chain
    (its enclosing nodes, innermost first)."""
    stack: list[tuple[cst.CSTNode, _Up]] = [(module, None)]
    while stack:
        node, up = stack.pop()
        if isinstance(node, cst.Name):
            if node.value not in wanted or (up is not None and (
                    (isinstance(up[0], cst.Attribute) and up[0].attr is node)
                    or (isinstance(up[0], cst.Arg) and up[0].keyword is node))):
                continue
            rest: list[cst.CSTNode] = []
            while up is not None:
                rest.append(up[0])
                up = up[1]
            chain: list[cst.CSTNode] = [node]
            while rest and ((isinstance(rest[0], (cst.Subscript, cst.Attribute))
                             and rest[0].value is chain[-1])
                            or (isinstance(rest[0], cst.Call) and rest[0].func is chain[-1])):
                chain.append(rest.pop(0))
            yield node, chain, rest
            continue
        for child in children(node):
            stack.append((child, (node, up)))


class Containers:
    """The module's closed containers, each with the definitions that go into it."""

    def __init__(self, module: cst.Module, defs: Collection[str], known: Callable[[str], bool],
                 declared: Collection[str]) -> None:
        self.defs, self.known, self.body = defs, known, list(module.body)
        self.stored: dict[str, set[str]] = {}  # closed container -> what goes in
        self.sunk: dict[int, str] = {}  # Name nodes (by id) that go into a container: which
        self.decorators: dict[str, set[str]] = {}  # a decorator (`@f`, `@()f`) -> containers
        bound: dict[str, bool] = {}  # top-level names bound only to displays
        for stmt in module.body:
            for node in walk(stmt, into_scopes=False):
                if isinstance(node, (cst.Assign, cst.AnnAssign)) and isinstance(
                        node.value, _DISPLAYS):
                    targets = [t.target for t in node.targets] if isinstance(
                        node, cst.Assign) else [node.target]
                    for target in targets:
                        if isinstance(target, cst.Name):
                            bound[target.value] = bound.get(target.value, True) and len(targets) == 1
        self.open = {n for n, ok in bound.items() if not ok} | set(declared) | set(defs)
        for name, chain, around in _chain(module, bound):
            if name.value not in self.open:
                self._use(name.value, chain, around)
        if self.decorators:  # each used only as `@name` (`@name(...)` for a factory)
            makers = {d.split(")")[-1].lstrip("@") for d in self.decorators}
            for read, chain, around in _chain(module, makers):
                for kind in ("@", "@()"):
                    if kind + read.value in self.decorators and not (_innermost(
                            around, len(chain) == (1 if kind == "@" else 2)) or (
                            around and isinstance(around[0], cst.FunctionDef)
                            and around[0].name is read)):
                        self.open |= self.decorators.pop(kind + read.value)
            for kind, declared_name in ((k, n) for k in ("@", "@()") for n in declared):
                self.open |= self.decorators.pop(kind + declared_name, set())
        self.decorators = {d: c for d, c in self.decorators.items() if not c & self.open}
        for stmt in module.body:  # what such a decorator stores goes in
            if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
                for decorator in stmt.decorators:
                    d = decorator.decorator
                    key = f"@{d.value}" if isinstance(d, cst.Name) else f"@(){d.func.value}" \
                        if isinstance(d, cst.Call) and isinstance(d.func, cst.Name) else ""
                    for container in self.decorators.get(key, ()) if decorator is \
                            stmt.decorators[-1] else ():
                        self.stored.setdefault(container, set()).add(stmt.name.value)
        for container in list(self.stored):
            if container in self.open:
                del self.stored[container]
        self.stored.update({n: set() for n in bound if n not in self.open and n not in self.stored})
        self.sunk = {i: c for i, c in self.sunk.items() if c in self.stored}

    def _goes_in(self, name: str, value: cst.CSTNode | None, scopes: Sequence[cst.CSTNode],
                 binding: bool = False) -> None:
        """`value` goes into container `name` (inside the functions `scopes`); for a
        `binding`, it is the container. A list, dict or set inside could be taken out and
        filled elsewhere (`h = REG[0]; h.append(f)`): anything may be in it then."""
        if value is None:
            return
        found = values_in(value, self.defs, self.known)
        if found and found & _bound_in(scopes):
            found = None  # a parameter or local named like a definition
        if found is not None and any(isinstance(n, (cst.List, cst.Set, cst.Dict)) and not (
                binding and n is value) for n in walk(value)):
            found = None
        if found is None and isinstance(value, cst.Name) and (owner := self._decorator(
                value.value, scopes)):
            self.decorators.setdefault(owner, set()).add(name)
            self.sunk[id(value)] = name
            return
        if found is None:
            self.open.add(name)
            return
        self.stored.setdefault(name, set()).update(found)
        self.sunk.update((id(n), name) for n in walk(value) if isinstance(n, cst.Name))

    def _decorator(self, param: str, scopes: Sequence[cst.CSTNode]) -> str | None:
        """The decorator (or decorator factory) whose parameter `param` is the decorated
        definition: the top-level def the innermost function is, or is nested right in."""
        functions = [s for s in scopes if isinstance(s, cst.FunctionDef)]
        if not functions or isinstance(scopes[0], cst.Lambda) or len(functions) > 2 or not any(
                s is functions[-1] for s in self.body) or first_param(functions[0]) != param:
            return None
        inner = functions[0]
        if any(isinstance(n, (cst.AssignTarget, cst.AugAssign, cst.For, cst.NamedExpr))
               and param in {m.value for m in walk(n) if isinstance(m, cst.Name)}
               for n in walk(inner.body)):
            return None  # the parameter is bound again
        outer = functions[-1]
        if len(functions) == 2:  # the factory makes it right in its body and only returns it
            named = inner.name.value
            uses = [n for n in walk(outer.body) if isinstance(n, cst.Name) and n.value == named
                    and n is not inner.name]
            returns = [n for n in walk(outer.body) if isinstance(n, cst.Return)
                       and isinstance(n.value, cst.Name) and n.value.value == named]
            if not any(s is inner for s in children(outer.body)) or len(uses) != len(returns):
                return None
        return ("@" if len(functions) == 1 else "@()") + outer.name.value

    def _use(self, name: str, chain: list[cst.CSTNode], around: list[cst.CSTNode]) -> None:
        scopes = [n for n in around if isinstance(n, (cst.FunctionDef, cst.Lambda))]
        parent = around[0] if around else None
        if len(chain) == 1:  # the bare name
            if isinstance(parent, (cst.AssignTarget, cst.Del)) or (isinstance(
                    parent, cst.AnnAssign) and parent.target is chain[0]):
                if isinstance(parent, cst.AssignTarget) and isinstance(
                        assign := around[1] if len(around) > 1 else None, cst.Assign):
                    self._goes_in(name, assign.value, scopes, True)
                elif isinstance(parent, cst.AnnAssign):
                    self._goes_in(name, parent.value, scopes, True)
                return
            if isinstance(parent, (cst.For, cst.CompFor)) and parent.iter is chain[0]:
                return
            if isinstance(parent, (cst.Comparison, cst.ComparisonTarget)):
                return
            if isinstance(parent, cst.Arg) and isinstance(
                    call := around[1] if len(around) > 1 else None, cst.Call) \
                    and isinstance(call.func, cst.Name) and call.func.value == "len":
                return
            self.open.add(name)  # handed on, aliased, returned: anything may go in
            return
        for link, up in zip(chain[1:], [*chain[2:], parent], strict=True):
            if isinstance(link, cst.Attribute) and not (isinstance(up, cst.Call) and up.func is link):
                self.open.add(name)  # `m = REG.append`
                return
            if isinstance(link, cst.Call) and isinstance(link.func, cst.Attribute):
                keyed = link.func.attr.value in _KEYED
                for index, arg in enumerate(link.args):
                    if not (keyed and index == 0 and arg.keyword is None):
                        self._goes_in(name, arg.value, scopes)
        top = chain[-1]
        if isinstance(parent, (cst.For, cst.CompFor, cst.AsName)):
            self.open.add(name)  # `for REG[k] in ...`: anything
        elif isinstance(parent, cst.AssignTarget) and isinstance(
                assign := around[1] if len(around) > 1 else None, cst.Assign):
            self._goes_in(name, assign.value, scopes)  # `REG[k] = v`
        elif isinstance(parent, (cst.AugAssign, cst.AnnAssign)) and parent.target is top:
            self._goes_in(name, parent.value, scopes)


def _bound_in(scopes: Sequence[cst.CSTNode]) -> set[str]:
    """The names the functions and lambdas `scopes` (or those in them) bind or take."""
    out: set[str] = set()
    for scope in scopes:
        for node in walk(scope):
            if isinstance(node, cst.Param):
                out.add(node.name.value)
            elif isinstance(node, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.For,
                                   cst.CompFor, cst.NamedExpr)):
                out.update(n.value for n in walk(node.target) if isinstance(n, cst.Name))
            elif isinstance(node, cst.AsName):
                out.update(n.value for n in walk(node.name) if isinstance(n, cst.Name))
            elif isinstance(node, (cst.FunctionDef, cst.ClassDef)) and node is not scope:
                out.add(node.name.value)
    return out


def _innermost(around: list[cst.CSTNode], shape: bool) -> bool:
    """Whether a read with the chain `shape` wants sits right in the innermost decorator
    of a def or class (what it decorates is that definition itself)."""
    return shape and len(around) > 1 and isinstance(around[0], cst.Decorator) and isinstance(
        owner := around[1], (cst.FunctionDef, cst.ClassDef)) and owner.decorators[-1] is around[0]


def loop_targets(module: cst.Module, defs: Collection[str], known: Callable[[str], bool],
                 declared: Collection[str]) -> dict[str, set[str]]:
    """The names bound only by top-level `for name in (a, b, ...):` over definitions,
    literals, imports and builtins, each with the definitions it may be."""
    out: dict[str, set[str]] = {}
    bad: set[str] = set(declared)
    for stmt in module.body:
        for node in walk(stmt, enter=lambda n: not isinstance(
                n, (cst.FunctionDef, cst.ClassDef, cst.Lambda))):
            targets: list[cst.CSTNode] = []
            if isinstance(node, cst.For):
                if isinstance(node.target, cst.Name):
                    found = values_in(node.iter, defs, known) if isinstance(
                        node.iter, (cst.List, cst.Tuple, cst.Set)) else None
                    if found is None:
                        bad.add(node.target.value)
                    else:
                        out.setdefault(node.target.value, set()).update(found)
                    continue
                targets = [node.target]
            elif isinstance(node, cst.AssignTarget):
                targets = [node.target]
            elif isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.NamedExpr)):
                targets = [node.target]
            elif isinstance(node, cst.AsName):
                targets = [node.name]
            elif isinstance(node, (cst.FunctionDef, cst.ClassDef)):
                bad.add(node.name.value)
            elif isinstance(node, (cst.Import, cst.ImportFrom)):
                bad.update(n.value for n in walk(node) if isinstance(n, cst.Name))
            bad.update(n.value for t in targets for n in walk(t) if isinstance(n, cst.Name))
    return {n: d for n, d in out.items() if n not in bad}


def call_targets(node: cst.CSTNode, defs: Collection[str], named: Callable[[str], set[str]],
                 stored: Callable[[str], set[str] | None], loops: dict[str, set[str]],
                 value: Callable[[str], bool], opaque: Callable[[cst.CSTNode, set[str]], bool],
                 params: set[str]) -> set[str] | None:
    """The definitions opaque call `node` may run (None: any handed on). `named`: a
    definition's name (or an alias's) -> the definitions; `stored`: a closed container's
    contents (else None); `value`: whether a name is a value of the module (not a
    definition, an import or a builtin) outside `params`; `opaque(call, params)`: whether
    a call in a lambda's body is opaque."""
    if not isinstance(node, cst.Call):
        return None
    out: set[str] = set()
    for arg in node.args:  # what the callee is given it may call
        for name in walk(arg.value):
            if isinstance(name, cst.Name) and name.value not in params:
                if value(name.value) and stored(name.value) is None:
                    return None
                out |= named(name.value) | (stored(name.value) or set())
    callee = node.func
    if isinstance(callee, cst.Lambda):
        lambda_params = {p.name.value for p in walk(callee.params) if isinstance(p, cst.Param)}
        if any(opaque(n, params | lambda_params) for n in walk(callee.body)):
            return None
        return out.union(*(named(n.value) for n in walk(callee) if isinstance(n, cst.Name)))
    if isinstance(callee, cst.Name):
        return out | loops[callee.value] if callee.value in loops and callee.value not in params \
            else None
    root = callee
    while isinstance(root, cst.Subscript) or (isinstance(root, cst.Call) and isinstance(
            root.func, cst.Attribute)):
        root = root.value if isinstance(root, cst.Subscript) else root.func.value  # type: ignore[attr-defined]
    if isinstance(root, cst.Name) and root.value not in params and (
            inside := stored(root.value)) is not None:
        return out | inside
    return None
