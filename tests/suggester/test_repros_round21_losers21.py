"""Round 21 (losers21): module names a person would keep, README item 17 (h): pytest's
`funcargnames_compat_attrs`, graphql-core's `named`, pretix's `exceptions` (holding
`mail()`), rich's `consoles` and soupsieve's `css_matches`."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.config import parse_config
from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.core import suggest
from godsplit.suggester.graph import WEIGHTS, build_graph
from godsplit.suggester.naming import name_modules


def _names(tmp_path: Path, stem: str, source: str, groups: list[list[str]],
           old: str = "") -> list[str]:
    path = tmp_path / f"{stem}.py"
    path.write_text(source)
    analysis = analyze(read_source(path))
    g = build_graph(analysis, ())
    forbidden = set(analysis.binders) | {"_shared", stem}
    index = {name: i for i, node in enumerate(g.nodes) for name in node.names}
    return name_modules(g, [sorted({index[n] for n in group}) for group in groups], forbidden,
                        old=old)


def _body(lines: int) -> str:
    return "".join(f"        x{i} = {i}\n" for i in range(lines))


def _class(name: str, lines: int, base: str = "") -> str:
    return f"class {name}{f'({base})' if base else ''}:\n    def run(self):\n{_body(lines)}\n\n"


def _function(name: str, lines: int, reads: str = "") -> str:
    return f"def {name}():\n    y = {reads or 1}\n" + _body(lines).replace("    ", "", 1) \
        .replace("\n        ", "\n    ") + "\n\n"


def test_a_thin_shared_base_does_not_name_its_family(tmp_path: Path) -> None:
    """pytest's `python.py`: `FixtureRequest` and `Metafunc` under the 9-line
    `FuncargnamesCompatAttr` made `funcargnames_compat_attrs`; the family's main class
    names it. A base with lines of its own still names its family (`shapes`)."""
    source = (_class("FuncargnamesCompatAttr", 2)
              + _class("FixtureRequest", 80, "FuncargnamesCompatAttr")
              + _class("Metafunc", 50, "FuncargnamesCompatAttr"))
    names = _names(tmp_path, "python", source, [
        ["FuncargnamesCompatAttr", "FixtureRequest", "Metafunc"]])
    assert names == ["fixture_request"]
    source = _class("Shape", 30) + _class("Circle", 30, "Shape") + _class("Square", 30, "Shape")
    assert _names(tmp_path, "geometry", source, [["Shape", "Circle", "Square"]]) == ["shapes"]


def test_a_name_a_group_will_not_take_is_not_held_back(tmp_path: Path) -> None:
    """graphql-core's `definition.py`: the group named `interface_type` also claimed
    `named_type` (its base class's name), so the group of `get_named_type`,
    `is_named_type` and `assert_named_type` was named `named`."""
    source = (_class("NamedType", 20) + _class("InterfaceType", 60, "NamedType")
              + _class("UnionType", 40, "NamedType")
              + _function("get_named_type", 10) + _function("is_named_type", 5)
              + _function("assert_named_type", 5))
    names = _names(tmp_path, "definition", source, [
        ["NamedType", "InterfaceType", "UnionType"],
        ["get_named_type", "is_named_type", "assert_named_type"]])
    assert names[0] != "named_type"
    assert names[1] == "named_type"


def test_two_small_exceptions_do_not_name_a_module(tmp_path: Path) -> None:
    """pretix's `mail.py`: a group of `mail()` (230 lines), `render_mail` and two small
    exception classes was named `exceptions`; they hold too little of it to name it. Two
    exception classes alone still make `exceptions`."""
    source = (_class("SendMailException", 1, "Exception")
              + _class("WithholdMailException", 1, "Exception")
              + _function("mail", 60, "SendMailException")
              + _function("render_mail", 10) + _function("clean_sender_name", 10))
    group = ["SendMailException", "WithholdMailException", "mail", "render_mail",
             "clean_sender_name"]
    names = _names(tmp_path, "mail", source, [group])
    assert names != ["exceptions"]
    alone = _names(tmp_path, "mail", source, [group[:2], group[2:]])
    assert alone[0] == "exceptions"


def test_the_source_namesake_class_makes_core(tmp_path: Path) -> None:
    """rich's `console.py`: `Console` made `consoles`, soupsieve's `css_match.py`:
    `CSSMatch` made `css_matches` (the old module's name is not free; its plural is not a
    name a person keeps). Through `suggest`, which passes the old module's name."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    source = (_class("Console", 120) + _class("ConsoleOptions", 60)
              + _function("get_console_options", 10, "ConsoleOptions"))
    path = tmp_path / "pkg" / "console.py"
    path.write_text(source)
    config = parse_config({}, tmp_path / "godsplit.toml")
    result = suggest(path, config, 10_000, modules=2)
    by_member = {name: m.name for m in result.modules for name in m.mapped}
    assert by_member["Console"] == "core"
    assert by_member["ConsoleOptions"] == "console_options"
    # a main class that is not the old module's namesake keeps its own name
    assert _names(tmp_path, "terminal", source, [["Console"], ["ConsoleOptions"]],
                  old="terminal") == ["console", "console_options"]



def test_a_thin_shared_base_bonds_as_a_mixin(tmp_path: Path) -> None:
    """pytest's `python.py`: `FixtureRequest` (fixtures) and `Metafunc` (python) share the
    9-line `FuncargnamesCompatAttr`, whose first-base bond (3.0) held them together. A
    first base of at most 20 lines, 5 times shorter than its subclass, bonds as a mixin
    does (1.0); a base with lines of its own keeps the first-base bond."""

    def bond(base_lines: int) -> float:
        source = (_class("FuncargnamesCompatAttr", base_lines)
                  + _class("FixtureRequest", 80, "FuncargnamesCompatAttr")
                  + _class("Metafunc", 80, "FuncargnamesCompatAttr"))
        path = tmp_path / "python.py"
        path.write_text(source)
        g = build_graph(analyze(read_source(path)), ())
        index = {node.label: i for i, node in enumerate(g.nodes)}
        return g.weights[index["FuncargnamesCompatAttr"], index["FixtureRequest"]]

    assert bond(2) == pytest.approx(bond(30) - (WEIGHTS.base - WEIGHTS.mixin))
