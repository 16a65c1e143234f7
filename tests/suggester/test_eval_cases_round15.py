"""The evaluation set's data (benchmarks/maintainers/*.toml) and how it is recorded
(benchmarks/record_split.py) and chosen by half (benchmarks/suggest_eval.py --half)."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from benchkit import BENCHMARKS, commit_all, git, load_benchmark

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HEX40 = re.compile(r"[0-9a-f]{40}")
HEX64 = re.compile(r"[0-9a-f]{64}")
CASE_FILES = sorted((BENCHMARKS / "maintainers").glob("*.toml"))


def _eval() -> ModuleType:
    return load_benchmark("suggest_eval")


def _record() -> ModuleType:
    return load_benchmark("record_split")


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_every_case_loads_with_a_known_half_and_one_module_per_name(path: Path) -> None:
    ev = _eval()
    case = ev.load_case(path)
    assert case.half in ev.HALVES
    assert case.k >= 2
    assert HEX64.fullmatch(case.sdist_sha256) and HEX64.fullmatch(case.sha256)
    names = [n for members in case.modules.values() for n in members]
    assert len(names) == len(set(names)), "a name placed in two modules"


def test_the_fresh_half_is_recorded_from_git_with_full_commits_and_kept() -> None:
    fresh = [p for p in CASE_FILES if tomllib.loads(p.read_text())["half"] == "fresh"]
    assert len(fresh) >= 6
    for path in fresh:
        data = tomllib.loads(path.read_text())
        assert HEX40.fullmatch(data["before-commit"]) and HEX40.fullmatch(data["after-commit"])
        name, version = data["sdist"].split("==")
        assert data["kept"] and data["sdist-file"].lower().startswith(f"{name}-{version}")
        assert "Recorded by benchmarks/record_split.py" in path.read_text()
    # two cases of one project at most: the half is not one project's habits
    projects = [tomllib.loads(p.read_text())["project"] for p in fresh]
    assert max(projects.count(p) for p in projects) <= 2


def test_half_chooses_one_half_and_all_includes_fresh() -> None:
    ev = _eval()
    cases = [ev.load_case(p) for p in CASE_FILES]
    fresh = ev.chosen(cases, "fresh", [])
    assert fresh and {c.half for c in fresh} == {"fresh"}
    assert {c.half for c in ev.chosen(cases, "all", [])} == set(ev.HALVES)
    assert ev.chosen(cases, "held-out", [fresh[0].id]) == []


def test_an_unknown_half_is_refused(tmp_path: Path) -> None:
    text = CASE_FILES[0].read_text()
    bad = tmp_path / "bad.toml"
    bad.write_text(re.sub(r'^half = ".*"$', 'half = "tune"', text, flags=re.MULTILINE))
    with pytest.raises(SystemExit, match="half 'tune'"):
        _eval().load_case(bad)


def test_the_summary_reports_each_half_apart() -> None:
    ev = _eval()
    case = ev.load_case(CASE_FILES[0])
    win, lose = ev.Score(1, 1, 0.9, 0.8), ev.Score(1, 1, 0.5, 0.4)

    def result(ours: object, base: object) -> object:
        return ev.Result(case, 3, 900, ours, base, None, 2, 0, 0.1)

    text = ev.summary({"fresh": [result(win, lose), result(lose, win)], "tuning": [result(win, lose)]})
    assert text.index("tuning:") < text.index("fresh:")
    assert "1 of 1 (tuning); 1 of 2 (fresh); 2 of 3 in all" in text


BEFORE = '''\
"""A module."""
import os
from x import y as z

__all__ = ["f"]
LIMIT = 3
a, (b, c) = 1, (2, 3)
n: int = 0


def f():
    inner = 1
    return inner


class K:
    attr = 2


try:
    import json
    fast = True
except ImportError:
    fast = False

for i in range(2):
    pass

if __name__ == "__main__":
    script_only = f()
'''


def test_defined_reads_top_level_bindings_not_imports_dunders_or_the_script_block() -> None:
    assert _record().defined(BEFORE) == ["LIMIT", "a", "b", "c", "n", "f", "K", "fast", "i"]


def test_a_file_python_3_cannot_parse_is_read_from_its_tokens() -> None:
    old = (
        '"""Doc.\n\nx = 1\n"""\nPY3 = True\n\n\nclass spawn(object):\n'
        "    def expect(self, pattern, async=False):\n        y = 2\n\n\n"
        "try:\n    pass\nexcept: pass\n\nasync def g(): pass\n\ndef run(): pass\n"
    )
    record = _record()
    assert record.defined(old) == ["PY3", "spawn", "g", "run"]
    assert record.defined(old, assignments=False) == ["spawn", "g", "run"]


def test_place_takes_the_definition_over_an_alias_and_lists_the_rest() -> None:
    modules = {
        "__init__": "common = helpers\nshared = 1\n",
        "helpers": "class common:\n    pass\n\n\nshared = 2\n\n\ndef tool(): pass\n",
        "core": "def engine(): pass\n",
    }
    grouping, gone, several = _record().place(["engine", "common", "tool", "old", "shared"], modules)
    assert grouping == {"core": ["engine"], "helpers": ["common", "tool"]}
    assert gone == ["old"] and several == ["shared"]


def test_after_modules_reads_only_what_the_split_touched(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "pkg" / "tests").mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "pkg" / "other.py").write_text("def engine(): pass\n")
    (repo / "pkg" / "big.py").write_text("def engine(): pass\n\n\ndef tool(): pass\n")
    before = commit_all(repo, "before")
    (repo / "pkg" / "big.py").unlink()
    (repo / "pkg" / "big").mkdir()
    (repo / "pkg" / "big" / "core.py").write_text("def engine(): pass\n")
    (repo / "pkg" / "big" / "tools.py").write_text("def tool(): pass\n")
    (repo / "pkg" / "archive.py").write_text("def engine(): pass\n")
    (repo / "pkg" / "tests" / "test_big.py").write_text("def tool(): pass\n")
    commit_all(repo, "after")
    record = _record()
    modules = record.after_modules(repo / ".git", before, "HEAD", "pkg", ["pkg/archive.py"])
    assert sorted(modules) == ["big.core", "big.tools"]
    grouping, gone, several = record.place(["engine", "tool"], modules)
    assert grouping == {"big.core": ["engine"], "big.tools": ["tool"]}
    assert not gone and not several
