"""Round 36, sweep37: installed god files of 25 more packages, linted under their own config.

luigi's `parameter.py` was a suggest dead end: `TaskType = TypeVar("TaskType",
bound="luigi.task.Task")` with `TypeVar` from typing_extensions. LibCST reads the strings of
`TypeVar`, `NewType` and `cast` as types only when they come from `typing`; pyflakes reads
them from typing_extensions too, so the new module holding the TypeVar was written without
`import luigi` and every candidate ended in GS411. The harness counted lifelines' own F401
(a function-local import in `utils/__init__.py`, copied) as new: ruff marks the same fix
`[*]` (safe) in the new module and not in an `__init__.py`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchkit import load_benchmark
from splitkit import apply, make_project, plan_texts, ruff_check, run_python

TYPED = {
    "TypeVar": 'T = TypeVar("T", bound="pkg.sub.Thing")',
    "NewType": 'T = NewType("T", "pkg.sub.Thing")',
    "cast": 'T = cast("pkg.sub.Thing", None)',
}


@pytest.mark.parametrize(("called", "how"), [
    ("TypeVar", "from typing_extensions import {0}"),
    ("NewType", "import typing_extensions as te"),
    ("cast", "from typing_extensions import {0}"),
])
def test_typing_extensions_call_strings_are_read(tmp_path: Path, called: str, how: str) -> None:
    binding = TYPED[called] if "{0}" in how else TYPED[called].replace(f"= {called}", f"= te.{called}")
    source = f"""
        import pkg
        {how.format(called)}

        {binding}


        def first():
            return T


        def second():
            return 1
    """
    config = make_project(tmp_path, source, {"one": ["first"], "two": ["second"]},
                          files={"pkg/sub.py": "class Thing: ...\n"})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    assert "\nimport pkg\n" in texts["pkg/big/one.py"], texts["pkg/big/one.py"]
    result = apply(config)
    assert result.written and not result.errors, result.errors
    assert run_python(tmp_path, "import pkg.big\npkg.big.first()\nprint(pkg.big.second())\n") == "1\n"
    done = ruff_check(tmp_path, "pkg/big")
    assert "F821" not in done.stdout and "F401" not in done.stdout, done.stdout


def test_a_copied_finding_ruff_marks_fixable_only_outside_init_is_copied(tmp_path: Path) -> None:
    harness = load_benchmark("installed_god_files")
    work = tmp_path / "work"
    (work / "pkg" / "utils").mkdir(parents=True)
    body = "def f():\n    from pkg import (\n        A,\n        B,\n    )\n    return A\n"
    (work / "pkg" / "utils" / "__init__.py").write_text(body)
    before = harness.python_files(work)
    (work / "pkg" / "utils" / "fit.py").write_text(body)

    def lint(root: Path, paths: list[str]) -> list[str]:  # what ruff says in each file
        fixable = "" if paths == ["pkg/utils/__init__.py"] else "[*] "
        return [f"{path}:4:9: F401 {fixable}`pkg.B` imported but unused" for path in paths]

    old = harness.source_findings(work, "pkg/utils/__init__.py", lint)
    said = harness.findings(work, "pkg/utils/__init__.py", before, lint, "ruff", old)
    assert said == "ruff: source 1, written 1", said
    (work / "pkg" / "utils" / "fit.py").write_text(body.replace("B,", "C,"))
    said = harness.findings(work, "pkg/utils/__init__.py", before, lint, "ruff", old)
    assert "new {'F401': 1}" in said, said  # another line's finding is still new


# altair's `expr/__init__.py` (a package `__init__` with no `__all__`): the facade's lazy
# `__all__` raised `AttributeError(f"module ...")`, EM102 under altair's ruff config (it
# selects flake8-errmsg); the runtime code binds the message first, in each of its
# `__getattr__` (lazy `__all__`, live globals, the deprecated facade)
def test_runtime_getattr_passes_flake8_errmsg(tmp_path: Path) -> None:
    source = """
        def a():
            return 1


        def b():
            return 2
    """
    files = {"pyproject.toml": "[tool.ruff.lint]\nextend-select = ['EM', 'TRY003']\n"}
    config = make_project(tmp_path, source, {"one": ["a"], "two": ["b"]},
                          path="pkg/big/__init__.py", files=files, package="pkg/big")
    result = apply(config)
    assert result.written and not result.errors, result.errors
    facade = (tmp_path / "pkg" / "big" / "__init__.py").read_text()
    assert "def __getattr__" in facade, facade
    done = ruff_check(tmp_path, "pkg/big/__init__.py")
    assert done.returncode == 0, done.stdout
    code = "import pkg.big\ntry:\n    pkg.big.nope\nexcept AttributeError as e:\n    print(e)\n"
    assert run_python(tmp_path, code) == "module 'pkg.big' has no attribute 'nope'\n"
