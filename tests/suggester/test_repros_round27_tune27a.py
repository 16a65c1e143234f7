"""Round 27 (tune27a): what a factory makes at import time stays with the factory.

pydocstyle's maintainers keep the error codes (`D100 = D1xx.create_error(...)`, with
`D1xx = ErrorRegistry.create_group(...)`) in `violations`, beside `Error` and the registry
that makes and lists them; suggest took each code, a helper read by one class, to the
checker that reports it (`place.to_helpers`). A value bound to what a method of another
definition of the file returns is that definition's product and now goes to its maker's
module (`suggester/makers.py`); an instance made by calling a class (`parse = Parser()`)
is not a product and stays with the code that reads it.
"""

from __future__ import annotations

from pathlib import Path

from godsplit.config import parse_config
from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.core import suggest
from godsplit.suggester.graph import build_graph
from godsplit.suggester.place import to_helpers

SOURCE = '''\
"""A docstring checker."""

import re


class Error:
    code = ""

    def __init__(self, *parameters):
        self.parameters = parameters

    def message(self):
        return f"{self.code}: {self.parameters}"


class ErrorRegistry:
    groups = []

    class ErrorGroup:
        def __init__(self, prefix):
            self.prefix = prefix
            self.errors = []

        def create_error(self, code):
            class _Error(Error):
                pass

            _Error.code = code
            self.errors.append(_Error)
            return _Error

    @classmethod
    def create_group(cls, prefix):
        group = cls.ErrorGroup(prefix)
        cls.groups.append(group)
        return group

    @classmethod
    def codes(cls):
        return [e.code for g in cls.groups for e in g.errors]


E1xx = ErrorRegistry.create_group("E1")
E100 = E1xx.create_error("E100")
E101 = E1xx.create_error("E101")
E102 = E1xx.create_error("E102")
E2xx = ErrorRegistry.create_group("E2")
E200 = E2xx.create_error("E200")
E201 = E2xx.create_error("E201")


class Token:
    def __init__(self, kind, value):
        self.kind = kind
        self.value = value


class Parser:
    pattern = re.compile(r"\\w+")

    def parse(self, text):
        return [Token("word", w) for w in self.pattern.findall(text)]

    def parse_all(self, texts):
        return [self.parse(t) for t in texts]


parse = Parser()


class Checker:
    def check(self, text):
        tokens = parse.parse(text)
        if not tokens:
            return [E100()]
        if len(tokens) > 80:
            return [E101(len(tokens))]
        if tokens[0].value.islower():
            return [E102(tokens[0].value)]
        return []

    def check_spacing(self, text):
        if text.startswith(" "):
            return [E200()]
        if text.endswith(" "):
            return [E201()]
        return []

    def check_all(self, texts):
        return [e for t in texts for e in self.check(t) + self.check_spacing(t)]


def main(texts):
    return Checker().check_all(texts)
'''

CODES = ("E100", "E101", "E102", "E200", "E201")


def _placed(tmp_path: Path, max_lines: int, modules: int = 0) -> dict[str, str]:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "big.py").write_text(SOURCE)
    made = suggest(
        tmp_path / "pkg" / "big.py", parse_config({}, tmp_path / "godsplit.toml"), max_lines, modules=modules
    )
    assert not made.errors
    return {name: p.module for p in made.plan.placements for name in p.names}


def test_error_codes_go_with_the_registry_that_makes_them(tmp_path: Path) -> None:
    placed = _placed(tmp_path, 100_000, modules=3)
    registry = placed["ErrorRegistry"]
    assert registry != placed["Checker"]
    # before: every code went to the checker, the one class that reads it
    assert {placed[code] for code in CODES} == {registry}
    assert placed["E1xx"] == placed["E2xx"] == registry
    # an instance of a class is no product: it stays with the code that reads it
    assert placed["parse"] == placed["Checker"] != placed["Parser"]


def test_at_default_settings_too(tmp_path: Path) -> None:
    placed = _placed(tmp_path, 80)
    assert len(set(placed.values())) == 3
    assert {placed[code] for code in CODES} == {placed["ErrorRegistry"]} != {placed["Checker"]}
    assert placed["parse"] == placed["Checker"]


def test_to_helpers_sends_products_to_their_maker(tmp_path: Path) -> None:
    source = tmp_path / "big.py"
    source.write_text(SOURCE)
    g = build_graph(analyze(read_source(source)), ())
    at = {n.label: i for i, n in enumerate(g.nodes)}
    assert {g.nodes[p].label: g.nodes[m].label for p, m in g.makers.items()} == {
        "E1xx": "ErrorRegistry",
        "E2xx": "ErrorRegistry",
        "E100": "E1xx",
        "E101": "E1xx",
        "E102": "E1xx",
        "E200": "E2xx",
        "E201": "E2xx",
    }
    group = {n: 0 for n in range(len(g.nodes))}
    for name in ("Checker", "main", "parse", *CODES):
        group[at[name]] = 1
    group[at["Parser"]] = group[at["Token"]] = 2
    to_helpers(g, group)
    assert {group[at[name]] for name in (*CODES, "E1xx", "E2xx")} == {group[at["ErrorRegistry"]]}
    assert group[at["parse"]] == group[at["Checker"]] == 1
