"""Verify means it: what is compared, what is said when the import check cannot run."""

from __future__ import annotations

import decimal
import subprocess
import sys
from pathlib import Path

import pytest

from godsplit.files import SourceText
from godsplit.split import probe
from godsplit.split.analyze import analyze
from godsplit.split.import_failure import failure_of as _failure
from godsplit.split.verify import Snapshot, compare_snapshots, interpreters, written

from splitkit import apply, make_project


def _analysis(text: str, path: str = "pkg/big.py") -> object:
    return analyze(SourceText(Path(path), text, "utf-8", "\n", False, False))


def test_signatures_type_hints_and_python_m_are_compared() -> None:
    before = Snapshot({"f": "builtins.function"}, ("f",), {"f": "(x: int) | [('x', \"<class 'int'>\")]"},
                      "a __main__ block")
    same = Snapshot(dict(before.names), before.star, dict(before.details), before.main)
    assert compare_snapshots(before, same, "big.py") == []
    after = Snapshot(dict(before.names), before.star,
                     {"f": "(x: int) | get_type_hints raised NameError: name 'int2' is not defined"},
                     "no __main__ block")
    codes = [f.code for f in compare_snapshots(before, after, "big.py")]
    assert codes == ["GS408", "GS409"]
    heavier = Snapshot(dict(before.names), before.star, dict(before.details), before.main,
                       ("importlib.util",))
    [finding] = compare_snapshots(before, heavier, "big.py")
    assert finding.code == "GS413" and "now also importlib.util" in finding.message


def _sample(x: decimal.Decimal, y: int = 3) -> None:
    pass


def test_probe_describes_moved_objects_with_module_names_normalised() -> None:
    text = probe.describe(_sample, ("decimal",))
    assert text.startswith("(x: '<split>.Decimal', y: 'int' = 3) -> 'None' | ")
    assert "<class '<split>.Decimal'>" in text


def test_import_failure_names_the_module_and_line() -> None:
    stderr = (
        'Traceback (most recent call last):\n  File "<string>", line 90, in <module>\n'
        '  File "<frozen importlib._bootstrap>", line 1204, in _gcd_import\n'
        '  File "/p/pkg/big/__init__.py", line 4, in <module>\n    from .a import f as f\n'
        '  File "/p/pkg/big/a.py", line 7, in <module>\n    X = helper()\n'
        "NameError: name 'helper' is not defined\n"
    )
    failure = _failure(stderr, 1)
    assert (failure.path, failure.line) == ("/p/pkg/big/a.py", 7)
    assert failure.error == "NameError: name 'helper' is not defined" and failure.missing is None
    missing = _failure("Traceback...\nModuleNotFoundError: No module named 'celery'\n", 1)
    assert missing.missing == "celery"


def test_a_missing_package_re_raised_as_another_error_is_still_missing() -> None:
    """pandas re-raises numpy's absence as an ImportError of its own: the interpreter
    lacks a package, and the project's virtualenv may have it (the split of a pandas
    module was only checked statically: godsplit's own interpreter stopped the search)."""
    stderr = (
        "Traceback (most recent call last):\n  File \"/p/pandas/__init__.py\", line 13\n"
        "ModuleNotFoundError: No module named 'numpy'\n\n"
        "The above exception was the direct cause of the following exception:\n\n"
        "Traceback (most recent call last):\n  File \"/p/pandas/__init__.py\", line 18\n"
        "ImportError: Unable to import required dependency numpy.\n"
    )
    failure = _failure(stderr, 1)
    assert failure.missing == "numpy"
    assert failure.error == "ImportError: Unable to import required dependency numpy."


def test_every_written_file_parses_and_reads_no_new_undefined_name() -> None:
    source = _analysis("def f():\n    return undefined_in_source\n")
    texts = {
        Path("pkg/big/a.py"): "def f():\n    return undefined_in_source + helper()\n",
        Path("pkg/big/b.py"): "def g(:\n",
    }
    findings = written(texts, source)  # type: ignore[arg-type]
    assert [(f.code, f.path, f.line) for f in findings] == [
        ("GS411", "pkg/big/a.py", 2), ("GS410", "pkg/big/b.py", 1)]
    assert "'helper'" in findings[0].message


def test_interpreters_include_the_projects_virtualenv(tmp_path: Path) -> None:
    python = tmp_path / ".venv/bin/python"
    python.parent.mkdir(parents=True)
    python.write_text("")
    (tmp_path / "pyproject.toml").write_text("")
    assert interpreters(tmp_path / "pkg") == [sys.executable, str(python)]


def test_without_the_import_check_it_says_what_was_checked(tmp_path: Path) -> None:
    source = "def f():\n    return 1\n\n\ndef g():\n    return 2\n"
    result = apply(make_project(tmp_path, source, {"a": ["f"], "b": ["g"]},
                                **{"verify-import": False}))
    assert result.written and not result.splits[0].imported
    [info] = [f for f in result.splits[0].findings if f.code == "GS412"]
    assert "import check skipped: verify-import = false; checked statically" in info.message


@pytest.mark.slow
def test_a_missing_package_is_found_in_the_projects_venv(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(tmp_path / ".venv")],
                   check=True)
    [site] = (tmp_path / ".venv/lib").glob("python*/site-packages")
    (site / "only_in_project_venv.py").write_text("VALUE = 1\n")
    (tmp_path / "pyproject.toml").write_text("")
    source = ("import only_in_project_venv\n\n\ndef f():\n    return only_in_project_venv.VALUE\n"
              "\n\ndef g():\n    return 2\n")
    result = apply(make_project(tmp_path, source, {"a": ["f"], "b": ["g"]}))
    assert result.written and result.splits[0].imported, result.errors


@pytest.mark.slow
def test_a_missing_package_everywhere_is_said_plainly(tmp_path: Path) -> None:
    source = "import not_installed_anywhere\n\n\ndef f():\n    return 1\n\n\ndef g():\n    return 2\n"
    result = apply(make_project(tmp_path, source, {"a": ["f"], "b": ["g"]}))
    assert result.written and not result.splits[0].imported
    [info] = [f for f in result.splits[0].findings if f.code == "GS412"]
    assert "it needs 'not_installed_anywhere', which no interpreter found has" in info.message
    assert "activate the project's virtualenv or set `verify-setup`" in info.message


def test_a_facade_of_a_script_that_imports_relatively_is_refused(tmp_path: Path) -> None:
    source = "def f():\n    return 1\n\n\ndef g():\n    return 2\n\n\nif __name__ == '__main__':\n    f()\n"
    result = apply(make_project(tmp_path, source, {"a": ["f"], "b": ["g"]}, path="pkg/__init__.py",
                                package="pkg", **{"import-style": "relative",
                                                  "verify-import": False}))
    assert not result.written and not result.rolled_back  # the plan says so
    [error] = [f for f in result.errors if f.code == "GS409"]
    assert "ran as a script" in error.message
