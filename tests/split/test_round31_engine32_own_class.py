"""Round 31 (engine32): a module that gives itself a class (`sys.modules[__name__].__class__
= _Module`, for module properties).

trial31: under the live facade the facade's class extends `_Module` (so its properties,
`isinstance` and patches reaching moved code all hold: round 19), which makes `type(m) is
_Module` False after a split that said "verified", and nothing said so. The plan says it
now (GS157 at the statement, naming the class and the choice: a warning in round 31, an
error since round 32, test_round32_engine33_own_class.py), and with `facade = "static"` the
module's class is kept: `type(m) is _Module` as before."""

from __future__ import annotations

from pathlib import Path

from splitkit import make_project, plan_texts, run_python, same_behaviour

SOURCE = """
    import sys
    import types


    class _Module(types.ModuleType):
        @property
        def answer(self):
            return helper() * 2


    def helper():
        return 21


    def plain():
        return 1


    sys.modules[__name__].__class__ = _Module
"""
CHECK = "import pkg.big as m; print(type(m) is m._Module, isinstance(m, m._Module), m.answer)"


def test_the_live_facade_says_the_module_type_changes(tmp_path: Path) -> None:
    plan, _ = plan_texts(make_project(tmp_path, SOURCE, {"a": ["helper"], "b": ["plain"]}))
    [found] = [f for f in plan.findings if f.code == "GS157"]
    # an error since round 32 (engine33): apply said "verified" of a changed type()
    assert (found.severity, found.line) == ("error", 19)
    assert "not `_Module`" in found.message
    assert '`facade = "static"` for this split, which keeps the module\'s class' in found.message
    assert run_python(tmp_path, CHECK) == "True True 42\n"


def test_the_static_facade_keeps_the_module_class(tmp_path: Path) -> None:
    plan, _ = plan_texts(make_project(tmp_path / "plan", SOURCE, {"a": ["helper"], "b": ["plain"]},
                                      facade="static"))
    assert "GS157" not in {f.code for f in plan.findings}
    assert same_behaviour(tmp_path, SOURCE, {"a": ["helper"], "b": ["plain"]}, CHECK,
                          facade="static") == "True True 42\n"


def test_an_instance_changing_its_class_is_not_the_module(tmp_path: Path) -> None:
    source = """
        class A:
            def become(self, other):
                self.__class__ = other


        def plain():
            return 1
    """
    plan, _ = plan_texts(make_project(tmp_path, source, {"a": ["A"], "b": ["plain"]}))
    assert "GS157" not in {f.code for f in plan.findings}
