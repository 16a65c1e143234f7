"""Round 28 (refs28, README item 24 "still unseen"): the old module object handed to a
call (`inspect.getmembers(big)`, `registry.scan(big)`, `functools.partial(getattr, big)`)
or kept in a container (`MODS = [big]`), a package above it imported alone (`import pkg`
then `pkg.big.helper`, `import pkg as p`), and the module got by a name held in a variable
(`NAME = "pkg.big"; importlib.import_module(NAME)`), or reached through the package that
an import of a sibling binds (`import pkg.bigger`, then `pkg.big.helper`). `apply
--rewrite-references` pointed the test's `mock.patch("pkg.big.helper")` at the new module
whose code looks `helper` up; the read through the old module then ran the real function,
and the project's test that passed failed after a split that said "verified". Now the patch
stays (GS210 says where and why) and the test still passes. Writers of the module (`patch.object(big, "x")`,
`monkeypatch.setattr(big, ...)`, `setattr(big, ...)`) and calls that read nothing through
it (`isinstance(big, ...)`) do not keep the patch."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from test_repros_round27_refs27 import CONFIG, RUN, SOURCE, TESTS

from godsplit.cli import main
from godsplit.config import load_config
from godsplit.split.apply import apply_splits

from splitkit import make_project, run_python

CALLED = "passes the old module to a call that may read any name through it"
# other.py, the line GS210 names, and why
OTHER = {
    "inspect.getmembers": (
        'import inspect\n\nfrom pkg import big\n\n\ndef call():\n'
        '    return dict(inspect.getmembers(big))["helper"]()\n', 7,
        f"{CALLED} (`inspect.getmembers(big)`)"),
    "a registry's scan": (
        'from pkg import big\n\n\ndef scan(mod):\n    return mod.helper\n\n\ndef call():\n'
        '    return scan(big)()\n', 9, f"{CALLED} (`scan(big)`)"),
    "partial of getattr": (
        'import functools\n\nfrom pkg import big\n\nget = functools.partial(getattr, big)\n\n\n'
        'def call():\n    return get("helper")()\n', 5,
        f"{CALLED} (`functools.partial(getattr, big)`)"),
    "a keyword argument": (
        'from pkg import big\n\nREGISTRY = dict(mod=big)\n\n\ndef call():\n'
        '    return REGISTRY["mod"].helper()\n', 3, f"{CALLED} (`dict(mod=big)`)"),
    "a list of modules": (
        'from pkg import big\n\nMODS = [big]\n\n\ndef call():\n    return MODS[0].helper()\n',
        3, "hands the old module on (`[big]`)"),
    "import pkg, then pkg.big.helper": (
        'import pkg\n\n\ndef call():\n    return pkg.big.helper()\n', 5,
        "reads it through the old module"),
    "import pkg as p, then p.big.helper": (
        'import pkg as p\n\n\ndef call():\n    return p.big.helper()\n', 5,
        "reads it through the old module"),
    "import pkg.bigger, then pkg.big.helper": (
        'import pkg.bigger\n\n\ndef call():\n    return pkg.big.helper()\n', 5,
        "reads it through its package, imported for another module (`pkg.big.helper`)"),
    "import_module of a variable": (
        'import importlib\n\nNAME = "pkg.big"\n\n\ndef call():\n'
        '    return importlib.import_module(NAME).helper()\n', 7,
        "reads it through the old module got by its name at run time "
        "(`importlib.import_module(NAME).helper`)"),
}
# the test patches with patch.object (apply rewrites it where the file names "pkg.big")
OBJECT_TESTS = TESTS.replace(
    "from pkg import big, other", "import pkg.big as big\nfrom pkg import other").replace(
        'mock.patch("pkg.big.helper", ', 'mock.patch.object(big, "helper", ')
TEST_LINE = {TESTS: 7, OBJECT_TESTS: 8}


def project(tmp_path: Path, other: str, config: str = CONFIG, tests: str = TESTS) -> Path:
    make_project(tmp_path, SOURCE, {"a": ["helper"], "b": ["user"]}, files={
        "pkg/other.py": other, "pkg/bigger.py": "user = None\n", "tests/test_it.py": tests})
    (tmp_path / "godsplit.toml").write_text(config)
    assert "1 passed" in run_python(tmp_path, RUN)  # before the split
    return tmp_path


@pytest.mark.parametrize(("case", "tests"), [(c, TESTS) for c in sorted(OTHER)] + [
    ("inspect.getmembers", OBJECT_TESTS)])
def test_a_patch_target_the_old_module_object_may_read_stays(
        tmp_path: Path, case: str, tests: str) -> None:
    other, line, why = OTHER[case]
    root = project(tmp_path, other, tests=tests)
    result = apply_splits(load_config(root / "godsplit.toml"), rewrite_references=True)
    assert result.written, result.errors
    assert "1 passed" in run_python(root, RUN)  # (on main: 1 failed, 'real')
    assert (root / "tests/test_it.py").read_text() == tests  # not rewritten
    [stays] = [f for s in result.splits for f in s.findings if f.code == "GS210"]
    assert (stays.severity, stays.path, stays.line) == (
        "info", str(root / "tests/test_it.py"), TEST_LINE[tests])
    shown = "pkg.big.helper" if tests is TESTS else "big.helper"
    assert stays.message == (
        f"patch target {shown!r} stays: pkg/other.py:{line} {why}, which a patch of "
        "the new module would not reach; the live facade forwards the patch to every module "
        "that looks it up")


WRITERS = """\
import inspect
from unittest import mock

import pkg
import pkg.big
from pkg import big
from pkg.big import helper


def call(monkeypatch=None):
    assert isinstance(big, type(inspect)) and big is not None
    with mock.patch.object(big, "helper"), mock.patch.multiple(big, helper=None):
        pass
    setattr(big, "extra", 1)
    print(big, repr(pkg.big), hasattr(big, "helper"))
    big.extra = pkg.big.user
    return helper()


def local(fields=None):
    big = {"helper": fields}  # a local variable of the alias's name
    return len(big), dict(big)
"""
PLAIN_TESTS = """\
from unittest import mock

from pkg import big, other


def test_patch():
    other.call()
    with mock.patch("pkg.big.helper", return_value="fake"):
        assert big.user() == "fake"
"""


def test_writers_and_plain_imports_of_the_old_module_still_get_the_patch_moved(
        tmp_path: Path) -> None:
    """No over-caution: the module's own patchers and setters, calls that read nothing
    through it, `from pkg.big import helper`, a read of another name through `import pkg`
    and a local variable named as the module leave the patch free to move (passes on main
    too: a guard, not a repro)."""
    root = project(tmp_path, WRITERS, tests=PLAIN_TESTS)
    result = apply_splits(load_config(root / "godsplit.toml"), rewrite_references=True)
    assert result.written, result.errors
    assert 'mock.patch("pkg.big.b.helper", return_value="fake")' in (
        root / "tests/test_it.py").read_text()
    assert not [f for s in result.splits for f in s.findings if f.code == "GS210"]
    assert "1 passed" in run_python(root, RUN)


def test_the_cli_prints_why_under_a_static_facade(tmp_path: Path) -> None:
    root = project(tmp_path, OTHER["inspect.getmembers"][0],
                   CONFIG.replace("[split.modules]", 'facade = "static"\n[split.modules]'))
    out = CliRunner().invoke(main, ["apply", "--rewrite-references", "--config",
                                    str(root / "godsplit.toml")], terminal_width=400)
    assert out.exit_code == 0, out.output
    assert "GS210" in out.output
    assert ("patch target 'pkg.big.helper' stays: pkg/other.py:7 passes the old module to a "
            "call that may read any name through it (`inspect.getmembers(big)`), which a "
            "patch of the new module would not reach; patch it in each module by hand") in (
                " ".join(out.output.split()))
    assert (root / "tests/test_it.py").read_text() == TESTS


def test_patch_object_of_the_module_imported_from_its_package_moves_under_a_static_facade(
        tmp_path: Path) -> None:
    """`from pkg import big` then `patch.object(big, "helper")`: the file does not spell
    `pkg.big`, and `--rewrite-references` skipped it without a word; under a static facade
    that patch sets only the facade's name, so the test that passed failed after the
    split. Now it is pointed at the module that looks `helper` up."""
    tests = OBJECT_TESTS.replace("import pkg.big as big\nfrom pkg import other",
                                 "from pkg import big")
    tests = tests.replace('        assert other.call() == "fake"\n', "")
    root = project(tmp_path, "", CONFIG.replace("[split.modules]",
                                                'facade = "static"\n[split.modules]'), tests)
    result = apply_splits(load_config(root / "godsplit.toml"), rewrite_references=True)
    assert result.written, result.errors
    assert 'mock.patch("pkg.big.b.helper", return_value="fake")' in (
        root / "tests/test_it.py").read_text()
    assert "1 passed" in run_python(root, RUN)  # (on main: 1 failed, 'real')
