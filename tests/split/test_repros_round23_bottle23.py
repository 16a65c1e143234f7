"""Round 23 (bottle23): bottle's false GS104 (README item 19(a)).

A def in a module-level `if`/`try`/`with`/`for` is only defined when the statement runs:
its body runs when it is called. The import-time analysis counted the whole statement as
run, nested bodies included (bottle's `if py3k: def _raise(*a): ...` made its
`.with_traceback` a read at import time), and it did not follow a call of such a def (a
missed cycle: `helper()` at the top level did not count what `helper` reads)."""

from __future__ import annotations

from pathlib import Path

from godsplit.split.plan import plan_split

from splitkit import dedent, make_project, same_behaviour

# `describe` (defined in an `if`) uses `.add`, which would run `Registry.add` on the
# module's `registry`, reading `Thing`, whose module needs `Base` from the first module
# while it is imported. Nothing calls `describe` at import time.
SOURCE = '''\
    import sys


    class Base:
        pass


    class Registry:
        def __init__(self):
            self.items = {}

        def add(self, name):
            return Thing(name)


    registry = Registry()

    if sys.version_info >= (3,):
        def describe(obj):
            return obj.add("x").name
    else:
        def describe(obj):
            return repr(obj)


    class Thing(Base):
        def __init__(self, name):
            self.name = name
    {extra}
    '''
MODULES = {"core": ["Base", "Registry", "registry", "describe"], "things": ["Thing"]}


def source(extra: str = "") -> str:
    return dedent(SOURCE).replace("{extra}", dedent(extra))


def _errors(tmp_path: Path, text: str, modules: dict[str, list[str]] = MODULES) -> list[str]:
    config = make_project(tmp_path, text, modules)
    plan, _ = plan_split(config, config.splits[0])
    return [f.code for f in plan.errors]


def test_a_def_in_a_module_level_if_does_not_run_at_import(tmp_path: Path) -> None:
    assert _errors(tmp_path, source()) == []


def test_the_split_behaves_the_same(tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, source(), MODULES,
                         "import pkg.big as m\nprint(m.describe(m.registry))\n")
    assert out == "x\n"


def test_a_def_in_an_if_called_at_import_still_runs(tmp_path: Path) -> None:
    """`DESCRIBED = describe(registry)` runs it: `Registry.add` makes a `Thing` while the
    first module is imported: the cycle is real."""
    text = source("\n\nDESCRIBED = describe(registry)\n")
    assert _errors(tmp_path, text, {**MODULES, "core": [*MODULES["core"], "DESCRIBED"]}) \
        == ["GS104"]


def test_what_a_def_in_an_if_reads_counts_when_it_is_called(tmp_path: Path) -> None:
    """`helper()` at the top level calls a def made in a `try`: it reads `Thing` then. The
    analysis missed this read (nothing followed the call), so the cycle went unseen."""
    text = dedent('''\
        class Base:
            pass


        try:
            from json import dumps
        except ImportError:
            dumps = None
        else:
            def helper():
                return Thing("x")


        class Thing(Base):
            def __init__(self, name):
                self.name = name


        MADE = helper()
        ''')
    modules = {"core": ["Base", "helper", "dumps", "MADE"], "things": ["Thing"]}
    assert _errors(tmp_path, text, modules) == ["GS104"]


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
