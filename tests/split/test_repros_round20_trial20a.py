"""Round 20 (trial20a): real-code trials on traitlets, mock, construct and glom.

traitlets' `TraitType.__or__` returns `Union(...)` (a subclass in another module by hand),
and its methods' parameters are annotated `bool | None`. The import-time analysis counted
the `|` in those annotations as running every `__or__` of the module's classes with
instances at import time, so `TraitType`'s module needed `Union` while the module was
imported: a false GS104 cycle on the mapping a maintainer would write. A function's own
annotations do not run when it is called, a local variable's never run, and none run
under `from __future__ import annotations`."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.split.plan import plan_split

from splitkit import dedent, make_project, plan_texts, same_behaviour

ELEMENT = '''\
    {future}
    class Element:
        def __init__(self, name: str | None = None) -> None:
            self.name = name
            width: int | None = None
            self.width = width

        def __or__(self, other: "Element") -> "Either":
            return Either(self, other)


    class Either(Element):
        def __init__(self, *options: Element) -> None:
            super().__init__("either")
            self.options = options


    DEFAULT = Element("default")
    '''
MODULES = {"base": ["Element", "DEFAULT"], "either": ["Either"]}


@pytest.mark.parametrize("future", ["", "from __future__ import annotations\n"])
def test_an_operator_in_an_annotation_runs_nothing(tmp_path: Path, future: str) -> None:
    """`DEFAULT = Element(...)` runs `Element.__init__`, whose annotations hold `|`:
    `Element.__or__` (which reads `Either`) does not run, so there is no cycle."""
    source = dedent(ELEMENT).format(future=future)
    config = make_project(tmp_path, source, MODULES)
    plan, _ = plan_split(config, config.splits[0])
    assert not plan.errors, [f.render() for f in plan.errors]


def test_the_split_behaves_the_same(tmp_path: Path) -> None:
    source = dedent(ELEMENT).format(future="")
    out = same_behaviour(tmp_path, source, MODULES,
                         "import pkg.big as m\nx = m.DEFAULT | m.Element('b')\n"
                         "print(type(x).__name__, [o.name for o in x.options])\n")
    assert out == "Either ['default', 'b']\n"


def test_an_operator_the_running_code_uses_still_counts(tmp_path: Path) -> None:
    """The same operator in the body of code run at import time is still a cycle (GS104)."""
    source = dedent(ELEMENT).format(future="") + "PAIR = DEFAULT | Element('b')\n"
    config = make_project(tmp_path, source, {**MODULES, "base": ["Element", "DEFAULT", "PAIR"]})
    plan, _ = plan_split(config, config.splits[0])
    assert any(f.code == "GS104" for f in plan.errors), [f.render() for f in plan.findings]


# mock's sentinels: `DEFAULT = sentinel.DEFAULT` runs `_Sentinel.__getattr__`, which makes a
# `_SentinelObject`. The special methods any use of an instance may run (`__getattr__`,
# `__iter__`, `__str__`, ...) were followed only to say which module's code runs a read,
# never to make the read one that happens at import time: with `_SentinelObject` in another
# module that reads `sentinel` when called, both imports went to the end of their modules,
# and importing the split raised NameError (suggest's split of mock/mock.py; GS406).
SENTINELS = '''\
    class Base:
        def __repr__(self) -> str:
            return "sentinel.%s" % self.name if sentinel else self.name


    class _SentinelObject(Base):
        def __init__(self, name: str) -> None:
            self.name = name


    class _Sentinel(Base):
        def __init__(self) -> None:
            self._sentinels = {}

        def __getattr__(self, name):
            return self._sentinels.setdefault(name, _SentinelObject(name))


    sentinel = _Sentinel()
    DEFAULT = sentinel.DEFAULT
    '''


def test_an_attribute_read_at_import_time_runs_getattr(tmp_path: Path) -> None:
    """`_SentinelObject` subclasses `Base` (import time), and `sentinel.DEFAULT` makes one
    while `sentinels` is imported: an import-time cycle, refused before anything is written
    (it planned clean, and the import raised NameError)."""
    config = make_project(tmp_path, dedent(SENTINELS), {
        "objects": ["_SentinelObject"], "sentinels": ["Base", "_Sentinel", "sentinel", "DEFAULT"]})
    plan, _ = plan_split(config, config.splits[0])
    assert [f.code for f in plan.errors] == ["GS104"], [f.render() for f in plan.findings]
    assert "_SentinelObject" in plan.errors[0].message


def test_the_sentinels_split_the_other_way_behave_the_same(tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, SENTINELS,
                         {"objects": ["Base", "_SentinelObject"],
                          "sentinels": ["_Sentinel", "sentinel", "DEFAULT"]},
                         "import pkg.big as m\nprint(repr(m.DEFAULT), m.DEFAULT is m.sentinel.DEFAULT)\n")
    assert out == "sentinel.DEFAULT True\n"


# traitlets' `MetaHasTraits.setup_class` tests `type(trait) in [CInt, Int, Long, CLong]` for
# each trait of a class it makes; it makes `HasTraits` (no traits) above those classes.
# GS121 took the read, at import time from the metaclass's line, for a read of a name "bound
# or changed again" further down, though `Int` is bound only there: a read before that
# would raise NameError, so any read that succeeds sees that one binding.
META = '''\
    class Meta(type):
        def __init__(cls, name, bases, ns):
            super().__init__(name, bases, ns)
            cls.plain = [k for k, v in ns.items() if not k.startswith("__") and type(v) is Int]


    class Has(metaclass=Meta):
        pass


    class Int:
        pass


    class Config(Has):
        port = Int()
    '''
META_MODULES = {"meta": ["Meta", "Has"], "ints": ["Int"], "conf": ["Config"]}


def test_a_read_above_the_only_binding_is_no_rebinding(tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, META, META_MODULES,
                         "import pkg.big as m\nprint(m.Has.plain, m.Config.plain)\n")
    assert out == "[] ['port']\n"


def test_a_binding_after_the_first_one_still_counts(tmp_path: Path) -> None:
    """`Int` bound again (wrapped) after `Config` read it: from `meta`, the read would get
    the last one (GS121)."""
    source = dedent(META) + "\n\nInt = type('Int', (Int,), {})\n"
    config = make_project(tmp_path, source, {**META_MODULES, "ints": ["Int"]})
    plan, _ = plan_split(config, config.splits[0])
    assert "GS121" in [f.code for f in plan.errors], [f.render() for f in plan.findings]


# mock: `class Mock(CallableMixin, NonCallableMock)` subclasses NonCallableMock at import
# time, which runs only `__init_subclass__`; but a class only subclassed counted as one with
# instances, so every method named like an attribute import-time code uses ran
# (`NonCallableMock.__getattr__`, `__init__`, ...), reading `PropertyMock` and
# `create_autospec`: a false GS104 on the maintainers' grouping (base / autospec).
SUBCLASSED = '''\
    class Node:
        def configure(self):
            return Leaf(self)


    class Leaf(Node):
        def __init__(self, parent=None):
            self.parent = parent


    class Settings:
        def __init__(self):
            self.done = False

        def configure(self):
            self.done = True
            return self


    DEFAULTS = Settings().configure()
    '''
SUBCLASSED_MODULES = {"nodes": ["Node", "Settings", "DEFAULTS"], "leaves": ["Leaf"]}


def test_a_class_only_subclassed_runs_no_method_by_name(tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, SUBCLASSED, SUBCLASSED_MODULES,
                         "import pkg.big as m\nprint(m.DEFAULTS.done, type(m.Node().configure()).__name__)\n")
    assert out == "True Leaf\n"


def test_a_classmethod_of_a_class_only_subclassed_still_runs(tmp_path: Path) -> None:
    """`Settings.configure` a classmethod of `Node` instead: `cls.configure()` may run on the
    class itself, so it still counts (GS104)."""
    source = dedent(SUBCLASSED).replace(
        "    def configure(self):\n        return Leaf(self)",
        "    @classmethod\n    def configure(cls):\n        return Leaf(cls)", 1)
    assert "@classmethod" in source
    config = make_project(tmp_path, source, SUBCLASSED_MODULES)
    plan, _ = plan_split(config, config.splits[0])
    assert "GS104" in [f.code for f in plan.errors], [f.render() for f in plan.findings]


# glom's tests compare formatted tracebacks with `File "core.py", line ___, in glom`:
# suggest's split applied, verified, and 9 of them failed (the frame names `mode.py`). A
# frame's file name is nothing the import check compares: GS141 says so at plan time.
TRACED = '''\
    def run(x):
        return helper(x)


    def helper(x):
        raise ValueError(x)
    '''
TRACEBACK_TEST = '''\
    EXPECTED = """\\
    Traceback (most recent call last):
      File "big.py", line ___, in run
    ValueError: 1
    """
    '''


def test_a_test_comparing_a_traceback_of_the_god_file_is_named(tmp_path: Path) -> None:
    config = make_project(tmp_path, TRACED, {"runner": ["run"], "helpers": ["helper"]},
                          files={"tests/test_trace.py": TRACEBACK_TEST,
                                 "tests/test_other.py": "PATH = 'pkg/big.py'\n"})
    plan, _ = plan_split(config, config.splits[0])
    found = [f for f in plan.findings if f.code == "GS141"]
    assert [(Path(f.path).name, f.line, f.severity) for f in found] == [
        ("test_trace.py", 3, "warning")], [f.render() for f in plan.findings]
    assert 'File "big.py"' in found[0].message
    assert not plan.errors


# traitlets' ruff config turns F401 off for `traitlets/*__init__.py`; the facade (the package's
# `__init__.py`) kept the source's `import typing as t` with a noqa comment for F401, and ruff reported
# the unused noqa (RUF100).
ALIASED = '''\
    import typing as t

    __all__ = ["first"]


    def first(items: t.Sequence[int]) -> int:
        return items[0]
    '''
PER_FILE_OFF = '''\
    [tool.ruff.lint]
    extend-select = ["RUF100"]

    [tool.ruff.lint.per-file-ignores]
    "pkg/*__init__.py" = ["F401"]
    '''


def test_no_noqa_for_a_rule_the_facade_file_turns_off(tmp_path: Path) -> None:
    config = make_project(tmp_path, ALIASED, {"items": ["first"]},
                          files={"pyproject.toml": PER_FILE_OFF})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    facade = texts["pkg/big/__init__.py"]
    assert "import typing as t\n" in facade and "noqa: F401" not in facade, facade
