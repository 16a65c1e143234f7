"""Bugs found in round 8 splitting real god files not tried before (Django's
`db/models/fields/__init__.py`, typing_extensions, dateutil's `parser/_parser.py`) and
running each library's own suite before and after: each a minimal `pkg/big.py`, planned
and applied; a clean plan must not roll back, a written split must behave the same, and
what cannot be split as mapped is refused at plan time, naming its file, line and cause."""

from __future__ import annotations

from pathlib import Path

from godsplit.suggester.core import suggest

from splitkit import make_project, plan_texts
from splitkit import same_behaviour as _same

FUTURE = """
    from __future__ import annotations

    import os


    def first() -> str:
        return os.sep


    def second() -> str:
        return first() * 2
"""


def test_a_project_whose_isort_config_is_atomic_splits(tmp_path: Path) -> None:
    """dateutil's pyproject.toml sets isort's `atomic = true`: isort then compiles what it
    sorts, and godsplit sorts every block of a file cut apart in one document (a `from
    __future__` import after other code), so suggest and plan failed ('isort was told to
    sort imports within code that contains syntax errors') on every file of the project."""
    files = {"pyproject.toml": "[tool.isort]\natomic = true\nknown_first_party = ['pkg']\n"}
    modules = {"one": ["first"], "two": ["second"]}
    plan, texts = plan_texts(make_project(tmp_path / "plan", FUTURE, modules, files=files))
    assert not plan.errors and "pkg/big/one.py" in texts
    assert _same(tmp_path / "run", FUTURE, modules, "import pkg.big as m; print(m.second())",
                 files=files).strip() == "//"


CONDITIONAL = """
    import sys


    class _Form:
        __slots__ = ("fn",)

        def __init__(self, fn):
            self.fn = fn


    if sys.version_info >= (3, 0):
        class Buffer:
            def release(self):
                return 1
    else:
        Buffer = bytes

    try:
        def checked(x):
            return x
    except ImportError:
        pass

    if sys.version_info < (3, 0):
        class Missing:
            pass

    @_Form
    def Special(self, parameters):
        return parameters


    def describe():
        return [Buffer.__module__, Buffer.release.__module__, checked.__module__,
                Special.__module__]
"""


def test_keep_module_name_reaches_classes_and_functions_an_if_block_defines(
        tmp_path: Path) -> None:
    """typing_extensions defines most of itself under `if hasattr(typing, "X"): X =
    typing.X` / `else: class X: ...`: keep-module-name renamed only the top-level
    definitions, so `Buffer.__module__` named the new module (its protocol allow-list,
    keyed by `__module__`, refused it). Conditional classes and functions are renamed too,
    one that is not bound is skipped, and a slotted instance a decorator made (a special
    form) is left as it is instead of failing the import."""
    modules = {"buffers": ["Buffer", "checked"], "forms": ["_Form", "Special", "Missing"],
               "api": ["describe"]}
    code = "import pkg.big as m; print(m.describe(), hasattr(m, 'Missing'))"
    out = _same(tmp_path, CONDITIONAL, modules, code, **{"keep-module-name": True})
    assert out.strip() == "['pkg.big', 'pkg.big', 'pkg.big', 'pkg.big'] False"


MODULE_READS = """
    _ALLOWED = {"pkg.big": ["Buffer"]}


    class Buffer:
        pass


    def allowed(cls):
        return cls.__name__ in _ALLOWED.get(cls.__module__, [])


    class Field:
        def deconstruct(self):
            path = "%s.%s" % (self.__class__.__module__, self.__class__.__qualname__)
            return path.replace("pkg.big.", "pkg.")


    class CharField(Field):
        pass
"""
READS_MODULES = {"buffers": ["Buffer", "allowed"], "fields": ["Field", "CharField"]}


def test_code_reading_module_of_moved_classes_is_refused_without_keep_module_name(
        tmp_path: Path) -> None:
    """Django's `Field.deconstruct` builds the import path migrations write from
    `self.__class__.__module__` ('django.db.models.fields.CharField' becomes
    'django.db.models.CharField'), and typing_extensions' `Protocol` looks
    `base.__module__` up in an allow-list: after a split without keep-module-name the
    fields said 'django.db.models.char_field.CharField' (53 of Django's model_fields,
    field_deconstruction and migrations tests failed after a split reported as verified).
    The plan refuses it (GS119) at each statement that reads `__module__`, and with
    keep-module-name the split behaves the same."""
    plan, _ = plan_texts(make_project(tmp_path / "plan", MODULE_READS, READS_MODULES))
    errors = [f for f in plan.errors if f.code == "GS119"]
    assert [(f.line, f.message.split("`")[1]) for f in errors] == [
        (9, "cls.__module__"), (14, "self.__class__.__module__")]
    assert "keep-module-name = true" in errors[0].message
    out = _same(tmp_path / "run", MODULE_READS, READS_MODULES,
                "import pkg.big as m; print(m.allowed(m.Buffer), m.CharField().deconstruct())",
                **{"keep-module-name": True})
    assert out.strip() == "True pkg.CharField"


def test_suggest_keeps_module_names_for_code_reading_module(tmp_path: Path) -> None:
    config = make_project(tmp_path, MODULE_READS, READS_MODULES)
    found = suggest(config.root / "pkg/big.py", config, max_lines=12)
    assert found.keep_module_name == "2 statements reading __module__"


TOP_LEVEL = """
    import sys


    def first():
        return "first"


    def second():
        return first() + " second"


    assert second() == "first second" and sys.flags.optimize == 2 or __name__ != "__main__"
"""


def test_a_top_level_module_split_into_a_package_still_runs_by_path(tmp_path: Path) -> None:
    """typing_extensions' suite runs `python -OO <typing_extensions.__file__>`: the file
    of a top-level module, run by path. Split, that file is the package's `__init__.py`,
    whose relative imports (`from .protocol import ...`) fail with no parent package; a
    top-level module's new modules and facade import absolutely."""
    modules = {"one": ["first"], "two": ["second"]}
    code = ("import subprocess, sys, big; print(subprocess.run([sys.executable, '-OO', "
            "big.__file__], capture_output=True, text=True).returncode)")
    assert _same(tmp_path, TOP_LEVEL, modules, code, path="big.py").strip() == "0"
