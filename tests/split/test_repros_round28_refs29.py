"""Round 28 (refs29, README item 25 (a) "still unseen"): the old module's names read at
call time by a dotted path held in a string (`pkgutil.resolve_name("pkg.big:helper")`, a
Django-style `import_string(settings.HANDLER)`, `getattr(import_module(module), attr)`
with `HANDLER = "pkg.big.helper"`), and the old module got by a name that reaches
`import_module` through a variable (a loop over a literal tuple, a settings list
`TASK_MODULES = ["pkg.big"]` read in another file). `apply --rewrite-references` pointed
the test's `mock.patch("pkg.big.helper")` at the new module whose code looks `helper` up;
the read through the old module then ran the real function, and the project's test that
passed failed after a split that said "verified". Now the patch stays (GS210 says where
and why) and the test still passes. A comprehension's variable named as the module is not
the module: it no longer keeps the patch."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_repros_round27_refs27 import CONFIG, RUN, SOURCE, TESTS

from godsplit.config import load_config
from godsplit.split.apply import apply_splits

from splitkit import make_project, run_python

# Django's `django.utils.module_loading.import_string`, as a project would copy it
LOADING = """\
from importlib import import_module


def import_string(dotted_path):
    module_path, class_name = dotted_path.rsplit(".", 1)
    return getattr(import_module(module_path), class_name)
"""
DOTTED = "names it by a dotted path resolved at run time"
VARIABLE = "gets a module by a name held in a variable"
# other.py, pkg/settings.py, the file:line GS210 names, and why
OTHER = {
    "pkgutil.resolve_name": (
        'import pkgutil\n\nTARGET = "pkg.big:helper"\n\n\ndef call():\n'
        '    return pkgutil.resolve_name(TARGET)()\n', "", "pkg/other.py:3",
        f"{DOTTED} ('pkg.big:helper')"),
    "import_string of a setting": (
        'from pkg import settings\nfrom pkg.loading import import_string\n\n\ndef call():\n'
        '    return import_string(settings.HANDLER)()\n', 'HANDLER = "pkg.big.helper"\n',
        "pkg/settings.py:1", f"{DOTTED} ('pkg.big.helper')"),
    "getattr of import_module, split at run time": (
        'from importlib import import_module\n\nHANDLER = "pkg.big.helper"\n\n\n'
        'def call():\n    module, _, attr = HANDLER.rpartition(".")\n'
        '    return getattr(import_module(module), attr)()\n', "", "pkg/other.py:3",
        f"{DOTTED} ('pkg.big.helper')"),
    "a loop over a literal tuple": (
        'from importlib import import_module\n\nMODULES = [import_module(m) for m in '
        '("pkg.big", "pkg.bigger")]\n\n\ndef call():\n    return MODULES[0].helper()\n', "",
        "pkg/other.py:3", f"{VARIABLE} (`import_module(m)`), and 'pkg.big' is named at "
        "pkg/other.py:3"),
    "a settings list": (
        'from importlib import import_module\n\nfrom pkg import settings\n\n\ndef call():\n'
        '    for name in settings.TASK_MODULES:\n        return import_module(name).helper()\n',
        'TASK_MODULES = ["pkg.big", "pkg.bigger"]\n', "pkg/other.py:8",
        f"{VARIABLE} (`import_module(name)`), and 'pkg.big' is named at pkg/settings.py:1"),
    "__import__ of a settings value": (
        'import sys\n\nfrom pkg import settings\n\n\ndef call():\n'
        '    __import__(settings.MODULE)\n    return sys.modules[settings.MODULE].helper()\n',
        'MODULE = "pkg.big"\n', "pkg/other.py:7",
        f"{VARIABLE} (`__import__(settings.MODULE)`), and 'pkg.big' is named at "
        "pkg/settings.py:1"),
}


def project(tmp_path: Path, other: str, settings: str, tests: str = TESTS) -> Path:
    make_project(tmp_path, SOURCE, {"a": ["helper"], "b": ["user"]}, files={
        "pkg/other.py": other, "pkg/bigger.py": "user = None\n", "pkg/settings.py": settings,
        "tests/test_it.py": tests, **({"pkg/loading.py": LOADING} if "loading" in other else {})})
    (tmp_path / "godsplit.toml").write_text(CONFIG)
    assert "1 passed" in run_python(tmp_path, RUN)  # before the split
    return tmp_path


@pytest.mark.parametrize("case", sorted(OTHER))
def test_a_patch_target_read_by_a_dotted_path_or_a_module_name_in_a_variable_stays(
        tmp_path: Path, case: str) -> None:
    other, settings, where, why = OTHER[case]
    root = project(tmp_path, other, settings)
    result = apply_splits(load_config(root / "godsplit.toml"), rewrite_references=True)
    assert result.written, result.errors
    assert "1 passed" in run_python(root, RUN)  # (on main: 1 failed, 'real')
    assert (root / "tests/test_it.py").read_text() == TESTS  # not rewritten
    [stays] = [f for s in result.splits for f in s.findings if f.code == "GS210"]
    assert (stays.severity, stays.path, stays.line) == (
        "info", str(root / "tests/test_it.py"), 7)
    assert stays.message == (
        f"patch target 'pkg.big.helper' stays: {where} {why}, which a patch of the new "
        "module would not reach; the live facade forwards the patch to every module that "
        "looks it up")


COMPREHENSION = """\
from pkg import big

GROUPS = [[1], [2, 3]]
SIZES = [len(big) for big in GROUPS] + [sum(1 for big in g) for g in GROUPS]
NAMES = {str(big): dict(enumerate(big)) for big in GROUPS}


def call():
    return big.user()
"""


def test_a_comprehension_variable_named_as_the_module_is_not_the_module(tmp_path: Path) -> None:
    """`[len(big) for big in GROUPS]` at the top of a file that does `from pkg import big`
    hands a list on, not the module: the patch moves, without a GS210 (on main it stayed,
    with a GS210 naming line 4: a kept patch too many)."""
    root = project(tmp_path, COMPREHENSION, "")
    result = apply_splits(load_config(root / "godsplit.toml"), rewrite_references=True)
    assert result.written, result.errors
    assert not [f for s in result.splits for f in s.findings if f.code == "GS210"]
    assert 'mock.patch("pkg.big.b.helper", return_value="fake")' in (
        root / "tests/test_it.py").read_text()
    assert "1 passed" in run_python(root, RUN)


HANDS_ON = """\
from pkg import big

CALLS = [lambda m: m.helper()]


def call(groups=([1],)):
    sizes = [len(big) for big in groups]
    assert sizes == [1]
    return [f(big) for f in CALLS][0]
"""


def test_the_module_beside_a_comprehension_variable_of_its_name_keeps_the_patch(
        tmp_path: Path) -> None:
    """The other way: the comprehension's `big` is its own, but the function's `f(big)` is
    the module, handed to a call; on main the comprehension's variable made every `big` of
    the function a local, the patch moved and the project's test failed after the split."""
    root = project(tmp_path, HANDS_ON, "")
    result = apply_splits(load_config(root / "godsplit.toml"), rewrite_references=True)
    assert result.written, result.errors
    assert "1 passed" in run_python(root, RUN)  # (on main: 1 failed, 'real')
    [stays] = [f for s in result.splits for f in s.findings if f.code == "GS210"]
    assert "pkg/other.py:9 passes the old module to a call that may read any name through " \
        "it (`f(big)`)" in stays.message
