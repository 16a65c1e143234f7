"""Round 28 (refs28, README item 24 "still unseen"), for `migrate`: the old module object
handed to a call (`inspect.getmembers(big)`, `scan(big)`, `functools.partial(getattr,
big)`, `dict(mod=big)`), kept in a list, got by a name held in a variable, or reached
through the package an import of a sibling binds (`import pkg.bigger`): what reads
names through it then is not known, and migrate cannot point it elsewhere, yet it pointed
the test's `mock.patch("pkg.big.helper")` (or `patch.object(big, "helper")`) at the new
modules, and the project's test that passed failed after the migration. The patch now
stays, and the migration says where and why. `import pkg` then `pkg.big.helper`: migrate
points the read at the name's home, and the patch goes to every module that then looks
it up."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from godsplit.migration.core import migrate
from godsplit.migration.edit import Use

sys.path.insert(0, str(Path(__file__).parents[1] / "split"))

from test_repros_round27_refs27 import RUN, SOURCE, TESTS
from test_repros_round28_refs28 import OBJECT_TESTS, OTHER

from splitkit import apply, make_project, run_python

KEPT = ["inspect.getmembers", "a registry's scan", "partial of getattr", "a keyword argument",
        "a list of modules", "import_module of a variable", "import pkg.bigger, then pkg.big.helper"]


def _migrated(tmp_path: Path, other: str, tests: str) -> list[Use]:
    config = make_project(tmp_path, SOURCE, {"a": ["helper"], "b": ["user"]},
                          files={"pkg/other.py": other, "pkg/bigger.py": "user = None\n",
                                 "tests/test_it.py": tests})
    assert apply(config).written
    assert "1 passed" in run_python(tmp_path, RUN)
    result = migrate(config)
    assert "1 passed" in run_python(tmp_path, RUN)  # (on main: 1 failed, 'real')
    return [u for u in result.uses if u.kind == "patch"]


@pytest.mark.parametrize(("case", "tests"), [(c, TESTS) for c in KEPT] + [
    ("inspect.getmembers", OBJECT_TESTS)])
def test_a_patch_of_a_module_handed_on_stays(tmp_path: Path, case: str, tests: str) -> None:
    other, line, why = OTHER[case]
    [left] = _migrated(tmp_path, other, tests)
    [patch] = [line for line in tests.splitlines() if "mock.patch" in line]
    assert patch in (tmp_path / "tests/test_it.py").read_text()  # (the imports may move)
    assert (left.fixable, left.line) == (False, 7 if tests is TESTS else 8)
    assert left.detail == (
        f"the patch target stays: pkg/other.py:{line} {why}, which a patch of a "
        "new module would not reach: edit that first, then run migrate again")


@pytest.mark.parametrize("case", ["import pkg, then pkg.big.helper",
                                  "import pkg as p, then p.big.helper"])
def test_a_read_through_a_package_import_takes_the_patch_along(tmp_path: Path, case: str) -> None:
    _migrated(tmp_path, OTHER[case][0], TESTS)
    assert "pkg.big.helper" not in (tmp_path / "pkg/other.py").read_text()
    assert 'mock.patch("pkg.big.a.helper", ' in (tmp_path / "tests/test_it.py").read_text()
