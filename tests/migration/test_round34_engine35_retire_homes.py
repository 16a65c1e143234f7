"""Round 34 (engine35, README item 31 (e)): retire's import check compares the objects'
modules too, not only the names and their kinds; and a package facade's keep-module-name
rename is a reason to keep it, as the new modules' is (GS512).

Under keep-module-name with the package layout, the rename of the moved classes and
functions to the old module's name lives in the facade. Retiring the facade took it with
it: `Job.__module__` said `pkg.big` after apply and after migrate, and `pkg.big.jobs` after
retire, which said "imported before and after with the same names" and nothing else. With
the new modules beside the old module (they rename their objects themselves), retire
refused: GS512, "pickles and reprs name the old path, so it must stay". Now it refuses for
a package facade too; and any class or function reporting another module after a migrate
or a retire is a GS508 warning naming it and both modules."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.migration.core import migrate
from godsplit.migration.probe import Imported, compare
from godsplit.migration.retire import retire

from splitkit import apply, make_project, run_python

SOURCE = '''
    """Big."""


    class Job:
        def run(self):
            return 1


    def helper():
        return Job()
'''
USER = "from pkg.big import Job, helper\n\n\ndef go():\n    return Job.__module__, helper().run()\n"
SHOW = "import pkg.user as u\nprint(u.go())\n"


@pytest.mark.slow
def test_retire_keeps_a_package_facade_that_renames_the_objects(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"jobs": ["Job"], "helpers": ["helper"]},
                          files={"pkg/user.py": USER}, **{"keep-module-name": True})
    (tmp_path / "godsplit.toml").write_text(
        '[[split]]\nsource = "pkg/big.py"\nkeep-module-name = true\n\n[split.modules]\n'
        'jobs = ["Job"]\nhelpers = ["helper"]\n')
    assert run_python(tmp_path, SHOW) == "('pkg.big', 1)\n"
    assert apply(config).written
    migrated = migrate(config)
    assert migrated.written and not [f for f in migrated.findings if f.code == "GS508"]
    assert run_python(tmp_path, SHOW) == "('pkg.big', 1)\n"
    facade = (tmp_path / "pkg/big/__init__.py").read_text()
    result = retire(config)
    assert not result.written
    [refused] = [f for s in result.splits for f in s.findings if f.code == "GS512"]
    assert refused.severity == "error" and Path(refused.path).name == "__init__.py"
    assert "sets __module__ of the new modules' objects to pkg.big" in refused.message
    assert (tmp_path / "pkg/big/__init__.py").read_text() == facade
    assert run_python(tmp_path, SHOW) == "('pkg.big', 1)\n"  # (before: 'pkg.big.jobs')


def test_the_same_modules_say_nothing_and_other_objects_are_not_compared(
        tmp_path: Path) -> None:
    was = Imported({"Job": "class Job", "x": "builtins.int"}, homes={"Job": "pkg.big"})
    same = compare({tmp_path / "a.py": was}, {tmp_path / "a.py": was}, ["pkg.big"], tmp_path)
    assert [f.code for f in same] == ["GS507"]
    now = Imported({"Job": "class Job", "x": "builtins.int"}, homes={"Job": "pkg.big.jobs"})
    found = compare({tmp_path / "a.py": was}, {tmp_path / "a.py": now}, ["pkg.big"], tmp_path)
    assert [f.code for f in found] == ["GS508", "GS507"]  # the names are the same
    assert "Job (pkg.big -> pkg.big.jobs)" in found[0].message
