"""What a dataclass's generated `__init__` reads through the fields it inherits.

`@dataclass` writes `__init__` in the module of the class it decorates, annotated with
the types of every field, the inherited ones included. When those types are strings
(`from __future__ import annotations`, or `x: "Symbol"`), `get_type_hints(Sub.__init__)`
resolves them in the subclass's module. sympy's `integrals/manualintegrate.py`:
`@dataclass class AtomicRule(Rule)` with `Rule`'s `variable: Symbol`; moved to a module
that did not import `Symbol`, the hints of 24 rules' `__init__` raised NameError (GS408
after a clean plan). Those names are read by the subclass, for type hints only.
"""

from __future__ import annotations

from collections.abc import Collection

import libcst as cst

from .nodes import walk
from .run_uses import lazy_annotations


def _is_dataclass(decorator: cst.Decorator) -> bool:
    node = decorator.decorator
    if isinstance(node, cst.Call):
        node = node.func
    name = node.value if isinstance(node, cst.Name) else (
        node.attr.value if isinstance(node, cst.Attribute) else "")
    return name == "dataclass"


def _annotation_names(annotation: cst.BaseExpression, stringified: bool) -> set[str]:
    """The plain names a field's annotation reads when resolved from its string: all of
    them under `from __future__ import annotations`, else those in string literals."""
    found: set[str] = set()
    for node in walk(annotation):
        if isinstance(node, cst.Name) and stringified:
            found.add(node.value)
        elif isinstance(node, cst.SimpleString):
            value = node.evaluated_value
            try:
                parsed = cst.parse_expression(value) if isinstance(value, str) else None
            except cst.ParserSyntaxError:
                parsed = None
            if parsed is not None:
                found |= _annotation_names(parsed, True)
    return found


def _fields_read(cls: cst.ClassDef, stringified: bool) -> set[str]:
    """The names the annotations of `cls`'s fields (its body's `x: T` lines) read."""
    out: set[str] = set()
    for line in cls.body.body:
        if isinstance(line, cst.SimpleStatementLine):
            for small in line.body:
                if isinstance(small, cst.AnnAssign):
                    out |= _annotation_names(small.annotation.annotation, stringified)
    return out


def inherited_field_reads(module: cst.Module, names: Collection[str]) -> dict[int, set[str]]:
    """By top-level statement index of a dataclass: the module's `names` that the string
    annotations of the fields it inherits from dataclasses of this module read."""
    stringified = lazy_annotations(module)
    classes = {stmt.name.value: (index, stmt) for index, stmt in enumerate(module.body)
               if isinstance(stmt, cst.ClassDef)}
    dataclasses = {name for name, (_, cls) in classes.items()
                   if any(_is_dataclass(d) for d in cls.decorators)}

    def inherited(cls: cst.ClassDef, seen: set[str]) -> set[str]:
        out: set[str] = set()
        for arg in cls.bases:
            base = arg.value.value if isinstance(arg.value, cst.Name) else None
            if base is None or base not in classes or base in seen:
                continue
            seen.add(base)
            parent = classes[base][1]
            if base in dataclasses:
                out |= _fields_read(parent, stringified)
            out |= inherited(parent, seen)
        return out

    found = {}
    for name in sorted(dataclasses):
        index, cls = classes[name]
        reads = inherited(cls, {name}) & set(names)
        if reads:
            found[index] = reads
    return found
