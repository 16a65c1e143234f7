"""Bad input, round 12: what a sweep of every command over hostile input found past
`test_bad_input.py` and `test_bad_input_round10.py`. Each test checks the message (file,
line where there is one, cause), the exit status, and the tree: every path, byte and
file mode, before and after.

- File modes: apply, migrate and retire wrote each file they rewrite with the default
  mode, so an executable script (0755) split in the sibling layout, or edited by migrate,
  lost its executable bit. A rewritten file keeps its mode now.
- A read-only file (mode 0444) was rewritten or deleted (a rename needs only the
  directory): apply, migrate and retire refuse it now, exit 2, before anything is staged;
  so does `suggest --write` for a read-only config.
- A source that is a symlink inside the project: apply removed the link and wrote the
  package, leaving the whole god file where the link pointed. Refused now.
- Module names Python reads as other names (`ﬁle`, NFKC: `file`) planned clean and
  rolled back at the import check; module names that differ only in case (`One`, `one`)
  were written as two files one file system holds as one. Both are config errors now.
- A non-ASCII module name (`café`) planned clean and rolled back: compiling it loads
  `unicodedata`, which the import check took for a new module the split loads.
- SIGTERM or SIGHUP during apply killed it mid-write: journal, backups and lock were left
  in the tree. They stop apply as Ctrl-C does now: the tree is restored, exit 130.
- A config saved with a UTF-8 BOM said "Invalid statement"; a config byte that is not
  UTF-8 had no line.
- `check` passed ("all within their limits") over a directory it could not read;
  `migrate --check` said "no use of an old module left; `godsplit retire` can remove the
  facades" over one (uses there unseen). Now check exits 2 naming it; migrate warns
  (GS516; --check exits 2) and retire refuses.
- Smaller: plan now names a read-only source as apply does; an unknown [[per-path]] key is
  named; "is not a package" names paths relative to the project, not absolute.
- A full disk when writing the apply lock said only "error: No space left on device".
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_bad_input import BIG  # the same small module to split

import godsplit.sizegate.walk
import godsplit.split.write
from godsplit.cli import main

from conftest import make_project

CONFIG = ('verify-import = false\n\n[[split]]\nsource = "big.py"\ndefault = "rest"\n\n'
          '[split.modules]\none = ["alpha"]\ntwo = ["beta"]\n')
SIBLING = CONFIG.replace('source = "big.py"', 'source = "pkg/big.py"\npackage = "pkg/parts"')
USER = "from big import alpha\n\n\ndef use():\n    return alpha()\n"


def tree_state(root: Path) -> dict[str, tuple[str, int, bytes]]:
    """Every path under root: kind, permission bits and bytes (a symlink: its target)."""
    out = {}
    for path in sorted(root.rglob("*")):
        if "__pycache__" in path.parts:
            continue
        info = path.lstat()
        rel = path.relative_to(root).as_posix()
        if stat.S_ISLNK(info.st_mode):
            out[rel] = ("link", 0, os.readlink(path).encode())
        elif path.is_dir():
            out[rel] = ("dir", stat.S_IMODE(info.st_mode), b"")
        else:
            out[rel] = ("file", stat.S_IMODE(info.st_mode), path.read_bytes())
    return out


def invoke(root: Path, *args: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, [*args, "--config", "godsplit.toml"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback would reach the user
    return result.exit_code, result.output


def assert_refused(root: Path, args: tuple[str, ...], where: str, words: tuple[str, ...],
                   monkeypatch: pytest.MonkeyPatch) -> None:
    before = tree_state(root)
    status, output = invoke(root, *args, monkeypatch=monkeypatch)
    assert status == 2, output
    assert output.startswith(f"error: {where}"), output
    assert len(output.strip().splitlines()) == 1, output
    for word in words:
        assert word in output, output
    assert tree_state(root) == before


# --- file modes ----------------------------------------------------------------------------

def test_a_facade_written_over_an_executable_source_keeps_its_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_project(tmp_path, {"pkg/__init__.py": "", "pkg/big.py": "#!/usr/bin/env python\n"
                                   + BIG}, SIBLING)
    (root / "pkg" / "big.py").chmod(0o755)
    status, output = invoke(root, "apply", monkeypatch=monkeypatch)
    assert status == 0, output
    assert "from .parts" in (root / "pkg" / "big.py").read_text()  # the facade, now
    assert stat.S_IMODE((root / "pkg" / "big.py").stat().st_mode) == 0o755


def test_a_file_migrate_rewrites_keeps_its_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_project(tmp_path, {"big.py": BIG, "user.py": "#!/usr/bin/env python\n" + USER},
                        CONFIG)
    (root / "user.py").chmod(0o750)
    assert invoke(root, "apply", monkeypatch=monkeypatch)[0] == 0
    status, output = invoke(root, "migrate", monkeypatch=monkeypatch)
    assert status == 0, output
    assert "from big.one import alpha" in (root / "user.py").read_text()
    assert stat.S_IMODE((root / "user.py").stat().st_mode) == 0o750


# --- read-only files -------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["apply", "apply --migrate"])
def test_apply_refuses_a_read_only_source(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Mode bits, not only os.access (which lets root write anything). (plan refuses it
    too; the transaction's own check is the migrate test's below.)"""
    root = make_project(tmp_path, {"big.py": BIG}, CONFIG)
    (root / "big.py").chmod(0o444)
    assert_refused(root, tuple(command.split()), "big.py: the file is read-only (mode 0444)",
                   ("does not edit read-only files", "nothing was written"), monkeypatch)


def test_migrate_refuses_a_read_only_file_it_would_rewrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_project(tmp_path, {"big.py": BIG, "user.py": USER}, CONFIG)
    assert invoke(root, "apply", monkeypatch=monkeypatch)[0] == 0
    (root / "user.py").chmod(0o400)
    assert_refused(root, ("migrate",), "user.py: the file is read-only (mode 0400)",
                   ("nothing was changed",), monkeypatch)


def test_suggest_write_refuses_a_read_only_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_project(tmp_path, {"big.py": BIG}, "verify-import = false\n")
    (root / "godsplit.toml").chmod(0o444)
    assert_refused(root, ("suggest", "big.py", "--write"),
                   "godsplit.toml: the file is read-only (mode 0444)",
                   ("the config was not changed",), monkeypatch)


# --- a source that is a symlink inside the project -------------------------------------------

@pytest.mark.parametrize("command", ["plan", "apply"])
def test_a_source_symlink_inside_the_project_is_refused(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_project(tmp_path, {"real/impl.py": BIG}, CONFIG)
    (root / "big.py").symlink_to("real/impl.py")
    assert_refused(root, (command,), "big.py: source is a symlink (to real/impl.py)",
                   ("configure the file it points to",), monkeypatch)


# --- module names ------------------------------------------------------------------------------

@pytest.mark.parametrize(("modules", "line", "words"), [
    pytest.param('"\ufb01le" = ["alpha"]\ntwo = ["beta"]', 8,
                 ("is read by Python as 'file'", "NFKC", "file.py"), id="nfkc"),
    pytest.param('one = ["alpha"]\n"sub.\u2168" = ["beta"]', 9,
                 ("is read by Python as 'sub.IX'", "sub/IX.py"), id="nfkc-dotted"),
    pytest.param('One = ["alpha"]\none = ["beta"]', 7,
                 ("'One' and 'one' differ only in case", "macOS and Windows"), id="case"),
])
@pytest.mark.parametrize("command", ["plan", "apply"])
def test_module_names_python_or_the_file_system_would_merge_are_config_errors(
    modules: str, line: int, words: tuple[str, ...], command: str, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before, `ﬁle` planned clean and apply rolled back (No module named 'big.file');
    `One` and `one` were written as big/One.py and big/one.py."""
    config = CONFIG.replace('one = ["alpha"]\ntwo = ["beta"]', modules)
    root = make_project(tmp_path, {"big.py": BIG}, config)
    assert_refused(root, (command,), f"godsplit.toml:{line}: split[0].modules", words,
                   monkeypatch)


def test_a_non_ascii_module_name_is_split_and_verified(tmp_path: Path) -> None:
    """Compiling `from . import café` loads unicodedata (when there is no bytecode cache):
    the import check no longer takes it for a module the split makes the old one load."""
    config = CONFIG.replace("verify-import = false", "verify-import = true").replace(
        'one = ["alpha"]', '"caf\u00e9" = ["alpha"]')
    root = make_project(tmp_path, {"big.py": BIG}, config)
    proc = subprocess.run([sys.executable, "-m", "godsplit", "apply"], cwd=root,
                          capture_output=True, text=True,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "verified" in proc.stdout and "GS413" not in proc.stdout
    assert (root / "big" / "caf\u00e9.py").is_file()


# --- the config's bytes -------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "where", "words"), [
    pytest.param(b"\xef\xbb\xbf" + CONFIG.encode(), "godsplit.toml:1: ",
                 ("byte order mark (BOM)", "without BOM"), id="bom"),
    pytest.param(CONFIG.encode() + b"# caf\xe9\n", "godsplit.toml:10: ",
                 ("invalid TOML: not UTF-8",), id="latin-1-byte"),
])
@pytest.mark.parametrize("args", [("plan",), ("check",), ("suggest", "big.py")])
def test_config_bytes_toml_refuses_are_named_with_their_line(
    data: bytes, where: str, words: tuple[str, ...], args: tuple[str, ...], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_project(tmp_path, {"big.py": BIG, "godsplit.toml": data})
    assert_refused(root, args, where, words, monkeypatch)


# --- signals -------------------------------------------------------------------------------------

KILLER = """
import os, signal, sys
signal.signal(signal.{signal}, signal.SIG_DFL)  # as a shell starts it (not so under nohup)
import godsplit.split.write as write
steps = iter(range(1, 1000))
def hook(step):
    if next(steps) == {at}:
        os.kill(os.getpid(), signal.{signal})
write._crash_hook = lambda: hook
sys.argv = ["godsplit", "apply"]
from godsplit.cli import run
run()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("signal", ["SIGTERM", "SIGHUP"])
@pytest.mark.parametrize("at", [1, 2, 4, 6, 8])  # journal, mkdir, stage, swaps
def test_sigterm_or_sighup_during_apply_restores_the_tree(
    signal: str, at: int, tmp_path: Path,
) -> None:
    """Before, the default action killed apply on the spot: the journal, the backups, the
    lock and a half-swapped tree stayed behind (the next apply rolled them back)."""
    root = make_project(tmp_path, {"big.py": BIG}, CONFIG)
    before = tree_state(root)
    proc = subprocess.run([sys.executable, "-c", KILLER.format(at=at, signal=signal)],
                          cwd=root, capture_output=True, text=True,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert proc.returncode == 130, proc.stdout + proc.stderr
    assert "interrupted" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert tree_state(root) == before


# --- directories and disks -------------------------------------------------------------------

def test_check_fails_on_a_directory_it_cannot_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """chmod 000 does not stop root: the listing is refused by a patch instead."""
    root = make_project(tmp_path, {"big.py": BIG, "sub/x.py": "x = 1\n"}, CONFIG)
    scandir = os.scandir

    def deny(path: str) -> object:
        if os.path.basename(path) == "sub":
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return scandir(path)

    monkeypatch.setattr(godsplit.sizegate.walk.os, "scandir", deny)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["check", "--format", "json"])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("error: sub: cannot read the directory: Permission "
                                    "denied"), result.output


def test_a_full_disk_when_writing_the_lock_names_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_project(tmp_path, {"big.py": BIG}, CONFIG)

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(godsplit.split.write.os, "write", full)
    # (the lock file is written only where the root directory cannot be flocked: Windows)
    monkeypatch.setattr(godsplit.split.apply_lock, "_directory", lambda root: None)
    assert_refused(root, ("apply",), ".godsplit-lock: cannot write the apply lock: No space "
                   "left on device", ("nothing was changed",), monkeypatch)


def _deny_listing(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """`os.scandir` (which os.walk uses) refuses the directory `name`, as for chmod 000
    (which does not stop root)."""
    scandir = os.scandir

    def deny(path: str = ".") -> object:
        if os.path.basename(os.fspath(path)) == name:
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", deny)


def test_migrate_says_what_it_could_not_read_and_retire_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before, `migrate --check` said "no use of an old module left; `godsplit retire` can
    remove the facades" over a directory it could not list (whose modules used the old
    path), and retire would have deleted the facade they import."""
    root = make_project(tmp_path, {"big.py": BIG, "sub/user.py": USER}, CONFIG)
    assert invoke(root, "apply", monkeypatch=monkeypatch)[0] == 0
    before = tree_state(root)
    _deny_listing(monkeypatch, "sub")
    status, output = invoke(root, "migrate", "--check", monkeypatch=monkeypatch)
    assert status == 2, output
    assert "sub:1: GS516: cannot read this directory" in output
    assert "retire" not in output and "1 directory could not be read" in output
    status, output = invoke(root, "migrate", monkeypatch=monkeypatch)
    assert status == 0 and "sub:1: GS516" in output, output
    assert_refused(root, ("retire",), "sub: cannot read this directory",
                   ("may use the old paths",), monkeypatch)
    monkeypatch.undo()  # (the listing again, to compare the whole tree)
    assert tree_state(root) == before


def test_plan_names_a_read_only_source_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    root = make_project(tmp_path, {"big.py": BIG}, CONFIG)
    (root / "big.py").chmod(0o444)
    assert_refused(root, ("plan",), "big.py: the file is read-only (mode 0444)",
                   ("nothing was written",), monkeypatch)


def test_an_unknown_per_path_key_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = CONFIG + '\n[[per-path]]\npath = "x/**"\nmax_lines = 3\n'
    root = make_project(tmp_path, {"big.py": BIG}, config)
    for command in ("plan", "check"):
        assert_refused(root, (command,), "godsplit.toml: [[per-path]]: unknown key 'max_lines'",
                       ("known: max-lines, path",), monkeypatch)


def test_a_package_under_a_directory_that_is_no_package_is_named_relatively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = SIBLING.replace('package = "pkg/parts"', 'package = "pkg/a/b"')
    root = make_project(tmp_path, {"pkg/__init__.py": "", "pkg/big.py": BIG}, config)
    assert_refused(root, ("plan",), "pkg/big.py: package pkg/a/b: pkg/a is not a package "
                   "(no __init__.py)", (), monkeypatch)


@pytest.mark.parametrize("command", ["migrate", "retire"])
def test_a_facade_edited_into_code_that_does_not_parse_is_named(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before: "no configured split has been applied: run `godsplit apply` first", which
    was false (and apply said "already split")."""
    root = make_project(tmp_path, {"big.py": BIG, "user.py": USER}, CONFIG)
    assert invoke(root, "apply", monkeypatch=monkeypatch)[0] == 0
    (root / "big" / "__init__.py").write_text("garbage(\n")
    assert_refused(root, (command,), "big/__init__.py:1: cannot parse", ("never closed",),
                   monkeypatch)
