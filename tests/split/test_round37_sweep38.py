"""Round 37, sweep38: the second sample of round 36's installed environment, linted under
each project's own config.

SCons' `Script/Main.py` imports `ENABLE_JSON`; `_set_debug_values` assigns it after `global
ENABLE_JSON` and `main` reads it after the same declaration. pyflakes takes that read for
`main`'s own and reports the import unused in the god file; ruff (and Python) take it for a
use. Split with the import and `_set_debug_values` in one module and `main` in another, the
import is unused to both linters there, but pyflakes' finding in the god file hid it from
`pyflakes_marks`: ruff's F401 on the new module.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from splitkit import apply, make_project, plan_texts, run_python, write_texts

SOURCE = """
    from os.path import sep


    def setter():
        global sep
        sep = "x"


    def reader():
        global sep
        return sep


    def other():
        return 1
"""


def _ruff(root: Path, select: str) -> str:
    ruff = Path(sys.executable).with_name("ruff")
    return subprocess.run([str(ruff), "check", "--isolated", "--select", select, "--output-format",
                           "concise", "pkg/big"], cwd=root, capture_output=True, text=True,
                          timeout=60).stdout


def test_an_import_read_through_global_elsewhere_is_marked_where_it_moves(tmp_path: Path) -> None:
    config = make_project(tmp_path, SOURCE, {"one": ["setter", "sep"], "two": ["reader", "other"]})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    assert "from os.path import sep  # noqa: F401\n" in texts["pkg/big/one.py"], texts["pkg/big/one.py"]
    result = apply(config)
    assert result.written and not result.errors, result.errors
    code = "import os, pkg.big as b\nprint(b.reader() == os.sep)\nb.setter()\nprint(b.reader())\n"
    assert run_python(tmp_path, code) == "True\nx\n"
    found = _ruff(tmp_path, "F,RUF100")
    assert "All checks passed" in found, found


@pytest.mark.parametrize("linter", ["ruff", "pyflakes"])
def test_an_import_read_through_global_in_its_own_module_is_not_marked(tmp_path: Path,
                                                                      linter: str) -> None:
    config = make_project(tmp_path, SOURCE, {"one": ["setter", "sep", "reader"], "two": ["other"]})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    assert "from os.path import sep\n" in texts["pkg/big/one.py"], texts["pkg/big/one.py"]
    if linter == "ruff":  # no unused noqa (RUF100): ruff reads it as used, as in the source
        result = apply(config)
        assert result.written and not result.errors, result.errors
        found = _ruff(tmp_path, "F,RUF100")
        assert "All checks passed" in found, found
    else:  # pyflakes' finding is the god file's own, copied: no mark hides it
        write_texts(tmp_path, texts)
        said = subprocess.run([sys.executable, "-m", "pyflakes", "pkg/big/one.py"], cwd=tmp_path,
                              capture_output=True, text=True, timeout=60).stdout
        assert "'os.path.sep' imported but unused" in said, said


# blessed's `keyboard.py` facade under its flake8 (max-line-length 100) and isort (grid
# wrapping): isort, grouping a module's `X as X` re-exports, joined the comments of the
# statements it merged with "; " (flake8 read the first code list only: 24 F401), and
# wrapped a long name past the line limit on a continuation line (3 E501).
TOX = "[flake8]\nmax-line-length = 79\n\n[isort]\nline_length = 79\nmulti_line_output = 1\n"
PREFIX = "BASE = 1\n__all__ = [\"Plain\"]\n\n"


def _flake8(root: Path, text: str) -> list[str]:
    (root / "facade.py").write_text(PREFIX + text)
    done = subprocess.run([sys.executable, "-m", "flake8", "facade.py"], cwd=root,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout.splitlines()


def test_noqa_comments_isort_joins_with_a_semicolon_become_one(tmp_path: Path) -> None:
    from godsplit.split.grouping import protect
    from godsplit.split.style import detect_style

    (tmp_path / "tox.ini").write_text(TOX)
    style = detect_style(tmp_path / "facade.py", stop=tmp_path)
    grouped = ("from pkg.pattern import (KEY_MENU as KEY_MENU,  # noqa: E402; noqa: F401, E402"
               "  # noqa: F401, E402, E501\n"
               "                         KEY_TAB as KEY_TAB,\n"
               "                         Plain)\n")
    assert len(_flake8(tmp_path, grouped)) == 3  # F401 twice and E501: as isort wrote it
    protected = protect(grouped, style)
    assert protected is not None
    assert "(KEY_MENU as KEY_MENU,  # noqa: E402, F401, E501\n" in protected, protected
    assert _flake8(tmp_path, protected) == []


def test_a_grouped_form_with_a_line_over_the_limit_is_not_kept(tmp_path: Path) -> None:
    from godsplit.split.grouping import protect
    from godsplit.split.style import detect_style

    (tmp_path / "tox.ini").write_text(TOX)
    style = detect_style(tmp_path / "facade.py", stop=tmp_path)
    grouped = ("from pkg.pattern import (KEY_MENU as KEY_MENU,  # noqa: F401, E402\n"
               "                         Plain,\n"
               "                         _match_legacy_csi_letter_form as _match_legacy_csi_letter_form)\n")
    assert [f.split(": ")[1][:4] for f in _flake8(tmp_path, grouped)] == ["E501"]
    assert protect(grouped, style) is None  # the sorter's one statement a name, marked
    short = grouped.replace("_match_legacy_csi_letter_form", "_match_csi")
    assert protect(short, style) is not None
    marked = grouped.replace("_form)\n", "_form)  # noqa: E501\n")  # its own mark: kept
    assert protect(marked, style) is not None


def test_a_copied_redefinition_names_another_first_line_and_is_copied(tmp_path: Path) -> None:
    """pwnlib's `ELF` (class attribute `address = 0x400000`, then `def address`): ruff's F811
    says "from line 208" in the god file and "from line 84" in the module the class moved to."""
    from benchkit import load_benchmark

    harness = load_benchmark("installed_god_files")
    work = tmp_path / "work"
    (work / "pkg" / "elf").mkdir(parents=True)
    body = "class ELF:\n    address = 1\n\n    def address(self):\n        return 2\n"
    (work / "pkg" / "elf.py").write_text("import os\n\n\n" + body)
    before = harness.python_files(work)
    (work / "pkg" / "elf" / "core.py").write_text(body)

    def lint(root: Path, paths: list[str]) -> list[str]:  # what ruff says in each file
        first = 5 if paths == ["pkg/elf.py"] else 2
        return [f"{path}:{first + 2}:9: F811 Redefinition of unused `address` from line {first}: "
                "`address` redefined here" for path in paths]

    old = harness.source_findings(work, "pkg/elf.py", lint)
    said = harness.findings(work, "pkg/elf.py", before, lint, "ruff", old)
    assert said == "ruff: source 1, written 1", said
