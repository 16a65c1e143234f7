"""Round 34 (fresh35): benchmarks/record_split.py names the sdist and the path when `--path`
is not a file in the sdist (it raised a bare KeyError before), for .tar.gz and .zip sdists."""

from __future__ import annotations

import io
import tarfile
import zipfile
from pathlib import Path

import pytest

from benchkit import load_benchmark

SOURCE = b"def f():\n    return 1\n"


def _tar(files: dict[str, bytes], dirs: tuple[str, ...] = ()) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as tar:
        for name in dirs:
            info = tarfile.TarInfo(name)
            info.type = tarfile.DIRTYPE
            tar.addfile(info)
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zipped:
        for name, data in files.items():
            zipped.writestr(name, data)
    return out.getvalue()


def test_member_reads_the_file_under_the_top_directory() -> None:
    rs = load_benchmark("record_split")
    files = {"pkg-1.0/pkg/big.py": SOURCE}
    assert rs.member("pkg-1.0.tar.gz", _tar(files), "pkg/big.py") == SOURCE
    assert rs.member("pkg-1.0.zip", _zip(files), "pkg/big.py") == SOURCE


@pytest.mark.parametrize("archive", ["pkg-1.0.tar.gz", "pkg-1.0.zip"])
def test_a_path_not_in_the_sdist_is_a_clear_error_naming_both(archive: str) -> None:
    rs = load_benchmark("record_split")
    files = {"pkg-1.0/src/pkg/big.py": SOURCE, "pkg-1.0/setup.py": b""}
    data = _tar(files) if archive.endswith(".tar.gz") else _zip(files)
    with pytest.raises(SystemExit) as raised:
        rs.member(archive, data, "pkg/big.py")
    message = str(raised.value)
    assert message.startswith("--path pkg/big.py: no such file in " + archive)
    assert "(looked for pkg-1.0/pkg/big.py)" in message
    # the file of that name the archive does have, as the --path to give instead
    assert message.endswith("files of that name in it: src/pkg/big.py")


def test_a_directory_is_not_taken_for_the_file() -> None:
    rs = load_benchmark("record_split")
    data = _tar({"pkg-1.0/setup.py": b""}, dirs=("pkg-1.0/pkg",))
    with pytest.raises(SystemExit, match=r"--path pkg: no such file in pkg-1.0.tar.gz"):
        rs.member("pkg-1.0.tar.gz", data, "pkg")


def test_the_command_stops_with_the_error_before_reading_git_history(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The whole command line: the sdist (stubbed, no download) lacks `--path`, so the
    command exits with the message, writes no record and reads no after tree."""
    rs = load_benchmark("record_split")
    calls: list[tuple[str, ...]] = []

    def git(mirror: Path, *args: str) -> str:
        calls.append(args)
        return "0" * 40 + "\n"

    monkeypatch.setattr(rs, "git", git)
    sdist = ("pkg-1.0.tar.gz", _tar({"pkg-1.0/a.py": SOURCE}))
    monkeypatch.setattr(rs, "sdist", lambda spec, work, wanted: sdist)
    out = tmp_path / "case.toml"
    argv = ["--git", str(tmp_path), "--before-commit", "a", "--after-commit", "b",
            "--before-path", "pkg/big.py", "--after-root", "pkg", "--sdist", "pkg==1.0",
            "--path", "pkg/big.py", "--project", "pkg", "--repository", "https://github.com/o/pkg",
            "--licence", "MIT", "--note", "n", "--kept", "__init__", "--out", str(out),
            "--readme", str(tmp_path / "README.md")]
    with pytest.raises(SystemExit) as raised:
        rs.main(argv)
    assert str(raised.value) == (
        "--path pkg/big.py: no such file in pkg-1.0.tar.gz (looked for pkg-1.0/pkg/big.py)"
    )
    assert not out.exists()
    assert all(args[0] == "rev-parse" for args in calls)


def test_half_is_one_suggest_eval_loads(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--half` takes suggest_eval.py's HALVES (fresh11 and any half recorded after it among
    them, read from its text); a half it would refuse to load (the one after the last) is an
    argparse error (exit 2) before anything is read."""
    rs = load_benchmark("record_split")
    ev = load_benchmark("suggest_eval")
    assert rs.halves() == ev.HALVES and "fresh11" in rs.halves() and rs.halves()[-1] == ev.HELD_OUT

    def unreachable(*args: object, **kwargs: object) -> None:
        raise AssertionError("the command went on after a bad --half")

    monkeypatch.setattr(rs, "git", unreachable)
    monkeypatch.setattr(rs, "sdist", unreachable)
    unknown = f"fresh{int(ev.HALVES[-1].removeprefix('fresh')) + 1}"  # not recorded yet
    assert unknown not in ev.HALVES
    argv = ["--git", str(tmp_path), "--before-commit", "a", "--after-commit", "b",
            "--before-path", "p.py", "--after-root", "p", "--sdist", "p==1", "--path", "p.py",
            "--project", "p", "--repository", "r", "--licence", "MIT", "--note", "n",
            "--kept", "__init__", "--half", unknown]
    with pytest.raises(SystemExit) as raised:
        rs.main(argv)
    assert raised.value.code == 2
    assert f"argument --half: invalid choice: '{unknown}'" in capsys.readouterr().err
