"""Round 28 (refs29, README item 25 (a)), for `migrate`. A dotted path in a string
(`pkgutil.resolve_name("pkg.big:helper")`, `import_string(settings.HANDLER)`) reads
`helper` through the old module at call time; migrate points the string at `helper`'s
home, but it pointed the test's `mock.patch("pkg.big.helper")` only at the module whose
code looks `helper` up, so the string's read ran the real function and the project's test
that passed failed after the migration. The patch now goes to both. A module name that
reaches `import_module` through a variable (a settings list) keeps the patch, which
migrate cannot point elsewhere. And a module of the package that imports the old module
relatively (`from . import big`, `from .. import big`) and patches it by the object."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from godsplit.migration.core import migrate
from godsplit.migration.edit import Use

sys.path.insert(0, str(Path(__file__).parents[1] / "split"))

from test_repros_round27_refs27 import RUN, SOURCE, TESTS
from test_repros_round28_refs29 import LOADING, OTHER
from test_round27_lead_relative_patch import FAKES
from test_round27_lead_relative_patch import TESTS as RELATIVE_TESTS

from splitkit import apply, make_project, run_python


def _migrated(tmp_path: Path, files: dict[str, str], run: str = RUN, passed: str = "1 passed"
              ) -> list[Use]:
    config = make_project(tmp_path, SOURCE, {"a": ["helper"], "b": ["user"]}, files=files)
    assert passed in run_python(tmp_path, run)
    assert apply(config).written
    assert passed in run_python(tmp_path, run)
    result = migrate(config)
    assert passed in run_python(tmp_path, run)  # (on main: failed, 'real')
    return [u for u in result.uses if u.kind == "patch"]


def _files(case: str) -> dict[str, str]:
    other, settings, _, _ = OTHER[case]
    return {"pkg/other.py": other, "pkg/bigger.py": "user = None\n", "pkg/settings.py": settings,
            "tests/test_it.py": TESTS, **({"pkg/loading.py": LOADING} if "loading" in other else {})}


@pytest.mark.parametrize("case", ["pkgutil.resolve_name", "import_string of a setting",
                                  "getattr of import_module, split at run time"])
def test_a_dotted_path_migrate_points_elsewhere_takes_the_patch_along(
        tmp_path: Path, case: str) -> None:
    [used] = _migrated(tmp_path, _files(case))
    assert (used.fixable, used.new) == (True, "pkg.big.b.helper, pkg.big.a.helper")
    project = (tmp_path / "pkg/other.py").read_text() + (tmp_path / "pkg/settings.py").read_text()
    assert "pkg.big.a" in project and "pkg.big:" not in project and "pkg.big.helper" not in project


@pytest.mark.parametrize("case", ["a settings list", "a loop over a literal tuple"])
def test_a_module_name_in_a_variable_keeps_the_patch(tmp_path: Path, case: str) -> None:
    _, _, where, why = OTHER[case]
    [left] = _migrated(tmp_path, _files(case))
    assert 'mock.patch("pkg.big.helper", ' in (tmp_path / "tests/test_it.py").read_text()
    assert (left.fixable, left.line) == (False, 7)
    assert left.detail == (
        f"the patch target stays: {where} {why}, which a patch of a new module would not "
        "reach: edit that first, then run migrate again")


def test_a_relative_import_of_the_old_module_has_its_object_patch_moved(tmp_path: Path) -> None:
    """`from .. import big` then `mock.patch.object(big, "helper")` (the lead's apply case
    of round 27), through migrate: the patch goes to the module that looks `helper` up."""
    used = _migrated(tmp_path, {
        "pkg/sub/__init__.py": "", "pkg/sub/fakes.py": FAKES.format(dots=".."),
        "pkg/fakes.py": FAKES.format(dots="."), "tests/test_it.py": RELATIVE_TESTS,
        "tests/test_top.py": RELATIVE_TESTS.replace("pkg.sub", "pkg")},
        RUN.replace('"tests/test_it.py"', '"tests"'), "2 passed")
    assert [(u.fixable, u.new) for u in used] == [(True, "pkg.big.b.helper")] * 2
    for fakes in ("pkg/fakes.py", "pkg/sub/fakes.py"):
        assert 'mock.patch("pkg.big.b.helper", return_value="fake")' in (
            tmp_path / fakes).read_text()
