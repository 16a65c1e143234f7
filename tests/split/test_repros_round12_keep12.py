"""Round 12 (keep12): suggest's keep repair and GS124, found on real god files. Each a
minimal `pkg/big.py`, run before and after the split in a fresh interpreter: a clean plan
must not roll back, a written split must behave the same, and what cannot be split as
mapped is refused at plan time."""

from __future__ import annotations

from pathlib import Path

from splitkit import make_project, plan_texts
from splitkit import same_behaviour as _same

# pyparsing 3.2.0's suggestion of round 11 kept 74 names, planned clean and rolled back
# (GS406): kept code a new module reads at import time goes before the re-exports when
# the kept code it needs reads nothing that moved; that was memoised while following a
# cycle of kept code (`ParserElement` runs a method reading `Token`, `Token` subclasses
# it), so `Token` counted as needing nothing, though `ParserElement`, which it needs,
# reads moved names: `class Token(ParserElement)` ran before `ParserElement` existed.
# (The star import hides the unbound name from the plan's pyflakes check, as pyparsing's
# `from .actions import *` did.)
KEPT_CYCLE = """
    from os.path import *


    def moved_helper():
        return "h"


    class Base:
        @staticmethod
        def make():
            return Leaf()

        tag = {tag}


    class Leaf(Base):
        pass


    LEAF = Leaf()
    THING = Base.make()


    def use_base():
        return Base


    USES = [LEAF]
"""
KEPT_MAPPING = {"helpers": ["moved_helper"], "calls": ["use_base"], "reads": ["USES"]}
KEPT = ["Base", "Leaf", "LEAF", "THING"]


def test_kept_code_needing_moved_names_through_a_kept_cycle_is_refused(tmp_path: Path) -> None:
    source = KEPT_CYCLE.format(tag="moved_helper()")
    plan, _ = plan_texts(make_project(tmp_path, source, KEPT_MAPPING, keep=KEPT))
    [error] = plan.errors
    assert (error.code, error.line) == ("GS112", 20), error.render()
    assert "'LEAF' stays in the old module but reads reads it at import time" in error.message


def test_kept_code_in_a_kept_cycle_reading_nothing_moved_goes_first(tmp_path: Path) -> None:
    source = KEPT_CYCLE.format(tag='"t"')
    out = _same(tmp_path, source, KEPT_MAPPING,
                "import pkg.big as m; print(m.USES[0] is m.LEAF, type(m.THING).__name__)",
                keep=KEPT)
    assert out == "True Leaf\n"


# peewee 4.3.0: `Field.__init__` counts the fields made (`Field._field_counter += 1`), so
# GS124 took every `class XField(Field)` (and `__hash__ = Field.__hash__`) in two modules
# for code changing `Field` at import time, and suggest kept 123 names. Subclassing a
# class, or reading one of its attributes, runs none of its `__init__`; only its
# `__init_subclass__` (a metaclass's `__new__`/`__init__` for `metaclass=`).
COUNTER = """
    class Field:
        counter = 0

        def __init__(self):
            Field.counter += 1
            self.order = Field.counter

        def __hash__(self):
            return id(self)


    class IntField(Field):
        pass


    class TextField(Field):
        __hash__ = Field.__hash__


    def order():
        return Field.counter, IntField().order, TextField().order
"""


def test_subclasses_of_a_class_counting_instances_may_be_apart(tmp_path: Path) -> None:
    out = _same(tmp_path, COUNTER, {"base": ["Field", "order"], "zz": ["IntField"],
                                    "aa": ["TextField"]}, "import pkg.big as m; print(m.order())")
    assert out == "(0, 1, 2)\n"


def test_instances_counted_at_import_time_in_several_modules_are_refused(tmp_path: Path) -> None:
    """`FIRST.order` is 1 in source order, 2 if `aa` is imported first. (Not seen yet:
    `FIRST = IntField()`, which runs the inherited `__init__` through the subclass.)"""
    source = COUNTER + """

    FIRST = Field()
    SECOND = Field()
    """
    plan, _ = plan_texts(make_project(tmp_path, source, {
        "base": ["Field", "order"], "zz": ["IntField", "FIRST"], "aa": ["TextField", "SECOND"]}))
    [error] = plan.errors
    assert error.code == "GS124", error.render()
    # line 12, `class IntField(Field): pass`, reads nothing of Field's (round 17, fix18)
    assert "(lines 16 (aa), 24 (zz), 25 (aa))" in error.message


# peewee's `ModelBase.__new__` fills local lists (`fields = []`, `fields.append(...)`):
# GS124 took them for module-level objects of the same name, changed by every class made
# with the metaclass.
LOCALS = """
    fields = []


    class Meta(type):
        def __new__(mcs, name, bases, ns):
            fields = []
            for key in ns:
                fields.append(key)
            cls = super().__new__(mcs, name, bases, ns)
            cls.names = fields
            return cls


    class Zed(metaclass=Meta):
        z = 1


    class Alpha(metaclass=Meta):
        a = 1


    def first():
        return fields, Zed.names[-1], Alpha.names[-1]
"""


def test_a_metaclass_changing_its_own_locals_changes_no_global(tmp_path: Path) -> None:
    out = _same(tmp_path, LOCALS, {"base": ["Meta", "first", "fields"], "zz": ["Zed"],
                                   "aa": ["Alpha"]}, "import pkg.big as m; print(m.first())")
    assert out == "([], 'z', 'a')\n"

