"""Round 29 (engine30), for `migrate`: a name read through the old module by
`operator.attrgetter` (on the package above it, on the module, by a getter whose object
is not known) keeps the test's `mock.patch("pkg.big.helper")`, which migrate cannot point
elsewhere: it moved the patch before, and the project's test that passed failed after the
migration."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from godsplit.migration.core import migrate

sys.path.insert(0, str(Path(__file__).parents[1] / "split"))

from test_repros_round27_refs27 import RUN, SOURCE, TESTS
from test_round29_engine30_attrgetter import OTHER

from splitkit import apply, make_project, run_python


@pytest.mark.parametrize("case", ["attrgetter on the package", "attrgetter on the module",
                                  "a getter whose object is not known"])
def test_an_attrgetter_read_keeps_the_patch(tmp_path: Path, case: str) -> None:
    other, where, why = OTHER[case]
    config = make_project(tmp_path, SOURCE, {"a": ["helper"], "b": ["user"]}, files={
        "pkg/other.py": other, "tests/test_it.py": TESTS})
    assert "1 passed" in run_python(tmp_path, RUN)
    assert apply(config).written
    assert "1 passed" in run_python(tmp_path, RUN)
    result = migrate(config)
    assert "1 passed" in run_python(tmp_path, RUN)  # (before the fix: 1 failed, 'real')
    [left] = [u for u in result.uses if u.kind == "patch"]
    assert 'mock.patch("pkg.big.helper", ' in (tmp_path / "tests/test_it.py").read_text()
    assert (left.fixable, left.line) == (False, 7)
    assert left.detail == (
        f"the patch target stays: {where} {why}, which a patch of a new module would not "
        "reach: edit that first, then run migrate again")
