"""Bad input, round 15 (badinput16): what an adversarial pass over every command still
found, each test failing before its fix.

- `verify-setup` that does not compile was accepted; every import check then said
  "it does not import on its own (SyntaxError: invalid syntax); set `verify-setup`", which
  was set. It is a config error now, at its line. A setup that compiles but fails (raises,
  exits) is named as the failure of `verify-setup`, not of the module, and a module that
  fails to import after the user's setup is not told to "set" what is set.
- GS100 said "'alpha' is mapped to two modules: one and one" of a name listed twice in one
  module, "... one and `keep`" (at the [[split]] header) of a name kept and mapped, and
  "two modules: one and two and three" of three; each says what it is now.
- `package = ""` was read as no `package` at all (the package layout was applied); it is a
  config error now, as `[[per-path]] max-lines = 0` is (the top-level one was already).
- An `exclude`, `--exclude` or [[per-path]] pattern git does not take (a trailing
  backslash, a lone `!`) ended `godsplit check` in pathspec's traceback; it is named now
  (exit 2). A .gitignore line like that is skipped, as git skips it.
- `godsplit verify` of a split not applied said "compared with big.py as of commit ...,
  before the split" (the unsplit module with itself) and "1 split checked"; it says "not
  split yet" and counts it apart.
- The API raised pathlib's TypeError for a source or config that is no path, took
  `check(exclude="gen.py")` as the patterns 'g', 'e', 'n', ..., and called a directory
  given as the config "not found".
- Config errors without a line (`'max-lines' must be a positive integer`, `unknown key`,
  `split[0].facade must be ...`) name the line of their key now.
- A FIFO at the source's path made plan and apply block forever reading it (suggest said
  "not found"); it is refused as not a regular file.
"""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from test_bad_input import BIG
from test_bad_input_round12 import CONFIG, assert_refused, invoke, tree_state

import godsplit

from conftest import make_project

VERIFIED = CONFIG.replace("verify-import = false", "verify-import = true")


@pytest.mark.parametrize("command", ["plan", "apply"])
def test_verify_setup_that_does_not_compile_is_a_config_error_at_its_line(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = VERIFIED.replace("\n\n[[split]]", '\nverify-setup = "import ("\n\n[[split]]', 1)
    root = make_project(tmp_path, {"big.py": BIG}, config)
    assert_refused(root, (command,), "godsplit.toml:2:",
                   ("'verify-setup' is not valid Python", "line 1 of it"), monkeypatch)


@pytest.mark.parametrize(("setup", "cause"), [
    ("1/0", "ZeroDivisionError: division by zero"),
    ("raise SystemExit(3)", "exit status 3"),
])
def test_a_verify_setup_that_fails_is_named_as_the_setup_not_the_module(
    setup: str, cause: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = VERIFIED.replace("\n\n[[split]]", f'\nverify-setup = "{setup}"\n\n[[split]]', 1)
    root = make_project(tmp_path, {"big.py": BIG}, config)
    status, output = invoke(root, "plan", monkeypatch=monkeypatch)
    assert status == 0, output
    assert f"the config's `verify-setup` failed ({cause}); fix it" in output, output
    assert "on its own" not in output and "set `verify-setup`" not in output, output


def test_a_module_failing_after_the_users_setup_is_not_told_to_set_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = VERIFIED.replace("\n\n[[split]]", '\nverify-setup = "x = 1"\n\n[[split]]', 1)
    source = BIG + "\n\nraise RuntimeError('boom')\n"
    root = make_project(tmp_path, {"big.py": source}, config)
    status, output = invoke(root, "plan", monkeypatch=monkeypatch)
    assert status == 0, output
    assert ("it does not import with the config's `verify-setup` (RuntimeError: boom); "
            "check `verify-setup`") in output, output
    assert "set `verify-setup`" not in output, output


@pytest.mark.parametrize(("edit", "said"), [
    (('one = ["alpha"]', 'one = ["alpha", "alpha"]'), ":8: GS100 error: 'alpha' is listed "
     "twice in one\n"),
    (('default = "rest"', 'default = "rest"\nkeep = ["alpha"]'), ":9: GS100 error: 'alpha' "
     "is in `keep` and mapped to one\n"),
    (('two = ["beta"]', 'two = ["beta", "alpha"]\nthree = ["alpha"]'), ":10: GS100 error: "
     "'alpha' is mapped to 3 modules: one, two and three\n"),
])
def test_a_name_listed_twice_or_kept_and_mapped_says_so(
    edit: tuple[str, str], said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """It said "mapped to two modules: one and one", "... one and `keep`" (at the
    [[split]] header), "... two modules: one and two and three"."""
    root = make_project(tmp_path, {"big.py": BIG}, CONFIG.replace(*edit))
    before = tree_state(root)
    status, output = invoke(root, "apply", monkeypatch=monkeypatch)
    assert status == 2, output
    assert f"godsplit.toml{said}" in output, output
    assert tree_state(root) == before


@pytest.mark.parametrize(("edit", "where", "words"), [
    (('default = "rest"', 'default = "rest"\npackage = ""'), "godsplit.toml:6:",
     ("split[0].package must be a directory path",)),
    (("verify-import = false", 'verify-import = false\n[[per-path]]\npath = "big.py"\n'
      "max-lines = 0\n"), "godsplit.toml:", ("[[per-path]] 'max-lines' must be a positive",)),
])
@pytest.mark.parametrize("command", ["plan", "apply", "check"])
def test_empty_or_zero_values_the_config_cannot_mean_are_config_errors(
    edit: tuple[str, str], where: str, words: tuple[str, ...], command: str,
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_project(tmp_path, {"big.py": BIG}, CONFIG.replace(*edit))
    assert_refused(root, (command,), where, words, monkeypatch)


@pytest.mark.parametrize(("args", "config_edit", "where", "words"), [
    (("check", "--exclude", "tests\\"), None, "exclude pattern", ("'tests\\\\'",)),
    (("check",), 'exclude = ["!"]', "godsplit.toml:", ("exclude pattern '!'",)),
    (("check",), '[[per-path]]\npath = "a\\\\"\nmax-lines = 9', "godsplit.toml:",
     ("[[per-path]] path 'a\\\\'",)),
])
def test_a_pattern_git_does_not_take_is_named_not_a_traceback(
    args: tuple[str, ...], config_edit: str | None, where: str, words: tuple[str, ...],
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = CONFIG if config_edit is None else CONFIG.replace(
        "verify-import = false", f"verify-import = false\n{config_edit}")
    root = make_project(tmp_path, {"big.py": BIG}, config)
    assert_refused(root, args, where, ("is not a valid .gitignore pattern", *words), monkeypatch)


def test_api_check_with_a_bad_exclude_raises_a_godsplit_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_project(tmp_path, {"big.py": BIG}, CONFIG)
    monkeypatch.chdir(root)
    with pytest.raises(godsplit.GodsplitError, match=r"not a valid \.gitignore pattern"):
        godsplit.check(exclude=["!"])


def test_a_gitignore_line_git_skips_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    big = "\n".join(f"X{i} = {i}" for i in range(30)) + "\n"
    root = make_project(tmp_path, {"big.py": big, "gen.py": big, ".gitignore": "!\ngen.py\n"},
                        CONFIG)
    status, output = invoke(root, "check", "--max-lines", "10", monkeypatch=monkeypatch)
    assert status == 1, output
    assert "big.py" in output and "gen.py" not in output, output


@pytest.mark.parametrize("in_git", [False, True])
def test_verify_of_a_split_not_applied_says_so_and_compares_nothing(
    in_git: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """It said "compared with big.py as of commit ..., before the split" and "1 split
    checked" of a module never split (in git), or "1 split checked" outside git."""
    root = make_project(tmp_path, {"big.py": BIG}, CONFIG)
    if in_git:
        git = ["git", "-c", "user.email=t@t", "-c", "user.name=t"]
        subprocess.run(["git", "init", "-q"], cwd=root, check=True)
        subprocess.run(["git", "add", "-A"], cwd=root, check=True)
        subprocess.run([*git, "commit", "-qm", "init"], cwd=root, check=True)
    before = tree_state(root)
    status, output = invoke(root, "verify", monkeypatch=monkeypatch)
    assert status == 0, output
    assert ("big.py:1: GS407 info: not split yet (no godsplit facade at big/__init__.py): "
            "nothing to verify") in output, output
    assert "verify: 0 splits checked, no differences; 1 not split yet" in output, output
    assert "compared with" not in output and "before the split" not in output, output
    assert tree_state(root) == before
    monkeypatch.chdir(root)
    result = godsplit.verify()
    assert (result.splits, result.unapplied) == (0, 1)
    assert invoke(root, "apply", monkeypatch=monkeypatch)[0] == 0
    status, output = invoke(root, "verify", monkeypatch=monkeypatch)
    assert status == 0 and "verify: 1 split checked, no differences\n" in output, output


@pytest.mark.parametrize(("call", "words"), [
    (lambda: godsplit.plan(123), "a source must be a path (str or os.PathLike), not int"),
    (lambda: godsplit.plan(b"big.py"), "a source must be a path (str or os.PathLike), not bytes"),
    (lambda: godsplit.plan(config={"split": []}), "config must be a path"),
    (lambda: godsplit.suggest(None), "the source must be a path"),
    (lambda: godsplit.check(baseline=3), "baseline must be a path"),
    (lambda: godsplit.plan(config="."), ".: the config is a directory, not a file"),
])
def test_api_arguments_that_are_no_paths_raise_a_godsplit_error(
    call: Callable[[], object], words: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """They raised TypeError from pathlib (and a directory given as the config was "not
    found"); the API's bad usage is one exception type."""
    root = make_project(tmp_path, {"big.py": BIG}, CONFIG)
    monkeypatch.chdir(root)
    before = tree_state(root)
    with pytest.raises(godsplit.GodsplitError) as raised:
        call()
    assert words in str(raised.value)
    assert tree_state(root) == before


def test_api_check_takes_one_exclude_string_as_one_pattern(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`exclude="gen.py"` was iterated into the patterns 'g', 'e', 'n', ...: gen.py was
    checked. A string is one pattern, as in the config."""
    big = "\n".join(f"X{i} = {i}" for i in range(30)) + "\n"
    root = make_project(tmp_path, {"big.py": big, "gen.py": big}, CONFIG)
    monkeypatch.chdir(root)
    result = godsplit.check(max_lines=10, exclude="gen.py")
    assert [Path(m.path).name for m in result.failures] == ["big.py"]


@pytest.mark.parametrize(("edit", "where", "words"), [
    (("verify-import = false", "verify-import = false\nmax-lines = 0"), "godsplit.toml:2:",
     "'max-lines' must be a positive integer"),
    (("verify-import = false", 'verify-import = false\n\ncount = "words"'), "godsplit.toml:3:",
     "'count' must be 'physical' or 'code'"),
    (("verify-import = false", 'verify-import = false\nbogus = 1'), "godsplit.toml:2:",
     "unknown key 'bogus'"),
    # a table is no key of its own: the line of its header (round 20; it had no line)
    (("verify-import = false", 'verify-import = false\n\n[tool.x]\ny = 1'), "godsplit.toml:3:",
     "unknown key 'tool'"),
    (('default = "rest"', 'default = "rest"\nfacade = "dynamic"'), "godsplit.toml:6:",
     "split[0].facade must be 'live', 'static' or 'deprecated'"),
    (('default = "rest"', 'default = "rest"\nkeep = "alpha"'), "godsplit.toml:6:",
     "split[0].keep must be a list of names"),
    (('default = "rest"', 'default = "for"'), "godsplit.toml:5:",
     "split[0].default: module name 'for' is not a valid module name"),
])
def test_config_errors_name_the_line_of_their_key(
    edit: tuple[str, str], where: str, words: str, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """They named the file alone: `error: godsplit.toml: 'max-lines' must be ...`."""
    root = make_project(tmp_path, {"big.py": BIG}, CONFIG.replace(*edit))
    assert_refused(root, ("plan",), f"{where} {words}", (), monkeypatch)


def test_a_tool_godsplit_key_error_names_its_line_in_pyproject(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    pyproject = ('[project]\nname = "x"\n\n[tool.godsplit]\nmax-lines = -1\n\n'
                 '[[tool.godsplit.split]]\nsource = "big.py"\nmodules = {one = ["alpha"]}\n')
    root = make_project(tmp_path, {"big.py": BIG, "pyproject.toml": pyproject})
    monkeypatch.chdir(root)
    before = tree_state(root)
    with pytest.raises(godsplit.GodsplitError) as raised:
        godsplit.apply()
    assert (raised.value.path, raised.value.line) == (str(root / "pyproject.toml"), 5)
    assert tree_state(root) == before


@pytest.mark.parametrize("args", [("plan",), ("apply",), ("suggest", "big.py")])
def test_a_source_that_is_a_pipe_is_refused_not_read_forever(
    args: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """plan and apply blocked forever reading a FIFO at the source's path (suggest called
    it "not found")."""
    root = make_project(tmp_path, {}, CONFIG)
    os.mkfifo(root / "big.py")
    status, output = invoke(root, *args, monkeypatch=monkeypatch)
    assert status == 2, output
    assert output == "error: big.py: source is not a regular file (a pipe, a device)\n"
    assert sorted(p.name for p in root.iterdir()) == ["big.py", "godsplit.toml"]
    assert stat.S_ISFIFO((root / "big.py").lstat().st_mode)
