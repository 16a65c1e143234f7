"""Round 27 (refs27, item 23 "New: (a)"): reads through the old module that round 26's
`facade_reads` did not see. Other code reads `helper` through `pkg.big` by a name known
only at run time (`getattr(big, name)`, `vars(big)[name]`, `big.__dict__[name]`), or gets
the module by its name at run time (`importlib.import_module("pkg.big")`, `__import__`,
`sys.modules["pkg.big"]`). `apply --rewrite-references` pointed the test's
`mock.patch("pkg.big.helper")` at the new module whose code looks `helper` up: the read
through the old module then ran the real function, and the project's test that passed
failed after a split that said "verified". Now the patch stays (GS210 says where and why)
and the test still passes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from godsplit.cli import main
from godsplit.config import load_config
from godsplit.split.apply import apply_splits

from splitkit import make_project, run_python

SOURCE = """\
def helper():
    return "real"


def user():
    return helper()
"""
TESTS = """\
from unittest import mock

from pkg import big, other


def test_patch():
    with mock.patch("pkg.big.helper", return_value="fake"):
        assert big.user() == "fake"
        assert other.call() == "fake"
"""
CONFIG = ('verify-import = false\n[[split]]\nsource = "pkg/big.py"\n'
          '[split.modules]\na = ["helper"]\nb = ["user"]\n')
RUN = """
    import sys, pytest
    sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "tests/test_it.py"]))
"""
DYNAMIC = "reads a name known only at run time through the old module"
NAMESPACE = "reads the old module's namespace"
LOADED = "gets the old module by its name at run time"
BY_NAME = "reads it through the old module got by its name at run time"
# other.py, the line GS210 names, and why
OTHER = {
    "getattr of a variable": (
        'import pkg.big as big\n\n\ndef call(name="helper"):\n    return getattr(big, name)()\n',
        5, f"{DYNAMIC} (`getattr(big, name)`)"),
    "getattr with a default": (
        'from pkg import big\n\n\ndef call(name="helper"):\n'
        '    return getattr(big, name, None)()\n', 5, f"{DYNAMIC} (`getattr(big, name, None)`)"),
    "vars subscripted by a variable": (
        'from pkg import big\n\n\ndef call(name="helper"):\n    return vars(big)[name]()\n',
        5, f"{NAMESPACE} (`vars(big)`)"),
    "__dict__ subscripted by a variable": (
        'from pkg import big\n\n\ndef call(name="helper"):\n    return big.__dict__[name]()\n',
        5, f"{NAMESPACE} (`big.__dict__`)"),
    "vars subscripted by a literal": (
        'from pkg import big\n\n\ndef call():\n    return vars(big)["helper"]()\n', 5,
        "reads it through the old module's namespace (`vars(big)['helper']`)"),
    "import_module kept in a variable": (
        'import importlib\n\n\ndef call():\n    mod = importlib.import_module("pkg.big")\n'
        '    return mod.helper()\n', 5, f"{LOADED} (`importlib.import_module('pkg.big')`)"),
    "import_module then an attribute": (
        'import importlib\n\n\ndef call():\n'
        '    return importlib.import_module("pkg.big").helper()\n', 5,
        f"{BY_NAME} (`importlib.import_module('pkg.big').helper`)"),
    "relative import_module": (
        'from importlib import import_module\n\n\ndef call():\n'
        '    return getattr(import_module(".big", __package__), "helper")()\n', 5,
        f"{BY_NAME} (`getattr(import_module('.big', __package__), 'helper')`)"),
    "sys.modules": (
        'import sys\n\n\ndef call():\n    return sys.modules["pkg.big"].helper()\n', 5,
        f"{BY_NAME} (`sys.modules['pkg.big'].helper`)"),
    "sys.modules.get handed on": (
        'import sys\n\n\ndef call():\n    mod = sys.modules.get("pkg.big")\n'
        '    return mod.helper()\n', 5, f"{LOADED} (`sys.modules.get('pkg.big')`)"),
    "__import__": (
        'def call():\n    return __import__("pkg.big").big.helper()\n',
        2, f"{LOADED} (`__import__('pkg.big')`)"),
}


def _project(tmp_path: Path, other: str, config: str = CONFIG) -> Path:
    make_project(tmp_path, SOURCE, {"a": ["helper"], "b": ["user"]}, files={
        "pkg/other.py": other, "pkg/bigger.py": "user = None\n", "tests/test_it.py": TESTS})
    (tmp_path / "godsplit.toml").write_text(config)
    assert "1 passed" in run_python(tmp_path, RUN)  # before the split
    return tmp_path


@pytest.mark.parametrize("case", sorted(OTHER))
def test_a_patch_target_read_at_run_time_through_the_old_module_stays(
        tmp_path: Path, case: str) -> None:
    other, line, why = OTHER[case]
    root = _project(tmp_path, other)
    result = apply_splits(load_config(root / "godsplit.toml"), rewrite_references=True)
    assert result.written, result.errors
    assert "1 passed" in run_python(root, RUN)  # (before the fix: 1 failed, 'real')
    assert (root / "tests/test_it.py").read_text() == TESTS  # not rewritten
    [stays] = [f for s in result.splits for f in s.findings if f.code == "GS210"]
    assert (stays.severity, stays.path, stays.line) == (
        "info", str(root / "tests/test_it.py"), 7)
    assert stays.message == (
        f"patch target 'pkg.big.helper' stays: pkg/other.py:{line} {why}, which a patch of "
        "the new module would not reach; the live facade forwards the patch to every module "
        "that looks it up")


def test_dynamic_reads_of_other_modules_do_not_keep_the_patch(tmp_path: Path) -> None:
    other = ('import importlib\nimport sys\n\nimport pkg.big as big\n\n\n'
             'def call(name="user"):\n    getattr(importlib.import_module("pkg.bigger"), name,'
             ' None)\n    vars(sys)\n    return big.user()\n')
    root = _project(tmp_path, other)
    result = apply_splits(load_config(root / "godsplit.toml"), rewrite_references=True)
    assert result.written, result.errors
    assert 'mock.patch("pkg.big.b.helper", return_value="fake")' in (
        root / "tests/test_it.py").read_text()
    assert not [f for s in result.splits for f in s.findings if f.code == "GS210"]
    assert "1 passed" in run_python(root, RUN)


def test_the_cli_prints_why_under_a_static_facade(tmp_path: Path) -> None:
    root = _project(tmp_path, OTHER["getattr of a variable"][0],
                    CONFIG.replace("[split.modules]", 'facade = "static"\n[split.modules]'))
    out = CliRunner().invoke(main, ["apply", "--rewrite-references", "--config",
                                    str(root / "godsplit.toml")], terminal_width=400)
    assert out.exit_code == 0, out.output
    assert "GS210" in out.output
    assert ("patch target 'pkg.big.helper' stays: pkg/other.py:5 reads a name known only at "
            "run time through the old module (`getattr(big, name)`)") in " ".join(
                out.output.split())
    assert (root / "tests/test_it.py").read_text() == TESTS
