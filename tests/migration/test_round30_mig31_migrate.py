"""Round 30 (mig31): `migrate` on buku's tests left `with` lines of 200 to 561 columns.

`mock.patch('buku.sys')` (`sys` read in six new modules) became six patches sharing one
mock on one line; the wrap for the project's limit (flake8's 139) broke the first call
only, so flake8 reported E501 on ten lines that had been clean. Every item's call of such
a line is now written one argument a line.

Also from buku (a top-level module named like its project): configuration-file mentions
that are not the module (the project's, program's and man page's name) and uses of a
dunder the package keeps (`buku.__version__`) kept `retire` refused for good.
"""

from __future__ import annotations

import ast
from pathlib import Path

from godsplit.config import load_config
from godsplit.migration.core import migrate
from godsplit.migration.retire import retire
from godsplit.migration.sorting import as_the_project_writes

from splitkit import apply, dedent, make_project, run_python

BEFORE = """\
from unittest import mock


def test_program_info():
    with mock.patch('big.sys') as m_sys:
        run(m_sys)
"""

AFTER = """\
from unittest import mock


def test_program_info():
    with mock.patch('pkg.cli.sys') as m_sys, mock.patch('pkg.db.sys', m_sys), mock.patch('pkg.io.sys', m_sys):
        run(m_sys)
"""

WRAPPED = """\
from unittest import mock


def test_program_info():
    with mock.patch(
        'pkg.cli.sys',
    ) as m_sys, mock.patch(
        'pkg.db.sys',
        m_sys,
    ), mock.patch(
        'pkg.io.sys',
        m_sys,
    ):
        run(m_sys)
"""

# a line of the header after a call already broken (buku's test_buku.py:233)
BROKEN_AFTER = """\
def test_edit():
    with mock.patch(
        'pkg.cli.get_editor', return_value='vim'
    ) as editor, mock.patch('pkg.db.get_editor', editor), mock.patch('pkg.ui.get_editor', editor), mock.patch(
        'pkg.ui.edit_rec', return_value=None
    ):
        run(editor)
"""

BROKEN_WRAPPED = """\
def test_edit():
    with mock.patch(
        'pkg.cli.get_editor', return_value='vim'
    ) as editor, mock.patch(
        'pkg.db.get_editor',
        editor,
    ), mock.patch(
        'pkg.ui.get_editor',
        editor,
    ), mock.patch(
        'pkg.ui.edit_rec', return_value=None
    ):
        run(editor)
"""


def test_every_patch_of_a_long_with_line_is_wrapped(tmp_path: Path) -> None:
    (tmp_path / "setup.cfg").write_text("[flake8]\nmax-line-length = 79\n")
    path = tmp_path / "test_cli.py"
    path.write_text(BEFORE)
    out = as_the_project_writes(path, BEFORE, AFTER, {})
    assert out == WRAPPED
    ast.parse(out)
    assert all(len(line) <= 79 for line in out.splitlines())


def test_the_items_after_a_broken_call_are_wrapped_too(tmp_path: Path) -> None:
    (tmp_path / "setup.cfg").write_text("[flake8]\nmax-line-length = 79\n")
    path = tmp_path / "test_cli.py"
    before = BROKEN_AFTER.replace("pkg.cli.", "big.").replace(
        ", mock.patch('pkg.db.get_editor', editor), mock.patch('pkg.ui.get_editor', editor)", "")
    path.write_text(before)
    out = as_the_project_writes(path, before, BROKEN_AFTER, {})
    assert out == BROKEN_WRAPPED
    assert all(len(line) <= 79 for line in out.splitlines())


SOURCE = '''
    """Big module."""
    CONST = 1


    def a():
        return CONST


    def c():
        return a()
'''


def test_a_top_level_module_named_like_its_project_in_configuration_files(
        tmp_path: Path) -> None:
    """buku's `buku.py`: 38 lines of its Makefile, Dockerfile, tox.ini, pyproject.toml...
    name the project, the program, its man page (`buku.1`) or its documentation host
    (`buku.readthedocs.io`), not the module; they were listed as uses to edit by hand, so
    `retire` refused for good. What loads the module or reads its names still is."""
    files = {
        "pyproject.toml": ('[project]\nname = "big"\n[project.urls]\nDocs = '
                           '"https://big.readthedocs.io"\n[project.scripts]\nbig = "big:c"\n'),
        "Makefile": "install:\n\tgzip -c big.1 > big.1.gz\n\tinstall -m755 big.py $(BINDIR)/big\n",
        "tox.ini": "[testenv]\ncommands = pytest --cov big\n",
        ".env": "SETTINGS_MODULE=big\n",
        "Procfile": "worker: python -m big\n",
    }
    config = make_project(tmp_path, SOURCE, {"alpha": ["a", "CONST"], "gamma": ["c"]},
                          path="big.py", files=files, **{"verify-import": False})
    assert apply(config).written
    result = migrate(config)
    assert sorted((u.path.name, u.line, u.shown, u.new) for u in result.uses) == [
        (".env", 1, "big", None),
        ("Procfile", 1, "big", None),
        ("pyproject.toml", 6, "big.c", "big.gamma:c"),
    ]


def test_a_dotted_module_keeps_every_bare_mention_and_skips_names_it_never_had(
        tmp_path: Path) -> None:
    files = {"tox.ini": "[testenv]\ncommands = pytest --cov pkg.big\n",
             "setup.cfg": "[tool]\ndocs = pkg.big.readthedocs\nentry = pkg.big:c\n"}
    config = make_project(tmp_path, SOURCE, {"alpha": ["a", "CONST"], "gamma": ["c"]},
                          files=files, **{"verify-import": False})
    assert apply(config).written
    result = migrate(config)
    assert sorted((u.path.name, u.line, u.shown) for u in result.uses) == [
        ("setup.cfg", 3, "pkg.big.c"), ("tox.ini", 2, "pkg.big")]


def test_a_dunder_the_package_keeps_is_no_use_and_retire_goes_ahead(tmp_path: Path) -> None:
    """buku's `__version__` stays in `buku/__init__.py` (retire keeps it there); bukuserver
    and the tests read `buku.__version__`, and pyproject.toml's `attr = "buku.__version__"`:
    five uses "left alone" that no edit could remove, so `retire` refused for good."""
    source = '__version__ = "1.0"\n' + dedent(SOURCE)
    files = {
        "app/use.py": "import pkg.big\nfrom pkg.big import __version__\n"
                      "print(pkg.big.__version__, __version__)\n",
        "pyproject.toml": '[tool.setuptools.dynamic]\nversion = {attr = "pkg.big.__version__"}\n',
    }
    make_project(tmp_path, source, {}, files=files)
    (tmp_path / "godsplit.toml").write_text(
        'verify-import = false\n\n[[split]]\nsource = "pkg/big.py"\nkeep = ["__version__"]\n'
        '[split.modules]\nalpha = ["a", "CONST"]\ngamma = ["c"]\n')
    config = load_config(tmp_path / "godsplit.toml")
    assert apply(config).written
    assert not migrate(config).uses
    result = retire(config)
    assert result.written and not result.errors, result
    init = (tmp_path / "pkg" / "big" / "__init__.py").read_text()
    assert '__version__ = "1.0"' in init and "_godsplit" not in init
    out = run_python(tmp_path, "import app.use")
    assert out.strip() == "1.0 1.0"


def test_registration_imports_come_after_the_dunders_the_new_modules_import(
        tmp_path: Path) -> None:
    """A setting loading the package by name (buku's was a string naming the project,
    which round 31 no longer counts) makes `retire` keep `from . import` of its new
    modules in `__init__.py`; written above `__version__`,
    which the new modules import from the package, every import of it failed
    ("partially initialized module") and retire rolled back."""
    source = dedent(SOURCE).replace("CONST = 1", '__version__ = "1.0"\nCONST = 1') + (
        "\n\ndef version():\n    return __version__\n")
    make_project(tmp_path, source, {}, files={
        "app/settings.py": 'CELERY_IMPORTS = ("pkg.big")\n'})
    (tmp_path / "godsplit.toml").write_text(
        'verify-import = false\n\n[[split]]\nsource = "pkg/big.py"\nkeep = ["__version__"]\n'
        '[split.modules]\nalpha = ["a", "CONST", "version"]\ngamma = ["c"]\n')
    config = load_config(tmp_path / "godsplit.toml")
    assert apply(config).written
    assert "from . import __version__" in (tmp_path / "pkg/big/alpha.py").read_text()
    migrate(config)
    result = retire(config)
    assert result.written and not result.errors, result
    init = (tmp_path / "pkg" / "big" / "__init__.py").read_text()
    assert "from . import alpha, gamma" in init, init
    assert init.index("__version__ =") < init.index("from . import alpha, gamma")
    assert run_python(tmp_path, "import pkg.big.alpha; print(pkg.big.alpha.version())") == "1.0\n"
