"""The methods whose `self` is known to be an instance of their class or of a subclass, for
import_time.py's dispatch by name: `self.name` in such a method of class `C` runs the
methods called `name` of the classes of an instance that is a `C` (`C`, its subclasses
in the module, and their bases), not those of every class with an instance.

Counting every class made bottle's `self.headers` (in `BaseRequest.get_header`, run where
any running code names `get_header`) run `BaseResponse.headers`, which makes a
`HeaderDict`: a false GS104 cycle.

Python binds `self` to the instance a method is looked up on, unless code calls the
function itself: `C.m(other)`, `cls.m(x)`, `type(x).m(y)`, `x.__class__.m(y)`,
`super(C, x).m()`, a `getattr(C, "m")`, an alias `other = C.m` (kept when it sits in a
subclass's body, then its own name counts), `C.__dict__`/`vars(C)`, and a descriptor
that calls the function with anything (bottle's `lazy_attribute` passes the class). So a
method's `self` is typed only when none of these can reach it:
- no such unbound use of its name anywhere in the module, but `Base.m(self, ...)` in a
  method of a subclass of `Base` (self is then an instance of that subclass);
- its class body uses it only as `alias = m` or `name = property(m, ...)`;
- no decorator but `property`, `<a property>.setter`/`.getter`/`.deleter` and
  `abstractmethod`;
- `self` is bound once in the method (its parameter: no assignment, no nested parameter
  of that name, no `global`/`nonlocal`);
- the module never assigns an `__class__` (`x.__class__ = K`, `setattr(x, "__class__", K)`),
  reads a class's `__dict__` or calls `vars`; it reads no `__wrapped__` and gives a
  dynamic `getattr(C, name)` only to `functools.wraps`.
Dynamic names are not followed (`setattr(obj, name, K)`, `getattr(klass, "m")` on a
class held in a variable), as the dispatch by name itself does not follow them.
A class made elsewhere (`type(...)`) or an object built without `__init__` is no more
known here than to the by-name dispatch itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import libcst as cst

from .class_calls import class_defs, decorated, first_param, reachable
from .nodes import walk
from .self_scan import Context, ModuleScan, body_of, bound_names

_CLASS_FIRST = frozenset({"__new__", "__init_subclass__", "__class_getitem__"})
_ACCESSORS = frozenset({"setter", "getter", "deleter"})


class SelfReceivers:
    """Which methods' `self` is typed (see the module docstring)."""

    def __init__(self, module: cst.Module) -> None:
        self.classes = class_defs(module)
        candidates = {id(s) for node in self.classes.values() for s in node.body.body
                      if isinstance(s, cst.FunctionDef)}
        found = ModuleScan(module, candidates)  # one walk for all below
        bound = found.top_names
        self.aliases = aliases = _class_globals(found.assigns, set(self.classes))
        binds = found.binds
        self.declared = frozenset(found.declared)  # for getattr_reads: one walk less
        self.bases = {name: _bases(node, aliases, binds, set(self.classes))
                      for name, node in self.classes.items()}
        self._ancestry: dict[str, frozenset[str]] = {}
        self._plain_property = "property" not in bound
        self.owners: dict[int, tuple[str, str]] = {}  # id(method) -> (class, self name)
        scan = _Unbound(self, set(aliases))
        scan.replay(found.events)
        if scan.opaque:
            return
        unbound = scan.names
        for name, node in self.classes.items():
            shared = _shared_methods(node, unbound, self._plain_property)
            properties: set[str] = set()
            for stmt in node.body.body:
                if isinstance(stmt, cst.FunctionDef) and stmt.name.value not in unbound | shared:
                    this = self._self_name(stmt, properties)
                    if this is not None and _bound_once(stmt, this, found.binders[id(stmt)]):
                        self.owners[id(stmt)] = (name, this)

    def ancestors(self, name: str) -> frozenset[str]:
        """`name` and its bases (theirs too) in the module (asked often: kept)."""
        if name not in self._ancestry:
            self._ancestry[name] = frozenset({name} | reachable(self.bases, name))
        return self._ancestry[name]

    def _self_name(self, method: cst.FunctionDef, properties: set[str]) -> str | None:
        """Its `self` parameter, if only a lookup on an instance calls it (`properties`:
        the names the class body made properties so far, whose `.setter` is one)."""
        if method.name.value in _CLASS_FIRST or decorated(method, "staticmethod") \
                or decorated(method, "classmethod"):
            return None
        for decorator in method.decorators:
            d = decorator.decorator
            if isinstance(d, cst.Name) and (d.value == "abstractmethod" or (
                    d.value == "property" and self._plain_property)):
                properties.add(method.name.value)
                continue
            if isinstance(d, cst.Attribute) and (d.attr.value == "abstractmethod" or (
                    d.attr.value in _ACCESSORS and isinstance(d.value, cst.Name)
                    and d.value.value in properties)):
                properties.add(method.name.value)
                continue
            return None
        return first_param(method)


def _shared_methods(node: cst.ClassDef, unbound: set[str], plain_property: bool) -> set[str]:
    """The methods the class body uses other than by defining them: those given to
    anything but `alias = method` or `name = property(get, set)` (which call them on an
    instance), and those whose alias the module may call unbound (`unbound`)."""
    methods = {s.name.value for s in node.body.body if isinstance(s, cst.FunctionDef)}
    out: set[str] = set()
    for stmt in node.body.body:
        if isinstance(stmt, cst.FunctionDef):
            for part in (*stmt.decorators, stmt.params):  # run by the class body
                out |= {n.value for n in walk(part) if isinstance(n, cst.Name)} & methods
            continue
        used = {n.value for n in walk(stmt) if isinstance(n, cst.Name)} & methods
        if not used:
            continue
        small = stmt.body[0] if isinstance(stmt, cst.SimpleStatementLine) \
            and len(stmt.body) == 1 else None
        value = small.value if isinstance(small, cst.Assign) else None
        plain = isinstance(value, cst.Name) or (
            isinstance(value, cst.Call) and isinstance(value.func, cst.Name)
            and value.func.value == "property" and plain_property
            and all(isinstance(a.value, cst.Name) for a in value.args))
        targets = {t.target.value for t in small.targets if isinstance(t.target, cst.Name)} \
            if isinstance(small, cst.Assign) else set()
        if not plain or not targets or targets & unbound or isinstance(stmt, cst.BaseCompoundStatement):
            out |= used
    return out


def _class_globals(assigns: list[cst.Assign], classes: set[str]) -> dict[str, set[str]]:
    """`classes` and the globals bound to one of them (`Request = BaseRequest`), each
    with the classes it may be (`assigns`: the top level's `x = Name`)."""
    out = {name: {name} for name in classes}
    grown = True
    while grown:
        grown = False
        for node in assigns:
            assert isinstance(node.value, cst.Name)
            if node.value.value in out:
                for target in node.targets:
                    for n in walk(target.target):
                        if isinstance(n, cst.Name) and not out[node.value.value] <= out.get(
                                n.value, set()):
                            out.setdefault(n.value, set()).update(out[node.value.value])
                            grown = True
    return out


def _bases(node: cst.ClassDef, aliases: dict[str, set[str]], binds: Counter[str],
           classes: set[str]) -> list[str]:
    """The module's classes a class may derive from: a base naming one (or an alias of
    one; `Generic[T], Base[T]`, `with_metaclass(M, Base)`); every class for a base that
    calls a global of the module or is one bound otherwise or more than once (`class
    C(make_base())`: any may come back). Imports and builtins are not the module's."""
    out: set[str] = set()
    for base in node.bases:
        value = base.value
        names = {n.value for n in walk(value) if isinstance(n, cst.Name)}
        calls = [n for n in walk(value) if isinstance(n, cst.Call)]
        if any(isinstance(c.func, cst.Name) and binds[c.func.value] for c in calls) or (
                isinstance(value, cst.Name) and (binds[value.value] > 1 or (
                    binds[value.value] == 1 and value.value not in aliases))):
            out |= classes
        elif not isinstance(value, cst.Attribute):
            out |= {c for n in names for c in aliases.get(n, ())}
    out.discard(node.name.value)
    return sorted(out)


def _bound_once(method: cst.FunctionDef, this: str, binders: Iterable[cst.CSTNode]) -> bool:
    """Whether `this` is bound in `method` (nested scopes too) only as its parameter
    (`binders`: the nodes in it that may bind a name, see self_scan)."""
    count = 0
    for node in binders:
        if isinstance(node, cst.Param) and node.name.value == this:
            count += 1
        elif isinstance(node, (cst.Global, cst.Nonlocal)) and any(
                item.name.value == this for item in node.names):
            return False
        elif isinstance(node, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.For,
                               cst.CompFor, cst.NamedExpr, cst.AsName, cst.Del)):
            target = node.name if isinstance(node, cst.AsName) else node.target
            if this in bound_names(target):
                return False
        elif isinstance(node, (cst.FunctionDef, cst.ClassDef)) and node is not method \
                and node.name.value == this:
            return False
        elif isinstance(node, cst.ImportAlias) and this in {
                n.value for n in walk(node) if isinstance(n, cst.Name)}:
            return False
        elif isinstance(node, (cst.MatchAs, cst.MatchStar)) and node.name is not None \
                and node.name.value == this:
            return False
    return count == 1


class _Unbound:
    """The method names the module may call without binding `self` to an instance looked
    up (see the module docstring); `opaque`: it may do so for any. It reads the nodes
    self_scan's walk kept, each with the classes and methods around it (`replay`)."""

    def __init__(self, info: SelfReceivers, classes: set[str]) -> None:
        self.info = info
        self.classes = classes  # the module's classes and the globals bound to them
        self.found: set[str] = set()
        self.opaque = False
        self._context = Context((), (), ())  # around the node read
        self._aliases: dict[str, set[str]] = {}  # `bind = Base.__init__` in a subclass
        self._calls: dict[int, cst.Call] = {}  # id(func) -> its call
        self._skip: set[int] = set()  # aliases in a subclass's body
        self._wraps: set[int] = set()  # see _wrapped

    @property
    def names(self) -> set[str]:
        """The names found, and what each alias of them stands for."""
        out = set(self.found)
        grown = True
        while grown:
            more = {s for alias, sources in self._aliases.items() if alias in out
                    for s in sources}
            grown = not more <= out
            out |= more
        return out

    def replay(self, events: Iterable[tuple[cst.CSTNode, Context]]) -> None:
        """Read each node with its context (a parent before the nodes under it)."""
        handlers = {cst.Assign: self.visit_Assign, cst.AssignTarget: self.visit_AssignTarget,
                    cst.Call: self.visit_Call, cst.Decorator: self.visit_Decorator,
                    cst.Attribute: self.visit_Attribute}
        for node, context in events:
            self._context = context
            handlers[type(node)](node)  # type: ignore[operator]

    def _classlike(self, value: cst.BaseExpression) -> bool:
        """Whether `value` may be a class: one of the module's, a `cls` parameter,
        `type(x)`, `x.__class__`, `super(...)` given arguments."""
        if isinstance(value, cst.Name):
            return value.value in self.classes or any(
                value.value in p for p in self._context.class_params)
        if isinstance(value, cst.Attribute):
            return value.attr.value == "__class__"
        if isinstance(value, cst.Call) and isinstance(value.func, cst.Name):
            return value.func.value == "type" or (
                value.func.value == "super" and bool(value.args) and not self._own_super(value))
        return False

    def _own_super(self, call: cst.Call) -> bool:
        """`super(C, self)` in a method (of a subclass of `C`) whose `self` it is."""
        methods = self._context.methods
        owner, this = methods[-1] if methods else (None, None)
        if owner is None or len(call.args) != 2 or any(a.keyword or a.star for a in call.args):
            return False
        cls, obj = call.args[0].value, call.args[1].value
        return isinstance(obj, cst.Name) and obj.value == this and isinstance(
            cls, cst.Name) and cls.value in self.info.ancestors(owner)

    def visit_Assign(self, node: cst.Assign) -> None:
        owner, value = body_of(self._context), node.value
        if owner is not None and isinstance(value, cst.Attribute) and isinstance(
                value.value, cst.Name) and value.value.value in self.info.classes \
                and value.value.value in self.info.ancestors(owner):
            targets = [t.target for t in node.targets]
            if all(isinstance(t, cst.Name) for t in targets):
                self._skip.add(id(value))
                for target in targets:
                    assert isinstance(target, cst.Name)
                    self._aliases.setdefault(target.value, set()).add(value.attr.value)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        if any(isinstance(n, cst.Attribute) and n.attr.value == "__class__"
               for n in walk(node.target)):
            self.opaque = True  # `obj.__class__ = Other`

    def visit_Call(self, node: cst.Call) -> None:
        self._calls[id(node.func)] = node
        func = node.func
        if isinstance(func, cst.Name) and func.value == "vars":
            self.opaque = True
        if isinstance(func, (cst.Name, cst.Attribute)) and len(node.args) >= 2 and (
                func.value if isinstance(func, cst.Name) else func.attr.value) in {
                "setattr", "__setattr__"} and isinstance(name := node.args[-2].value,
                                                          cst.SimpleString) \
                and name.evaluated_value == "__class__":
            self.opaque = True  # `setattr(obj, "__class__", Other)`
        if isinstance(func, cst.Name) and func.value == "getattr" and len(node.args) >= 2 \
                and self._classlike(node.args[0].value):
            name = node.args[1].value
            if isinstance(name, cst.SimpleString) and isinstance(name.evaluated_value, str):
                self.found.add(name.evaluated_value)
            elif not self._wrapped(node):
                self.opaque = True

    def _wrapped(self, node: cst.Call) -> bool:
        """`getattr(C, name)` given to `functools.wraps`, which copies its metadata."""
        return id(node) in self._wraps

    def visit_Decorator(self, node: cst.Decorator) -> None:
        call = node.decorator
        if isinstance(call, cst.Call) and len(call.args) == 1 and (
                (isinstance(call.func, cst.Name) and call.func.value == "wraps") or (isinstance(
                    call.func, cst.Attribute) and call.func.attr.value == "wraps")):
            self._wraps.add(id(call.args[0].value))

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value == "__wrapped__":
            self.opaque = True  # `f.__wrapped__`: what `functools.wraps` was given
        if id(node) in self._skip or not self._classlike(node.value):
            return
        if node.attr.value == "__dict__":
            self.opaque = True
        elif not self._bound_call(node):
            self.found.add(node.attr.value)

    def _bound_call(self, node: cst.Attribute) -> bool:
        """`Base.m(self, ...)` in a method of a subclass of `Base`."""
        call = self._calls.get(id(node))
        methods = self._context.methods
        if call is None or not call.args or not methods or not isinstance(
                node.value, cst.Name) or node.value.value not in self.info.classes:
            return False
        owner, this = methods[-1]
        first = call.args[0]
        return owner is not None and first.keyword is None and not first.star and isinstance(
            first.value, cst.Name) and first.value.value == this \
            and node.value.value in self.info.ancestors(owner)


def typed_dispatch(receivers: SelfReceivers, made: set[str],
                   typed: dict[str, set[str]]) -> dict[str, set[str]]:
    """Class -> the names whose methods of that class run through a typed `self`:
    `typed` gives, per class `C`, the names used on `self` in its methods that ran; an
    instance of a class made (`made`, with their bases) that is a `C` runs such a name's
    method in any of its classes (a mixin's too)."""
    out: dict[str, set[str]] = {}
    used = {c: names for c, names in typed.items() if names}
    if not used:  # asked at every step of the closure: nothing to dispatch yet
        return out
    for cls in made:
        related = receivers.ancestors(cls)
        names = set().union(*(used[c] for c in related if c in used))
        if names:
            for c in related:
                out.setdefault(c, set()).update(names)
    return out
