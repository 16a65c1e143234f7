"""Round 36 (fresh37): benchmarks/record_split.py refuses a record that breaks a rule of the
recorded halves, naming the rule and the figures, and writes nothing: a project another half
already has (or this half has twice), a before file under 1,000 lines, fewer than 85% of its
top-level names placed, fewer than 2 modules. Before, it refused only the last; the others
were left to the recorder's eye (and to tests that read the records afterwards)."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path
from types import ModuleType

import pytest

from benchkit import load_benchmark


def _rs() -> ModuleType:
    return load_benchmark("record_split")


def _record(folder: Path, name: str, project: str, half: str) -> Path:
    path = folder / f"{name}.toml"
    path.write_text(f'project = "{project}"\nhalf = "{half}"\n\n[modules]\na = ["x"]\n')
    return path


def test_a_project_another_half_has_is_refused_whatever_its_case(tmp_path: Path) -> None:
    _record(tmp_path, "foo-core", "FooLib", "fresh12")
    clash = _rs().project_clash("foolib", "fresh13", tmp_path, None)
    assert clash is not None
    assert "'foolib' is already recorded in foo-core.toml (half 'fresh12')" in clash
    assert _rs().project_clash("barlib", "fresh13", tmp_path, None) is None


def test_a_third_case_of_a_project_in_one_half_is_refused_but_recording_one_again_is_not(
    tmp_path: Path,
) -> None:
    rs = _rs()
    first = _record(tmp_path, "foo-a", "foo", "fresh13")
    assert rs.project_clash("foo", "fresh13", tmp_path, tmp_path / "foo-b.toml") is None
    _record(tmp_path, "foo-b", "foo", "fresh13")
    clash = rs.project_clash("Foo", "fresh13", tmp_path, tmp_path / "foo-c.toml")
    assert clash is not None and "already has 2 cases in half 'fresh13' (foo-a.toml, foo-b.toml)" in clash
    # writing foo-a.toml again replaces it: still two cases of foo
    assert rs.project_clash("foo", "fresh13", tmp_path, first) is None


@pytest.mark.parametrize(
    ("lines", "names", "placed", "modules", "expected"),
    [
        (999, 40, 40, 5, "big.py: 999 lines; a case's before file has at least 1,000"),
        (1000, 40, 40, 1, "only 1 module(s) after the split: not a split"),
        (1000, 100, 84, 5, "big.py: 84 of 100 top-level names placed (84%); a case places at least 85%"),
        (1000, 100, 85, 2, None),
    ],
)
def test_each_rule_is_refused_with_its_figures_at_its_bound(
    lines: int, names: int, placed: int, modules: int, expected: str | None
) -> None:
    broken = _rs().rule_broken("big.py", lines, names, placed, modules)
    if expected is None:
        assert broken is None
    else:
        assert broken is not None and broken.startswith(expected)


def test_line_count_is_what_wc_counts() -> None:
    rs = _rs()
    assert rs.line_count(b"a\nb\n") == 2
    assert rs.line_count(b"a\nb") == 2  # a last line without a newline still counts


def _sdist(source: bytes) -> tuple[str, bytes]:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        info = tarfile.TarInfo("pkg-1.0/pkg/big.py")
        info.size = len(source)
        tar.addfile(info, io.BytesIO(source))
    return "pkg-1.0.tar.gz", out.getvalue()


def _argv(tmp_path: Path, project: str = "pkg") -> list[str]:
    return ["--git", str(tmp_path), "--before-commit", "a", "--after-commit", "b",
            "--before-path", "pkg/big.py", "--after-root", "pkg", "--sdist", "pkg==1.0",
            "--path", "pkg/big.py", "--project", project, "--repository", "https://github.com/o/pkg",
            "--licence", "MIT", "--note", "n", "--kept", "__init__", "--half", "fresh13",
            "--maintainers", str(tmp_path / "maintainers"), "--out", str(tmp_path / "case.toml"),
            "--readme", str(tmp_path / "README.md")]


def _stub_history(
    monkeypatch: pytest.MonkeyPatch, rs: ModuleType, before: str, after: dict[str, str]
) -> None:
    """The mirror: `before` at the before commit, `after` (path -> source) changed by the split."""

    def git(mirror: Path, *args: str) -> str:
        if args[0] == "rev-parse":
            return "0" * 40 + "\n"
        if args[0] == "diff":
            return "\n".join(after) + "\n"
        if args[0] == "ls-tree":  # the split's modules did not exist before it
            return ""
        assert args[0] == "show"
        path = args[1].split(":", 1)[1]
        return before if path == "pkg/big.py" else after[path]

    monkeypatch.setattr(rs, "git", git)
    monkeypatch.setattr(rs, "sdist", lambda spec, work, wanted: _sdist(before.encode()))


def _functions(names: list[str], filler: int = 0) -> str:
    return "".join(f"def {n}():\n    return 1\n" for n in names) + "# filler\n" * filler


def test_the_command_refuses_a_short_before_file_and_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rs = _rs()
    (tmp_path / "maintainers").mkdir()
    names = [f"f{i}" for i in range(10)]
    before = _functions(names, filler=999 - 20)  # 999 lines
    after = {"pkg/one.py": _functions(names[:5]), "pkg/two.py": _functions(names[5:])}
    _stub_history(monkeypatch, rs, before, after)
    with pytest.raises(SystemExit, match=r"^pkg/big.py: 999 lines; a case's before file has at least 1,000$"):
        rs.main(_argv(tmp_path))
    assert not (tmp_path / "case.toml").exists()
    # one line more and the same split is written, 10 names in 2 modules
    _stub_history(monkeypatch, rs, before + "# one more\n", after)
    assert rs.main(_argv(tmp_path)) == 0
    text = (tmp_path / "case.toml").read_text()
    assert "# before file: 1000 lines, 10 top-level names; 10 placed in 2 modules" in text


def test_the_command_refuses_a_split_that_renamed_too_many_names(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rs = _rs()
    (tmp_path / "maintainers").mkdir()
    names = [f"f{i}" for i in range(10)]
    renamed = [f"g{i}" for i in range(2)] + names[2:]  # 8 of 10 keep their names
    after = {"pkg/one.py": _functions(renamed[:5]), "pkg/two.py": _functions(renamed[5:])}
    _stub_history(monkeypatch, rs, _functions(names, filler=1000), after)
    with pytest.raises(SystemExit, match=r"8 of 10 top-level names placed \(80%\)"):
        rs.main(_argv(tmp_path))
    assert not (tmp_path / "case.toml").exists()


def test_a_project_clash_stops_the_command_before_any_download_or_git(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rs = _rs()
    (tmp_path / "maintainers").mkdir()
    _record(tmp_path / "maintainers", "pkg-old", "PKG", "fresh11")

    def unreachable(*args: object, **kwargs: object) -> None:
        raise AssertionError("the command went on after a project clash")

    monkeypatch.setattr(rs, "git", unreachable)
    monkeypatch.setattr(rs, "sdist", unreachable)
    with pytest.raises(SystemExit, match=r"'pkg' is already recorded in pkg-old.toml \(half 'fresh11'\)"):
        rs.main(_argv(tmp_path))
    assert not (tmp_path / "case.toml").exists()
