"""Round 16 (polish17): output-quality leftovers of round 15, each a minimal `pkg/big.py`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import godsplit.split.apply
import godsplit.split.git_changes
from godsplit.split.git_changes import uncommitted
from godsplit.split.style import detect_style
from godsplit.split.type_comments import type_comment_reads
from godsplit.types import Finding

from splitkit import apply, dedent, make_project, plan_texts, run_python

# pip 19.3.1's `wheel.py` types its functions with PEP 484 type comments and imports the
# types they name under `if MYPY_CHECK_RUNNING:`. godsplit did not read the comments: split
# by the maintainers' grouping, the new modules imported none of those names and mypy,
# clean on the source, reported 64 `name-defined` errors on the split package.
TYPE_COMMENTS = """
    from typing import TYPE_CHECKING, List

    from pkg.models import Thing

    if TYPE_CHECKING:
        from pkg.other import Bar, Foo


    def make(x):
        # type: (Foo) -> int
        return 1


    def keep(items):
        # type: (List[Bar]) -> None
        found = []  # type: List[Thing]  # the names a type comment reads
        print(items, found)  # type: ignore
"""
TYPE_FILES = {
    "pkg/models.py": "class Thing:\n    pass\n",
    "pkg/other.py": "class Foo:\n    pass\n\n\nclass Bar:\n    pass\n",
    "setup.cfg": "[mypy]\ndisallow_untyped_defs = True\n",
}


def _mypy(root: Path) -> list[str]:
    """The errors mypy (the project's setup.cfg) reports on the package, without lines."""
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", "/dev/null",
         "--no-error-summary", "pkg"], cwd=root, capture_output=True, text=True, timeout=300)
    return sorted(re.sub(r":\d+:", ":", line) for line in proc.stdout.splitlines()
                  if ": error:" in line)


def test_names_read_in_type_comments_are_imported_where_the_code_moves(tmp_path: Path) -> None:
    before = tmp_path / "before"
    make_project(before, TYPE_COMMENTS, {"one": ["make"], "two": ["keep"]}, files=TYPE_FILES)
    assert _mypy(before) == []
    after = tmp_path / "after"
    config = make_project(after, TYPE_COMMENTS, {"one": ["make"], "two": ["keep"]},
                          files=TYPE_FILES)
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    one, two = texts["pkg/big/one.py"], texts["pkg/big/two.py"]
    # under TYPE_CHECKING, as the source imports them; a linter that does not read type
    # comments (ruff, pyflakes 3+) takes them for unused: a targeted noqa
    assert "if TYPE_CHECKING:\n    from pkg.other import Foo  # noqa: F401\n" in one, one
    assert "if TYPE_CHECKING:\n    from pkg.other import Bar  # noqa: F401\n" in two, two
    assert "from pkg.models import Thing  # noqa: F401\n" in two, two
    assert re.search(r"^    List,  # noqa: F401$|^from typing import List  # noqa: F401$",
                     two, re.MULTILINE), two
    assert "Bar" not in one and "Thing" not in one and "List" not in one, one
    result = apply(config)
    assert result.written and not result.errors, result.errors
    assert _mypy(after) == []
    code = "import pkg.big as m; print(m.make(None)); m.keep([1])"
    assert run_python(after, code) == run_python(before, code) == "1\n[1] []\n"


def test_type_comment_reads_skip_ignores_and_map_to_their_statement() -> None:
    text = dedent("""
        import a  # type: ignore[import]
        x = []  # type: List[a.B]  # trailing words
        def f(y):  # type: (C) -> "D"
            z = 1  # type: E
    """)
    reads: dict[int, dict[str, list[bool]]] = {0: {}, 1: {}, 2: {"C": [True, False]}}
    hints = type_comment_reads(text, [1, 2, 3, 5], {"a", "List", "C", "D", "E"}, reads)
    assert hints == {1: {"a", "List"}, 2: {"D", "E"}}
    assert reads[2] == {"C": [True, False], "D": [False, True], "E": [False, True]}
    assert reads[0] == {}


# XlsxWriter's Makefile runs `ruff check` and `flake8 --max-line-length=88
# --ignore=E203,W503` and the project has no flake8 (nor ruff) configuration file: godsplit
# wrote for ruff alone, and pyflakes reported the facade's `X as X` re-exports of private
# names as unused (F401: 4 on XlsxWriter's worksheet.py).
MAKEFILE = "lint:\n\truff check .\n\tflake8 --max-line-length=88 --ignore=E203,W503 pkg\n"
PRIVATE = """
    import os

    _CACHE = {}


    def _helper(x):
        return os.path.join(x, "a")


    def public(x):
        return _helper(x) + str(len(_CACHE))


    def other(y):
        return _helper(y)
"""
PRIVATE_MAP = {"one": ["_CACHE", "_helper", "public"], "two": ["other"]}


def test_flake8_run_by_a_makefile_is_the_projects_linter(tmp_path: Path) -> None:
    (tmp_path / "Makefile").write_text(MAKEFILE)
    style = detect_style(tmp_path / "pkg" / "big.py", stop=tmp_path)
    assert style.linters == ("ruff", "flake8") and style.pyflakes
    assert style.lint_line_length == 88 and style.flake8 is not None
    assert not style.flake8.enables("E203") and style.flake8.enables("E501")
    (tmp_path / "Makefile").write_text("lint:\n\tpyflakes pkg\n")  # pyflakes alone: F
    style = detect_style(tmp_path / "pkg" / "big.py", stop=tmp_path)
    assert style.linters == ("flake8",) and style.pyflakes and style.lint_line_length is None
    (tmp_path / "Makefile").write_text("# flake8 pkg\ntest:\n\tpytest\n")  # a comment
    assert detect_style(tmp_path / "pkg" / "big.py", stop=tmp_path).linters == ("ruff",)
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "ci.yml").write_text("    - run: pip install flake8\n    - run: flake8 "
                                      "--select=E,F --max-line-length 100 .\n")
    style = detect_style(tmp_path / "pkg" / "big.py", stop=tmp_path)
    assert style.linters == ("flake8",) and style.lint_line_length == 100


def _lint(root: Path, *command: str) -> str:
    proc = subprocess.run([sys.executable, "-m", *command], cwd=root, capture_output=True,
                          text=True, timeout=300)
    return proc.stdout + proc.stderr


def test_a_facade_is_clean_under_flake8_and_ruff_run_by_a_makefile(tmp_path: Path) -> None:
    config = make_project(tmp_path, PRIVATE, PRIVATE_MAP, files={"Makefile": MAKEFILE})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    facade = texts["pkg/big/__init__.py"]
    assert "from .one import _CACHE as _CACHE  # noqa: F401, RUF100\n" in facade, facade
    assert "from .one import _helper as _helper  # noqa: F401, RUF100\n" in facade, facade
    assert "from .one import public\n" in facade  # listed in `__all__`: used
    result = apply(config)
    assert result.written and not result.errors, result.errors
    assert _lint(tmp_path, "flake8", "--max-line-length=88", "--ignore=E203,W503",
                 "pkg") == ""
    for select in ((), ("--select", "E4,E7,E9,F,I")):  # the installed ruff's, older ones'
        assert "All checks passed!" in _lint(tmp_path, "ruff", "check", "--isolated",
                                             *select, "pkg")
    # the same source without the Makefile: ruff's defaults alone, no noqa
    _, plain = plan_texts(make_project(tmp_path / "plain", PRIVATE, PRIVATE_MAP))
    assert "from .one import _CACHE as _CACHE\n" in plain["pkg/big/__init__.py"]


# A targeted noqa that godsplit adds after formatting (ruff's A004 here: a re-export of a
# name shadowing a builtin) made an import longer than black's line length: black wrapped
# it and left the noqa after the closing parenthesis, where ruff does not look (A004 again).
BUILTINS = """
    def open(path):
        return path


    def max(a, b):
        return a


    def user(x):
        return open(x), max(x, x)
"""
LONG_MODULE = "streams_and_files_of_a_rather_long_module_name_here_yes"
RUFF_A = '[tool.ruff]\nline-length = 88\n[tool.ruff.lint]\nselect = ["A", "E501", "F", "I"]\n'
WRAPPED = (f"from .{LONG_MODULE} import (\n    max,  # noqa: A004\n"
           "    open,  # noqa: A004\n)\n")


def test_a_noqa_that_makes_an_import_too_long_goes_on_its_wrapped_names(
        tmp_path: Path) -> None:
    for name, files, tools in [
        ("black", {"pyproject.toml": RUFF_A + "[tool.black]\nline-length = 88\n"},
         [("black", "--check", "pkg")]),
        ("flake8", {"pyproject.toml": RUFF_A, ".flake8": "[flake8]\nmax-line-length = 88\n"},
         [("flake8", "--select=E501", "pkg"), ("ruff", "format", "--check", "pkg")]),
    ]:
        root = tmp_path / name
        mapping = {LONG_MODULE: ["open", "max"], "b": ["user"]}
        config = make_project(root, BUILTINS, mapping, files=files)
        texts = [plan_texts(config)[1] for _ in range(2)]
        assert texts[0] == texts[1]  # stable
        for path in ("pkg/big/__init__.py", "pkg/big/b.py"):
            assert WRAPPED in texts[0][path], texts[0][path]
        result = apply(config)
        assert result.written and not result.errors, result.errors
        assert "A004" not in _lint(root, "ruff", "check", "pkg")
        for tool in tools:
            out = _lint(root, *tool)
            assert "E501" not in out and "would reformat" not in out, out


# `apply` said nothing of uncommitted changes in the files it writes over or deletes: the
# diff after the split then mixes them in. Now a note (GS223, info), not a refusal: a
# rollback restores those files as apply read them, edits included, byte for byte.
SMALL = """
    def first():
        return 1


    def second():
        return first() + 1
"""


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=root,
                   check=True, capture_output=True)


def test_apply_notes_uncommitted_changes_and_a_rollback_keeps_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_project(tmp_path, SMALL, {"one": ["first"], "two": ["second"]})
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "before")
    big = tmp_path / "pkg" / "big.py"
    edited = big.read_bytes().replace(b"return 1\n", b"return 1  # mine\r\n")
    big.write_bytes(edited)

    def differs(before: object, after: object, path: str) -> list[Finding]:
        return [Finding("GS401", "error", "the facade no longer binds: first", path, 1)]

    with monkeypatch.context() as patched:  # a verify difference: rolled back
        patched.setattr(godsplit.split.apply, "compare_static", differs)
        result = apply(config)
    assert result.rolled_back and big.read_bytes() == edited
    assert not (tmp_path / "pkg" / "big").exists()
    result = apply(config)
    assert result.written and not result.errors, result.errors
    notes = [f for f in result.splits[0].findings if f.code == "GS223"]
    assert [(n.severity, n.path) for n in notes] == [("info", "pkg/big.py")]
    assert "1 file this apply writes over or deletes has changes git has not committed " \
           "(pkg/big.py)" in notes[0].message
    assert run_python(tmp_path, "import pkg.big as m; print(m.second())") == "2\n"


def test_no_note_and_no_git_process_outside_a_git_tree(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_project(tmp_path, SMALL, {"one": ["first"], "two": ["second"]})

    def no_process(*args: object, **kwargs: object) -> None:
        raise AssertionError("git was run")

    monkeypatch.setattr(godsplit.split.git_changes.subprocess, "run", no_process)
    assert uncommitted(tmp_path, [tmp_path / "pkg" / "big.py"]) == []
    monkeypatch.undo()
    result = apply(config)
    assert result.written and not any(f.code == "GS223" for f in result.splits[0].findings)
