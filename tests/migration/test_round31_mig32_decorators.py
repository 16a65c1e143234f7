"""Round 31 (mig32): a patch decorator of a name several new modules look up.

edx-enterprise: `retire` stayed refused for 48 `@mock.patch('enterprise.tasks.settings')`
-style decorators (`settings`, `LOGGER` looked up in several new modules), each "edit by
hand", with no replacement given. Where the parameter that receives the decorator's mock
is known, migrate now patches the first module with the decorator and runs the test's
body inside `with mock.patch(<the others>, <that mock>):`; elsewhere the hand edit names
every target to patch with one mock.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from godsplit.migration.core import migrate

from splitkit import apply, make_project

SOURCE = '''
    """Big module."""
    import os
    from logging import getLogger

    LOGGER = getLogger(__name__)


    def a():
        LOGGER.info("a")
        return os.sep


    def b():
        LOGGER.info("b")
        return os.sep


    def c():
        return 3
'''

TESTS = """\
import unittest
from unittest import mock

import pytest

from pkg.big import a, b


@mock.patch('pkg.big.LOGGER')
def test_a(m_logger):
    a()
    b()
    assert m_logger.info.call_count == 2


@pytest.mark.parametrize("n", [1])
@mock.patch('pkg.big.os')
@mock.patch('pkg.big.c')
def test_b(m_c, m_os, n):
    \"\"\"The docstring stays first.\"\"\"
    m_os.sep = "x"
    assert a() == b() == "x"


class TestX(unittest.TestCase):
    @unittest.skipIf(False, "runs")
    @mock.patch('pkg.big.LOGGER')
    @mock.patch.dict('os.environ', {})
    def test_c(self, m_logger):
        a()
        b()
        self.assertEqual(m_logger.info.call_count, 2)
"""

REWRITTEN = """\
@mock.patch('pkg.big.alpha.LOGGER')
def test_a(m_logger):
    with mock.patch('pkg.big.beta.LOGGER', m_logger):
        a()
        b()
        assert m_logger.info.call_count == 2


@pytest.mark.parametrize("n", [1])
@mock.patch('pkg.big.alpha.os')
@mock.patch('pkg.big.beta.c')
def test_b(m_c, m_os, n):
    \"\"\"The docstring stays first.\"\"\"
    with mock.patch('pkg.big.beta.os', m_os):
        m_os.sep = "x"
        assert a() == b() == "x"


class TestX(unittest.TestCase):
    @unittest.skipIf(False, "runs")
    @mock.patch('pkg.big.alpha.LOGGER')
    @mock.patch.dict('os.environ', {})
    def test_c(self, m_logger):
        with mock.patch('pkg.big.beta.LOGGER', m_logger):
            a()
            b()
            self.assertEqual(m_logger.info.call_count, 2)
"""


def _pytest(root: Path) -> str:
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "-p", "no:xdist", "tests"], cwd=root, capture_output=True, text=True)
    return proc.stdout.strip().splitlines()[-1]


def test_a_decorator_shares_its_mock_with_a_with_around_the_body(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"alpha": ["a"], "beta": ["b", "c"]},
                          files={"tests/test_big.py": TESTS}, **{"verify-import": False})
    assert apply(config).written
    assert _pytest(tmp_path).startswith("3 passed")
    result = migrate(config)
    assert not [u for u in result.uses if not u.fixable], result.uses
    text = (tmp_path / "tests/test_big.py").read_text()
    assert REWRITTEN in text, text
    assert _pytest(tmp_path).startswith("3 passed")
    second = migrate(config)
    assert (tmp_path / "tests/test_big.py").read_text() == text
    assert not second.uses


UNKNOWN = """\
from unittest import mock

import ddt


@ddt.ddt
class TestY:
    @ddt.data(1, 2)
    @mock.patch('pkg.big.LOGGER')
    def test_d(self, value, m_logger):
        pass
"""


def test_where_the_parameter_is_not_known_the_hand_edit_names_every_target(
        tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"alpha": ["a"], "beta": ["b", "c"]},
                          files={"tests/test_ddt.py": UNKNOWN}, **{"verify-import": False})
    assert apply(config).written
    result = migrate(config)
    [left] = [u for u in result.uses if not u.fixable]
    assert left.line == 9
    assert left.detail.endswith(
        "edit by hand, patching 'pkg.big.alpha.LOGGER' and 'pkg.big.beta.LOGGER' with one mock")
    assert (tmp_path / "tests/test_ddt.py").read_text() == UNKNOWN


LONG_BODY = """\
from unittest import mock


@mock.patch('pkg.big.LOGGER')
def test_e(m_logger):
    assert m_logger is not None and m_logger.info is not None and m_logger.x is not None
"""


def test_the_body_may_use_the_linters_limit_not_only_the_formatters(tmp_path: Path) -> None:
    """edx-enterprise: flake8 and pylint at 120 columns, no formatter; a body line of 86
    to 88 columns (88: the formatter's default length) kept 26 decorators a hand edit."""
    config = make_project(tmp_path, SOURCE, {"alpha": ["a"], "beta": ["b", "c"]}, files={
        "tests/test_long.py": LONG_BODY, "setup.cfg": "[flake8]\nmax-line-length = 120\n"},
        **{"verify-import": False})
    assert apply(config).written
    result = migrate(config)
    assert not [u for u in result.uses if not u.fixable], result.uses
    text = (tmp_path / "tests/test_long.py").read_text()
    assert "    with mock.patch('pkg.big.beta.LOGGER', m_logger):\n        assert m_logger" in text
