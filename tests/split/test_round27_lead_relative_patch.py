"""A module of the package that imports the old module relatively (`from . import big`) and
patches it by the object (`mock.patch.object(big, "helper")`): `--rewrite-references` read
only absolute from-imports, so the patch was left on the facade without a word; under a
static facade it then set only the facade's name, not the one the moved code looks up, and
the project's test that passed failed after the split. Now it is pointed at that module."""

from __future__ import annotations

from pathlib import Path

from test_repros_round27_refs27 import CONFIG, RUN, SOURCE

from godsplit.config import load_config
from godsplit.split.apply import apply_splits

from splitkit import make_project, run_python

FAKES = """\
from unittest import mock

from {dots} import big


def faked():
    with mock.patch.object(big, "helper", return_value="fake"):
        return big.user()
"""
TESTS = "from pkg.sub import fakes\n\n\ndef test_patch():\n    assert fakes.faked() == 'fake'\n"


def test_a_relative_import_of_the_old_module_has_its_object_patch_moved(tmp_path: Path) -> None:
    make_project(tmp_path, SOURCE, {"a": ["helper"], "b": ["user"]}, files={
        "pkg/sub/__init__.py": "", "pkg/sub/fakes.py": FAKES.format(dots=".."),
        "pkg/fakes.py": FAKES.format(dots="."), "tests/test_it.py": TESTS,
        "tests/test_top.py": TESTS.replace("pkg.sub", "pkg")})
    (tmp_path / "godsplit.toml").write_text(
        CONFIG.replace("[split.modules]", 'facade = "static"\n[split.modules]'))
    run = RUN.replace('"tests/test_it.py"', '"tests"')
    assert "2 passed" in run_python(tmp_path, run)  # before the split
    result = apply_splits(load_config(tmp_path / "godsplit.toml"), rewrite_references=True)
    assert result.written, result.errors
    for fakes in ("pkg/fakes.py", "pkg/sub/fakes.py"):
        assert 'mock.patch("pkg.big.b.helper", return_value="fake")' in (
            tmp_path / fakes).read_text()
    assert "2 passed" in run_python(tmp_path, run)  # (before the fix: 2 failed, 'real')


def test_a_relative_import_of_another_module_of_that_name_is_left_alone(tmp_path: Path) -> None:
    """`from . import big` in another package (`other.big`) is not the old module."""
    make_project(tmp_path, SOURCE, {"a": ["helper"], "b": ["user"]}, files={
        "other/__init__.py": "", "other/big.py": "def helper():\n    return 1\n",
        "other/fakes.py": FAKES.format(dots=".").replace("big.user()", "big.helper()")})
    (tmp_path / "godsplit.toml").write_text(CONFIG)
    result = apply_splits(load_config(tmp_path / "godsplit.toml"), rewrite_references=True)
    assert result.written, result.errors
    assert 'mock.patch.object(big, "helper"' in (tmp_path / "other/fakes.py").read_text()
