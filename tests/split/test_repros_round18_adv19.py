"""Round 18 (adv19): an adversarial sweep of module semantics a split can break, each
test failing before its fix.

- A function that top-level code runs reads a global the module binds again further
  down (`x = 1`, `def f(): return x`, `y = f()`, `x = 2`): with `y` in another module
  than `f` and `x`, that module ran `f` after `x = 2`, so `y` was 2, not 1, and the split
  said "verified" (the import check compares names and kinds, not values). GS121 now
  takes the reads a function makes for the code that runs it.
- Top-level code registering exit handlers (`atexit.register`, `@atexit.register`),
  or assigning one attribute of an imported module (`sys.excepthook = ...`), from several
  new modules ran in the modules' import order: the handlers ran in another order at exit,
  another hook won. GS124 now takes them (names bound by imports were left out).
- Moved code reading the module's `__doc__` (`docopt(__doc__)`, a usage message) read the
  docstring godsplit gave its new module ("Cli: split from `pkg.big` by godsplit."): a
  new module whose code reads `__doc__` gets the source's docstring (none, when it had
  none).
- Moved code reading the module's `__annotations__` read its new module's (NameError in
  a module without annotations): GS140, a plan error naming the read (keep it).
- A class of the split reading a private name (`__secret` in a method of `Box`) reads the
  mangled `_Box__secret`: the new module did not import it (NameError when called).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from splitkit import make_project, plan_texts, ruff_check, same_behaviour

REBOUND = '''
    x = 1


    def f():
        return x


    def h():
        return f() + 100


    y = f()
    z = h()
    x = 2
'''
PRINT = "import pkg.big as m\nprint(m.x, m.y, m.z, m.f())\n"


@pytest.mark.parametrize("modules", [
    {"a": ["x", "f", "h"], "b": ["y", "z"]},   # the runs from another module
    {"a": ["x"], "b": ["f", "h", "y", "z"]},   # the bindings in another module
])
def test_a_run_at_import_time_reading_a_name_bound_again_later_is_refused(
    tmp_path: Path, modules: dict[str, list[str]],
) -> None:
    plan, _ = plan_texts(make_project(tmp_path, REBOUND, modules))
    found = [f for f in plan.errors if f.code == "GS121"]
    assert found, [f.render() for f in plan.findings]
    assert found[0].line == 12  # y = f()
    assert "runs f at import time, which reads 'x', bound or changed again at line 14" in (
        found[0].message)


def test_the_runs_mapped_with_the_name_split_the_same(tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, REBOUND, {"a": ["x", "f", "h", "y", "z"], "b": []}, PRINT)
    assert out == "2 1 101 2\n"


def test_a_snapshot_made_by_a_function_before_a_change_is_refused(tmp_path: Path) -> None:
    source = '''
        REG = {"a": 1}


        def snapshot():
            return sorted(REG)


        SNAP = snapshot()
        REG["b"] = 2
    '''
    plan, _ = plan_texts(make_project(tmp_path, source, {"a": ["REG", "snapshot"], "b": ["SNAP"]}))
    assert any(f.code == "GS121" and "reads 'REG'" in f.message for f in plan.errors), [
        f.render() for f in plan.findings]


EXIT_HANDLERS = '''
    import atexit


    def a():
        print("a")


    atexit.register(a)


    @atexit.register
    def b():
        print("b")


    def c():
        print("c")


    atexit.register(c)
'''


def test_exit_handlers_registered_from_several_modules_are_refused(tmp_path: Path) -> None:
    plan, _ = plan_texts(make_project(tmp_path, EXIT_HANDLERS, {"one": ["a", "c"], "two": ["b"]}))
    found = [f for f in plan.errors if f.code == "GS124"]
    assert found and "changes the exit handlers from several modules" in found[0].message
    # the registrations' lines, not `def a`'s and `def c`'s (round 30)
    assert "lines 8 (one), 11 (two), 20 (one)" in found[0].message, found[0].message


def test_exit_handlers_in_one_module_split_the_same(tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, EXIT_HANDLERS + '''

    def other():
        return 1
    ''', {"one": ["a", "b", "c"], "two": ["other"]}, "import pkg.big\n")
    assert out == "c\nb\na\n"


def test_an_attribute_of_an_imported_module_set_from_several_modules_is_refused(
    tmp_path: Path,
) -> None:
    source = '''
        import sys as _sys


        def first(*args):
            pass


        _sys.excepthook = first


        def second(*args):
            pass


        _sys.excepthook = second
    '''
    # a sibling package (`package`): its modules can be imported without the facade,
    # so their order is not known (in the package layout, round 24 writes the
    # facade's imports in source order where that keeps it: losers24's tests)
    plan, _ = plan_texts(make_project(tmp_path, source, {"one": ["second"], "two": ["first"]},
                                     package="pkg/parts"))
    assert any(f.code == "GS124" and "the attribute sys.excepthook" in f.message
               for f in plan.errors), [f.render() for f in plan.findings]


@pytest.mark.parametrize("doc", ['"""Usage: tool [--verbose]\n\nThe tool."""\n\n', ""])
def test_moved_code_reading_the_module_docstring_reads_the_same(tmp_path: Path, doc: str) -> None:
    # docopt(__doc__), a usage message: the new module's docstring was godsplit's own
    source = doc + '''
    USAGE = (__doc__ or "none").upper()


    def usage():
        return __doc__


    def other():
        return 2
    '''
    out = same_behaviour(tmp_path, source.replace("\n    ", "\n"),
                         {"cli": ["usage", "USAGE"], "rest": ["other"]},
                         "import pkg.big as m\nprint(repr(m.usage()), repr(m.USAGE))\n")
    assert ("Usage: tool" if doc else "None") in out
    assert ruff_check(tmp_path / "after", "pkg").returncode == 0


def test_a_global_changed_by_a_call_after_an_import_time_read_is_refused(tmp_path: Path) -> None:
    source = '''
        COUNTER = 0


        def inc():
            global COUNTER
            COUNTER += 1


        inc()
        SNAP = COUNTER
        inc()
    '''
    plan, _ = plan_texts(make_project(tmp_path, source, {"a": ["inc", "COUNTER"], "b": ["SNAP"]}))
    assert any(f.code == "GS121" and f.line == 10 and "again at line 11" in f.message
               for f in plan.errors), [f.render() for f in plan.findings]


def test_a_module_that_gives_itself_a_class_keeps_it_under_the_static_facade(tmp_path: Path) -> None:
    # `sys.modules[__name__].__class__ = _Module` (module properties): the live facade's
    # own class replaced it, and `m.answer` was an AttributeError after "verified"
    source = '''
        import sys
        import types


        class _Module(types.ModuleType):
            @property
            def answer(self):
                return 42


        def f():
            return 1


        def g():
            return f() + 1


        sys.modules[__name__].__class__ = _Module
    '''
    # since round 32 (engine33) the live facade refuses it (GS157: `type(m)` would be the
    # facade's subclass of `_Module`); the static facade keeps the class and what it adds
    plan, _ = plan_texts(make_project(tmp_path / "live", source, {"a": ["f"], "b": ["g"]},
                                      default="rest"))
    assert "GS157" in {f.code for f in plan.errors}
    out = same_behaviour(tmp_path, source, {"a": ["f"], "b": ["g"]}, '''
        import pkg.big as m
        print(m.answer, m.g(), isinstance(m, m._Module), type(m) is m._Module)
    ''', default="rest", facade="static")
    assert out == "42 2 True True\n"


def test_a_run_before_the_name_is_first_bound_is_not_refused(tmp_path: Path) -> None:
    # the source could not have read it then (NameError): the run does not reach the read
    # (methods found by attribute name run "at import time" for a class made above: bottle
    # got a thousand such errors)
    source = '''
        def helper():
            return CONFIG


        def setup(flag=False):
            if flag:
                helper()


        setup()
        CONFIG = 1
        FIRST = helper()
        CONFIG = 2
    '''
    plan, _ = plan_texts(make_project(
        tmp_path, source, {"a": ["helper", "CONFIG", "FIRST"], "b": ["setup"]}, default="b"))
    assert not [f for f in plan.errors if f.code == "GS121"], [f.render() for f in plan.findings]


def test_a_private_name_a_moved_class_reads_mangled_is_imported(tmp_path: Path) -> None:
    # `__secret` in a method of `Box` reads the top-level `_Box__secret` (name mangling):
    # the new module did not import it (NameError when called, after "verified"); its
    # import is marked, as ruff and pyflakes do not mangle and would delete it
    source = '''
        _Box__secret = 41


        class Box:
            def peek(self):
                return __secret + 1  # noqa: F821


        def other():
            return 1
    '''
    ruff = "[tool.ruff.lint]\nselect = ['F', 'E', 'W', 'I']\n"
    out = same_behaviour(tmp_path, source, {"a": ["Box"], "b": ["other", "_Box__secret"]},
                         "import pkg.big as m\nprint(m.Box().peek())\n",
                         files={"pyproject.toml": ruff})
    assert out == "42\n"
    assert ruff_check(tmp_path / "after", "pkg").returncode == 0


ANNOTATED = '''
    x: int = 1


    def declared():
        return dict(__annotations__)


    class Settings:
        y: str = "a"
        own = dict(__annotations__)


    def other():
        return 2
'''


def test_moved_code_reading_the_module_annotations_is_refused(tmp_path: Path) -> None:
    # it read its new module's `__annotations__`: NameError there, after "verified"
    plan, _ = plan_texts(make_project(
        tmp_path, ANNOTATED, {"a": ["declared", "Settings"], "b": ["other", "x"]}))
    found = [(f.code, f.line) for f in plan.errors if f.code == "GS140"]
    assert found == [("GS140", 4)], [f.render() for f in plan.findings]  # not the class's own


def test_the_code_kept_in_the_old_module_reads_the_same(tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, ANNOTATED, {"a": ["Settings"], "b": ["other"]},
                         "import pkg.big as m\nprint(m.declared(), m.Settings.own)\n",
                         keep=["declared", "x"])
    assert out == "{'x': <class 'int'>} {'y': <class 'str'>}\n"
