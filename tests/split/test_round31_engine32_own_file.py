"""Round 31 (engine32): "verified" is true for code that reads its own `__file__`.

trial31: moved code reading its module's own file (`open(__file__).read()`) read its new
module's file after the split, and the split said "verified" (only GS203, a warning: the
import check compares names and kinds, not what the code reads). No split keeps those
contents (the old module's file becomes the facade), so the plan refuses it: GS156, an
error at the statement, whether the code moves or stays, and `suggest` says no mapping can
fix it. A path made from `__file__` for a sibling data file (`Path(__file__).with_suffix(
".json")`, `os.path.splitext(__file__)[0]`) is the old module's path after the split, as a
directory made from it already was: the moved code reads the same data file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from godsplit.cli import main

from splitkit import make_project, plan_texts, same_behaviour

OWN_TEXT = """
    def own_text():
        with open(__file__) as handle:
            return handle.read().count("def ")


    def plain():
        return 1
"""


@pytest.mark.parametrize("modules", [{"a": ["own_text", "plain"]}, {"a": ["plain"]}],
                         ids=["moved", "kept"])
def test_code_reading_its_own_file_is_refused_with_the_fix(
        tmp_path: Path, modules: dict[str, list[str]]) -> None:
    split = {} if "own_text" in modules["a"] else {"keep": ["own_text"]}
    plan, _ = plan_texts(make_project(tmp_path, OWN_TEXT, modules, **split))
    # the line of the call that reads the file (round 32, engine33), not the def's
    assert [(f.code, f.line) for f in plan.errors] == [("GS156", 2)], [
        f.render() for f in plan.findings]
    message = plan.errors[0].message
    assert "reads the module's own file (`open(__file__)`)" in message
    assert "os.path.dirname(__file__)" in message
    assert "GS203" not in {f.code for f in plan.findings}


@pytest.mark.parametrize("read", ["Path(__file__).read_text()",
                                  "os.path.getsize(os.path.abspath(__file__))"])
def test_apply_writes_nothing_and_exits_1(tmp_path: Path, read: str) -> None:
    source = f"import os\nfrom pathlib import Path\n\n\ndef size():\n    return len(str({read}))\n"
    source += "\n\ndef plain():\n    return 1\n"
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg/__init__.py").touch()
    (tmp_path / "pkg/big.py").write_text(source)
    (tmp_path / "godsplit.toml").write_text(
        '[[split]]\nsource = "pkg/big.py"\n[split.modules]\na = ["size"]\nb = ["plain"]\n')
    result = CliRunner().invoke(main, ["apply", "--config", str(tmp_path / "godsplit.toml")])
    assert result.exit_code == 1, result.output
    assert "pkg/big.py:6: GS156 error" in result.output  # the read's line, not the def's
    assert (tmp_path / "pkg/big.py").read_text() == source
    assert not (tmp_path / "pkg/big").exists()


DATA = """
    import os
    from pathlib import Path


    def data():
        return Path(__file__).with_suffix(".json").read_text()


    def where():
        with open(os.path.splitext(__file__)[0] + ".json") as handle:
            return handle.read()


    def plain():
        return 1
"""


def test_a_sibling_data_file_made_from_file_is_read_as_before(tmp_path: Path) -> None:
    files = {"pkg/big.json": '{"a": 1}\n'}
    for where in ("before", "after"):
        (tmp_path / where / "pkg").mkdir(parents=True)
        (tmp_path / where / "pkg/big.json").write_text(files["pkg/big.json"])
    out = same_behaviour(tmp_path, DATA, {"a": ["data"], "b": ["where", "plain"]},
                         "import pkg.big as m; print(m.data() == m.where(), m.data().strip())")
    assert out == 'True {"a": 1}\n'
