"""Round 26 (trial26b): DefectDojo's `dojo/jira/services.py` hands the split module on
(`def _get_helper(): from dojo.jira import helper; return helper`) and its callers read
names through it (`_get_helper().add_comment(...)`); its tests patch
`"dojo.jira.helper.add_comment"`. `migrate` left `_get_helper` for a hand edit but still
pointed the patch at the new module, so the calls through the handed-on module ran the
real function and a test that passed before failed after the migration. While the module
is handed on, a patch of its names stays (listed, with where it is handed on). And where
other code read the name through the old module (`big.helper()`), migrate points that
read at the name's home: the patch now goes there too, not only where moved code looks
the name up."""

from __future__ import annotations

from pathlib import Path

from godsplit.migration.core import migrate

from splitkit import apply, make_project, run_python

SOURCE = """
    def helper():
        return "real"


    def user():
        return helper()
"""
OTHER = """\
def _big():
    from pkg import big

    return big


def call():
    return _big().helper()
"""
TESTS = """\
from unittest import mock

from pkg import big, other


def test_patch():
    with mock.patch("pkg.big.helper", return_value="fake"):
        assert big.user() == "fake"
        assert other.call() == "fake"
"""
RUN = """
    import sys, pytest
    sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "tests/test_it.py"]))
"""


def test_a_patch_stays_while_the_module_is_handed_on(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"a": ["helper"], "b": ["user"]},
                          files={"pkg/other.py": OTHER, "tests/test_it.py": TESTS})
    assert "1 passed" in run_python(tmp_path, RUN)
    assert apply(config).written
    result = migrate(config)
    assert 'mock.patch("pkg.big.helper", return_value="fake")' in (
        tmp_path / "tests/test_it.py").read_text()
    [left] = [u for u in result.uses if u.kind == "patch"]
    assert left.detail.startswith(
        "the patch target stays: pkg/other.py:4 hands the old module on")
    assert "1 passed" in run_python(tmp_path, RUN)


def test_a_patch_follows_the_name_to_every_module_that_reads_it(tmp_path: Path) -> None:
    other = "import pkg.big as big\n\n\ndef call():\n    return big.helper()\n"
    config = make_project(tmp_path, SOURCE, {"a": ["helper"], "b": ["user"]},
                          files={"pkg/other.py": other, "tests/test_it.py": TESTS})
    assert apply(config).written
    migrate(config)
    text = (tmp_path / "tests/test_it.py").read_text()
    assert 'mock.patch("pkg.big.b.helper", return_value="fake")' in text, text
    assert 'mock.patch("pkg.big.a.helper", ' in text, text  # where other.py reads it now
    assert "1 passed" in run_python(tmp_path, RUN)
