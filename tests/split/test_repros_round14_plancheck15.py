"""Round 14: `plan` runs apply's import check, in a scratch copy of the import root.

Found on twisted's `internet/defer.py` (round 13): `godsplit suggest --write` planned with
no errors and `apply` rolled back with GS416 (`@deprecated` builds its message from
`__module__` while decorating): only the import check can see that, and only apply ran
it. Now `plan` imports the old module before the split (in the project's tree) and after
it (in a mirror of the import root holding the planned files), compares as apply does,
and reports the differences as plan errors with apply's codes and text; `--static` (API:
`static=True`) skips it and says so. Nothing under the project changes, and the scratch
copy is removed, also on Ctrl-C.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_repros_round13_trial14 import DEPRECATE  # the decorator recording `__module__`

from godsplit import api
from godsplit.cli.app import main
from godsplit.split import import_check
from godsplit.split.scratch import mirrored
from godsplit.types import FileChange

from splitkit import apply, dedent, make_project

DECORATED = """
    from pkg.deprecate import deprecated


    @deprecated("17.1")
    def timeout(value):
        return value


    def succeed(value):
        return value
"""


def _tree(root: Path) -> dict[str, bytes | str]:
    """Every file and link under root, with its bytes (or where the link points)."""
    out: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            out[rel] = os.readlink(path)
        elif path.is_file():
            out[rel] = path.read_bytes()
        else:
            out[rel] = "<dir>"
    return out


@pytest.fixture
def scratch_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where tempfile makes directories in this test: the scratch copies are counted there."""
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    return temp


def _decorated(root: Path, deprecate: str = DEPRECATE) -> None:
    make_project(root, DECORATED, {"deferred": ["timeout"]},
                 files={"pkg/deprecate.py": deprecate})
    (root / "godsplit.toml").write_text(
        '[[split]]\nsource = "pkg/big.py"\ndefault = "deferred"\n'
        '[split.modules]\ndeferred = ["timeout"]\n')


def test_plan_reports_what_a_decorator_records_before_apply(tmp_path: Path,
                                                           scratch_dirs: Path) -> None:
    """GS416, with apply's text, from `plan`; the project's tree is as it was and no
    scratch copy is left."""
    root = tmp_path / "project"
    _decorated(root)
    before = _tree(root)
    result = api.plan(config=root / "godsplit.toml")
    [split] = result.splits
    assert split.import_check is not None and split.import_check.ran
    assert split.import_check.text == "ran in a scratch copy: 1 difference"
    [error] = result.errors
    assert error.code == "GS416"
    assert "'pkg.big.timeout was deprecated in 17.1' is now 'pkg.big.deferred.timeout" in (
        error.message)
    assert _tree(root) == before
    assert list(scratch_dirs.iterdir()) == []
    applied = apply(api.load(root / "godsplit.toml"))  # and apply says the same
    assert applied.rolled_back
    assert [f.render() for f in applied.errors] == [f.render() for f in result.errors]


def test_plan_static_does_not_run_the_import_check_and_says_so(tmp_path: Path,
                                                               scratch_dirs: Path) -> None:
    root = tmp_path / "project"
    _decorated(root)
    result = api.plan(config=root / "godsplit.toml", static=True)
    [split] = result.splits
    assert split.import_check is not None and not split.import_check.ran
    assert split.import_check.text.startswith("not run: --static")
    assert result.errors == ()
    assert list(scratch_dirs.iterdir()) == []


def test_cli_plan_says_whether_the_import_check_ran(tmp_path: Path, scratch_dirs: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "project"
    _decorated(root)
    monkeypatch.chdir(root)
    checked = CliRunner().invoke(main, ["plan"])
    assert checked.exit_code == 1, checked.output
    assert "GS416 error: timeout recorded its module's name" in checked.output
    assert "import check: ran in a scratch copy: 1 difference" in checked.output
    static = CliRunner().invoke(main, ["plan", "--static"])
    assert static.exit_code == 0, static.output
    assert "GS416" not in static.output
    assert "import check: not run: --static" in static.output
    as_json = CliRunner().invoke(main, ["plan", "--format", "json"])
    assert '"ran": true' in as_json.output and '"GS416"' in as_json.output
    assert list(scratch_dirs.iterdir()) == []


def test_a_clean_plan_under_the_check_is_applied_and_verified(tmp_path: Path,
                                                              scratch_dirs: Path) -> None:
    """The decorator records only the function's name: no difference; plan says what it
    compared (apply's GS400 words), and apply agrees."""
    root = tmp_path / "project"
    _decorated(root, DEPRECATE.replace("{function.__module__}.", ""))
    result = api.plan(config=root / "godsplit.toml")
    [split] = result.splits
    assert result.errors == ()
    assert split.import_check is not None and split.import_check.ran
    assert split.import_check.text.startswith(
        "ran in a scratch copy: imported pkg.big before the split and after it, each in a "
        "fresh interpreter: the same ")
    applied = apply(api.load(root / "godsplit.toml"))
    assert applied.written and not applied.errors
    assert applied.splits[0].imported


SRC_LAYOUT = """
    import os

    HERE = os.path.dirname(os.path.abspath(__file__))
    DATA = os.path.join(HERE, "data.txt")
    with open(DATA) as handle:
        GREETING = handle.read().strip()


    def load(path=DATA):
        return path


    def greet():
        return GREETING
"""


def test_a_src_layout_reading_a_data_file_beside_it_is_checked_in_its_import_root(
        tmp_path: Path, scratch_dirs: Path) -> None:
    """A `src/` layout whose module reads a file beside it while it is imported, and has
    that path as a default of a moved function: the scratch copy reaches the data file, and
    the default names the real path (not the scratch copy's), as after apply."""
    root = tmp_path / "project"
    make_project(root, SRC_LAYOUT, {"io": ["load"]}, path="src/pkg/big.py",
                 files={"src/pkg/data.txt": "hello\n"})
    (root / "godsplit.toml").write_text(
        '[[split]]\nsource = "src/pkg/big.py"\npackage = "src/pkg/_big"\n'
        'default = "io"\n[split.modules]\nio = ["load"]\n')
    before = _tree(root)
    result = api.plan(config=root / "godsplit.toml")
    [split] = result.splits
    assert result.errors == (), [f.render() for f in result.errors]
    assert split.import_check is not None and split.import_check.ran, split.import_check
    assert _tree(root) == before
    assert list(scratch_dirs.iterdir()) == []
    applied = apply(api.load(root / "godsplit.toml"))
    assert applied.written and applied.splits[0].imported, [f.render() for f in applied.errors]


def test_a_package_facade_reading_a_data_file_beside_the_old_module_agrees_with_apply(
        tmp_path: Path, scratch_dirs: Path) -> None:
    """The package layout: the facade `pkg/big/__init__.py` is one directory deeper than
    `pkg/big.py` (godsplit keeps `__file__`-made paths the old ones); the data file, in a
    real directory of the mirror, is reached through its link. Plan and apply agree."""
    root = tmp_path / "project"
    make_project(root, SRC_LAYOUT, {"io": ["load"]}, files={"pkg/data.txt": "hello\n"})
    (root / "godsplit.toml").write_text(
        '[[split]]\nsource = "pkg/big.py"\ndefault = "io"\n[split.modules]\nio = ["load"]\n')
    result = api.plan(config=root / "godsplit.toml")
    [split] = result.splits
    assert result.errors == (), [f.render() for f in result.errors]
    assert split.import_check is not None and split.import_check.ran, split.import_check
    applied = apply(api.load(root / "godsplit.toml"))
    assert applied.written and applied.splits[0].imported, [f.render() for f in applied.errors]


def test_the_scratch_copy_is_removed_on_ctrl_c(tmp_path: Path, scratch_dirs: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "project"
    _decorated(root)
    before = _tree(root)

    def interrupted(*args: object, **kwargs: object) -> None:
        assert len(list(scratch_dirs.iterdir())) == 1  # the import after runs in the copy
        raise KeyboardInterrupt

    monkeypatch.setattr(import_check, "snapshot", interrupted)
    with pytest.raises(KeyboardInterrupt):
        api.plan(config=root / "godsplit.toml")
    assert list(scratch_dirs.iterdir()) == []
    assert _tree(root) == before


def test_the_mirror_links_what_the_plan_leaves_and_never_writes_through_a_link(
        tmp_path: Path, scratch_dirs: Path) -> None:
    """Only the directories holding planned files are real; the files the plan replaces
    or deletes are not links into the project; the project is untouched."""
    root = tmp_path / "root"
    for name in ("pkg/__init__.py", "pkg/big.py", "pkg/sub/deep.py", "other/x.py", "cfg.ini"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(f"# {name}\n")
    before = _tree(root)
    changes = [FileChange(root / "pkg/big.py", None),
               FileChange(root / "pkg/big/__init__.py", b"# facade\n"),
               FileChange(root / "pkg/__init__.py", b"# new init\n")]
    with mirrored(root, changes) as mirror:
        assert (mirror / "other").is_symlink() and (mirror / "cfg.ini").is_symlink()
        assert (mirror / "pkg/sub").is_symlink()
        assert not (mirror / "pkg").is_symlink()
        assert not (mirror / "pkg/big.py").exists()
        assert (mirror / "pkg/big/__init__.py").read_text() == "# facade\n"
        assert not (mirror / "pkg/__init__.py").is_symlink()
        assert (mirror / "pkg/__init__.py").read_text() == "# new init\n"
        assert (mirror / "pkg/sub/deep.py").read_text() == "# pkg/sub/deep.py\n"
    assert _tree(root) == before
    assert list(scratch_dirs.iterdir()) == []


def test_a_project_without_an_interpreter_that_imports_it_says_why(
        tmp_path: Path, scratch_dirs: Path) -> None:
    """The import before the split fails for want of a package: not run, and why (apply's
    GS412 words); no error."""
    root = tmp_path / "project"
    make_project(root, dedent("""
        import not_installed_anywhere_godsplit


        def a():
            return 1


        def b():
            return 2
    """), {"one": ["a"]})
    (root / "godsplit.toml").write_text(
        '[[split]]\nsource = "pkg/big.py"\ndefault = "one"\n[split.modules]\none = ["a"]\n')
    result = api.plan(config=root / "godsplit.toml")
    [split] = result.splits
    assert split.import_check is not None and not split.import_check.ran
    assert split.import_check.text.startswith(
        "not run: it needs 'not_installed_anywhere_godsplit', which no interpreter found has")
    assert result.errors == ()


SUGGESTED = """
    from pkg.deprecate import deprecated


    @deprecated("17.1")
    def timeout(value):
        first = value + 1
        second = first * 2
        third = second - 3
        return third


    def succeed(value):
        first = value + 1
        second = first * 2
        third = second - 3
        return third


    class Queue:
        def put(self, item):
            self.items = [item]
            return item

        def get(self):
            return self.items.pop()

        def size(self):
            return len(self.items)
"""


def test_suggest_keeps_what_the_import_check_says_must_stay_and_says_why(
        tmp_path: Path, scratch_dirs: Path) -> None:
    """twisted's `defer.py` suggestion was rolled back by GS416. suggest now runs the
    check on its proposal, keeps what GS416 names and suggests again; the entry it gives
    plans clean under the check and is applied and verified. With static=True it moves
    `timeout` (and says nothing of an import check)."""
    root = tmp_path / "project"
    make_project(root, SUGGESTED, {"x": ["succeed"]}, files={"pkg/deprecate.py": DEPRECATE})
    (root / "godsplit.toml").write_text("max-lines = 20\n")
    before = _tree(root)
    static = api.suggest(root / "pkg/big.py", config=root / "godsplit.toml", max_lines=20,
                         static=True)
    assert "timeout" not in static.keep and not any("import check" in n for n in static.notes)
    checked = api.suggest(root / "pkg/big.py", config=root / "godsplit.toml", max_lines=20)
    assert checked.errors == () and checked.keep == ("timeout",)
    assert ("kept timeout in the old module: the import check (in a scratch copy) found that "
            "moving it changes a string recorded from __module__ while the module is imported "
            "(GS416)") in checked.notes
    assert any(n.startswith("import check: ran in a scratch copy: imported pkg.big before")
               for n in checked.notes)
    assert _tree(root) == before and list(scratch_dirs.iterdir()) == []
    from godsplit.suggester.entry import render_entry

    (root / "godsplit.toml").write_text("max-lines = 20\n\n" + render_entry(checked))
    planned = api.plan(config=root / "godsplit.toml")
    assert planned.errors == () and planned.splits[0].import_check is not None
    assert planned.splits[0].import_check.ran
    applied = apply(api.load(root / "godsplit.toml"))
    assert applied.written and applied.splits[0].imported, [f.render() for f in applied.errors]


def test_suggest_reads_what_to_keep_from_the_import_checks_own_messages() -> None:
    """The names suggest keeps come from compare_snapshots' GS416 and GS408 findings (each
    difference, and GS408's "and N more" one), as the top-level definitions they name."""
    from godsplit.split.verify import Snapshot, compare_snapshots
    from godsplit.suggester.checked import _to_keep

    hints = {f"F{i}.m": "(x) | []" for i in range(7)}
    before = Snapshot({"timeout": "function"}, (), details=hints,
                      recorded={"Deferred.callbacks": "pkg.big.Deferred.callbacks was x"})
    after = Snapshot({"timeout": "function"}, (), details={k: "(y) | []" for k in hints},
                     recorded={"Deferred.callbacks": "pkg.big.d.Deferred.callbacks was x"})
    found = compare_snapshots(before, after, "pkg/big.py")
    assert {f.code for f in found} == {"GS408", "GS416"}
    # each with the code of the finding that keeps it (suggest's comment gives the reason)
    # (no GS424 here: the analysis, read only for the code that made a GS424 name, is not)
    wanted = {"Deferred": "GS416", **{f"F{i}": "GS408" for i in range(7)}}
    assert _to_keep(found, None) == wanted


def test_an_import_hook_that_serves_the_real_tree_first_is_not_taken_for_a_check(
        tmp_path: Path, scratch_dirs: Path) -> None:
    """An import hook ahead of `sys.path` (meson-python's editable loader inserts its finder
    first in `sys.meta_path`; here one from `verify-setup`) finds the project's own, unsplit
    module even in the scratch copy: the import after would be the import before. plan
    says the check did not run, and where the module came from, rather than "the same"."""
    root = tmp_path / "project"
    _decorated(root)
    hook = ("import sys, importlib.machinery as m\n"
            "class F:\n"
            "    @staticmethod\n"
            "    def find_spec(name, path=None, target=None):\n"
            "        if name.split('.')[0] != 'pkg':\n"
            "            return None\n"
            f"        return m.PathFinder.find_spec(name, path or [{str(root)!r}])\n"
            "sys.meta_path.insert(0, F)\n")
    text = (root / "godsplit.toml").read_text()
    (root / "godsplit.toml").write_text(f"verify-setup = {hook!r}\n" + text)  # repr: a TOML basic string
    result = api.plan(config=root / "godsplit.toml")
    [split] = result.splits
    assert split.import_check is not None and not split.import_check.ran
    assert split.import_check.text == (
        f"not run: after the split, pkg.big was imported from {root / 'pkg/big.py'}, not "
        "from the scratch copy (an import hook comes before sys.path); apply checks it")
    assert result.errors == ()
    assert list(scratch_dirs.iterdir()) == []
