"""Functions nested in a function that running it does not run: the getters, setters and
deleters it makes into properties (`@property def getter(self)`, `property(get, set)`).

`import_time` counts everything a function run at import time reads as read then, nested
functions included (one it returns or passes on may be called by its caller: a decorator's
wrapper). A property is not callable, and Python calls the functions it holds only when an
attribute is read through it; sh's `@contrib("git")` runs `Contrib.__call__`, which makes a
property `cmd_getter` reading `resolve_command(name, Command)` when `sh.contrib.git` is read,
which the module never does while it is imported: those reads made Command and most of the
module run at import time (false GS104 cycles). Whether an attribute read at import time
may run such a getter is for the caller to decide (`import_time`: a property made by running
code is attached under a name the code does not show).
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from .nodes import children, walk

_PROPERTIES = frozenset({"property", "cached_property"})  # their objects are not callable
_ACCESSORS = frozenset({"setter", "getter", "deleter"})  # `@getter.setter`
_HELD = frozenset({"fget", "fset", "fdel", "func"})  # a property's functions


def property_functions(fn: cst.FunctionDef) -> frozenset[int]:
    """The ids of the defs nested in `fn` (at any depth) that are only made into properties:
    decorated by `property`, `cached_property` (or `functools.cached_property`) or a
    property's `.setter`/`.getter`/`.deleter`; or undecorated and named in `fn` only as an
    argument of a call of `property(...)` or `cached_property(...)`."""
    defs = [n for n in _walk(fn.body, frozenset()) if isinstance(n, cst.FunctionDef)]
    if not defs:
        return frozenset()
    uses: dict[str, list[bool]] = {}  # name -> for each Name node: in a property call's args
    unwrapped: set[str] = set()
    _uses(fn.body, uses, unwrapped)
    out = set()
    for node in defs:
        if node.name.value in unwrapped:
            continue
        if node.decorators:
            if all(_property_decorator(d.decorator) for d in node.decorators):
                out.add(id(node))
        elif all(uses.get(node.name.value, [False])):
            out.add(id(node))
    return frozenset(out)


def names_outside(node: cst.CSTNode, skip: frozenset[int]) -> set[str]:
    """Every identifier in `node` but in the bodies of the defs in `skip`."""
    return {n.value for n in _walk(node, skip) if isinstance(n, cst.Name)}


def _walk(node: cst.CSTNode, skip: frozenset[int]) -> Iterator[cst.CSTNode]:
    """`node` and every node under it, not entering the bodies of the defs in `skip` (their
    decorators, defaults and annotations run where the def runs)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if id(current) in skip and isinstance(current, cst.FunctionDef):
            stack.extend(c for c in children(current) if c is not current.body)
        else:
            stack.extend(children(current))


def _property_decorator(node: cst.BaseExpression) -> bool:
    if isinstance(node, cst.Name):
        return node.value in _PROPERTIES
    return isinstance(node, cst.Attribute) and (
        (node.attr.value in _ACCESSORS and isinstance(node.value, cst.Name))
        or (node.attr.value == "cached_property"
        and isinstance(node.value, cst.Name) and node.value.value == "functools"))


def _uses(body: cst.CSTNode, out: dict[str, list[bool]], unwrapped: set[str]) -> None:
    """Each Name node under `body` (not a def's own name), and whether it is an argument of
    a `property(...)` call; `unwrapped`: names whose `.fget` (`.fset`, `.fdel`, `.func`) is
    read: the function a property holds, called as such."""
    stack: list[tuple[cst.CSTNode, bool]] = [(body, False)]
    while stack:
        node, in_property_call = stack.pop()
        if isinstance(node, cst.Name):
            out.setdefault(node.value, []).append(in_property_call)
        elif isinstance(node, cst.Call):
            stack.append((node.func, False))
            argument = isinstance(node.func, cst.Name) and node.func.value in _PROPERTIES
            stack.extend((a.value, argument and isinstance(a.value, cst.Name)) for a in node.args)
        else:
            if isinstance(node, cst.Attribute) and node.attr.value in _HELD and isinstance(
                    node.value, cst.Name):
                unwrapped.add(node.value.value)
            stack.extend((c, False) for c in children(node)
                         if not (isinstance(node, cst.FunctionDef) and c is node.name))


def attachable_names(module: cst.Module, imports: frozenset[str]) -> frozenset[str]:
    """The names a property made at run time may be read under, as far as the module shows
    them: the identifiers it spells as strings (`contrib("git")`, `setattr(cls, "x", p)`),
    and the class attributes its class bodies assign a call's result to (`tree =
    serializable_property("tree")`); less the names it reads only as attributes of modules
    it imports (`glob_module.glob`), and the interpreter's own names (`__dict__`,
    `__name__`: a property made under one of those is not looked for)."""
    names: set[str] = set()
    receivers: dict[str, set[str | None]] = {}
    for node in walk(module):
        if isinstance(node, cst.SimpleString):
            value = node.evaluated_value
            if isinstance(value, str) and value.isidentifier():
                names.add(value)
        elif isinstance(node, cst.Attribute):
            receiver = node.value.value if isinstance(node.value, cst.Name) else None
            receivers.setdefault(node.attr.value, set()).add(receiver)
        elif isinstance(node, cst.ClassDef):
            names |= {t.target.value for s in node.body.body
                      if isinstance(s, cst.SimpleStatementLine) for a in s.body
                      if isinstance(a, cst.Assign) and isinstance(a.value, cst.Call)
                      for t in a.targets if isinstance(t.target, cst.Name)}
    return frozenset(n for n in names if not (n.startswith("__") and n.endswith("__")) and not (
        n in receivers and all(r is not None and r in imports for r in receivers[n])))
