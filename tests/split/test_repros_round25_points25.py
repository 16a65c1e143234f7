"""Round 25 (points25): README item 21(i), construct's false GS104.

construct 2.10.70 split and verified in round 19; since round 23 a `@singleton` decorator
(which calls what it decorates) counts `FormatField(">", "B")` as run at import, and the
rule that an operator runs the special methods of every class with instances then made
`endianity+format` in `FormatField.__init__` run `Construct.__add__` (it makes a `Struct`),
`Struct.__getattr__` subscript, and `Construct.__getitem__` make an `Array`: "abstract needs
Array from arrays", a false refusal. An operator now runs the left operand's method only
if that operand may be an instance of a class of the module (the right one's reflected
method likewise), and a subscript `__getitem__` only if its object may: a parameter is
known not to be one when every call of the function in the module passes a plain value
(plain_values.py). Each refusal test below is a true cycle that must stay GS104."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.split.apply import apply_splits
from godsplit.split.plan import plan_split

from splitkit import dedent, make_project

# construct's shape: `Construct.__add__` reads `Struct` when it runs; `Struct` moves to
# `structs`, which imports `Construct` back from `core`. Only if `__add__` runs while
# `core` is imported is the split an import cycle.
CONSTRUCT = '''\
    def singleton(arg):
        x = arg()
        return x


    class Construct:
        def __add__(self, other):
            return Struct(self, other)

        def __getitem__(self, count):
            return Struct(self, count)


    class Struct(Construct):
        def __init__(self, *subcons):
            self.subcons = list(subcons) + [1]


    class FormatField(Construct):
        def __init__(self, endianity, format):
            super().__init__()
            self.fmtstr = endianity + format


    @singleton
    def Int8ub():
        return FormatField(">", "B")


    '''
_CORE = ["singleton", "Construct", "FormatField", "Int8ub"]


def _errors(tmp_path: Path, text: str, *names: str) -> list[str]:
    config = make_project(tmp_path, text, {"core": [*_CORE, *names], "structs": ["Struct"]})
    plan, _ = plan_split(config, config.splits[0])
    return [f.code for f in plan.errors]


def test_an_operator_on_parameters_every_call_gives_strings_is_no_cycle(
        tmp_path: Path) -> None:
    """construct by hand: the plan has no error, and apply's import check verifies it."""
    text = dedent(CONSTRUCT)
    assert _errors(tmp_path, text) == []
    config = make_project(tmp_path, text, {"core": _CORE, "structs": ["Struct"]},
                          **{"verify-import": True})
    result = apply_splits(config)
    assert not result.errors and not result.rolled_back
    assert result.splits[0].imported


@pytest.mark.parametrize(("extra", "names"), [
    # a call passes an instance: `endianity + format` runs `Construct.__add__`
    ('X = FormatField(Int8ub, "B")\n', ["X"]),
    # through another function's parameter (the call sites' values, transitively)
    ('def make(e):\n    return FormatField(e, "B")\n\n\nX = make(Int8ub)\n', ["make", "X"]),
    # handed on: what its callers give is not known
    ('MAKERS = [FormatField]\nX = MAKERS[0](">", "B")\n', ["MAKERS", "X"]),
    # spread arguments: which parameter gets what is not known
    ('ARGS = (Int8ub, "B")\nX = FormatField(*ARGS)\n', ["ARGS", "X"]),
    # a local bound to a parameter's attribute, subscripted
    ('def first(box):\n    item = box.item\n    return item[0]\n\n\n'
     'class Box:\n    item = Int8ub\n\n\nX = first(Box)\n', ["first", "Box", "X"]),
    # the right operand's reflected method: `"<" + Named()` runs `__radd__`
    ('class Named(Construct):\n    def __radd__(self, other):\n        return Struct(self, other)'
     '\n\n\nX = "<" + Named()\n', ["Named", "X"]),
], ids=["instance-argument", "through-parameter", "handed-on", "spread", "local-subscript",
        "reflected"])
def test_an_operator_on_what_may_be_an_instance_stays_a_cycle(
        tmp_path: Path, extra: str, names: list[str]) -> None:
    assert _errors(tmp_path, dedent(CONSTRUCT) + extra, *names) == ["GS104"]


@pytest.mark.parametrize(("extra", "names"), [
    # strings through another function's parameter, and a default
    ('def make(e, f="B"):\n    return FormatField(e, f)\n\n\nX = make("<")\n', ["make", "X"]),
    # a subscript of a plain local (a list built from a parameter)
    ('def pick(n):\n    items = list(range(n))\n    return items[n - 1]\n\n\nX = pick(3)\n',
     ["pick", "X"]),
    # a string method's result on the left: only the right operand's `__radd__` could run
    ('def message(path):\n    return "at {}: ".format(path) + "x"\n\n\nX = message(Int8ub)\n',
     ["message", "X"]),
], ids=["through-parameter", "plain-local", "string-method"])
def test_an_operator_on_plain_values_is_no_cycle(
        tmp_path: Path, extra: str, names: list[str]) -> None:
    assert _errors(tmp_path, dedent(CONSTRUCT) + extra, *names) == []


# `helper` reads `Thing`; `Thing` moves to `things`, which imports `Base` back from `core`
CALLED = '''\
    class Base:
        pass


    def helper():
        return Thing()


    class Thing(Base):
        pass


    '''


def _called_errors(tmp_path: Path, extra: str, names: list[str]) -> list[str]:
    config = make_project(tmp_path, dedent(CALLED) + extra,
                          {"core": ["Base", "helper", *names], "things": ["Thing"]})
    plan, _ = plan_split(config, config.splits[0])
    return [f.code for f in plan.errors]


@pytest.mark.parametrize(("extra", "names"), [
    # through a caller's parameter into `*fns`
    ("def go(*fns):\n    for fn in fns:\n        fn()\n\n\ndef outer(f):\n    go(f)\n\n\n"
     "X = outer(helper)\n", ["go", "outer", "X"]),
    # into `**kw`, called from there
    ("def go(a=None, **kw):\n    kw['run']()\n\n\nX = go(run=helper)\n", ["go", "X"]),
    # a class's `__init__` calling what `C(...)` gives it
    ("class Runner:\n    def __init__(self, fn):\n        fn()\n\n\nX = Runner(helper)\n",
     ["Runner", "X"]),
], ids=["caller-parameter", "kwargs", "init"])
def test_a_def_given_to_a_parameter_a_function_run_at_import_calls_is_a_cycle(
        tmp_path: Path, extra: str, names: list[str]) -> None:
    assert _called_errors(tmp_path, extra, names) == ["GS104"]


@pytest.mark.parametrize(("extra", "names"), [
    ("def go(run, value):\n    return value\n\n\nX = go(len, helper)\n", ["go", "X"]),
    ("def go(run, value):\n    run()\n\n\nX = go(len, helper)\n", ["go", "X"]),
], ids=["returned", "other-parameter"])
def test_a_def_given_to_a_parameter_that_is_not_called_is_no_cycle(
        tmp_path: Path, extra: str, names: list[str]) -> None:
    assert _called_errors(tmp_path, extra, names) == []


def test_a_def_a_decorator_stores_and_a_container_call_runs_is_a_cycle(tmp_path: Path) -> None:
    """`@register` stores `other` in `REG`; `REG[0]()` at import runs it (was missed: a
    decorated def counted as handed on only if its decorator calls it)."""
    extra = ("REG = []\n\n\ndef register(fn):\n    REG.append(fn)\n    return fn\n\n\n"
             "@register\ndef other():\n    return helper()\n\n\nX = REG[0]()\n")
    assert _called_errors(tmp_path, extra, ["REG", "register", "other", "X"]) == ["GS104"]


def test_a_def_a_decorator_only_reads_is_not_run_by_a_container_call(tmp_path: Path) -> None:
    extra = ("NAMES = []\nREG = [len]\n\n\ndef register(fn):\n    NAMES.append(fn.__name__)\n"
             "    return fn\n\n\n@register\ndef other():\n    return helper()\n\n\nX = REG[0]('a')\n")
    assert _called_errors(tmp_path, extra, ["NAMES", "REG", "register", "other", "X"]) == []
