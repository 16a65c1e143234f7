"""Round 23 (bottle23): README item 19(a), `class C(pick())`.

A base made by calling a function of the module may be any class defined before the class
statement: `C()` runs that class's `__init__`, and making `C` its `__init_subclass__`. The
analysis followed only bases it could name, so these import-time cycles went unseen."""

from __future__ import annotations

from pathlib import Path

from godsplit.split.plan import plan_split

from splitkit import dedent, make_project


def _errors(tmp_path: Path, text: str, modules: dict[str, list[str]]) -> list[str]:
    config = make_project(tmp_path, text, modules)
    plan, _ = plan_split(config, config.splits[0])
    return [f.code for f in plan.errors]


# `class C(pick())`: the class `pick` returns is a base of `C`, so `C()` runs its
# `__init__` (and making `C` its `__init_subclass__`). The analysis followed only bases it
# could name (and classes that running code names: not `Base` here, read from a list):
# these cycles went unseen. Any class defined before `C` may come back.
PICKED = '''\
    class Root:
        pass


    class Base:
        {hook}


    BASES = [Base]


    def pick():
        return BASES[0]


    class Thing(Root):
        pass


    class C(pick()):
        pass
    {extra}
    '''
PICKED_MODULES = {"core": ["Root", "Base", "BASES", "pick", "C"], "things": ["Thing"]}


def test_a_class_made_from_a_call_runs_the_returned_class_init(tmp_path: Path) -> None:
    text = dedent(PICKED).replace("{hook}", "def __init__(self):\n            self.thing = Thing()") \
        .replace("{extra}", "\nMADE = C()\n")
    modules = {**PICKED_MODULES, "core": [*PICKED_MODULES["core"], "MADE"]}
    assert _errors(tmp_path, text, modules) == ["GS104"]


def test_a_class_made_from_a_call_runs_the_returned_init_subclass(tmp_path: Path) -> None:
    text = dedent(PICKED).replace(
        "{hook}", "def __init_subclass__(cls):\n            cls.thing = Thing()").replace("{extra}", "")
    assert _errors(tmp_path, text, PICKED_MODULES) == ["GS104"]


def test_a_class_made_from_a_call_not_made_runs_nothing(tmp_path: Path) -> None:
    """Without `C()`, `Base.__init__` does not run: no cycle."""
    text = dedent(PICKED).replace("{hook}", "def __init__(self):\n            self.thing = Thing()") \
        .replace("{extra}", "")
    assert _errors(tmp_path, text, PICKED_MODULES) == []


def test_a_base_by_a_builtin_name_is_that_builtin(tmp_path: Path) -> None:
    """`patch.object = ...` binds no global `object`: `class C(object)` derives from the
    builtin, so `C()` runs no `Base.__init__` (mock by hand got a false GS104 when a first
    version took every class as a base of such a class)."""
    text = dedent('''\
        class Root:
            pass


        class Base(object):
            def __init__(self):
                self.thing = Thing()


        def patch():
            pass


        patch.object = None


        class Thing(Root):
            pass


        class C(object):
            pass


        MADE = C()
        ''')
    modules = {"core": ["Root", "Base", "patch", "C", "MADE"], "things": ["Thing"]}
    assert _errors(tmp_path, text, modules) == []
