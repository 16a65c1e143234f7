"""Round 22 (bottle22): false GS104 from the dispatch by name (README item 18(a)).

A method runs at import time where running code uses its name as an attribute; counting
every class with an instance made bottle's `self.headers` (in `BaseRequest.get_header`)
run `BaseResponse.headers`, which makes a `HeaderDict`: a false cycle. `self.name` in a
method of `C` runs the methods called `name` of an instance that is a `C` (its classes:
subclasses, bases, mixins), unless the module can call the method with another `self`
(`C.m(other)`, an alias, a decorator that is not `property`). Also: `C(...).x` reads an
attribute of a `C`, and a call made only of imports and literals (`re.compile("x")`)
returns none of the module's instances, so neither runs another class's `__getattr__`."""

from __future__ import annotations

from pathlib import Path

from godsplit.split.plan import plan_split

from splitkit import dedent, make_project, same_behaviour

# `Registry.__init__` runs `self.add`; `Loader.add` (another class, also made at import
# time) reads `Thing`, whose module needs `Base` from the first module while it is
# imported (`Thing` is defined before the instances are made: a call would find it).
# Only a `Registry` runs `Registry.__init__`: `Loader.add` does not run then.
SOURCE = '''\
    class Base:
        pass


    class Registry:
        def __init__(self):
            self.items = {}
            self.add("x")

        def add(self, name):
            self.items[name] = len(self.items)


    class Loader:
        def add(self, name):
            return Thing(name)


    class Thing(Base):
        def __init__(self, name):
            self.name = name


    registry = Registry()
    loader = Loader()
    {extra}
    '''
MODULES = {"core": ["Base", "Registry", "Loader", "registry", "loader"], "things": ["Thing"]}


def source(extra: str = "", replace: tuple[str, str] = ("", "")) -> str:
    return dedent(SOURCE).replace("{extra}", extra).replace(*replace)


def _errors(tmp_path: Path, text: str, modules: dict[str, list[str]] = MODULES) -> list[str]:
    config = make_project(tmp_path, text, modules)
    plan, _ = plan_split(config, config.splits[0])
    return [f.code for f in plan.errors]


def test_a_method_of_another_class_named_like_one_on_self_does_not_run(tmp_path: Path) -> None:
    assert _errors(tmp_path, source()) == []


def test_the_split_behaves_the_same(tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, source(), MODULES,
                         "import pkg.big as m\nprint(m.registry.items, m.loader.add('y').name)\n")
    assert out == "{'x': 0} y\n"


def test_a_mixin_of_an_instance_still_runs(tmp_path: Path) -> None:
    """`self.add` in `Registry.__init__` on a `Both`: the mixin's `add` (first in its
    MRO) runs, reading `Thing`: the cycle is real."""
    text = source(replace=("class Loader:", "class Loader:\n    pass\n\n\nclass Both(Loader, Registry):")
                  ).replace("registry = Registry()", "registry = Both()")
    modules = {**MODULES, "core": [*MODULES["core"], "Both"]}
    assert _errors(tmp_path, text, modules) == ["GS104"]


def test_a_mixin_by_an_alias_still_runs(tmp_path: Path) -> None:
    """The base `Registry` spelled by an alias (`Alias = Registry`): `Both()` runs
    `Registry.__init__` (not seen before: the alias was not a class), then `Both.add`."""
    text = source(replace=("class Loader:", "Alias = Registry\n\n\nclass Loader:\n    pass\n\n\n"
                           "class Both(Loader, Alias):")
                  ).replace("registry = Registry()", "registry = Both()")
    modules = {**MODULES, "core": [*MODULES["core"], "Both", "Alias"]}
    assert _errors(tmp_path, text, modules) == ["GS104"]


def test_an_unbound_call_with_another_self_still_runs(tmp_path: Path) -> None:
    """`Registry.__init__(loader)` binds `self` to a `Loader`: its `add` runs."""
    text = source(replace=("loader = Loader()\n", "loader = Loader()\nRegistry.__init__(loader)\n"))
    assert _errors(tmp_path, text) == ["GS104"]


def test_an_alias_in_an_unrelated_class_still_runs(tmp_path: Path) -> None:
    """`setup = Registry.__init__` in `Loader`'s body: `loader.setup()` runs it on a
    `Loader`, whose `add` reads `Thing`."""
    text = source(replace=("class Loader:\n", "class Loader:\n    setup = Registry.__init__\n\n")
                  ).replace("loader = Loader()\n", "loader = Loader()\nloader.setup()\n")
    assert _errors(tmp_path, text) == ["GS104"]


def test_a_method_made_by_another_decorator_still_runs(tmp_path: Path) -> None:
    """A decorator may call the function with anything as `self`: not typed."""
    text = source(replace=("    def __init__(self):\n        self.items = {}",
                           "    @trace\n    def __init__(self):\n        self.items = {}")
                  ).replace("class Base:", "def trace(f):\n    return f\n\n\nclass Base:")
    modules = {**MODULES, "core": [*MODULES["core"], "trace"]}
    assert _errors(tmp_path, text, modules) == ["GS104"]


def test_a_method_the_class_body_wraps_still_runs(tmp_path: Path) -> None:
    """`init_other = staticmethod(__init__)`: `Registry.init_other(loader)` runs
    `Registry.__init__` on a `Loader`."""
    text = source(replace=("    def add(self, name):\n        self.items[name] = len(self.items)\n",
                           "    def add(self, name):\n        self.items[name] = len(self.items)\n\n"
                           "    init_other = staticmethod(__init__)\n"))
    text = text.replace("loader = Loader()\n", "loader = Loader()\nRegistry.init_other(loader)\n")
    assert _errors(tmp_path, text) == ["GS104"]


def test_a_class_assigned_by_setattr_still_runs(tmp_path: Path) -> None:
    """`setattr(registry, "__class__", Loader)`: a `Registry` method bound before runs on
    a `Loader` afterwards."""
    text = source(extra='init = registry.__init__\nsetattr(registry, "__class__", Loader)\n'
                        'init()\n')
    assert _errors(tmp_path, text, {**MODULES, "core": [*MODULES["core"], "init"]}) == ["GS104"]


def test_a_rebound_self_still_runs(tmp_path: Path) -> None:
    text = source(replace=('        self.add("x")', '        self = loader\n        self.add("x")'))
    text = text.replace("registry = Registry()\nloader = Loader()",
                        "loader = Loader()\nregistry = Registry()")
    assert _errors(tmp_path, text) == ["GS104"]


# `__getattr__` of a class with an instance made at import time reads `Thing`: reads of
# what a call made only of imports returns (`re.compile(...)`) and of a new instance of a
# class without the hook (`Registry().items`) do not run it.
HOOKED = '''\
    import re


    class Base:
        pass


    class Registry:
        def __init__(self):
            self.items = {}


    class Hooked:
        def __getattr__(self, name):
            return Thing(name)


    class Thing(Base):
        def __init__(self, name):
            self.name = name


    hooked = Hooked()
    PATTERN = re.compile("a+").pattern
    ITEMS = Registry().items
    {extra}
    '''
HOOKED_MODULES = {"core": ["Base", "Registry", "Hooked", "hooked", "PATTERN", "ITEMS"],
                  "things": ["Thing"]}


def test_reads_of_known_call_results_run_no_getattr(tmp_path: Path) -> None:
    text = dedent(HOOKED).replace("{extra}", "")
    assert _errors(tmp_path, text, HOOKED_MODULES) == []


def test_a_read_of_a_new_hooked_instance_still_runs_getattr(tmp_path: Path) -> None:
    text = dedent(HOOKED).replace("{extra}", "NAME = Hooked().missing\n")
    modules = {**HOOKED_MODULES, "core": [*HOOKED_MODULES["core"], "NAME"]}
    assert _errors(tmp_path, text, modules) == ["GS104"]


def test_a_call_that_looks_the_module_up_still_runs_getattr(tmp_path: Path) -> None:
    """`getattr(sys.modules[__name__], "hooked")` returns the module's instance."""
    text = dedent(HOOKED).replace("{extra}", (
        "import sys\nNAME = getattr(sys.modules[__name__], 'hooked').missing\n"))
    modules = {**HOOKED_MODULES, "core": [*HOOKED_MODULES["core"], "NAME"]}
    assert _errors(tmp_path, text, modules) == ["GS104"]
