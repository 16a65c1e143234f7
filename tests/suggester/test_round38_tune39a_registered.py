"""Round 38 (tune39a): with `--modules K`, the functions one of the file's own decorators
registers (three or more) are whole in one module: picard's 69 `@script_function`
`func_*` functions, which suggest parted over three modules by the words of their names
(`suggester/registered.py` finds them, `suggester/registered_whole.py` gathers them,
called from `choose`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester import choose as choosing
from godsplit.suggester.graph import Graph, build_graph
from godsplit.suggester.place import groups_of


def _graph(tmp_path: Path, source: str) -> Graph:
    path = tmp_path / "script.py"
    path.write_text(source)
    return build_graph(analyze(read_source(path)), ())


def _fn(name: str, reads: str = "x", decorator: str = "") -> str:
    body = "".join(f"    v{i} = {reads} * {i + 2}\n" for i in range(5))
    return f"{decorator}def {name}(x):\n    '''{name}.'''\n{body}    return v4\n\n\n"


def _class(name: str, reads: str = "x") -> str:
    body = "".join(f"    def m{i}(self, x):\n        return {reads} * {i}\n\n" for i in range(5))
    return f"class {name}:\n    '''{name}.'''\n\n{body}\n\n"


COMPARE = ("func_eq_any", "func_eq_all", "func_ne_any", "func_ne_all")
CASE = ("func_lower", "func_upper", "func_title", "func_swapcase")
# a parser, and script functions a decorator of the file registers: four compare values,
# four change a text's case, each reading its own helper (as picard's `func_*` do)
SCRIPT = (
    "REGISTRY = {}\n\n\n" + _class("Token") + _class("Lexer", "Token()")
    + _class("Parser", "Lexer()") + _class("ParseError", "Parser()")
    + "def register(fn):\n    REGISTRY[fn.__name__] = fn\n    return fn\n\n\n"
    + _fn("compare_values") + _fn("change_case")
    + "".join(_fn(n, "compare_values(x)", "@register\n") for n in COMPARE)
    + "".join(_fn(n, "change_case(x)", "@register\n") for n in CASE)
    + _fn("run_script", "Parser()") + _fn("script_docs", "REGISTRY")
).rstrip() + "\n"


def _labels(g: Graph, nodes: tuple[int, ...] | list[int]) -> set[str]:
    return {g.nodes[n].names[0] for n in nodes}


def test_a_family_is_three_functions_one_own_decorator_registers(tmp_path: Path) -> None:
    g = _graph(tmp_path, SCRIPT)
    assert [_labels(g, f) for f in g.registers] == [{*COMPARE, *CASE}]
    # two are no family (mne's `verbose` on two functions its maintainers parted); an
    # imported decorator, or one reached through an attribute (`cli.command`), is none
    two = _graph(tmp_path, "def verbose(f):\n    return f\n\n\n"
                 + _fn("fetch", decorator="@verbose\n") + _fn("misc", decorator="@verbose\n"))
    assert two.registers == ()
    other = _graph(tmp_path, "import click\nfrom functools import cache\n\ncli = click.Group()\n\n\n"
                   + "".join(_fn(f"f{i}", decorator="@cli.command()\n@cache\n") for i in range(4)))
    assert other.registers == ()
    # called (`@script_function(eval_args=False)`) as well as bare, async functions too
    called = _graph(tmp_path, "def script_function(**options):\n    return lambda f: f\n\n\n"
                    + _fn("func_a", decorator="@script_function(eval_args=False)\n")
                    + _fn("func_b", decorator="@script_function()\n")
                    + "@script_function()\nasync def func_c(x):\n    return x\n")
    assert [_labels(called, f) for f in called.registers] == [{"func_a", "func_b", "func_c"}]


def _made(g: Graph, k: int) -> list[set[str]]:
    return [_labels(g, members) for members in groups_of(choosing.choose(g, k, 10_000)).values()]


def test_the_family_is_one_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    g = _graph(tmp_path, SCRIPT)
    family = {*COMPARE, *CASE}
    made = _made(g, 3)
    assert len(made) == 3
    assert any(family <= m for m in made)
    assert {"Token", "Lexer", "Parser", "ParseError"} in made  # the parser, as before
    # before: the reads and the words parted the family, the case functions going to the
    # module of the decorator, the compare functions to a module of their own
    monkeypatch.setattr(choosing, "gather_registered", lambda *_: False)
    before = _made(g, 3)
    assert len(before) == 3
    assert not any(family <= m for m in before)
    assert any(set(COMPARE) <= m and not set(CASE) & m for m in before)


def test_a_family_over_the_budget_stays_as_placed(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    g = _graph(tmp_path, SCRIPT)
    cap = g.size(list(g.registers[0])) - 1  # no module may hold the eight: left as placed
    made = choosing.choose(g, 3, cap)
    monkeypatch.setattr(choosing, "gather_registered", lambda *_: False)
    assert made == choosing.choose(g, 3, cap)
