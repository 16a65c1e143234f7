"""Round 38 (lead): benchmarks/record_split.py refuses a new project the README names (its
trials and sweeps: godsplit was tried on that code, so it cannot be held out). fresh39
recorded instaloader, which two sweeps had split, and dropped it by hand afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchkit import load_benchmark

README = """# godsplit

Swept: instaloader 4.16 (`instaloader/structures.py`), SQLObject's `col.py`.
"""


@pytest.mark.parametrize(
    ("project", "line"),
    [("instaloader", 3), ("Instaloader", 3), ("sqlobject", 3)],
)
def test_a_new_project_the_readme_names_is_refused_with_the_line(project: str, line: int) -> None:
    clash = load_benchmark("record_split").readme_clash(project, README, recorded=False)
    assert clash == (f"project {project!r} is named in README.md (line {line}): godsplit was "
                     "tried on it; a held-out case is code it never saw")


@pytest.mark.parametrize("project", ["loader", "insta", "sql", "object", "structures-py"])
def test_a_name_inside_another_word_is_not_the_project(project: str) -> None:
    assert load_benchmark("record_split").readme_clash(project, README, recorded=False) is None


def test_a_project_already_recorded_may_take_its_second_case() -> None:
    assert load_benchmark("record_split").readme_clash("instaloader", README, recorded=True) is None


def test_the_command_stops_before_any_download(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    rs = load_benchmark("record_split")
    (tmp_path / "maintainers").mkdir()
    (tmp_path / "README.md").write_text(README)

    def unreachable(*args: object, **kwargs: object) -> None:
        raise AssertionError("the command went on after the README named the project")

    monkeypatch.setattr(rs, "git", unreachable)
    monkeypatch.setattr(rs, "sdist", unreachable)
    argv = ["--git", str(tmp_path), "--before-commit", "a", "--after-commit", "b",
            "--before-path", "instaloader/x.py", "--after-root", "instaloader", "--sdist",
            "instaloader==4.0", "--path", "instaloader/x.py", "--project", "instaloader",
            "--repository", "r", "--licence", "MIT", "--note", "n", "--kept", "__init__",
            "--half", "fresh13", "--maintainers", str(tmp_path / "maintainers"),
            "--out", str(tmp_path / "case.toml"), "--readme", str(tmp_path / "README.md")]
    with pytest.raises(SystemExit, match=r"'instaloader' is named in README.md \(line 3\)"):
        rs.main(argv)
    assert not (tmp_path / "case.toml").exists()
