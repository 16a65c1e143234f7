"""Reads of a class through a registry its creation fills, by the class's name.

sympy's `core/numbers.py`: `class Infinity(Number, metaclass=Singleton)`; the metaclass
registers each class it makes on `S` (`S.register(cls)`, by `cls.__name__`), and
`_illegal = (S.NaN, S.Infinity, ...)` at the end of the module reads them back at import
time. No name connects the two: moved to a module imported before the classes were made,
`S.Infinity` raised AttributeError (GS406 after a clean plan). An attribute of an
imported object, read while the module is imported, that is spelled like a class of the
module whose making runs code (a metaclass, a decorator, a base's `__init_subclass__`)
counts as reading that class then.
"""

from __future__ import annotations

import sys

import libcst as cst

from .class_calls import class_defs
from .imports import bound_name
from .literals import walk_code, walk_statements
from .nodes import target_names


def _imported(module: cst.Module) -> set[str]:
    """Names top-level `from` imports bind (`from .singleton import S`), outside functions:
    objects that may be registries. Not a module `import typing` binds (`typing.Tuple`
    is the module's own attribute, not a class of this module's that was made), nor an
    object of the standard library's (no class of this module registers itself there)."""
    return {bound_name(alias) for stmt in module.body
            for node in walk_statements(stmt, into_scopes=False)
            if isinstance(node, cst.ImportFrom) and not isinstance(node.names, cst.ImportStar)
            and not _stdlib(node) for alias in node.names}


def _stdlib(node: cst.ImportFrom) -> bool:
    if node.relative or node.module is None:
        return False
    top = cst.Module([]).code_for_node(node.module).split(".")[0]
    return top in sys.stdlib_module_names


def _defined(module: cst.Module) -> set[str]:
    """Names a top-level definition or assignment binds (not an import)."""
    out: set[str] = set()
    for stmt in module.body:
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            out.add(stmt.name.value)
        for node in walk_statements(stmt, into_scopes=False):
            if isinstance(node, cst.Assign):
                out |= {n for t in node.targets for n in target_names(t.target)}
            elif isinstance(node, (cst.AnnAssign, cst.AugAssign)):
                out |= target_names(node.target)
    return out


def _registering(module: cst.Module) -> set[str]:
    """Top-level classes whose making runs code: a metaclass, a class decorator, or such
    a base of this module, or a base of this module defining `__init_subclass__`."""
    classes = class_defs(module)
    out: set[str] = set()
    changed = True
    while changed:
        changed = False
        for name, cls in classes.items():
            if name in out:
                continue
            hooks = cls.decorators or any(
                arg.keyword is not None and arg.keyword.value == "metaclass"
                for arg in cls.keywords)
            bases = {a.value.value for a in cls.bases if isinstance(a.value, cst.Name)}
            subclass_hook = any(
                isinstance(line, cst.FunctionDef) and line.name.value == "__init_subclass__"
                for base in bases & set(classes) for line in classes[base].body.body)
            if hooks or subclass_hook or bases & out:
                out.add(name)
                changed = True
    return out


def registry_reads(module: cst.Module) -> dict[int, set[str]]:
    """By top-level statement index: the classes it reads at import time as
    `imported_object.ClassName`, where making `ClassName` runs code."""
    registering = _registering(module)
    if not registering:
        return {}
    registries = _imported(module) - _defined(module)
    if not registries:
        return {}
    found: dict[int, set[str]] = {}
    for index, stmt in enumerate(module.body):
        for node in walk_code(stmt, into_scopes=False):
            if (isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name)
                    and node.value.value in registries and node.attr.value in registering):
                found.setdefault(index, set()).add(node.attr.value)
    return {i: names - _own(module.body[i]) for i, names in found.items()
            if names - _own(module.body[i])}


def _own(stmt: cst.BaseStatement) -> set[str]:
    return {stmt.name.value} if isinstance(stmt, (cst.ClassDef, cst.FunctionDef)) else set()
