"""Reads made by a method or function run at import time belong to the module whose
top-level code runs it (pyparsing 3.1.2's hand mapping, refused with GS104 though it
applied with identical tests): each a minimal `pkg/big.py`."""

from __future__ import annotations

from pathlib import Path

from godsplit.split.plan import plan_split

from splitkit import make_project, same_behaviour

OPERATOR_SOURCE = """
    class Element:
        def __or__(self, other):
            return Either([self, other])


    class Either(Element):
        def __init__(self, items):
            self.items = items


    class Word(Element):
        pass


    GRAMMAR = Word() | Word()
"""

SHOW = "import pkg.big as b; print(type(b.GRAMMAR).__name__, len(b.GRAMMAR.items))"


def test_an_operator_run_by_a_third_module_reads_at_that_modules_import(tmp_path: Path) -> None:
    """pyparsing 3.1.2: the module-level grammar runs `ParserElement.__or__`, which reads
    the enhancers that subclass it. `Either` is read when GRAMMAR's module runs `|`, and
    that module imports both others first: Element's module can import Either at its end
    (a call-time cycle), where it was refused as an import-time cycle (GS104)."""
    mapping = {"base": ["Element"], "rest": ["Either", "Word"], "grammar": ["GRAMMAR"]}
    assert same_behaviour(tmp_path, OPERATOR_SOURCE, mapping, SHOW) == "Either 2\n"
    for first in ("base", "rest", "grammar"):  # any import order works
        code = (f"try:\n    import pkg.big.{first}\nexcept ModuleNotFoundError:\n    pass\n"
                f"{SHOW}\n")
        assert same_behaviour(tmp_path / first, OPERATOR_SOURCE, mapping, code) == "Either 2\n"


def test_an_operator_run_by_the_module_it_reads_from_stays_an_import_time_cycle(
    tmp_path: Path
) -> None:
    """With GRAMMAR beside Either, `|` runs while that module is still importing, before
    it hands Either over to Element's module: still refused (GS104)."""
    mapping = {"base": ["Element"], "rest": ["Either", "Word", "GRAMMAR"]}
    config = make_project(tmp_path, OPERATOR_SOURCE, mapping)
    plan, _ = plan_split(config, config.splits[0])
    assert [f.code for f in plan.errors] == ["GS104"], [f.render() for f in plan.errors]


def test_an_operator_run_by_a_module_that_the_reader_imports_stays_an_import_time_cycle(
    tmp_path: Path
) -> None:
    """Element's module reads `TABLE` from the grammar's module (at call time), and the
    grammar runs `|` at import time: importing Element's module first runs the grammar
    before Element's module has Either. Refused (GS104), never a rollback."""
    source = OPERATOR_SOURCE.replace("return Either([self, other])",
                                     "return Either([self, other, TABLE])") + "\n\n    TABLE = 1\n"
    mapping = {"base": ["Element"], "rest": ["Either", "Word"], "grammar": ["GRAMMAR", "TABLE"]}
    config = make_project(tmp_path, source, mapping)
    plan, _ = plan_split(config, config.splits[0])
    assert "GS104" in [f.code for f in plan.errors], [f.render() for f in plan.errors]


CALL_SOURCE = """
    def make(items):
        return Bag(items)


    LIMIT = 1


    class Bag:
        def __init__(self, items):
            self.items = items[:LIMIT]


    BAG = make([1, 2])
"""


def test_a_function_called_by_a_third_module_reads_at_that_modules_import(
    tmp_path: Path
) -> None:
    """The same for a function: `make`, and the `Bag.__init__` it runs, read names of
    their modules (Bag, LIMIT: a cycle) when BAG's module calls it, after both are
    imported; refused (GS104) before."""
    mapping = {"maker": ["make", "LIMIT"], "bags": ["Bag"], "made": ["BAG"]}
    code = "import pkg.big as b; print(b.BAG.items, b.make([3, 4]).items)"
    assert same_behaviour(tmp_path, CALL_SOURCE, mapping, code) == "[1] [3]\n"


def _refused_or_same(tmp_path: Path, source: str, mapping: dict[str, list[str]],
                     code: str) -> None:
    """The plan refuses the mapping as an import-time cycle (GS104), or the split behaves
    the same: never a clean plan that apply rolls back."""
    config = make_project(tmp_path / "plan", source, mapping)
    plan, _ = plan_split(config, config.splits[0])
    if plan.errors:
        assert {f.code for f in plan.errors} == {"GS104"}, [f.render() for f in plan.errors]
        return
    same_behaviour(tmp_path, source, mapping, code)


METACLASS_SOURCE = """
    REGISTRY = []


    class Meta(type):
        def __new__(mcs, name, bases, namespace):
            REGISTRY.append(name)
            return super().__new__(mcs, name, bases, namespace)


    class Base(metaclass=Meta):
        pass


    class Child(Base):
        pass
"""


def test_a_metaclass_runs_for_every_class_made_with_it(tmp_path: Path) -> None:
    """`Meta.__new__` runs for Base (its metaclass keyword) and for Child (inherited):
    its reads are not only Base's module's."""
    _refused_or_same(tmp_path, METACLASS_SOURCE,
                     {"meta": ["Meta"], "reg": ["REGISTRY", "Child"], "base": ["Base"]},
                     "import pkg.big as b; print(b.REGISTRY)")


SUBCLASS_SOURCE = """
    class Plugin:
        def __init_subclass__(cls):
            cls.tag = TAGS[0] + cls.__name__


    TAGS = ["x-"]
    KINDS = [Plugin]


    class Csv(Plugin):
        pass
"""


def test_init_subclass_run_by_a_subclass_in_the_module_it_reads_from(tmp_path: Path) -> None:
    """`class Csv(Plugin)` runs `Plugin.__init_subclass__`, which reads TAGS from Csv's
    module, while that module is importing: still an import-time cycle."""
    mapping = {"plugin": ["Plugin"], "formats": ["TAGS", "KINDS", "Csv"]}
    config = make_project(tmp_path, SUBCLASS_SOURCE, mapping)
    plan, _ = plan_split(config, config.splits[0])
    assert [f.code for f in plan.errors] == ["GS104"], [f.render() for f in plan.errors]


def test_init_subclass_run_by_a_third_module(tmp_path: Path) -> None:
    """With the subclass in a third module, imported after both, Plugin's module can
    import TAGS at call time (a call-time cycle: TAGS' module reads Plugin at import
    time); it was refused (GS104)."""
    mapping = {"plugin": ["Plugin"], "tags": ["TAGS", "KINDS"], "formats": ["Csv"]}
    assert same_behaviour(tmp_path, SUBCLASS_SOURCE, mapping,
                          "import pkg.big as b; print(b.Csv.tag, len(b.KINDS))") == "x-Csv 1\n"


def test_a_type_alias_of_imports_runs_no_method(tmp_path: Path) -> None:
    """pyparsing's `DebugStartAction = Callable[[str, int, "ParserElement", bool], None]`
    subscripts, as `expr[1, ...]` does, but it reads only imports: it cannot hold an
    element, so it does not run `Element.__getitem__` in Element's module."""
    source = "\n    from typing import Callable\n\n" + OPERATOR_SOURCE.replace(
        "            return Either([self, other])\n",
        "            return Either([self, other])\n\n"
        "        def __getitem__(self, key):\n            return Either([self] * key)\n",
    ).replace("    class Either(Element):", "    Action = Callable[[int], None]\n\n\n"
              "    class Either(Element):")
    mapping = {"base": ["Element", "Action"], "rest": ["Either", "Word"], "grammar": ["GRAMMAR"]}
    assert same_behaviour(tmp_path, source, mapping, SHOW) == "Either 2\n"
