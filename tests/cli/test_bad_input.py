"""Bad input: a clear one-line error (with file:line where there is one), exit 2, nothing written.

One table row per bad input of issue 6. Each row is run through the CLI (click's CliRunner)
as `plan` and as `apply`; for both, the exit status must be 2, the output must name the
problem (key words) and where it is (`file:line` or the file), and the project tree
(every path, byte and symlink) must hash the same before and after.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

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


def config(modules: str = 'one = ["alpha"]\ntwo = ["beta"]', source: str = "big.py",
           extra: str = "", top: str = "") -> str:
    return (f'verify-import = false\n{top}\n[[split]]\nsource = "{source}"\ndefault = "rest"\n'
            f'{extra}\n[split.modules]\n{modules}\n')


PKG = {"pkg/__init__.py": "", "pkg/big.py": BIG}
PKG_CONFIG = config(source="pkg/big.py")
OUTSIDE = "godsplit-outside"  # a sibling of the project directory, for symlinks out


def _outside(root: Path) -> Path:
    out = root.parent / OUTSIDE
    out.mkdir(exist_ok=True)
    return out


def symlink_source_outside(root: Path, _: pytest.MonkeyPatch) -> None:
    (_outside(root) / "big.py").write_text(BIG)
    (root / "big.py").symlink_to(_outside(root) / "big.py")


def symlink_package_outside(root: Path, _: pytest.MonkeyPatch) -> None:
    (root / "big").symlink_to(_outside(root), target_is_directory=True)


def symlink_sibling_package_outside(root: Path, _: pytest.MonkeyPatch) -> None:
    (_outside(root) / "__init__.py").write_text("")
    (root / "pkg" / "parts").symlink_to(_outside(root), target_is_directory=True)


def symlink_target_outside(root: Path, _: pytest.MonkeyPatch) -> None:
    (root / "big").mkdir()
    (root / "big" / "one.py").symlink_to(_outside(root) / "one.py")  # dangling: would be made


def unreadable_source(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000 does not stop root (these tests may run as root): fail the read instead."""
    read_bytes = Path.read_bytes

    def deny(self: Path) -> bytes:
        if self.name == "big.py":
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", deny)


@dataclass(frozen=True)
class Case:
    id: str
    given: str  # what is wrong, in words
    files: dict[str, str | bytes]
    config: str
    words: tuple[str, ...]  # the message names the problem
    where: str  # `file:line`, or the file, that the message points at
    setup: Callable[[Path, pytest.MonkeyPatch], None] | None = field(default=None)


CASES = [
    # --- the source --------------------------------------------------------------------
    Case("syntax-error", "a source with a syntax error",
         {"big.py": BIG + "\n\ndef broken(:\n    pass\n"}, config(),
         ("cannot parse",), "big.py:17"),
    Case("python2-source", "Python 2 code, which LibCST cannot parse",
         {"big.py": BIG + '\n\ndef old():\n    print "hello"\n'}, config(),
         ("cannot parse",), "big.py:18"),
    Case("null-byte", "a NUL byte between statements",
         {"big.py": b"def alpha():\n    pass\n\x00\n"}, config(), ("NUL byte",), "big.py:3"),
    Case("null-byte-in-string", "a NUL byte inside a string literal (LibCST parses it)",
         {"big.py": BIG.encode() + b'X = "a\x00b"\n'}, config(), ("NUL byte",), "big.py:15"),
    Case("null-byte-in-comment", "a NUL byte in a comment, CRLF newlines",
         {"big.py": BIG.replace("\n", "\r\n").encode() + b"# a\x00b\r\n"}, config(),
         ("NUL byte",), "big.py:15"),
    Case("missing-source", "a source that does not exist", {}, config(),
         ("source file not found",), "big.py"),
    Case("source-is-directory", "a source path that is a directory",
         {"big.py/x.py": ""}, config(), ("is a directory",), "big.py"),
    Case("unreadable-source", "a source that cannot be read", {"big.py": BIG}, config(),
         ("cannot read source", "Permission denied"), "big.py", unreadable_source),
    Case("source-not-python", "a source that is not a .py file", {"big.txt": BIG},
         config(source="big.txt"), ("source must be the path of a .py file",), "godsplit.toml"),
    # --- encodings ---------------------------------------------------------------------
    Case("not-utf8-no-cookie", "latin-1 bytes without a coding cookie",
         {"big.py": BIG.encode() + b'\n\ndef caf():\n    return "caf\xe9"\n'}, config(),
         ("cannot decode as utf-8", "coding cookie"), "big.py:18"),
    Case("unknown-cookie", "a coding cookie naming no encoding",
         {"big.py": "#!/usr/bin/env python\n# -*- coding: klingon -*-\n" + BIG}, config(),
         ("unknown encoding", "klingon"), "big.py:2"),
    Case("non-ascii-cookie", "a coding cookie naming an encoding Python cannot read source in",
         {"big.py": "# coding: utf-16\n" + BIG}, config(),
         ("utf-16", "not ASCII-compatible"), "big.py:1"),
    Case("bom-and-other-cookie", "a UTF-8 BOM and a latin-1 cookie",
         {"big.py": b"\xef\xbb\xbf# coding: latin-1\n" + BIG.encode()}, config(),
         ("BOM", "latin-1"), "big.py:1"),
    Case("cookie-does-not-fit", "cp1252 cookie, a byte cp1252 does not have",
         {"big.py": b"# coding: cp1252\n" + BIG.encode() + b'X = "\x81"\n'}, config(),
         ("cannot decode as cp1252", "cookie"), "big.py:16"),
    # --- the config --------------------------------------------------------------------
    Case("invalid-toml", "a config that is not TOML", {"big.py": BIG},
         'verify-import = false\n[[split]]\nsource = "big.py\n', ("invalid TOML",),
         "godsplit.toml:3"),
    Case("invalid-toml-at-end", "a config cut off in the middle", {"big.py": BIG},
         'verify-import = false\n[[split]]\nsource = "big.py"\nmodules = {one = [\n',
         ("invalid TOML",), "godsplit.toml:4"),
    Case("wrong-type-top-level", "max-lines is a string", {"big.py": BIG},
         config(top='max-lines = "many"'), ("'max-lines' must be int", "str"), "godsplit.toml"),
    Case("wrong-type-bool", "verify-import is a string", {"big.py": BIG},
         config().replace("verify-import = false", 'verify-import = "no"'),
         ("'verify-import' must be bool",), "godsplit.toml"),
    Case("wrong-type-names", "a module's names are a number", {"big.py": BIG},
         config(modules="one = 3"), ("split[0].modules.one must be a list of names",),
         "godsplit.toml"),
    Case("wrong-type-modules", "modules is a string", {"big.py": BIG},
         config(modules="").replace("[split.modules]", 'modules = "one"'),
         ("split[0].modules must be a table",), "godsplit.toml"),
    Case("wrong-type-split", "split is a table, not an array of tables", {"big.py": BIG},
         'verify-import = false\n[split]\nsource = "big.py"\n',
         ("'split' must be an array of tables",), "godsplit.toml"),
    Case("unknown-key", "a misspelt key", {"big.py": BIG}, config(extra='defualt = "x"'),
         ("unknown key 'defualt'",), "godsplit.toml"),
    Case("no-splits", "a config without [[split]]", {"big.py": BIG},
         "verify-import = false\n", ("no [[split]] tables",), "godsplit.toml"),
    Case("same-source-twice", "two [[split]] tables for one source", {"big.py": BIG},
         config() + '\n[[split]]\nsource = "big.py"\nmodules = {x = ["gamma"]}\n',
         ("already split by split[0]",), "godsplit.toml:12"),  # its `source` line (round 32)
    # --- the mapping -------------------------------------------------------------------
    Case("name-mapped-twice", "one name mapped to two modules", {"big.py": BIG},
         config(modules='one = ["alpha"]\ntwo = ["beta", "alpha"]'),
         ("GS100", "'alpha' is mapped to two modules: one and two"), "godsplit.toml:9"),
    Case("mapped-name-missing", "a mapped name the source does not define", {"big.py": BIG},
         config(modules='one = ["alpha"]\ntwo = ["betta"]'),
         ("GS101", "'betta'", "not defined", "did you mean beta"), "godsplit.toml:9"),
    Case("mapped-name-is-import", "a mapped name that is an import", {"big.py": BIG},
         config(modules='one = ["alpha"]\ntwo = ["json"]'),
         ("GS101", "'json' cannot be mapped: it is an import (line 2 of the source)"),
         "godsplit.toml:9"),
    Case("name-matches-two-patterns", "a name matched by patterns of two modules",
         {"big.py": BIG}, config(modules='one = ["al*"]\n\ntwo = [\n  "beta",\n  "*pha"]'),
         ("GS100", "'alpha' matches patterns of several modules: one, two"),
         "godsplit.toml:12"),
    Case("empty-mapping", "a [split.modules] table with no names", {"big.py": BIG},
         config(modules='one = []'), ("split[0] maps no names", "godsplit suggest big.py"),
         "godsplit.toml:3"),
    Case("no-mapping", "a [[split]] without modules", {"big.py": BIG},
         'verify-import = false\n\n[[split]]\nsource = "big.py"\n',
         ("split[0] maps no names",), "godsplit.toml:3"),
    Case("module-not-identifier", "a module name with a dash", {"big.py": BIG},
         config(modules='"two-x" = ["beta"]'), ("'two-x' is not a valid module name",),
         "godsplit.toml"),
    Case("module-keyword", "a module named like a keyword", {"big.py": BIG},
         config(modules='class = ["beta"]'), ("'class' is not a valid module name",),
         "godsplit.toml"),
    Case("module-relative-path", "a module name with a path", {"big.py": BIG},
         config(modules='"../x" = ["beta"]'), ("'../x' is not a valid module name",),
         "godsplit.toml"),
    Case("module-absolute-path", "a module name that is an absolute path", {"big.py": BIG},
         config(modules='"/tmp/x" = ["beta"]'), ("'/tmp/x' is not a valid module name",),
         "godsplit.toml"),
    Case("module-dunder", "a module named __all__", {"big.py": BIG},
         config(modules='__all__ = ["beta"]'), ("'__all__' is not a valid module name",),
         "godsplit.toml"),
    Case("default-keyword", "default names a keyword", {"big.py": BIG},
         config().replace('default = "rest"', 'default = "import"'),
         ("split[0].default", "'import' is not a valid module name"), "godsplit.toml"),
    Case("module-shadows-reexport", "a module named like a name the facade re-exports",
         {"big.py": BIG}, config(modules='one = ["alpha"]\ngamma = ["beta"]'),
         ("GS106", "'gamma'", "shadow"), "godsplit.toml:9"),
    Case("module-shadows-imported-stdlib", "a module named like a stdlib module the source "
         "imports (the package attribute would replace it)", {"big.py": BIG},
         config(modules='one = ["alpha"]\njson = ["beta"]'),
         ("GS106", "'json'", "shadow"), "godsplit.toml:9"),
    Case("module-not-encodable", "a module name the source's encoding cannot write",
         {"big.py": "# coding: ascii\n" + BIG}, config(modules='"café" = ["alpha"]'),
         ("cannot be written in the source's encoding ascii", "'é'"), "café.py"),
    # --- where the new files go --------------------------------------------------------
    Case("package-outside-root", "package = ../x", {"big.py": BIG},
         config(extra='package = "../elsewhere"'), ("points outside the project root",),
         "godsplit.toml"),
    Case("package-absolute", "package = an absolute path", {"big.py": BIG},
         config(extra='package = "/tmp/elsewhere"'), ("must be relative",), "godsplit.toml"),
    Case("package-is-py-file", "package = a .py path", {"big.py": BIG},
         config(extra='package = "parts.py"'), ("must be a directory path",), "godsplit.toml"),
    Case("package-not-identifier", "a package directory with a dash", PKG,
         config(source="pkg/big.py", extra='package = "pkg/my-parts"'),
         ("'my-parts' is not a valid package name",), "big.py"),
    Case("package-keyword", "a package directory named like a keyword", PKG,
         config(source="pkg/big.py", extra='package = "pkg/class"'),
         ("'class' is not a valid package name",), "big.py"),
    Case("package-named-like-module", "package pkg/big beside pkg/big.py", PKG,
         config(source="pkg/big.py", extra='package = "pkg/big"'),
         ("named like the module", "instead of the facade"), "big.py"),
    Case("module-over-facade", "package = the source's directory, a module named like it",
         PKG, config(source="pkg/big.py", extra='package = "pkg"',
                     modules='one = ["alpha"]\nbig = ["beta"]'),
         ("module 'big' would be written over the facade",), "big.py"),
    Case("package-is-import-root", "package = the import root", {"big.py": BIG},
         config(extra='package = "."'), ("is the import root",), "big.py"),
    Case("package-without-init", "a sibling package inside a directory that is no package",
         {"big.py": BIG, "lib/x.txt": ""}, config(extra='package = "lib/parts"'),
         ("is not a package", "no __init__.py"), "big.py"),
    Case("init-as-package", "an __init__.py split in the package layout",
         {"pkg/__init__.py": BIG}, config(source="pkg/__init__.py"),
         ("__init__.py cannot become a package",), "__init__.py"),
    Case("source-not-importable", "a source named my-big.py, package layout",
         {"my-big.py": BIG}, config(source="my-big.py"),
         ("'my-big' is not an importable module name",), "my-big.py"),
    Case("target-module-exists", "big/one.py exists with other content",
         {"big.py": BIG, "big/one.py": "x = 1\n"}, config(),
         ("already exists with other content",), "one.py"),
    Case("target-facade-exists", "big/__init__.py exists with other content",
         {"big.py": BIG, "big/__init__.py": "x = 1\n"}, config(),
         ("already exists with other content",), "__init__.py"),
    Case("target-package-has-other-files", "big/ exists with other modules in it",
         {"big.py": BIG, "big/other.py": "x = 1\n"}, config(),
         ("already exists with other content", "other.py"), "big"),
    Case("target-package-is-file", "a file named like the new package",
         {"big.py": BIG, "big": "not a directory\n"}, config(),
         ("exists as a file",), "big"),
    Case("sibling-target-exists", "pkg/parts/one.py exists with other content",
         {**PKG, "pkg/parts/__init__.py": "", "pkg/parts/one.py": "x = 1\n"},
         config(source="pkg/big.py", extra='package = "pkg/parts"'),
         ("already exists with other content",), "one.py"),
    Case("sibling-package-is-file", "a file where the sibling package should be",
         {**PKG, "pkg/parts": "x\n"}, config(source="pkg/big.py", extra='package = "pkg/parts"'),
         ("exists as a file, not a directory",), "parts"),
    # --- symlinks out of the project ---------------------------------------------------
    Case("source-symlink-outside", "the source is a symlink to a file outside", {},
         config(), ("points outside the project root",), "godsplit.toml", symlink_source_outside),
    Case("package-symlink-outside", "big/ is a symlink to a directory outside",
         {"big.py": BIG}, config(), ("symlink", "outside the project"), "big",
         symlink_package_outside),
    Case("sibling-package-symlink-outside", "package pkg/parts is a symlink out", PKG,
         config(source="pkg/big.py", extra='package = "pkg/parts"'),
         ("points outside the project root",), "godsplit.toml", symlink_sibling_package_outside),
    Case("target-symlink", "big/one.py is a symlink (dangling, to outside)",
         {"big.py": BIG}, config(), ("target is a symlink",), "one.py",
         symlink_target_outside),
]


def run(root: Path, command: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [command, "--config", str(root / "godsplit.toml"), *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
@pytest.mark.parametrize("command", ["plan", "apply"])
def test_bad_input_exits_2_with_a_clear_message_and_changes_nothing(
    case: Case, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "project", case.files, case.config)
    if case.setup is not None:
        case.setup(root, monkeypatch)
    before = tree_hash(root)
    status, output = run(root, command)
    assert status == 2, f"{case.given}: exit {status}\n{output}"
    for word in case.words:
        assert word in output, f"{case.given}: {word!r} not in\n{output}"
    assert case.where in output, f"{case.given}: {case.where!r} not in\n{output}"
    if output.startswith("error: "):  # an input error: exactly one line
        assert len(output.strip().splitlines()) == 1, output
    assert tree_hash(root) == before, f"{case.given}: the tree changed"
    if (tmp_path / OUTSIDE).exists():
        assert not any(p.name != "big.py" and p.name != "__init__.py"
                       for p in (tmp_path / OUTSIDE).iterdir()), "wrote outside the project"


def test_syntax_error_line_is_the_line_python_reports(tmp_path: Path) -> None:
    source = "x = 1\n\ndef broken(:\n    pass\n"
    with pytest.raises(SyntaxError) as python:
        compile(source, "big.py", "exec")
    root = make_project(tmp_path, {"big.py": source}, config())
    status, output = run(root, "plan")
    assert status == 2 and f"big.py:{python.value.lineno}: cannot parse" in output


def test_table_covers_every_bad_input_of_the_issue() -> None:
    """Issue 6's list of bad inputs, each with at least one row above."""
    ids = {c.id for c in CASES}
    required = {
        "syntax-error", "python2-source", "missing-source", "unreadable-source",
        "invalid-toml", "wrong-type-top-level", "wrong-type-names", "name-mapped-twice",
        "mapped-name-missing", "module-not-identifier", "module-keyword",
        "module-shadows-reexport", "module-shadows-imported-stdlib", "module-relative-path",
        "module-absolute-path", "target-module-exists", "target-package-has-other-files",
        "source-symlink-outside", "package-symlink-outside", "target-symlink",
        "not-utf8-no-cookie", "unknown-cookie",
    }
    assert required <= ids, required - ids


def test_a_source_the_config_does_not_split_is_an_error(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"big.py": BIG, "other.py": "x = 1\n"}, config())
    before = tree_hash(root)
    for command in ("plan", "apply"):
        status, output = run(root, command, str(root / "other.py"))
        assert status == 2 and "no [[split]] in the config has this source" in output
        assert "other.py" in output
    assert tree_hash(root) == before


def test_no_config_anywhere_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "big.py").write_text(BIG)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["plan"])
    assert result.exit_code == 2 and "no godsplit.toml" in result.output
    result = CliRunner().invoke(main, ["plan", "--config", "missing.toml"])
    assert result.exit_code == 2 and "config file not found" in result.output


def test_plan_refuses_a_tree_left_mid_apply_and_apply_recovers_it(tmp_path: Path) -> None:
    """A journal means an apply was killed mid-write: plan must not read that tree; apply
    first puts the old tree back (or finishes), then splits."""
    from godsplit.config import load_config
    from godsplit.split.plan import plan_split
    from godsplit.split.write import begin

    root = make_project(tmp_path, {"big.py": BIG}, config())
    before = tree_hash(root)
    plan, _ = plan_split(load_config(root / "godsplit.toml"), load_config(
        root / "godsplit.toml").splits[0])

    class Killed(BaseException):
        pass

    def die_after_first_swap(step: str) -> None:
        if step.startswith("swap") and die_after_first_swap.swapped:  # type: ignore[attr-defined]
            raise Killed
        die_after_first_swap.swapped = step.startswith("swap")  # type: ignore[attr-defined]

    die_after_first_swap.swapped = False  # type: ignore[attr-defined]
    # a "kill": the transaction stops between two swaps and nobody rolls back
    import godsplit.split.write as write

    rollback = write.Transaction.rollback
    write.Transaction.rollback = lambda self: None  # type: ignore[method-assign]
    try:
        with pytest.raises(Killed):
            begin(root, plan.changes, die_after_first_swap)
    finally:
        write.Transaction.rollback = rollback  # type: ignore[method-assign]
    assert (root / ".godsplit-journal.json").exists() and tree_hash(root) != before
    status, output = run(root, "plan")
    assert status == 2 and "interrupted" in output and ".godsplit-journal.json" in output
    status, output = run(root, "apply")
    assert status == 0, output
    assert "rolled back an interrupted apply" in output
    assert sorted(p for p in tree_files(root) if not p.startswith("big/")) == [
        "big", "godsplit.toml"]


# --- accepted with a finding: star imports and stdlib-named modules ---------------------

STAR = '''\
from os.path import *  # names cannot be tracked


def alpha():
    return join("a", "b")


def beta():
    return basename(alpha())
'''


def _star_names(root: Path, module: str = "big") -> list[str]:
    code = (f"ns = {{}}; exec('from {module} import *', ns); "
            "print(sorted(k for k in ns if k != '__builtins__'))")
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                          text=True, env=env, check=True)
    return proc.stdout.split()


def test_star_import_is_a_finding_with_the_reason_and_the_split_still_works(
    tmp_path: Path,
) -> None:
    """A star import's names cannot be resolved statically: plan says so (GS110, file:line,
    why) and copies the star import into every new module, so the moved code still finds
    its names; verify-import proves the old module still gives the same names."""
    root = make_project(tmp_path, {"pkg/__init__.py": "", "pkg/big.py": STAR}, config(
        source="pkg/big.py", extra='package = "pkg/parts"').replace(
        "verify-import = false", "verify-import = true"))
    status, output = run(root, "plan")
    assert status == 0, output
    assert "big.py:1: GS110 warning" in output and "cannot be tracked" in output
    before = _star_names(root, "pkg.big")
    status, output = run(root, "apply")
    assert status == 0, output
    for module in ("one", "two"):
        assert "from os.path import *" in (root / "pkg" / "parts" / f"{module}.py").read_text()
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run([sys.executable, "-c", "import pkg.big as m; print(m.beta())"],
                          cwd=root, capture_output=True, text=True, env=env, check=True)
    assert proc.stdout.strip() == "b"
    assert _star_names(root, "pkg.big") == before


def test_star_import_names_stay_in_import_star_of_a_package_facade(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"big.py": STAR}, config())
    before = _star_names(root)
    status, output = run(root, "apply")
    assert status == 0, output
    assert _star_names(root) == before


def test_stdlib_named_module_inside_the_package_is_a_warning(tmp_path: Path) -> None:
    """`big/typing.py` does not shadow `typing` for absolute imports: a warning (GS107), not
    an error. (A stdlib name the source imports is an error: see module-shadows-imported-
    stdlib in the table.)"""
    root = make_project(tmp_path, {"big.py": BIG}, config(modules='typing = ["alpha"]'))
    status, output = run(root, "plan")
    assert status == 0 and "GS107 warning" in output and "'typing'" in output
