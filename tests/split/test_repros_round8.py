"""Bugs found in round 8 splitting real god files not tried before (Django's
`db/models/fields/__init__.py`, typing_extensions, dateutil's `parser/_parser.py`) and
running each library's own suite before and after: each a minimal `pkg/big.py`, planned
and applied; a clean plan must not roll back, a written split must behave the same, and
what cannot be split as mapped is refused at plan time, naming its file, line and cause."""

from __future__ import annotations

from pathlib import Path

from splitkit import make_project, plan_texts
from splitkit import same_behaviour as _same

FUTURE = """
    from __future__ import annotations

    import os


    def first() -> str:
        return os.sep


    def second() -> str:
        return first() * 2
"""


def test_a_project_whose_isort_config_is_atomic_splits(tmp_path: Path) -> None:
    """dateutil's pyproject.toml sets isort's `atomic = true`: isort then compiles what it
    sorts, and godsplit sorts every block of a file cut apart in one document (a `from
    __future__` import after other code), so suggest and plan failed ('isort was told to
    sort imports within code that contains syntax errors') on every file of the project."""
    files = {"pyproject.toml": "[tool.isort]\natomic = true\nknown_first_party = ['pkg']\n"}
    modules = {"one": ["first"], "two": ["second"]}
    plan, texts = plan_texts(make_project(tmp_path / "plan", FUTURE, modules, files=files))
    assert not plan.errors and "pkg/big/one.py" in texts
    assert _same(tmp_path / "run", FUTURE, modules, "import pkg.big as m; print(m.second())",
                 files=files).strip() == "//"
