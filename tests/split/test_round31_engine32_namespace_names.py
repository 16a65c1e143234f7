"""Round 31 (engine32): code reading names the module binds only through its namespace.

trial31: `exec("MAGIC = 42")` and `globals().update({"OTHER": 7})` stay in the old module
(they find the module they run in); a helper reading `MAGIC` and `OTHER`, unmapped, was
carried to the module of its caller and the plan refused it (GS122, exit 1): a plan error
the mapping did not cause, for code godsplit itself chose to move. Such code stays in the
old module too, as other code that cannot leave its module: carried, it is kept and the
split is verified with the same behaviour; mapped, the mapping asks for what cannot be
(GS101, a config error: exit 2, as for every name that cannot move), and the message
names what it reads and the line that binds it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from godsplit.cli import main

from splitkit import make_project, plan_texts, same_behaviour

SOURCE = """
    exec("MAGIC = 42")
    globals().update({"OTHER": 7})


    def helper():
        return MAGIC + OTHER


    def moved():
        return helper() + 1


    def plain():
        return 1
"""
CHECK = "import pkg.big as m; print(m.moved(), m.helper(), m.MAGIC, m.plain())"


@pytest.mark.parametrize("binding", ['exec("MAGIC = 42")', 'vars()["MAGIC"] = 42',
                                     'setattr(sys.modules[__name__], "MAGIC", 42)'])
def test_an_unmapped_reader_stays_in_the_old_module_and_the_split_is_the_same(
        tmp_path: Path, binding: str) -> None:
    source = SOURCE.replace('exec("MAGIC = 42")', f"import sys\n    {binding}")
    out = same_behaviour(tmp_path, source, {"a": ["moved"], "b": ["plain"]}, CHECK)
    assert out == "50 49 42 1\n"
    assert "def helper" in (tmp_path / "after/pkg/big/__init__.py").read_text()


def test_a_mapped_reader_is_a_config_error_naming_the_names(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"a": ["moved", "helper"], "b": ["plain"]})
    plan, _ = plan_texts(config)
    [error] = plan.errors
    assert (error.code, error.line) == ("GS101", 5), error.render()
    assert ("'helper' cannot be mapped: it is kept in the old module: it reads MAGIC, OTHER, "
            "which no statement binds: the module binds them through its namespace") in (
                error.message)
    assert "line 1)" in error.message
    (tmp_path / "godsplit.toml").write_text(
        '[[split]]\nsource = "pkg/big.py"\n[split.modules]\na = ["moved", "helper"]\n'
        'b = ["plain"]\n')
    before = (tmp_path / "pkg/big.py").read_bytes()
    result = CliRunner().invoke(main, ["plan", "--static", "--config",
                                       str(tmp_path / "godsplit.toml")])
    assert result.exit_code == 2, result.output
    assert "godsplit.toml:4: GS101 error: 'helper' cannot be mapped" in result.output
    assert "(line 5 of the source)" in result.output and "GS122" not in result.output
    assert (tmp_path / "pkg/big.py").read_bytes() == before
