"""Names other than definitions whose calls opaque_calls.py follows: what imports bind,
and names bound only to builtins, imports, definitions or their aliases (`followed`)."""

from __future__ import annotations

import builtins
from collections.abc import Collection

import libcst as cst

from .nodes import children, walk
from .self_scan import bound_names

_BUILTINS = frozenset(dir(builtins))


def _names(value: cst.BaseExpression | None) -> list[str] | None:
    """The names `value` is one of: `b`, `b if c else d` (else None)."""
    if isinstance(value, cst.Name):
        return [value.value]
    if isinstance(value, cst.IfExp):
        body, orelse = _names(value.body), _names(value.orelse)
        return body + orelse if body is not None and orelse is not None else None
    return None


def imported(node: cst.Import | cst.ImportFrom) -> set[str]:
    """The names an import binds (`os` for `import os.path`)."""
    out: set[str] = set()
    if isinstance(node.names, cst.ImportStar):
        return out
    for alias in node.names:
        value: cst.BaseExpression = alias.asname.name if alias.asname and isinstance(
            alias.asname.name, cst.Name) else alias.name
        while isinstance(value, cst.Attribute):
            value = value.value
        if isinstance(value, cst.Name):
            out.add(value.value)
    return out


def followed(module: cst.Module, defs: Collection[str], imports: Collection[str],
             declared: Collection[str], classes: Collection[str] = frozenset(),
             ) -> tuple[frozenset[str], dict[str, set[str]]]:
    """The names (not `defs`) a call of which the analysis follows as well as it can, though
    code other than an import binds them: every top-level binding of each is a def or
    class statement without decorators (in an `if` or `try` block too), an import, or
    `name = other` for a builtin, an import or another such name (`unicode = str`), or
    `name = f(...)` for a builtin, an import or a class of the module (an instance: the
    class analysis follows its methods) given no definition (`T = namedtuple(...)`),
    and no function declares it `global` (`declared`). And the names bound only to `defs`
    (`h = helper`, `Request = BaseRequest`), with the definitions each may be."""
    good: set[str] = set()
    bad: set[str] = set(declared)  # bound otherwise
    aliases: list[tuple[str, str]] = []
    made: list[tuple[str, str]] = []  # `name = f(...)` of an import or a builtin, no def given
    stack: list[cst.CSTNode] = list(module.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            (bad if node.decorators else good).add(node.name.value)
            continue
        if isinstance(node, (cst.Import, cst.ImportFrom)):  # in an `if` block too
            good.update(imported(node))
            continue
        if isinstance(node, cst.AnnAssign) and node.value is None:
            continue  # binds nothing
        targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [
            node.target] if isinstance(node, cst.AnnAssign) else []
        given = _names(node.value) if isinstance(node, (cst.Assign, cst.AnnAssign)) else None
        if given and all(isinstance(t, cst.Name) for t in targets):
            aliases.extend((t.value, n) for t in targets if isinstance(t, cst.Name) for n in given)
            continue  # `a = b`, `a: T = b`, `a = b if c else d`
        if isinstance(node, cst.Assign) and isinstance(node.value, (cst.Call, cst.Attribute)) \
                and all(isinstance(t.target, cst.Name) for t in node.targets) and not any(
                isinstance(n, cst.Name) and n.value in defs for a in getattr(node.value, "args", ())
                for n in walk(a)):  # `T = namedtuple(...)`, `type(x)`, `f = str.removeprefix`
            root: cst.BaseExpression = node.value
            while isinstance(root, (cst.Attribute, cst.Call, cst.Subscript)):
                root = root.value if not isinstance(root, cst.Call) else root.func
            if isinstance(root, cst.Name):
                made.extend((t.target.value, root.value) for t in node.targets
                            if isinstance(t.target, cst.Name))
                continue
        if isinstance(node, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.For,
                             cst.CompFor, cst.NamedExpr)):
            bad.update(bound_names(node.target))
        elif isinstance(node, cst.AsName):
            bad.update(bound_names(node.name))
        if not isinstance(node, cst.Lambda):
            stack.extend(children(node))
    to_defs: dict[str, set[str]] = {}
    grown = True
    while grown:  # an alias of a definition (or of such an alias), and nothing else
        grown = False
        for name, other in aliases:
            sources = {other} if other in defs else to_defs.get(other)
            if name in bad or name in good or name in defs or sources is None:
                continue
            if not sources <= to_defs.setdefault(name, set()):
                to_defs[name] |= sources
                grown = True
    to_defs = {n: d for n, d in to_defs.items() if all(
        o in defs or o in to_defs for a, o in aliases if a == n)}
    bad.update(name for name, root in made if root in bad or not (  # `call = _Call()`: its
        root in _BUILTINS or root in imports or root in good or root in classes))  # __call__
    good.update(name for name, _ in made)
    grown = True
    while grown:
        grown = False
        names = good | {name for name, _ in aliases}
        for name, other in aliases:
            if name not in bad and other != name and (other in defs or other in bad or not (
                    other in _BUILTINS or other in imports or other in names)):
                bad.add(name)
                grown = True
    names = good | {name for name, _ in aliases}
    return frozenset(names - bad - set(defs)), to_defs
