"""Round 30 (engine31): GS121 and a plain alias of the name it reads.

ConfigArgParse writes `ArgParser = ArgumentParser`, then `ArgumentParser.parse =
ArgumentParser.parse_args`: GS121 took the attribute set for a change the alias, in another
module, would not see, and suggest kept the 965-line class in the facade. An alias holds the
object, so it sees every change of it; only a rebinding of the name, or code reading the
object through the alias before the change, can differ. Each case is run before and after
the split in a fresh interpreter, or refused where it would differ."""

from __future__ import annotations

from pathlib import Path

from splitkit import make_project, plan_texts
from splitkit import same_behaviour as _same

PARSER = """
    class Parser:
        def parse_args(self):
            return "parsed"


    def helper():
        return 2


    ArgParser = Parser
    Short = Alias = Parser

    Parser.parse = Parser.parse_args
"""
SHOW = "print(m.ArgParser is m.Parser, m.Short is m.Alias is m.Parser, m.ArgParser().parse())"


def test_an_alias_and_a_later_attribute_of_its_object_split_the_same(tmp_path: Path) -> None:
    """The alias in another module than the class, or kept with the class moved, or the
    class kept: no GS121, and the alias is the class, with `parse`."""
    for where, modules, split in (
        ("apart", {"parser": ["Parser"], "aliases": ["ArgParser", "Short", "helper"]}, {}),
        ("class kept", {"aliases": ["ArgParser", "Short", "helper"]}, {"keep": ["Parser"]}),
        ("alias kept", {"parser": ["Parser", "helper"]}, {"keep": ["ArgParser", "Short"]}),
    ):
        out = _same(tmp_path / where, PARSER, modules, "import pkg.big as m\n" + SHOW, **split)
        assert out == "True True parsed\n", where


def test_an_alias_of_a_dict_filled_later_splits_the_same(tmp_path: Path) -> None:
    """`ALIAS = REG`, then `REG["b"] = 2`: one dict, both keys either way (a copy,
    `dict(REG)`, is still refused: test_repros_round10_corr10)."""
    source = """
        REG = {}
        REG["a"] = 1
        ALIAS = REG
        REG["b"] = 2
    """
    out = _same(tmp_path, source, {"one": ["ALIAS"], "two": ["REG"]},
                "import pkg.big as m\nprint(sorted(m.ALIAS), m.ALIAS is m.REG)")
    assert out == "['a', 'b'] True\n"


def test_a_name_rebound_after_its_alias_is_still_refused(tmp_path: Path) -> None:
    """`ArgParser = Parser`, then `Parser = Other`: the alias holds the first class; from
    another module it would import the second."""
    source = """
        class Parser:
            pass


        class Other:
            pass


        ArgParser = Parser
        Parser.flag = 1
        Parser = Other
    """
    plan, _ = plan_texts(make_project(tmp_path, source, {"one": ["ArgParser"], "two": ["Parser", "Other"]}))
    assert [(f.code, f.line) for f in plan.errors] == [("GS121", 9)], [f.render() for f in plan.errors]
    assert "again at line 11" in plan.errors[0].message


def test_a_read_through_the_alias_before_the_change_is_still_refused(tmp_path: Path) -> None:
    """`HAD = hasattr(ArgParser, "parse")` runs before `Parser.parse = ...`: with the alias
    in another module than the class, it would import the class with `parse` set (True,
    not False)."""
    source = """
        class Parser:
            pass


        ArgParser = Parser
        HAD = hasattr(ArgParser, "parse")
        Parser.parse = 1
    """
    for where, modules in (
        ("alias apart", {"one": ["ArgParser", "HAD"], "two": ["Parser"]}),
        ("reader apart", {"one": ["ArgParser"], "two": ["Parser"], "three": ["HAD"]}),
    ):
        plan, _ = plan_texts(make_project(tmp_path / where, source, modules))
        assert ("GS121", 5) in [(f.code, f.line) for f in plan.errors], [
            f.render() for f in plan.errors]


def test_a_function_reading_the_alias_run_before_the_change_is_still_refused(
    tmp_path: Path,
) -> None:
    """The read through the alias is in a function that top-level code runs before the
    change."""
    source = """
        class Parser:
            pass


        ArgParser = Parser


        def had():
            return hasattr(ArgParser, "parse")


        HAD = had()
        Parser.parse = 1
    """
    modules = {"one": ["ArgParser"], "two": ["Parser"], "three": ["had", "HAD"]}
    plan, _ = plan_texts(make_project(tmp_path, source, modules))
    assert ("GS121", 5) in [(f.code, f.line) for f in plan.errors], [f.render() for f in plan.errors]


def test_an_alias_changed_through_itself_before_the_change_is_still_refused(
    tmp_path: Path,
) -> None:
    """`ArgParser.parse = 1` before `Parser.parse = 2`: the last set wins (2); with the alias
    and its set in another module, its set would run last (1)."""
    source = """
        class Parser:
            pass


        ArgParser = Parser
        ArgParser.parse = 1
        Parser.parse = 2
    """
    plan, _ = plan_texts(make_project(tmp_path, source, {"one": ["ArgParser"], "two": ["Parser"]}))
    assert "GS121" in [f.code for f in plan.errors], [f.render() for f in plan.findings]
