"""Which reads happen while the module is imported, beyond the module-level code itself.

A function called at import time, or a class instantiated, used as a decorator or
metaclass, or subclassed then, runs code whose reads of globals happen at import time
too; `analyze` upgrades them here, so an import cycle through them is refused (GS104)
instead of written broken.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from itertools import chain
from typing import TYPE_CHECKING

import libcst as cst

from .class_calls import makes_own_class, on_class
from .import_time_defs import Code, instance_names
from .late_bound import bound_after
from .main_guards import is_main_block
from .self_receivers import typed_dispatch

if TYPE_CHECKING:
    from .analyze import Unit

# What runs when a class is called, when its instance is called too (`@Decorator(...)`),
# and when it is subclassed
_ON_CALL = frozenset({"__new__", "__init__", "__post_init__", "__attrs_post_init__",
                      "__set_name__", "__prepare__"})
_ON_DECORATE = _ON_CALL | {"__call__"}
_ON_SUBCLASS = frozenset({"__init_subclass__"})


def called_at_import(
    module: cst.Module, units: list[Unit], calls: Mapping[int, set[str]],
    subclassed: Mapping[int, set[str]],
) -> tuple[list[Unit], frozenset[str]]:
    """Code that runs while the module is imported reads its globals at import time too.
    That is every function called then (`@register`, `X = f()`), and everything it reads
    that is a function; and for a class instantiated, used as a decorator or metaclass, or
    subclassed: the methods that run (`__init__`, `__new__`, `__call__` for `@C(...)`, ...,
    `__init_subclass__`, its bases'), and every method whose name running code uses as an
    attribute (`builder.build_class()`, `self.push()`: dispatch is dynamic, the name is
    what is known). Their reads are upgraded to import time, each with the units whose
    top-level code runs it (`Read.runners`) when those are all that do. Also: the functions
    and methods (`Class.method`) that run then."""
    code = Code(module, units)
    code.values = instance_names(units)
    seeds = {unit.id: _Seeds.of(unit, module, code, calls, subclassed) for unit in units}
    everything = _Seeds.union(seeds.values())
    upgraded, live, ran = _closure(code, everything, None)
    runners: dict[tuple[int, str], set[int]] = defaultdict(set)
    for uid, seed in seeds.items():
        if seed:
            for reader, names in _closure(code, seed.implicit(), live)[0].items():
                for name in names:
                    runners[(reader, name)].add(uid)
    later = bound_after(units)
    for uid, names in upgraded.items():
        units[uid] = replace(units[uid], reads=tuple(
            replace(r, import_time=True, runners=frozenset(runners.get((uid, r.name), ())))
            if r.name in names and not r.annotation_only and not r.import_time
            and not later(r.name, runners.get((uid, r.name), set())) else r
            for r in units[uid].reads
        ))
    return units, ran


# run by any code that touches an instance, without a name or operator in the code
_IMPLICIT = frozenset({
    "__iter__", "__next__", "__len__", "__bool__", "__str__", "__repr__", "__format__",
    "__hash__", "__enter__", "__exit__", "__getattr__", "__getattribute__", "__setattr__",
    "__delattr__", "__get__", "__set__", "__delete__", "__index__", "__int__", "__float__",
    "__reversed__", "__missing__", "__setitem__", "__delitem__", "__copy__", "__deepcopy__",
    "__reduce__", "__reduce_ex__", "__getstate__", "__setstate__", "__del__", "__mro_entries__",
    "__instancecheck__", "__subclasscheck__", "__fspath__", "__await__", "__aiter__",
})


class _Seeds:
    """What one unit's top-level code runs: names called, subclassed, attributes used."""

    def __init__(self) -> None:
        self.calls: set[str] = set()
        self.subclassed: set[str] = set()
        self.used: set[str] = set()
        self.operators: set[str] = set()
        self.through: set[tuple[str, str]] = set()  # `C.m(...)`: a method run through C
        self.instances = False  # whether the code may hold an instance (see implicit)
        self.opaque: set[str] = set()  # what the calls it cannot follow may run (opaque_calls)

    @staticmethod
    def of(unit: Unit, module: cst.Module, code: Code, calls: Mapping[int, set[str]],
           subclassed: Mapping[int, set[str]]) -> _Seeds:
        out = _Seeds()
        out.instances = any(r.import_time and r.name in code.values for r in unit.reads)
        for index in unit.stmts:
            out.calls |= calls.get(index, set())
            out.subclassed |= subclassed.get(index, set())
            out.instances = out.instances or any(
                n.lstrip("@") in code.defs for n in calls.get(index, ()))
            stmt = module.body[index]
            out.opaque |= set() if is_main_block(stmt) else code.opaque.targets(stmt)
            out.calls |= code.opaque.decorated_run(stmt)
            if isinstance(stmt, cst.ClassDef):  # `class C(pick())` subclasses what comes back
                out.subclassed |= set(found[0]) if (found := code.cls(stmt.name.value)) else set()
            elif not isinstance(stmt, cst.FunctionDef) and not is_main_block(stmt):
                names, operators = code.uses(stmt)
                out.used |= names
                out.operators |= operators
                out.through |= code.through(stmt)
        return out

    def __bool__(self) -> bool:
        return any((self.calls, self.subclassed, self.used, self.operators, self.through, self.opaque))

    def implicit(self) -> _Seeds:
        """These seeds, with the special methods any use of an instance may run, when the
        code may hold one: it makes one, or reads a global that is neither a definition
        nor an import (not a class statement subclassing another, a type alias)."""
        out = _Seeds.union([self])
        if self.instances:
            out.operators |= _IMPLICIT
        return out

    @staticmethod
    def union(seeds: Iterable[_Seeds]) -> _Seeds:
        out = _Seeds()
        for seed in seeds:
            out.calls |= seed.calls
            out.subclassed |= seed.subclassed
            out.used |= seed.used
            out.operators |= seed.operators
            out.through |= seed.through
            out.instances = out.instances or seed.instances
            out.opaque |= seed.opaque
        return out


def _closure(
    code: Code, seeds: _Seeds, live: Mapping[str, set[str]] | None
) -> tuple[dict[int, set[str]], dict[str, set[str]], frozenset[str]]:
    """The names each unit reads while `seeds` run, and the classes with instances then
    (class -> the methods that run on their own). `live`: the classes with instances
    while the whole module runs; a name the seeds use as an attribute or operator runs the
    methods of those (made by any code), not only of the classes the seeds make."""
    used = set(seeds.used)
    operators = set(seeds.operators)
    functions: set[str] = set()
    entries: dict[str, set[str]] = defaultdict(set)  # class -> methods that run on their own
    running: dict[str, set[str]] = defaultdict(set)  # class -> methods found running
    upgraded: dict[int, set[str]] = defaultdict(set)  # unit -> names read at import time
    todo: list[set[str]] = [{n for n in seeds.calls if not n.startswith("@")}]
    # per runner: a name used as an attribute or operator runs the methods of classes
    # made by other code only if this code may hold one of their instances
    holds = [live is None or seeds.instances]
    opaque, added = set(seeds.opaque), set[str]()  # what opaque calls that ran may run; added
    direct: dict[str, set[str]] = defaultdict(set)  # class -> methods run through it
    typed: dict[str, set[str]] = defaultdict(set)  # class -> names used on its methods' self

    def on_self(node: cst.CSTNode) -> None:  # see Code.uses
        cls, names = code.typed.get(id(node), ("", set()))
        typed[cls] |= names

    def through(pairs: Iterable[tuple[str, str]]) -> None:
        for cls, method in pairs:
            if code.cls(cls) is not None:
                direct[cls].add(method)

    # the functions that made properties, with all they read: their getters run too once
    # running code reads an attribute (or a typed `self.x`) one may be attached under
    held: list[tuple[int, cst.FunctionDef, set[str]]] = []
    released = [False]

    def hold(uid: int, node: cst.FunctionDef, names: set[str]) -> set[str]:
        if released[0] or not code.properties(node):
            return names
        held.append((uid, node, names))
        return code.run_by(node, names)

    def release() -> bool:
        if released[0] or not held or not (used | {*chain(*typed.values())}) & code.attachable():
            return False
        released[0] = True
        for uid, node, names in held:
            upgraded[uid] |= names
            holds[0] = holds[0] or bool(names & code.values)
            attributes, ops = code.uses(node, whole=True)
            on_self(node)
            used.update(attributes)
            operators.update(ops)
            todo.append(code.evaluated(uid, names))
        return True

    def reached(names: set[str]) -> None:
        for name in code.opaque.resolve(names):  # `h = helper`: h() runs helper
            for uid, node, reads in [] if name in functions else code.functions(name):
                functions.add(name)
                upgraded[uid] |= hold(uid, node, reads)
                holds[0] = holds[0] or bool(upgraded[uid] & code.values)
                attributes, ops = code.uses(node)
                opaque.update(code.opaque.targets(node, True, values=True))
                used.update(attributes)
                operators.update(ops)
                through(code.through(node))
                todo.append(code.evaluated(uid, upgraded[uid]) | code.plain.handed(node))
            kind = code.defs[name][1] if name in code.defs else None
            if isinstance(kind, cst.ClassDef) and not _ON_CALL <= entries[name]:
                entries[name] |= _ON_CALL

    for name in seeds.subclassed:
        entries[name] |= _ON_SUBCLASS
    for name in seeds.calls:
        if name.startswith("@"):
            entries[name[1:]] |= _ON_DECORATE
    through(seeds.through)
    changed = True
    while changed:
        while todo or not opaque <= added:  # an opaque call runs what it may be given
            added |= set() if todo else opaque
            reached(todo.pop() if todo else set(opaque))
        changed = False
        dispatch = typed_dispatch(code.receivers, {*entries, *(live or ())}, typed)
        for name in list({*entries, *direct} if live is None else {*live, *entries, *direct}):
            if (found := code.cls(name)) is None:
                continue
            bases, methods, aliases = found
            made_here = name in entries or (live is not None and name in live)
            own, via = entries[name] if made_here else set(), set(direct.get(name, ()))
            for base in bases:
                if made_here and not own <= entries[base]:
                    entries[base] |= own
                    changed = True
                if not via <= direct[base]:  # `IntField.make()` runs `Field.make`
                    direct[base] |= via
                    changed = True
            made = own if live is None else own | live.get(name, set())
            by_name = (used | dispatch.get(name, set()) | (operators if _ON_CALL & made else set())
                       if made_here and (holds[0] or _ON_CALL & own) else set())
            if not _ON_CALL & made:  # subclassed, no instance: only what runs on the class
                by_name = {m for m in by_name if m in methods and on_class(methods[m])}
            wanted = own | via | by_name
            fresh = {m for m in methods if m in wanted} | {
                m for attr, ms in aliases.items() if attr in wanted for m in ms
            }
            fresh -= running[name]
            if fresh:
                changed = True
                running[name] |= fresh
                uid = code.defs[name][0]
                for method in fresh:
                    names = hold(uid, methods[method], set(code.units[uid].methods.get(method, ())))
                    if live is not None and name in code.metaclasses:
                        continue  # see Code.metaclasses: not attributed
                    if not holds[0] and names & code.values:
                        holds[0] = changed = True
                    upgraded[uid] |= names
                    attributes, ops = code.uses(methods[method])
                    opaque.update(code.opaque.targets(methods[method], True, True, True))
                    on_self(methods[method])
                    used |= attributes
                    operators |= ops
                    through(code.through(methods[method]))
                    if method in via and makes_own_class(methods[method]):
                        entries[name] |= _ON_CALL  # `return cls(...)`
                    todo.append(code.evaluated(uid, names) | code.plain.handed(methods[method]))
        changed = changed or release()
    ran = functions | {f"{c}.{m}" for c, methods in running.items() for m in methods}
    return upgraded, entries, frozenset(ran)

