"""Round 24 (cycles24): README item 20(b), import-time cycles the analysis missed.

Each was a rollback after a plan with no errors: the old module's import check failed
(GS406, `NameError: name 'Thing' is not defined`) because code that ran at import called a
moved function through something the analysis did not follow: an element of a container,
a loop variable, an alias, a decorator's parameter; or subclassed a class through a name
bound to a call's result. And one false refusal: `patch.object = ...` counted as binding
`object`, so `class A(object)` derived from every class of the module."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.split.apply import apply_splits
from godsplit.split.plan import plan_split

from splitkit import dedent, make_project

# `helper` reads `Thing` when it runs; `Thing` moves to `things`, which imports `Base`
# back from `core`: if `helper` runs while `core` is imported, `core` needs `Thing` then,
# and the split is an import cycle (GS104).
CALLED = '''\
    class Base:
        pass


    def helper():
        return Thing()


    class Thing(Base):
        pass


    '''


def _errors(tmp_path: Path, text: str, modules: dict[str, list[str]]) -> list[str]:
    config = make_project(tmp_path, text, modules)
    plan, _ = plan_split(config, config.splits[0])
    return [f.code for f in plan.errors]


def _modules(*names: str) -> dict[str, list[str]]:
    return {"core": ["Base", "helper", *names], "things": ["Thing"]}


@pytest.mark.parametrize(("extra", "names"), [
    ("REG = [helper]\nX = REG[0]()\n", ["REG", "X"]),
    ('HANDLERS = {"a": helper}\nX = HANDLERS["a"]()\n', ["HANDLERS", "X"]),
    ('HANDLERS = {"a": helper}\nX = HANDLERS.get("a")()\n', ["HANDLERS", "X"]),
    ("for fn in (helper,):\n    fn()\n", []),
    ("h = helper\nX = h()\n", ["h", "X"]),
    ("REG = [lambda: helper()]\nX = REG[0]()\n", ["REG", "X"]),
    ("def deco(fn):\n    fn()\n    return fn\n\n\n@deco\ndef other():\n    return helper()\n",
     ["deco", "other"]),
    # a def nested in a decorator factory calls what it decorates
    ("def factory(n):\n    def deco(fn):\n        fn()\n        return fn\n    return deco\n\n\n"
     "@factory(1)\ndef other():\n    return helper()\n", ["factory", "other"]),
    # a class through an alias: `M()` runs `Maker.__init__`
    ("class Maker:\n    def __init__(self):\n        helper()\n\n\nM = Maker\nX = M()\n",
     ["Maker", "M", "X"]),
    # a function run at import calling its parameter, or a local drawn from one, given a
    # def by its caller (round 25, points25: the module's calls of `go` are all known)
    ("try:\n    from os import getcwd as run\nexcept ImportError:\n    def run():\n        pass\n\n\n"
     "def go(run):\n    run()\n\n\nX = go(helper)\n", ["run", "go", "X"]),
    ("from os import getcwd as run\n\n\ndef go(fns):\n    for run in fns:\n        run()\n\n\n"
     "X = go([helper])\n", ["go", "X"]),
], ids=["list", "dict", "dict-get", "loop", "alias", "lambda", "decorator", "factory", "class-alias",
        "parameter", "local"])
def test_a_function_called_through_a_value_at_import_is_a_cycle(
        tmp_path: Path, extra: str, names: list[str]) -> None:
    assert _errors(tmp_path, dedent(CALLED) + extra, _modules(*names)) == ["GS104"]


@pytest.mark.parametrize(("extra", "names"), [
    ("REG = [helper]\n", ["REG"]),  # stored, never called
    ("def deco(fn):\n    return fn\n\n\n@deco\ndef other():\n    return helper()\n",
     ["deco", "other"]),  # the decorator does not call it
    ("def run(fn):\n    fn()\n\n\nREG = [helper]\n", ["run", "REG"]),  # `run` never runs
    ("X = isinstance(1, Base) and callable(helper)\n", ["X"]),  # no opaque call
    # dill's shape: a decorator factory that stores what it decorates, and a function run
    # at import that calls a local it took from its keywords (no def is handed to it)
    ("REG = {}\n\n\ndef register(k):\n    def deco(fn):\n        REG[k] = fn\n        return fn\n"
     "    return deco\n\n\n@register(1)\ndef other():\n    return helper()\n\n\n"
     "def run(*args, **kwargs):\n    f = kwargs.pop('f', len)\n    return f(args)\n\n\nX = run()\n",
     ["REG", "register", "other", "run", "X"]),
    # an import in a `try` block (or `None` when it fails) is no value handed on
    ("try:\n    from os import getcwd\nexcept ImportError:\n    getcwd = None\n\n\n"
     "REG = [helper]\nX = getcwd()\n", ["REG", "X"]),
    # a name only a star import binds is an import's (construct's `Container` from
    # `from construct.lib import *`: calling it made every def handed on run, a false GS104)
    ("from os.path import *\n\nREG = [helper]\nX = join('a', 'b')\n", ["REG", "X"]),
    # calling what an import returns is calling the import (glom's
    # `bbrepr = recursive_repr()(_BBRepr().repr)`: a false GS104)
    ("from functools import lru_cache\n\nREG = [helper]\nX = lru_cache()(len)\n", ["REG", "X"]),
], ids=["stored", "plain-decorator", "caller-not-run", "builtins", "registry", "import-in-try",
        "star-imported", "import-result"])
def test_a_function_handed_on_but_never_called_is_no_cycle(
        tmp_path: Path, extra: str, names: list[str]) -> None:
    assert _errors(tmp_path, dedent(CALLED) + extra, _modules(*names)) == []


def test_the_cycle_a_container_call_made_rolled_back(tmp_path: Path) -> None:
    """What a user saw: the plan said nothing, apply rolled back. Now apply refuses up
    front and writes nothing."""
    text = dedent(CALLED) + "REG = [helper]\nX = REG[0]()\n"
    config = make_project(tmp_path, text, _modules("REG", "X"))
    before = (tmp_path / "pkg/big.py").read_text()
    result = apply_splits(config)
    assert [f.code for f in result.errors] == ["GS104"]
    assert not result.rolled_back
    assert (tmp_path / "pkg/big.py").read_text() == before


# `B = pick()`: the base of `C` is what `pick` returns, any class defined before `C`;
# `C()` runs `Base.__init__`, which reads `Thing`.
PICKED_BY_NAME = '''\
    class Root:
        pass


    class Base:
        def __init__(self):
            self.thing = Thing()


    BASES = [Base]


    def pick():
        return BASES[0]


    class Thing(Root):
        pass


    B = pick()


    class C(B):
        pass
    {extra}
    '''
PICKED_MODULES = {"core": ["Root", "Base", "BASES", "pick", "B", "C"], "things": ["Thing"]}


def test_a_base_bound_to_a_call_runs_the_returned_class_init(tmp_path: Path) -> None:
    text = dedent(PICKED_BY_NAME).replace("{extra}", "\nMADE = C()\n")
    modules = {**PICKED_MODULES, "core": [*PICKED_MODULES["core"], "MADE"]}
    assert _errors(tmp_path, text, modules) == ["GS104"]


def test_a_base_bound_to_a_call_not_made_runs_nothing(tmp_path: Path) -> None:
    text = dedent(PICKED_BY_NAME).replace("{extra}", "")
    assert _errors(tmp_path, text, PICKED_MODULES) == []


def test_an_attribute_target_binds_no_global(tmp_path: Path) -> None:
    """`patch.object = None` binds no global `object`: `class A(object)` derives from the
    builtin only, so the names `A`'s methods use on `self` run no method of `Other`
    (made too): `Other.run`, which reads `Thing`, does not run at import. A false GS104."""
    text = dedent('''\
        class Base:
            pass


        def patch():
            pass


        patch.object = None


        class Other:
            def run(self):
                return Thing()


        class A(object):
            def __init__(self):
                self.go()

            def go(self):
                return self.run()

            def run(self):
                return 1


        class Thing(Base):
            pass


        MADE = A()
        O = Other()
        ''')
    modules = {"core": ["Base", "patch", "Other", "A", "MADE", "O"], "things": ["Thing"]}
    assert _errors(tmp_path, text, modules) == []
