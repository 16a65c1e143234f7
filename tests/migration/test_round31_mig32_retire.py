"""Round 31 (mig32): what `retire` writes and says about a package loaded by its name.

buku (a top-level `buku.py` split into a `buku/` package): the plain string `'buku'` in
bukuserver (a filter's name, a column, a program name) made retire keep `from . import`
of the eight new modules with the comment "a string of the project (a setting such as
Celery's `imports`?) loads this package", which was untrue. Only a setting that imports
modules by name (Celery's `imports`/`include`, pytest's `pytest_plugins`) counts now, and
the comment names it and its file.
"""

from __future__ import annotations

from pathlib import Path

from godsplit.migration.retire import retire
from godsplit.types import Config

from splitkit import apply, make_project, run_python

SOURCE = '''
    """Big module."""


    def conv():
        return 1


    def export():
        return conv() + 1
'''

MODULES = {"io": ["conv"], "db": ["export"]}


def _project(root: Path, files: dict[str, str]) -> Config:
    config = make_project(root, SOURCE, MODULES, files=files)
    (root / "godsplit.toml").write_text(
        '[[split]]\nsource = "pkg/big.py"\n\n[split.modules]\n'
        'io = ["conv"]\ndb = ["export"]\n')
    assert apply(config).written
    return config


NOT_LOADS = """\
import os


class Filter:
    def __init__(self, name):
        self.name = name


class BukuFilter(Filter):
    def __init__(self):
        super().__init__('pkg.big')


COLUMNS = ['pkg.big', 'id', 'url']
PATH = os.path.join('home', "pkg.big")


def is_ours(pair):
    return pair[1] == 'pkg.big'
"""


def test_a_string_that_loads_nothing_writes_no_registration_imports(tmp_path: Path) -> None:
    config = _project(tmp_path, {"server/filters.py": NOT_LOADS})
    result = retire(config)
    assert result.written, result
    init = (tmp_path / "pkg/big/__init__.py").read_text()
    assert "import" not in init and "loads this package" not in init, init
    assert [s.registers for s in result.splits] == [""]


def test_a_setting_that_imports_the_package_is_named_in_the_comment(tmp_path: Path) -> None:
    settings = "CELERY_IMPORTS = ('pkg.big')\nCOLUMNS = ['pkg.big']\n"
    config = _project(tmp_path, {"server/filters.py": NOT_LOADS, "conf/settings.py": settings})
    result = retire(config)
    assert result.written, result
    init = (tmp_path / "pkg/big/__init__.py").read_text()
    assert "# `CELERY_IMPORTS` in conf/settings.py loads this package by its name:" in init, init
    assert "from . import db, io" in init, init
    assert run_python(tmp_path, "import pkg.big; print(pkg.big.db.export())").strip() == "2"


def test_an_include_keyword_counts(tmp_path: Path) -> None:
    settings = "app = dict(include='pkg.big')\n"
    config = _project(tmp_path, {"conf/celery.py": settings})
    result = retire(config)
    init = (tmp_path / "pkg/big/__init__.py").read_text()
    assert "# `include` in conf/celery.py loads this package by its name:" in init, result
