"""Round 30 (mig31): `migrate` on buku's tests left `with` lines of 200 to 561 columns.

`mock.patch('buku.sys')` (`sys` read in six new modules) became six patches sharing one
mock on one line; the wrap for the project's limit (flake8's 139) broke the first call
only, so flake8 reported E501 on ten lines that had been clean. Every item's call of such
a line is now written one argument a line.
"""

from __future__ import annotations

import ast
from pathlib import Path

from godsplit.migration.sorting import as_the_project_writes

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

