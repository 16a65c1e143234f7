"""Round 26 (trial26b): DefectDojo's `dojo/jira/helper.py` (2,269 lines, 9 Celery tasks).
Its views and management commands call the helper through the module
(`import dojo.jira.helper as jira_helper; jira_helper.push_to_jira(...)`, and
`dojo/jira/services.py` returns the module from `_get_helper()`), and its tests patch
`"dojo.jira.helper.push_to_jira"`. `apply --rewrite-references` pointed such a patch at
the one new module whose code looks the name up (`dojo.jira.helper.forms.push_to_jira`):
the calls through the old module then ran the real function, and the project's test that
had passed failed after a split that said "verified". A patch target stays on the old
module (where the live facade forwards it) when other code reads the name through it."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.split.apply import apply_splits

from splitkit import make_project, run_python

SOURCE = """\
def helper():
    return "real"


def user():
    return helper()
"""
MODULES = {"a": ["helper"], "b": ["user"]}
TESTS = """\
from unittest import mock

from pkg import big, other


def test_patch():
    with mock.patch("pkg.big.helper", return_value="fake"):
        assert big.user() == "fake"
        assert other.call() == "fake"
"""
OTHER = {
    "through an alias": "import pkg.big as big\n\n\ndef call():\n    return big.helper()\n",
    "imported when it runs": (
        "def call():\n    from pkg.big import helper\n\n    return helper()\n"),
    "module handed on": (
        "def _big():\n    from pkg import big\n\n    return big\n\n\n"
        "def call():\n    return _big().helper()\n"),
    "relative getattr": (
        "from . import big\n\n\ndef call():\n    return getattr(big, 'helper')()\n"),
}


def _project(tmp_path: Path, other: str, **split: object) -> Path:
    config = make_project(tmp_path, SOURCE, MODULES, files={
        "pkg/other.py": other, "tests/test_it.py": TESTS}, **split)
    return config.root


@pytest.mark.parametrize("case", sorted(OTHER))
def test_a_patch_target_read_through_the_old_module_stays(tmp_path: Path, case: str) -> None:
    from godsplit.config import load_config

    root = _project(tmp_path, OTHER[case])
    (root / "godsplit.toml").write_text(
        'verify-import = false\n[[split]]\nsource = "pkg/big.py"\n'
        '[split.modules]\na = ["helper"]\nb = ["user"]\n')
    result = apply_splits(load_config(root / "godsplit.toml"), rewrite_references=True)
    assert result.written, result.errors
    assert (root / "tests/test_it.py").read_text() == TESTS  # not rewritten
    [stays] = [f for s in result.splits for f in s.findings if f.code == "GS210"]
    assert stays.severity == "info" and stays.path.endswith("test_it.py")
    assert stays.message.startswith("patch target 'pkg.big.helper' stays: pkg/other.py:")
    assert "the live facade forwards the patch" in stays.message
    out = run_python(root, """
        import sys, pytest
        sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "tests/test_it.py"]))
    """)
    assert "1 passed" in out, out


def test_a_static_facade_lists_it_for_a_hand_edit(tmp_path: Path) -> None:
    from godsplit.config import load_config

    root = _project(tmp_path, OTHER["through an alias"])
    (root / "godsplit.toml").write_text(
        'verify-import = false\n[[split]]\nsource = "pkg/big.py"\nfacade = "static"\n'
        '[split.modules]\na = ["helper"]\nb = ["user"]\n')
    result = apply_splits(load_config(root / "godsplit.toml"), rewrite_references=True)
    assert (root / "tests/test_it.py").read_text() == TESTS
    [stays] = [f for s in result.splits for f in s.findings if f.code == "GS210"]
    assert stays.severity == "warning"
    assert stays.message == (
        "patch target 'pkg.big.helper' stays: pkg/other.py:5 reads it through the old module, "
        "which a patch of the new module would not reach; patch it in each module by hand "
        '(or use facade = "live")')


def test_a_name_only_the_new_module_reads_is_still_rewritten(tmp_path: Path) -> None:
    from godsplit.config import load_config

    root = _project(tmp_path, "import pkg.big as big\n\n\ndef call():\n    return big.user()\n")
    (root / "godsplit.toml").write_text(
        'verify-import = false\n[[split]]\nsource = "pkg/big.py"\n'
        '[split.modules]\na = ["helper"]\nb = ["user"]\n')
    (root / "tests/test_it.py").write_text(TESTS.replace(
        '        assert other.call() == "fake"\n', ""))
    result = apply_splits(load_config(root / "godsplit.toml"), rewrite_references=True)
    assert result.written, result.errors
    assert 'mock.patch("pkg.big.b.helper", return_value="fake")' in (
        root / "tests/test_it.py").read_text()
