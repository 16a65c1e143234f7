"""Which values running code holds are plain: known not to be an instance of a class of the
module, so an operator or subscript on them runs none of its special methods.

import_time.py runs a special method by name on every class with instances at import
time: `a + b` in a function that runs then runs each such class's `__add__` and
`__radd__`. That is sound but coarse. construct's `FormatField.__init__(self, endianity,
format)` computes `endianity+format`; every `FormatField(...)` in the module passes two
string literals, yet the rule ran `Construct.__add__`, which makes a `Struct`, whose
`__getattr__` subscripts, which ran `Construct.__getitem__`, which makes an `Array`: a
false GS104 cycle. Here: `a + b` runs `__add__` only if `a` may be such an instance and
`__radd__` only if `b` may (Python calls the left operand's method, then the right one's
reflected method); `x[i]` runs `__getitem__` only if `x` may be.

Plain: a literal or display, `None`/`True`/`False`, a builtin the module never rebinds
(`len`, a class like `str`: not an instance of the module's classes), a call of a builtin
that builds a builtin (`list(...)`, `len(...)`), a method call on a string literal
(`"{}".format(x)`), an operation on plain operands, `not x`, a membership or identity test;
a function's local bound only to plain values; and a parameter that every call of the
function passes a plain value (or leaves at a plain default), when all the calls are known:
a top-level def (or a class's `__init__`) whose name the module uses only to call it, not
decorated, not a base; for a class no `__new__`, and for it and its bases (`object` or
classes of the module) no decorator, metaclass, `__reduce__`, `cls(...)` or
`type(self)(...)`. `*args` and `**kwargs` are a tuple and a dict. Anything else
is not known: an attribute, a subscript, another call's result, an import, a global, a
name in a lambda or a class body, a parameter of a function handed on.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping

import libcst as cst

from .call_params import LEAVES, called_params, given_args, parameters, remakes
from .node_kinds import Kinds
from .nodes import children, walk
from .self_scan import bound_names

_LITERALS = (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString, cst.Integer,
             cst.Float, cst.Imaginary, cst.List, cst.Tuple, cst.Set, cst.Dict, cst.ListComp,
             cst.SetComp, cst.DictComp, cst.GeneratorExp, cst.Lambda, cst.Ellipsis)
_STRINGS = (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)
_CONSTANTS = frozenset({"None", "True", "False"})
# builtins whose result is always a builtin object, whatever they are given
_BUILDERS = frozenset({"len", "list", "tuple", "dict", "set", "frozenset", "sorted", "bool",
                       "isinstance", "issubclass", "callable", "hasattr", "id", "range",
                       "enumerate", "zip", "map", "filter", "bytearray"})
_TESTS = ("In", "NotIn", "Is", "IsNot")  # their result is a bool whatever the operands
# copy and pickle call what these return with the arguments they return (`(C, args)`);
# `__copy__` or `__setstate__` make an instance without `__init__` (or with `cls(...)`)
_REMAKERS = frozenset({"__reduce__", "__reduce_ex__"})
_LOOKUPS = ("globals", "vars", "locals", "__import__")
OPAQUE = "opaque"
# `_scan`'s kinds by type (a failed `isinstance` of a LibCST class, an ABC, is a Python call)
_SCANNED = Kinds(*(getattr(cst, n) for n in ("Name", "FunctionDef", "ClassDef", "Lambda", "Call", "Attribute",
    "Assign", "AnnAssign", "NamedExpr", "AugAssign", "For", "CompFor", "AsName", "Import", "ImportFrom",
    "Global", "Nonlocal", "MatchAs", "MatchStar", "MatchMapping", "Arg")))
_Scope = cst.FunctionDef | str | None  # a function, the module (None) or OPAQUE


class PlainValues:
    """Which expressions of `module` are plain (see the module docstring); `defs`, its
    top-level functions and classes by name."""

    def __init__(self, module: cst.Module, defs: Mapping[str, cst.CSTNode]) -> None:
        self.defs = defs
        self.calls: dict[str, list[tuple[cst.Call, _Scope]]] = {}
        self.escaped: set[str] = set()
        self.rebound: set[str] = set()  # every name bound anywhere: its builtin is not trusted
        self.binds: dict[int, dict[str, list[cst.BaseExpression | None]]] = {}
        self._skip: set[int] = set()  # Name nodes that are not reads (attr, keyword, def name)
        self._star = False
        self._nonlocal: set[str] = set()  # names a `nonlocal` statement declares
        for stmt in module.body:
            self._scan(stmt, None)
        self.builtins = frozenset() if self._star else frozenset(dir(builtins)) - self.rebound
        # the module's functions looked up by name (`globals()["f"](x)`, `exec(text)`)
        self._dynamic = any(n in self.calls for n in _LOOKUPS) or any(
            len(call.args) < 2 for n in ("eval", "exec") for call, _ in self.calls.get(n, ()))
        self.params: dict[int, set[str]] = {}  # function -> its plain parameters
        self._fixpoint()

    def _bind(self, scope: _Scope, target: cst.CSTNode,
              value: cst.BaseExpression | None) -> None:
        names = bound_names(target)
        self.rebound |= names
        if isinstance(scope, cst.FunctionDef):
            into = self.binds.setdefault(id(scope), {})
            for name in names:
                into.setdefault(name, []).append(value if isinstance(target, cst.Name) else None)

    def _scan(self, node: cst.CSTNode, scope: _Scope) -> None:
        stack: list[tuple[cst.CSTNode, _Scope]] = [(node, scope)]
        while stack:
            current, scope = stack.pop()
            inner = scope
            if not _SCANNED(current):  # (most nodes: whitespace, punctuation, ...)
                stack.extend((c, inner) for c in children(current) if type(c) not in LEAVES)
                continue
            if isinstance(current, cst.Name):
                if id(current) not in self._skip and current.value in self.defs:
                    self.escaped.add(current.value)
                continue
            if isinstance(current, cst.FunctionDef):
                self._skip.add(id(current.name))
                self._bind(scope, current.name, None)
                self.binds.setdefault(id(current), {})
                for param in parameters(current.params):
                    self._skip.add(id(param.name))
                    self.rebound.add(param.name.value)
                stack.extend((d, scope) for d in current.decorators)
                stack.extend((p.default, scope) for p in parameters(current.params) if p.default)
                stack.append((current.body, current))
                continue
            if isinstance(current, cst.ClassDef):
                self._skip.add(id(current.name))
                self._bind(scope, current.name, None)
                inner = OPAQUE
            elif isinstance(current, cst.Lambda):
                for param in parameters(current.params):
                    self._skip.add(id(param.name))
                inner = OPAQUE
            elif isinstance(current, cst.Call):
                if isinstance(current.func, cst.Name):
                    self._skip.add(id(current.func))
                    self.calls.setdefault(current.func.value, []).append((current, scope))
                for arg in current.args:
                    if arg.keyword is not None:
                        self._skip.add(id(arg.keyword))
            elif isinstance(current, cst.Attribute):
                self._skip.add(id(current.attr))
            elif isinstance(current, cst.Assign):
                for target in current.targets:
                    self._bind(scope, target.target, current.value)
            elif isinstance(current, (cst.AnnAssign, cst.NamedExpr)) and current.value:
                self._bind(scope, current.target, current.value)
            elif isinstance(current, (cst.AugAssign, cst.For, cst.CompFor)):
                self._bind(scope, current.target, None)
            elif isinstance(current, cst.AsName):
                self._bind(scope, current.name, None)
            elif isinstance(current, (cst.Import, cst.ImportFrom)):
                if isinstance(current.names, cst.ImportStar):
                    self._star = True
                    continue
                for alias in current.names:
                    bound = alias.asname.name if alias.asname else alias.name
                    self._bind(scope, bound, None)
                    self.escaped.update(n for n in bound_names(bound) if n in self.defs)
                continue
            elif isinstance(current, (cst.Global, cst.Nonlocal)):
                for item in current.names:
                    self._skip.add(id(item.name))
                    self._bind(scope, item.name, None)
                    if isinstance(current, cst.Nonlocal):  # an outer function's local
                        self._nonlocal.add(item.name.value)
                continue
            elif isinstance(current, (cst.MatchAs, cst.MatchStar)) and current.name:
                self._bind(scope, current.name, None)
            elif isinstance(current, cst.MatchMapping) and current.rest:
                self._bind(scope, current.rest, None)
            elif isinstance(current, cst.Arg) and current.keyword is not None:
                self._skip.add(id(current.keyword))
            stack.extend((child, inner) for child in children(current)
                         if type(child) not in LEAVES)

    def _closed(self, name: str) -> cst.FunctionDef | None:
        """The function whose parameters only the module's calls of `name` give, if so."""
        node = self.defs.get(name)
        if name in self.escaped or name not in self.calls or self._dynamic:
            return None
        if isinstance(node, cst.FunctionDef):
            return None if node.decorators else node
        if not isinstance(node, cst.ClassDef) or not self._made_plainly(node):
            return None
        methods = {s.name.value: s for s in node.body.body if isinstance(s, cst.FunctionDef)}
        return None if "__new__" in methods else methods.get("__init__")

    def _made_plainly(self, node: cst.ClassDef, seen: frozenset[str] = frozenset()) -> bool:
        """Whether calling the class runs its `__init__` with the call's arguments, and
        nothing else does: no decorator, metaclass, `__reduce__`, `cls(...)`, and
        only `object` or such classes of the module as bases (a foreign base's metaclass
        could call `__init__` with anything)."""
        methods = {s.name.value for s in node.body.body if isinstance(s, cst.FunctionDef)}
        if node.decorators or node.keywords or node.name.value in seen or _REMAKERS & methods \
                or remakes(node):
            return False
        for base in node.bases:
            name = base.value.value if isinstance(base.value, cst.Name) else None
            parent = self.defs.get(name) if name else None
            if name != "object" and not (isinstance(parent, cst.ClassDef) and self._made_plainly(
                    parent, seen | {node.name.value})):
                return False
        return True

    def _fixpoint(self) -> None:
        closed = {name: fn for name in self.defs if (fn := self._closed(name)) is not None}
        self.closed = {id(fn): name for name, fn in closed.items()}
        self._handed: dict[int, frozenset[str]] = {}
        for name, fn in closed.items():
            every = parameters(fn.params, stars=False)
            method = isinstance(self.defs[name], cst.ClassDef)  # defaults ran in the class body
            self.params[id(fn)] = {p.name.value for p in every[method:] if p.default is None
                                   or self.plain(p.default, OPAQUE if method else None)}
        changed = True
        while changed:
            changed = False
            for name, fn in closed.items():
                plain = self.params[id(fn)]
                for call, scope in self.calls[name]:
                    for param, value in given_args(fn, call, isinstance(self.defs[name], cst.ClassDef)):
                        if param is None and value is None:  # spread
                            changed = changed or bool(plain)
                            plain.clear()
                        elif param in plain and (value is None or not self.plain(value, scope)):
                            plain.discard(param)
                            changed = True

    def handed(self, fn: cst.FunctionDef) -> frozenset[str]:
        """The module's definitions the calls of `fn` give it where it calls them: in a
        parameter it calls (`def go(run): run()`, `go(helper)`), or one it draws a called
        local from (`for run in fns: run()`, `go([helper])`), through its callers'
        parameters too. Only for a function whose calls are all known (memoized)."""
        if id(fn) not in self.closed:
            return frozenset()
        if id(fn) not in self._handed:
            self._handed[id(fn)] = frozenset().union(
                *(self._flows(fn, p, frozenset()) for p in called_params(fn)))
        return self._handed[id(fn)]

    def _flows(self, fn: cst.FunctionDef, param: str, seen: frozenset[tuple[int, str]]
               ) -> set[str]:
        """The definitions named in what the module's calls of `fn` give `param`."""
        name = self.closed.get(id(fn))
        if name is None or (id(fn), param) in seen:
            return set()
        seen = seen | {(id(fn), param)}
        out: set[str] = set()
        for call, scope in self.calls[name]:
            given = [v for p, v in given_args(fn, call, isinstance(self.defs[name], cst.ClassDef),
                                          star=True) if p == param and v is not None]
            for value in given:
                for node in walk(value):
                    if not isinstance(node, cst.Name) or id(node) in self._skip:
                        continue
                    if isinstance(scope, cst.FunctionDef) and node.value in {
                            p.name.value for p in parameters(scope.params)}:
                        out |= self._flows(scope, node.value, seen)
                    else:  # a def, an alias of one (import_time resolves), or not known
                        out.add(node.value)
        return out

    def plain(self, node: cst.BaseExpression, scope: _Scope,
              seen: frozenset[str] = frozenset()) -> bool:
        """Whether `node`, evaluated in `scope`, is known not to be an instance of a class of
        the module."""
        if isinstance(node, _LITERALS):
            return True
        if isinstance(node, cst.Name):
            return self._name(node.value, scope, seen)
        if isinstance(node, cst.BinaryOperation):
            return self.plain(node.left, scope, seen) and self.plain(node.right, scope, seen)
        if isinstance(node, cst.BooleanOperation):
            return self.plain(node.left, scope, seen) and self.plain(node.right, scope, seen)
        if isinstance(node, cst.UnaryOperation):
            return isinstance(node.operator, cst.Not) or self.plain(node.expression, scope, seen)
        if isinstance(node, cst.IfExp):
            return self.plain(node.body, scope, seen) and self.plain(node.orelse, scope, seen)
        if isinstance(node, cst.Comparison):
            return all(type(c.operator).__name__ in _TESTS for c in node.comparisons) or (
                self.plain(node.left, scope, seen)
                and all(self.plain(c.comparator, scope, seen) for c in node.comparisons))
        if isinstance(node, cst.Call):
            func = node.func
            if isinstance(func, cst.Name):
                return func.value in _BUILDERS and func.value in self.builtins
            return isinstance(func, cst.Attribute) and isinstance(func.value, _STRINGS)
        return False

    def _name(self, name: str, scope: _Scope, seen: frozenset[str]) -> bool:
        if name in _CONSTANTS:
            return True
        if scope is OPAQUE:
            return False
        if isinstance(scope, cst.FunctionDef):
            if name in self._nonlocal:
                return False
            binds = self.binds.get(id(scope), {})
            params = {p.name.value: p for p in parameters(scope.params)}
            if name in params or name in binds:
                if name in seen:
                    return False
                seen = seen | {name}
                param = params.get(name)
                if param is not None and not (  # `*args`, `**kwargs`: a tuple, a dict
                        param.star in ("*", "**") or name in self.params.get(id(scope), ())):
                    return False
                return all(v is not None and self.plain(v, scope, seen)
                           for v in binds.get(name, ()))
            return name in self.builtins and name not in self.defs  # a closure's: rebound
        return name in self.builtins
