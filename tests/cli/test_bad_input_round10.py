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
from test_bad_input import BIG  # the same small module to split

import godsplit
import godsplit.split.apply
from godsplit import GodsplitError
from godsplit.cli import main

from conftest import make_project, tree_files, tree_hash

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


# --- names the file system refuses --------------------------------------------------------

LONG = "m" * 300  # a file name has at most 255 bytes: ENAMETOOLONG


@pytest.mark.parametrize(("config", "line", "words"), [
    pytest.param(CONFIG.replace("two = ", f"{LONG} = "), ":9: ", ("module name", "too long"),
                 id="module-name"),
    pytest.param(CONFIG.replace('default = "rest"', f'package = "{LONG}"'), ":5: ",
                 ("package", "too long"), id="package-path"),
])
@pytest.mark.parametrize("command", ["plan", "apply"])
def test_a_name_too_long_for_a_file_is_a_config_error(
    config: str, line: str, words: tuple[str, ...], command: str, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before, apply crashed with ENAMETOOLONG while staging and left its journal and a
    half-made package; every later apply crashed in the rollback of that journal."""
    root = make_project(tmp_path, {"big.py": BIG}, config)
    before = tree_hash(root)
    status, output = _invoke(root, (command,), monkeypatch)
    assert status == 2 and output.startswith(f"error: godsplit.toml{line}"), output
    assert all(word in output for word in words), output
    assert tree_hash(root) == before


def test_a_write_the_file_system_refuses_rolls_back_and_leaves_no_journal(
    tmp_path: Path,
) -> None:
    """The transaction itself, given a path no config check stopped: one clear error, the
    old tree, no journal, and a rollback that does not trip over the path it never made."""
    from godsplit.split.write import JOURNAL, begin
    from godsplit.types import FileChange

    root = make_project(tmp_path, {"big.py": BIG})
    before = tree_hash(root)
    changes = [FileChange(root / "big" / "__init__.py", b"x = 1\n"),
               FileChange(root / "big" / f"{LONG}.py", b"y = 2\n")]
    with pytest.raises(GodsplitError, match="nothing was changed"):
        begin(root, changes)
    assert not (root / JOURNAL).exists()
    assert tree_hash(root) == before


PATH_ARGS = [("check", f"{LONG}.py"), ("suggest", f"{LONG}.py"), ("plan", "--config", f"{LONG}.toml")]


@pytest.mark.parametrize("args", PATH_ARGS, ids=[a[0] + (" --config" if len(a) > 2 else "")
                                                for a in PATH_ARGS])
def test_a_path_argument_too_long_is_one_line_not_a_traceback(
    args: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_project(tmp_path, {"big.py": BIG}, CONFIG)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, list(args))
    assert not isinstance(result.exception, OSError), result.exception
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"error: {LONG}") and "too long" in result.output


def test_api_turns_an_os_error_into_a_godsplit_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(make_project(tmp_path, {"big.py": BIG}, CONFIG))
    with pytest.raises(GodsplitError, match="too long") as caught:
        godsplit.check(f"{LONG}.py")
    assert caught.value.path is not None and LONG in str(caught.value.path)


# --- the config ----------------------------------------------------------------------------

@pytest.mark.parametrize("args", [("plan",), ("check",), ("suggest", "big.py")])
def test_tool_godsplit_that_is_not_a_table_is_a_config_error(
    args: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`[tool]` with `godsplit = 3` crashed every command (AttributeError: 'int' object
    has no attribute 'get')."""
    root = make_project(tmp_path, {"big.py": BIG, "pyproject.toml":
                                   '[project]\nname = "x"\n\n[tool]\ngodsplit = 3\n'})
    before = tree_hash(root)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, list(args))
    assert not isinstance(result.exception, AttributeError), result.exception
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: pyproject.toml:5: 'godsplit' must be a table")
    assert tree_hash(root) == before


def test_suggest_write_that_fails_midway_leaves_the_config_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A full disk while appending the entry: the config was written in place, so half of
    it was lost; now the entry goes to a temporary file renamed over the config."""
    config = "# the project's own settings\nverify-import = false\nmax-lines = 500\n"
    root = make_project(tmp_path, {"big.py": BIG}, config)
    before = tree_files(root)
    write_bytes = Path.write_bytes

    def disk_full(self: Path, data: bytes) -> int:  # type: ignore[override]
        write_bytes(self, data[: len(data) // 2])
        raise OSError(28, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_bytes", disk_full)
    status, output = _invoke(root, ("suggest", "big.py", "--write"), monkeypatch)
    assert status == 2, output
    assert "No space left on device" in output and "godsplit.toml" in output
    assert tree_files(root) == before


# --- the command line ---------------------------------------------------------------------

@pytest.mark.parametrize("args", [("--check", "--diff"), ("--check", "--format", "json"),
                                  ("--diff", "--format", "json")])
def test_plan_options_that_would_drop_one_another_are_a_usage_error(
    args: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`plan --check --format json` printed text, and `plan --diff --format json` a diff:
    a script asking for JSON got something else."""
    root = make_project(tmp_path, {"big.py": BIG}, CONFIG)
    status, output = _invoke(root, ("plan", *args), monkeypatch)
    assert status == 2 and "cannot be combined" in output, output


def test_python_m_godsplit_beside_a_module_named_like_the_stdlib(tmp_path: Path) -> None:
    """`python -m godsplit` puts the current directory first on sys.path, so godsplit's own
    `import json` loaded the project's json.py: AttributeError tracebacks from suggest and
    apply. godsplit now drops that entry."""
    import os
    import subprocess

    source = BIG.replace("import json", "import os").replace("json.dumps(1)", "os.sep")
    root = make_project(tmp_path, {"json.py": source},
                        CONFIG.replace('"big.py"', '"json.py"'))
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    for args in (["suggest", "json.py"], ["apply"]):
        proc = subprocess.run([sys.executable, "-m", "godsplit", *args], cwd=root, env=env,
                              capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr
    assert (root / "json" / "__init__.py").is_file()


# --- after the split: migrate and retire on a tree that changed -------------------------

USER = "from big import alpha\nimport big\n\nprint(alpha(), big.beta())\n"


def _applied(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    status, output = _invoke(root, ("apply",), monkeypatch)
    assert status == 0, output
    (root / "user.py").write_text(USER)


@pytest.mark.parametrize("args", [("migrate",), ("migrate", "--check"), ("retire",)])
def test_migrate_refuses_a_split_whose_new_module_is_gone(
    args: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """big/one.py deleted after the split: migrate rewrote `from big import alpha` to
    `from big.one import alpha` (exit 0), a module that is not there."""
    root = make_project(tmp_path, {"big.py": BIG}, CONFIG)
    _applied(root, monkeypatch)
    (root / "big" / "one.py").unlink()
    before = tree_hash(root)
    status, output = _invoke(root, args, monkeypatch)
    assert status == 2, output
    assert output.startswith("error: big/one.py: the facade big/__init__.py imports from "
                             "big.one, which is not there"), output
    assert tree_hash(root) == before


@pytest.mark.parametrize("args", [("migrate",), ("retire",)])
def test_conflict_markers_in_a_facade_are_named_by_migrate_and_retire(
    args: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_project(tmp_path, {"big.py": BIG}, CONFIG)
    _applied(root, monkeypatch)
    facade = root / "big" / "__init__.py"
    text = facade.read_text()
    facade.write_text(text + "<<<<<<< HEAD\nX = 1\n=======\nX = 2\n>>>>>>> theirs\n")
    before = tree_hash(root)
    status, output = _invoke(root, args, monkeypatch)
    assert status == 2, output
    line = text.count("\n") + 1
    assert output.startswith(f"error: big/__init__.py:{line}: an unresolved merge conflict")
    assert tree_hash(root) == before


# --- check on paths that are not files ----------------------------------------------------

def test_check_names_a_broken_symlink_and_a_pipe_for_what_they_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Both were "no such file or directory"; the pipe exists, the symlink too."""
    import os

    root = make_project(tmp_path, {"x.py": "x = 1\n"})
    (root / "dangling.py").symlink_to("nowhere.py")
    os.mkfifo(root / "pipe.py")
    monkeypatch.chdir(root)
    for name, words in (("dangling.py", "a broken symlink (to nowhere.py)"),
                        ("pipe.py", "not a regular file or a directory (a pipe, a device)"),
                        ("missing.py", "no such file or directory")):
        result = CliRunner().invoke(main, ["check", name])
        assert result.exit_code == 2 and result.output == f"error: {name}: {words}\n", \
            result.output


def test_a_file_edited_while_migrate_runs_is_refused_and_the_edit_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """migrate reads the project, imports it (slow), then writes: an edit saved in between
    went into the backup that commit deletes. As for apply, it is refused now."""
    import godsplit.migration.core as core

    root = make_project(tmp_path, {"big.py": BIG}, CONFIG)
    _applied(root, monkeypatch)
    prepare = core.Migration.prepare

    def prepare_then_edit(self: core.Migration) -> None:
        prepare(self)
        with open(root / "user.py", "a") as handle:
            handle.write("EDITED = 1\n")

    monkeypatch.setattr(core.Migration, "prepare", prepare_then_edit)
    status, output = _invoke(root, ("migrate",), monkeypatch)
    assert status == 2, output
    assert output.startswith("error: user.py: changed while godsplit ran"), output
    assert (root / "user.py").read_text() == USER + "EDITED = 1\n"
