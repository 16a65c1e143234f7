"""Round 15 (polish16): leftovers of rounds 13 and 14, each a minimal `pkg/big.py`."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import libcst as cst
import pytest

from godsplit.split.classify import classify
from godsplit.split.type_guards import DEFAULT, guards_of, import_time_statements

from splitkit import apply, dedent, make_project, plan_texts, same_behaviour

# pip's `wheel.py` (the maintainers' grouping, benchmarks/maintainers_apply.py) declares
# its type aliases under `if MYPY_CHECK_RUNNING:`, pip's own TYPE_CHECKING (`False` in
# `pip/_internal/utils/typing.py`). godsplit took that block for a definition: one unit
# binding both aliases, so mapping their readers to two modules was GS103 (and the block
# was moved as code, not copied where read).
MYPY_GUARD = """
    from __future__ import annotations

    from pkg.typing_guard import MYPY_CHECK_RUNNING

    if MYPY_CHECK_RUNNING:
        from typing import Callable, Tuple

        Row = Tuple[str, ...]

        Predicate = Callable[[int], bool]


    def rows(row: Row) -> Row:
        return row


    def check(predicate: Predicate) -> bool:
        return predicate(1)
"""
GUARD_FILE = {"pkg/typing_guard.py": '"""pip\'s own TYPE_CHECKING."""\n\nMYPY_CHECK_RUNNING = False\n'}
SPLIT = {"install": ["rows"], "builder": ["check"]}


def test_a_false_constant_imported_from_the_project_guards_like_type_checking(
        tmp_path: Path) -> None:
    plan, texts = plan_texts(make_project(tmp_path / "plan", MYPY_GUARD, SPLIT,
                                          files=GUARD_FILE))
    assert not plan.errors, [f.render() for f in plan.errors]
    install, builder = texts["pkg/big/install.py"], texts["pkg/big/builder.py"]
    # each new module copies the block with only what it reads
    assert "if MYPY_CHECK_RUNNING:\n    from typing import Tuple\n" in install
    assert "Row = Tuple[str, ...]" in install and "Predicate" not in install
    assert "if MYPY_CHECK_RUNNING:\n    from typing import Callable\n" in builder
    assert "Predicate = Callable[[int], bool]" in builder and "Row" not in builder
    assert "from pkg.typing_guard import MYPY_CHECK_RUNNING" in install
    code = "import pkg.big as m\nprint(m.rows(('a',)), m.check(bool), hasattr(m, 'Row'))"
    assert same_behaviour(tmp_path / "run", MYPY_GUARD, SPLIT, code,
                          files=GUARD_FILE).split() == ["('a',)", "True", "False"]


def test_mapping_a_name_declared_under_the_guard_says_so(tmp_path: Path) -> None:
    modules = {"install": ["rows", "Row"], "builder": ["check"]}
    plan, _ = plan_texts(make_project(tmp_path, MYPY_GUARD, modules, files=GUARD_FILE))
    (error,) = [f for f in plan.errors if f.code == "GS101"]
    assert "'Row' cannot be mapped: it is declared under `if TYPE_CHECKING:` (copied into " \
           "each module that reads it)" in error.message


ALIASES = {
    "from typing import TYPE_CHECKING as T": "T",
    "import typing_extensions as te": "te.TYPE_CHECKING",
    "from typing import TYPE_CHECKING": "TYPE_CHECKING is True",
    "MYPY = False": "MYPY",
    "from typing import TYPE_CHECKING\nCHECKING = TYPE_CHECKING": "CHECKING",
}


def test_aliases_of_type_checking_are_one_unit_per_name_read(tmp_path: Path) -> None:
    for index, (binding, test) in enumerate(ALIASES.items()):
        source = MYPY_GUARD.replace("from pkg.typing_guard import MYPY_CHECK_RUNNING",
                                    dedent(binding).replace("\n", "\n    ")).replace(
            "if MYPY_CHECK_RUNNING:", f"if {test}:")
        # (`MYPY = False` is copied into each module that tests it, as `TYPE_CHECKING = False`)
        plan, texts = plan_texts(make_project(tmp_path / str(index), source, SPLIT,
                                              default="_rest"))
        assert not plan.errors, (binding, [f.render() for f in plan.errors])
        assert "Predicate" not in texts["pkg/big/install.py"], binding
        assert "Row" not in texts["pkg/big/builder.py"], binding


def test_guards_of_a_module() -> None:
    def guards(text: str) -> set[str]:
        found = guards_of(ast.parse(dedent(text)).body, None)
        return set(found.names | found.constants)

    assert guards("import typing as t\nT = t.TYPE_CHECKING\nF = False\n") == {
        "TYPE_CHECKING", "T", "F"}
    # bound twice, by a loop, or rebound through `global`: its value at the `if` is unknown
    assert guards("F = False\nF = True\n") == {"TYPE_CHECKING"}
    assert guards("for F in (False, True):\n    pass\n") == {"TYPE_CHECKING"}
    assert guards("F = False\ndef on():\n    global F\n    F = True\n") == {"TYPE_CHECKING"}
    assert guards("F = 0\nG = None\n") == {"TYPE_CHECKING"}
    # unreadable or absent modules: not a guard
    assert guards("from elsewhere import MYPY_CHECK_RUNNING\n") == {"TYPE_CHECKING"}
    assert not DEFAULT.is_guard(ast.parse("not TYPE_CHECKING", mode="eval").body)
    assert DEFAULT.is_guard(ast.parse("typing.TYPE_CHECKING", mode="eval").body)
    assert not DEFAULT.is_guard(ast.parse("TYPE_CHECKING is False", mode="eval").body)
    # typing's, by what it is bound to; a constant False, whatever its name
    found = guards_of(ast.parse("from typing import TYPE_CHECKING as T\nDEBUG = False\n").body,
                      None)
    assert (found.names, found.constants) == ({"TYPE_CHECKING", "T"}, {"DEBUG"})


def test_a_debug_switch_guards_only_a_block_that_declares() -> None:
    """coverage's `control.py` (`tests/suggester/test_naming_round10.py`): under `DEBUG =
    False`, `if DEBUG:` rebinding and changing a class is code, not a TYPE_CHECKING block;
    pip's `if MYPY_CHECK_RUNNING:` of imports and aliases is one."""
    module = cst.parse_module(dedent("""
        DEBUG = False
        if DEBUG:
            Coverage = type("Coverage", (Coverage,), {})
            Coverage.x = 1
        if DEBUG:
            from typing import Tuple
            Row = Tuple[str, ...]
    """))
    found = guards_of(ast.parse(module.code).body, None)
    assert [classify(i, s, found) for i, s in enumerate(module.body)] == [
        "definition", "definition", "type_checking"]


def test_what_runs_at_import_follows_the_same_guards(tmp_path: Path) -> None:
    """`late_imports` read `if <anything ending in TYPE_CHECKING>:` as never running:
    `if not TYPE_CHECKING:` too. It asks `type_guards` now, as the classifier does."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").touch()
    (tmp_path / "pkg" / "typing_guard.py").write_text("MYPY_CHECK_RUNNING = False\n")
    big = tmp_path / "pkg" / "big.py"
    big.write_text(dedent("""
        from pkg.typing_guard import MYPY_CHECK_RUNNING
        from typing import TYPE_CHECKING

        if MYPY_CHECK_RUNNING:
            import a
        if not TYPE_CHECKING:
            import b
        if TYPE_CHECKING:
            import c
        else:
            import d
    """))
    body = ast.parse(big.read_text()).body
    ran = {ast.unparse(s) for s in import_time_statements(body, guards_of(body, big))}
    assert {"import b", "import d"} <= ran and not {"import a", "import c"} & ran


# Round 14's strict xfail (`test_unread_aliases_kept_in_the_facade_are_each_marked`): a
# kept import of names nothing reads (`X as _X`) was one statement with one targeted
# F401 noqa; a sorter that writes one statement a name kept the comment on the first only.
UNREAD = """
    import json as _json, os.path as _osp
    from .warnings import (
        DeprecationOne as _DeprecationOne,
        FutureTwo as _FutureTwo,
    )


    def deprecated():
        return _DeprecationOne, _FutureTwo, _json, _osp
"""
WARNINGS = "class DeprecationOne(Warning):\n    pass\n\n\nclass FutureTwo(Warning):\n    pass\n"
SORTERS = {
    "ruff": '[tool.ruff.lint]\nselect = ["F", "I"]\n',
    "ruff-combine-as": '[tool.ruff.lint]\nselect = ["F", "I"]\n'
                       '[tool.ruff.lint.isort]\ncombine-as-imports = true\n',
    "isort": "[tool.isort]\nprofile = 'black'\n",
    "isort-combine-as": "[tool.isort]\nprofile = 'black'\ncombine_as_imports = true\n",
    "isort-single": "[tool.isort]\nforce_single_line = true\n",
}


@pytest.mark.parametrize("sorter", sorted(SORTERS))
def test_each_unread_alias_keeps_its_noqa_whatever_the_sorter(tmp_path: Path, sorter: str) -> None:
    files = {"pkg/warnings.py": WARNINGS, "pyproject.toml": SORTERS[sorter]}
    if sorter.startswith("isort"):
        files[".flake8"] = "[flake8]\nselect = F\n"
    config = make_project(tmp_path, UNREAD, {"deprecations": ["deprecated"]}, files=files)
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    facade = texts["pkg/big/__init__.py"]
    assert "import json as _json  # noqa: F401\nimport os.path as _osp  # noqa: F401\n" in facade
    if sorter.endswith("combine-as"):  # one statement, the comment on its first line
        assert "from ..warnings import (  # noqa: F401\n    DeprecationOne as _DeprecationOne,\n" \
               "    FutureTwo as _FutureTwo,\n)\n" in facade, facade
    else:  # one statement a name, each marked
        assert "from ..warnings import DeprecationOne as _DeprecationOne  # noqa: F401\n" \
               "from ..warnings import FutureTwo as _FutureTwo  # noqa: F401\n" in facade, facade
    result = apply(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]
    checks = [[sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise"]]
    if sorter.startswith("isort"):
        checks = [[sys.executable, "-m", "flake8"], [sys.executable, "-m", "isort", "--check"],
                  [*checks[0], "--select", "F401"]]
    for command in checks:
        proc = subprocess.run([*command, "pkg/big/__init__.py"], cwd=tmp_path,
                              capture_output=True, text=True, check=False)
        assert proc.returncode == 0, (command, proc.stdout, proc.stderr,
                                      (tmp_path / "pkg/big/__init__.py").read_text())


# Round 14 (param): where GS103 found names mapped apart that must stay together, the plan
# placed the group in the first of their modules, and GS121 advised "map this with
# Parameterized (to parameters)" when the mapping put `Parameterized` in `parameterized`:
# a module the plan guessed, read as the mapping's.
REBOUND = """
    COUNT = 0


    def bump():
        global COUNT
        COUNT += 1


    SNAP = COUNT + 1
    COUNT = 5
"""


def test_gs121_names_the_modules_the_mapping_gives_a_group_gs103_left_unsettled(
        tmp_path: Path) -> None:
    plan, _ = plan_texts(make_project(tmp_path / "apart", REBOUND,
                                      {"a": ["bump"], "b": ["COUNT"], "c": ["SNAP"]}))
    assert [f.code for f in plan.errors] == ["GS103", "GS121"], [f.render() for f in plan.errors]
    assert plan.errors[1].message == (
        "'COUNT' is read here at import time and bound or changed again at line 10; from c, "
        "the read would get its last value from the module that binds COUNT (a or b: see "
        "GS103): map this with COUNT")
    # the group mapped together: the module is the mapping's, and the message names it
    plan, _ = plan_texts(make_project(tmp_path / "together", REBOUND,
                                      {"a": ["bump", "COUNT"], "c": ["SNAP"]}))
    assert [f.message for f in plan.errors] == [
        "'COUNT' is read here at import time and bound or changed again at line 10; from c, "
        "the read would get its last value from a: map this with COUNT (to a)"]


# Round 14 (SQLAlchemy, param): flake8-builtins' A004 on the facade's re-export of a
# function named as a builtin (`from .standard import max, min, sum`), and ruff's TC001/
# TC003 on a new module's run-time import of a name it reads only in annotations (kept at
# run time on purpose: `typing.get_type_hints` needs it, as it did in the god file). Both
# now get a targeted noqa where the project's ruff selects the rule; the god file's own
# findings are not marked.
BUILTIN_NAMES = """
    from __future__ import annotations

    from decimal import Decimal
    from io import open


    class Parameter:
        name = "p"


    def max(*values):
        return sorted(values)[-1]


    def largest(*values) -> int:
        return max(*values)


    def describe(parameter: Parameter, amount: Decimal) -> str:
        return parameter.name + str(amount)


    def make() -> Decimal:
        return Decimal(open.__name__ == "open")
"""
BUILTIN_SPLIT = {"params": ["Parameter", "make"], "builtin": ["max"],
                 "uses": ["largest", "describe"]}
RUFF_A_TC = '[tool.ruff.lint]\nselect = ["A", "TC", "F", "I", "RUF100"]\n'


def _ruff(root: Path, *paths: str, select: str = "") -> str:
    extra = ["--select", select] if select else []
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format",
                           "concise", *extra, *paths], cwd=root, capture_output=True, text=True,
                          check=False)
    return proc.stdout


def test_imports_shadowing_builtins_or_read_only_in_annotations_get_targeted_noqa(
        tmp_path: Path) -> None:
    files = {"pyproject.toml": RUFF_A_TC}
    config = make_project(tmp_path, BUILTIN_NAMES, BUILTIN_SPLIT, files=files)
    before = _ruff(tmp_path, "pkg/big.py")
    # the god file's own: `def max` (A001) and `from io import open` (A004)
    assert "A001" in before and "A004" in before and "TC00" not in before, before
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    uses, facade = texts["pkg/big/uses.py"], texts["pkg/big/__init__.py"]
    assert "from decimal import Decimal  # noqa: TC003\n\nfrom .builtin import max  # noqa: " \
           "A004\nfrom .params import Parameter  # noqa: TC001\n" in uses, uses
    assert "from .builtin import max  # noqa: A004\n" in facade, facade
    # what the god file had is not marked: its `from io import open` where it is copied
    assert "from io import open\n" in texts["pkg/big/params.py"]
    result = apply(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]
    after = _ruff(tmp_path, "pkg/big")
    assert {line.split(" ", 1)[1] for line in after.splitlines() if ": " in line} == {
        line.split(" ", 1)[1] for line in before.splitlines() if ": " in line}, (before, after)


def test_no_noqa_for_rules_the_project_does_not_select(tmp_path: Path) -> None:
    files = {"pyproject.toml": '[tool.ruff.lint]\nselect = ["F", "I"]\n'}
    plan, texts = plan_texts(make_project(tmp_path, BUILTIN_NAMES, BUILTIN_SPLIT, files=files))
    assert not plan.errors and not any("A004" in t or "TC00" in t for t in texts.values())
