"""Bad input, round 10: what the sweep of every command found past `test_bad_input.py`.

- A source LibCST parses but the Python godsplit runs on cannot (PEP 695's `type X = int`
  or `def f[T]()` under 3.11, a PEP 701 f-string, 201 nested parentheses, `return` at top
  level), and git's conflict markers: `plan`, `apply` and `suggest` (with and without
  `--write`) exit 2 with `file:line: cause`, and the tree stays byte-identical. Before,
  plan and suggest planned the module and blamed godsplit ("GS410 godsplit wrote code that
  does not parse"), exit 1.
- The Python API's numbers: `suggest(modules=-1)` raised IndexError, `suggest(max_lines=0)`
  silently planned for 600, `check(jobs=0)` and `check(max_lines="5")` were taken or raised
  TypeError. Each is a GodsplitError now, as the CLI's options are checked by click.
- A source edited while apply runs (after it was planned, before the swap): the swap moved
  the edited file into a backup and commit deleted it, so the edit was lost with exit 0.
  Now apply refuses before swapping anything (exit 2, the file named) and the edit stays.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import godsplit
import godsplit.split.apply
from godsplit import GodsplitError
from godsplit.cli import main

from conftest import make_project, tree_files, tree_hash

BIG = '''\
"""A module to split."""
import json


def alpha():
    return json.dumps(1)


def beta():
    return alpha()


def gamma():
    return 3
'''
CONFIG = ('verify-import = false\n\n[[split]]\nsource = "big.py"\ndefault = "rest"\n\n'
          '[split.modules]\none = ["alpha"]\ntwo = ["beta"]\n')
NO_SPLITS = "verify-import = false\n"  # suggest --write would append its entry here
NEWER = sys.version_info < (3, 12)

# (id, what is appended to BIG, the line it starts at is the line named, words of the cause)
SOURCES = [
    pytest.param("\n\ntype X = int\n", ("cannot parse with Python 3.", "newer Python"),
                 id="pep695-type-alias", marks=pytest.mark.skipif(not NEWER, reason="3.12+")),
    pytest.param("\n\ndef ident[T](x: T) -> T:\n    return x\n",
                 ("cannot parse with Python 3.", "newer Python"), id="pep695-generic-def",
                 marks=pytest.mark.skipif(not NEWER, reason="3.12+ parses it")),
    pytest.param("\n\nY = f\"{'a' + f\"{1}\"}\"\n", ("cannot parse with Python 3.",),
                 id="pep701-nested-fstring",
                 marks=pytest.mark.skipif(not NEWER, reason="3.12+ parses it")),
    pytest.param("\n\nreturn 3\n", ("Python cannot compile this", "'return' outside function"),
                 id="return-at-top-level"),
    pytest.param("X = " + "(" * 201 + "1" + ")" * 201 + "\n",
                 ("cannot parse", "too many nested parentheses"), id="python-nesting-limit"),
    pytest.param("<<<<<<< HEAD\nX = 1\n=======\nX = 2\n>>>>>>> theirs\n",
                 ("unresolved merge conflict", "conflict markers"), id="conflict-markers"),
]
COMMANDS = [("plan",), ("apply",), ("suggest", "big.py"), ("suggest", "big.py", "--write")]


def _invoke(root: Path, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, [*args, "--config", "godsplit.toml"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback would reach the user
    return result.exit_code, result.output


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
@pytest.mark.parametrize(("tail", "words"), SOURCES)
def test_a_source_python_cannot_compile_is_bad_input_at_its_line(
    tail: str, words: tuple[str, ...], args: tuple[str, ...], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = BIG + tail
    line = next(i for i, text in enumerate(source.splitlines(), 1)
                if i > BIG.count("\n") and text.strip())
    config = NO_SPLITS if args[0] == "suggest" else CONFIG
    root = make_project(tmp_path / "project", {"big.py": source}, config)
    before = tree_hash(root)
    status, output = _invoke(root, args, monkeypatch)
    assert status == 2, output
    assert output.startswith(f"error: big.py:{line}: "), output
    assert len(output.strip().splitlines()) == 1, output
    for word in words:
        assert word in output, output
    assert "GS410" not in output and "godsplit wrote" not in output
    assert tree_hash(root) == before


def test_an_ordinary_syntax_error_gets_no_newer_python_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_project(tmp_path, {"big.py": BIG + "\n\ndef broken(:\n    pass\n"}, CONFIG)
    status, output = _invoke(root, ("plan",), monkeypatch)
    assert status == 2 and "big.py:17: cannot parse" in output, output
    assert "newer" not in output


def test_syntax_warnings_of_the_source_are_not_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str],
) -> None:
    """Compiling the source to check it must not print Python's SyntaxWarnings (an invalid
    escape sequence is the project's business, not an error of the split)."""
    root = make_project(tmp_path, {"big.py": BIG + 'PATTERN = "\\d+"\n'}, CONFIG)
    status, output = _invoke(root, ("plan",), monkeypatch)
    assert status == 0, output
    assert "SyntaxWarning" not in output + capfd.readouterr().err


# --- the Python API's numbers ------------------------------------------------------------

API_CALLS = {
    "suggest-modules-negative": lambda: godsplit.suggest("big.py", modules=-1),
    "suggest-modules-zero": lambda: godsplit.suggest("big.py", modules=0),
    "suggest-max-lines-zero": lambda: godsplit.suggest("big.py", max_lines=0),
    "suggest-max-lines-bool": lambda: godsplit.suggest("big.py", max_lines=True),
    "check-jobs-zero": lambda: godsplit.check("big.py", jobs=0),
    "check-jobs-negative": lambda: godsplit.check("big.py", jobs=-2),
    "check-max-lines-string": lambda: godsplit.check("big.py", max_lines="5"),  # type: ignore[arg-type]
    "update-baseline-max-lines-zero": lambda: godsplit.update_baseline("big.py", max_lines=0),
}


@pytest.mark.parametrize("call", API_CALLS.values(), ids=API_CALLS.keys())
def test_api_numbers_out_of_range_are_a_godsplit_error(
    call: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_project(tmp_path, {"big.py": BIG}, NO_SPLITS)
    monkeypatch.chdir(root)
    before = tree_hash(root)
    with pytest.raises(GodsplitError, match="must be a positive integer"):
        call()  # type: ignore[operator]
    assert tree_hash(root) == before


def test_api_suggest_modules_in_range_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(make_project(tmp_path, {"big.py": BIG}, NO_SPLITS))
    assert len(godsplit.suggest("big.py", modules=2).modules) == 2


# --- the source edited while apply runs ---------------------------------------------------

EDIT = b"\nEDITED_WHILE_APPLY_RAN = 1\n"


def _edit_after_planning(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    """Append to the source once it is planned, while apply scans the project (a person
    saving the file in an editor while apply runs its import check)."""
    scan = godsplit.split.apply.references

    def scan_then_edit(*args: object, **kwargs: object) -> object:
        with open(root / "big.py", "ab") as handle:
            handle.write(EDIT)
        return scan(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(godsplit.split.apply, "references", scan_then_edit)


def test_a_source_edited_while_apply_runs_is_refused_and_the_edit_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_project(tmp_path / "project", {"big.py": BIG}, CONFIG)
    edited = {**tree_files(root), "big.py": BIG.encode() + EDIT}
    _edit_after_planning(monkeypatch, root)
    status, output = _invoke(root, ("apply",), monkeypatch)
    assert status == 2, output
    assert output.startswith("error: big.py: changed while godsplit ran"), output
    assert "nothing was changed" in output
    assert tree_files(root) == edited  # the edit is there; nothing else is


def test_api_apply_with_an_edit_raises_and_a_rerun_splits_the_edited_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_project(tmp_path / "project", {"big.py": BIG}, CONFIG)
    monkeypatch.chdir(root)
    with monkeypatch.context() as patch:
        _edit_after_planning(patch, root)
        with pytest.raises(GodsplitError, match="changed while godsplit ran"):
            godsplit.apply()
    assert (root / "big.py").read_bytes() == BIG.encode() + EDIT
    assert godsplit.apply().written
    assert "EDITED_WHILE_APPLY_RAN" in (root / "big" / "rest.py").read_text()
