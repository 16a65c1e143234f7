"""Round 27 (refs27, item 23 "New: (a)"), for `migrate`: reads through the old module that
migrate cannot point elsewhere. A name read through it by a name known only at run time
(`getattr(big, name)`, `vars(big)[name]`), or through the module got by its name at run
time (`importlib.import_module("pkg.big").helper`, `sys.modules["pkg.big"].helper`,
`vars(big)["helper"]`): migrate leaves those reads on the facade, yet pointed the test's
`mock.patch("pkg.big.helper")` at the new modules, and the project's test that passed
failed after the migration. The patch now stays, and the migration says where and why."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from godsplit.migration.core import migrate

sys.path.insert(0, str(Path(__file__).parents[1] / "split"))

from test_repros_round27_refs27 import OTHER, RUN, SOURCE, TESTS

from splitkit import apply, make_project, run_python

CASES = ["getattr of a variable", "vars subscripted by a variable", "vars subscripted by a literal",
         "import_module kept in a variable", "import_module then an attribute",
         "relative import_module", "sys.modules", "__import__"]


@pytest.mark.parametrize("case", CASES)
def test_a_patch_read_where_migrate_cannot_follow_stays(tmp_path: Path, case: str) -> None:
    other, line, why = OTHER[case]
    config = make_project(tmp_path, SOURCE, {"a": ["helper"], "b": ["user"]},
                          files={"pkg/other.py": other, "tests/test_it.py": TESTS})
    assert apply(config).written
    assert "1 passed" in run_python(tmp_path, RUN)
    result = migrate(config)
    assert "1 passed" in run_python(tmp_path, RUN)  # (before the fix: 1 failed, 'real')
    assert 'mock.patch("pkg.big.helper", return_value="fake")' in (
        tmp_path / "tests/test_it.py").read_text()
    [left] = [u for u in result.uses if u.kind == "patch"]
    assert (left.fixable, left.line) == (False, 7)
    assert left.detail == (
        f"the patch target stays: pkg/other.py:{line} {why}, which a patch of a "
        "new module would not reach: edit that first, then run migrate again")
