"""Round 21 (trial21b): `migrate` on Plane's `plane/bgtasks/issue_activities_task.py`.

Plane keeps its views in directories without `__init__.py` inside the regular package
`plane.app.views` (`plane/app/views/issue/base.py`, imported as
`plane.app.views.issue.base`: a namespace subpackage, PEP 420). `migrate` rewrote 23 files,
15 of them there, but imported only the other 8 before and after, and said "import check:
8 rewritten modules imported before and after with the same names": the 15 were neither
checked nor mentioned."""

from __future__ import annotations

from pathlib import Path

from godsplit.migration.core import migrate
from godsplit.migration.probe import importable, probe

from splitkit import apply, make_project

SOURCE = """
    def a():
        return 1


    def b():
        return 2
"""
VIEW = """
    from ..base import helper
    from pkg.big import a

    print(helper(), a())
"""


def _project(tmp_path: Path) -> Path:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "base.py").write_text("def helper():\n    return 0\n")
    return tmp_path / "app" / "views" / "use.py"


def test_a_module_of_a_namespace_subpackage_is_imported_by_its_dotted_name(
        tmp_path: Path) -> None:
    view = _project(tmp_path)
    view.parent.mkdir()
    view.write_text("from ..base import helper\n\nprint(helper())\n")
    assert importable(view)
    [found] = probe(tmp_path, [view], None).values()
    assert found.error is None  # `from ..base` needs the name app.views.use
    assert "helper" in found.names


def test_migrate_checks_the_rewritten_modules_of_a_namespace_subpackage(tmp_path: Path) -> None:
    view = _project(tmp_path)
    config = make_project(tmp_path, SOURCE, {"alpha": ["a"], "beta": ["b"]},
                          files={"app/views/use.py": VIEW})
    assert apply(config).written
    result = migrate(config)
    assert result.written
    assert "from pkg.big.alpha import a" in view.read_text()
    [checked] = [f.message for f in result.findings if f.code == "GS507"]
    assert checked.startswith("import check: 1 rewritten module imported before and after")
