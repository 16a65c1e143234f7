"""Bugs found in round 9 (trial9) splitting real god files not tried before (tornado's
`web.py`, flask 2.2's `app.py`, pygments' `lexers/lisp.py`, rich's `console.py`) and
running each library's own suite before and after: each a minimal `pkg/big.py`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from splitkit import make_project, plan_texts, same_behaviour

# tornado 6.4.1's web.py: its `typing` imports come after `url = URLSpec`, one name a line.
LATE_IMPORT = """
    import os

    VALUE = 1

    from typing import (
        Dict,
        Any,
        Optional,
    )


    def first() -> Optional[int]:
        return VALUE


    def second() -> Dict[str, Any]:
        return {os.sep: VALUE}
"""


def _formatted(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ruff", "format", "--check", "--diff",
                           "--isolated", str(path)], capture_output=True, text=True)


def test_a_trimmed_import_a_name_a_line_is_written_as_a_formatter_writes_it(
        tmp_path: Path) -> None:
    """Each new module keeps the names of a parenthesized import it reads; the last one kept
    lost the source's trailing comma and the line break before `)`: `    Optional)`, which
    black and ruff format both rewrite (nine of tornado's ten new modules)."""
    config = make_project(tmp_path, LATE_IMPORT, {"one": ["first"], "two": ["second"]})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    one, two = texts["pkg/big/one.py"], texts["pkg/big/two.py"]
    assert "from typing import Optional\n" in one
    # sorted as the head of imports is (round 35: late imports that join it are sorted with it)
    assert "from typing import Any, Dict\n" in two
    for name in ("one", "two"):
        path = tmp_path / f"{name}.py"
        path.write_text(texts[f"pkg/big/{name}.py"])
        proc = _formatted(path)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_a_trimmed_import_too_long_for_a_line_keeps_a_name_a_line(tmp_path: Path) -> None:
    names = [f"name_number_{i}" for i in range(8)]
    listed = "".join(f"        {n},\n" for n in names)
    source = ("    VALUE = 1\n\n    from os.path import (\n" + listed + "    )\n\n\n"
              "    def first():\n        return [" + ", ".join(names[:7]) + "]\n\n\n"
              "    def second():\n        return name_number_7\n")
    config = make_project(tmp_path, source.replace("from os.path", "from pkg.names"),
                          {"one": ["first", "VALUE"], "two": ["second"]},
                          files={"pkg/names.py": "".join(f"{n} = 1\n" for n in names)})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    kept = "".join(f"    {n},\n" for n in names[:7])
    assert f"from pkg.names import (\n{kept})\n" in texts["pkg/big/one.py"]


def _one_big_class(methods: int) -> str:
    body = "".join(f"\n        def m{i}(self):\n            return _helper({i})\n"
                   for i in range(methods))
    return f"""
    def _helper(x):
        return x


    class Big:
        '''All of the file but a helper.'''
{body}
    """


def test_a_file_that_is_one_big_class_still_gets_a_suggestion(tmp_path: Path) -> None:
    """flask 2.2.5's `app.py` (2,552 lines) is `Flask` (2,445) and a few helpers: suggest
    is never a dead end (issue 14): one module over max-lines, a warning that names the
    class to split, and exit 0; `--write` writes the mapping."""
    make_project(tmp_path, _one_big_class(40), {"one": ["Big"]})
    (tmp_path / "godsplit.toml").write_text("max-lines = 60\n")
    proc = subprocess.run([sys.executable, "-m", "godsplit", "suggest", "pkg/big.py",
                           "--write"], cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "consider splitting Big" in proc.stdout + proc.stderr
    assert "[[split]]" in (tmp_path / "godsplit.toml").read_text()


def test_suggest_still_splits_a_big_class_from_the_rest(tmp_path: Path) -> None:
    source = _one_big_class(40) + "".join(
        f"\n\n    def other{i}(a):\n        b = a + {i}\n        c = b * 2\n        return c\n"
        for i in range(12))
    config = make_project(tmp_path, source, {"one": ["Big"]})
    (tmp_path / "godsplit.toml").write_text("max-lines = 60\n")
    proc = subprocess.run([sys.executable, "-m", "godsplit", "suggest", "pkg/big.py"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert config.splits


MODULE_OF_A_MODULE = """
    import sys
    import os.path as osp


    def interactive():
        if hasattr(sys.stdin, "__module__") and sys.stdin.__module__.startswith("idlelib"):
            return False
        return getattr(osp.join, "__module__", None)


    class Thing:
        pass
"""


def test_reading_the_module_of_an_imported_modules_attribute_is_a_plan_error(
        tmp_path: Path) -> None:
    """rich 13.9.4's `Console.is_terminal` reads `sys.stdin.__module__` (to spot IDLE).
    Another module may have put an instance of a moved class there (rich's `Live` swaps
    sys.stdout for a proxy of its own), so the read is not provably unchanged: GS119, at
    the read's line, until keep-module-name is set, and then the split behaves the same."""
    modules = {"one": ["interactive"], "two": ["Thing"]}
    plan, _ = plan_texts(make_project(tmp_path / "plan", MODULE_OF_A_MODULE, modules))
    assert [f.code for f in plan.errors] == ["GS119"], [f.render() for f in plan.errors]
    assert plan.errors[0].line in (7, 8)  # a read of `interactive`, which reads two
    keep = {"keep-module-name": True}
    plan, _ = plan_texts(make_project(tmp_path / "kept", MODULE_OF_A_MODULE, modules, **keep))
    assert not plan.errors, [f.render() for f in plan.errors]
    assert same_behaviour(tmp_path / "run", MODULE_OF_A_MODULE, modules,
                          "import pkg.big as m; print(m.interactive())", **keep).strip() == (
        "posixpath")


LEADING = """
    import os

    from celery import shared_task


    # Errors a caller sees.
    class CartError(Exception):
        pass


    @shared_task
    def add_items(n):
        if n < 0:
            raise CartError(os.sep)
        return n
"""


def test_findings_point_at_the_code_not_the_blank_lines_above_it(tmp_path: Path) -> None:
    """pretix's cart.py: GS208 for `class CartError` (line 84) said line 82, and GS200 for
    each task its decorator's line minus 2: the blank lines and comments before a
    statement were counted as its start."""
    config = make_project(tmp_path, LEADING, {"errors": ["CartError"], "tasks": ["add_items"]})
    plan, _ = plan_texts(config)
    lines = {f.code: f.line for f in plan.findings}
    assert lines["GS208"] == 7  # class CartError
    assert lines["GS200"] == 11  # @shared_task


ISORT_COMBINES = """
    from os.path import (
        join as _join, basename, dirname, splitext, sep,
    )


    def first():
        return _join("a", sep) + basename("b") + dirname("c") + splitext("d")[0]


    def second():
        return sep
"""
# the re-export fits isort's 79 columns, not with its noqa (pretix's `_save_answers`)
ISORT_WRAPS = """
    from pkg.helpers import _a_rather_private_helper


    def first():
        return 1


    def second():
        return _a_rather_private_helper()
"""
PRETIX_STYLE = ("[isort]\ncombine_as_imports = true\ninclude_trailing_comma = true\n"
                "known_first_party = pkg\nmulti_line_output = 5\nline_length = 79\n"
                "honor_noqa = true\n\n[flake8]\nmax-line-length = 160\n")


@pytest.mark.parametrize("source", [ISORT_COMBINES, ISORT_WRAPS], ids=["merges", "wraps"])
def test_a_facade_import_marked_noqa_is_as_isort_writes_it(tmp_path: Path, source: str) -> None:
    """pretix's cart.py split failed pretix's `isort --check` (flake8 passed): the facade
    re-exports `gettext as _` (no `X as X` form) with `# noqa: F401` on a statement of its
    own, written `(\n    gettext as _)  # noqa`, which isort leaves while `--check` merges
    it once written on one line (combine_as_imports); and the private re-export
    `_save_answers as _save_answers`, marked after isort sorted it, was over isort's 79
    columns, which isort wraps."""
    helpers = "def _a_rather_private_helper():\n    return 'x'\n"
    config = make_project(tmp_path, source, {"one": ["first"], "two": ["second"]},
                          files={"setup.cfg": PRETIX_STYLE, "pkg/helpers.py": helpers})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    facade = tmp_path / "facade.py"
    facade.write_text(texts["pkg/big/__init__.py"])
    settings = ["--settings-path", str(tmp_path / "setup.cfg")]
    isort = subprocess.run([sys.executable, "-m", "isort", "--check-only", "--diff", *settings,
                            str(facade)], capture_output=True, text=True)
    assert isort.returncode == 0, isort.stdout + isort.stderr
    flake8 = subprocess.run([sys.executable, "-m", "flake8", "--config",
                             str(tmp_path / "setup.cfg"), "--select", "F", str(facade)],
                            capture_output=True, text=True)
    assert flake8.returncode == 0, flake8.stdout + flake8.stderr
