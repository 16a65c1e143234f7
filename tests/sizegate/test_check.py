"""The `godsplit check` engine: finding modules, limits, excludes, .gitignore, baseline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from godsplit.config import load_config
from godsplit.sizegate.baseline import Baseline, read_baseline, render_baseline
from godsplit.sizegate.core import CheckOptions, find_targets, run_check, update_baseline
from godsplit.types import GodsplitError


def lines(n: int) -> str:
    return "".join(f"x{i} = {i}\n" for i in range(n))


def project(root: Path, files: dict[str, str], config: str = "max-lines = 10\n") -> Path:
    (root / "godsplit.toml").write_text(config)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def check(root: Path, **options: object) -> dict[str, tuple[str, int, int]]:
    """{path: (status, lines, limit)} of everything reported."""
    result = run_check(load_config(None, root), CheckOptions(**options))  # type: ignore[arg-type]
    return {m.path: (m.status, m.lines, m.limit) for m in result.modules}


def targets(root: Path, **options: object) -> list[str]:
    found = find_targets(load_config(None, root), CheckOptions(**options))  # type: ignore[arg-type]
    return sorted(rel for _, rel in found)


@pytest.mark.parametrize(("size", "reported"), [
    pytest.param(9, False, id="under"),
    pytest.param(10, False, id="at-limit"),
    pytest.param(11, True, id="one-over"),
])
def test_limit_is_inclusive(tmp_path: Path, size: int, reported: bool) -> None:
    project(tmp_path, {"m.py": lines(size)})
    assert check(tmp_path) == ({"m.py": ("over", size, 10)} if reported else {})


def test_results_sorted_by_overflow_then_path(tmp_path: Path) -> None:
    project(tmp_path, {"a.py": lines(12), "b.py": lines(30), "c.py": lines(12), "d.py": lines(5)})
    result = run_check(load_config(None, tmp_path), CheckOptions())
    assert [m.path for m in result.modules] == ["b.py", "a.py", "c.py"]
    assert result.files_checked == 4
    assert not result.passed
    assert [m.overflow for m in result.failures] == [20, 2, 2]


def test_max_lines_option_overrides_config(tmp_path: Path) -> None:
    project(tmp_path, {"m.py": lines(12)})
    assert check(tmp_path, max_lines=12) == {}
    assert check(tmp_path, max_lines=11) == {"m.py": ("over", 12, 11)}


def test_default_limit_without_config(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(lines(601))
    (tmp_path / "n.py").write_text(lines(600))
    result = run_check(load_config(None, tmp_path), CheckOptions())
    assert [(m.path, m.limit) for m in result.modules] == [("m.py", 600)]


COUNT_MODES = [
    pytest.param("physical", ("over", 16, 10), id="physical"),
    pytest.param("code", None, id="code"),
]


@pytest.mark.parametrize(("mode", "expected"), COUNT_MODES)
def test_count_modes(tmp_path: Path, mode: str, expected: tuple[str, int, int] | None) -> None:
    source = '"""Module\n\ndocstring."""\n\n# comment\n\ndef f():\n    """Doc."""\n' + lines(8)
    project(tmp_path, {"m.py": source})
    assert check(tmp_path, count=mode) == ({"m.py": expected} if expected else {})


def test_code_mode_from_config_counts_only_code(tmp_path: Path) -> None:
    source = "# c\n\n" * 20 + lines(11)
    project(tmp_path, {"m.py": source}, 'max-lines = 10\ncount = "code"\n')
    assert check(tmp_path) == {"m.py": ("over", 11, 10)}
    assert check(tmp_path, count="physical") == {"m.py": ("over", 51, 10)}


def test_code_mode_in_worker_processes(tmp_path: Path) -> None:
    files = {f"m{i}.py": "# c\n" * 5 + lines(10 + i) for i in range(4)}
    project(tmp_path, files)
    serial = check(tmp_path, count="code", jobs=1)
    assert serial == {f"m{i}.py": ("over", 10 + i, 10) for i in range(1, 4)}
    assert check(tmp_path, count="code", jobs=2) == serial


def test_walk_skips_tool_dirs_virtualenvs_and_non_python(tmp_path: Path) -> None:
    big = lines(20)
    project(tmp_path, {
        "pkg/m.py": big, ".git/hooks/x.py": big, ".venv/lib/y.py": big,
        "node_modules/z.py": big, "pkg/__pycache__/w.py": big, "env/pyvenv.cfg": "",
        "env/lib/site.py": big, "notes.txt": big, "stub.pyi": big, "link_target/n.py": big,
    })
    (tmp_path / "linked").symlink_to(tmp_path / "link_target")
    assert targets(tmp_path) == ["link_target/n.py", "pkg/m.py"]


GITIGNORE_CASES = [
    pytest.param({".gitignore": "build/\n"}, ["a.py", "src/b.py"], id="directory-pattern"),
    pytest.param({".gitignore": "*.py\n!a.py\n"}, ["a.py"], id="negation"),
    pytest.param({".gitignore": "/a.py\n"}, ["build/c.py", "src/b.py"], id="anchored"),
    pytest.param({"src/.gitignore": "b.py\n"}, ["a.py", "build/c.py"], id="nested"),
    pytest.param({".gitignore": "b.py\n", "src/.gitignore": "!b.py\n"},
                 ["a.py", "build/c.py", "src/b.py"], id="nested-overrides-parent"),
    pytest.param({".gitignore": "# only a comment\n\n"}, ["a.py", "build/c.py", "src/b.py"],
                 id="comments-only"),
    pytest.param({".git/info/exclude": "src/\n"}, ["a.py", "build/c.py"], id="git-info-exclude"),
]


@pytest.mark.parametrize(("ignores", "expected"), GITIGNORE_CASES)
def test_gitignore(tmp_path: Path, ignores: dict[str, str], expected: list[str]) -> None:
    project(tmp_path, {"a.py": "", "src/b.py": "", "build/c.py": "", **ignores})
    assert targets(tmp_path) == expected


@pytest.mark.parametrize("git", [True, False], ids=["git-work-tree", "no-git"])
def test_gitignore_above_the_walked_directory_applies(tmp_path: Path, git: bool) -> None:
    project(tmp_path, {".gitignore": "gen_*.py\n", "src/gen_x.py": "", "src/y.py": "",
                       ".git/info/exclude": "src/deep/\n" if git else "", "src/deep/z.py": ""})
    expected = ["src/y.py"] if git else ["src/deep/z.py", "src/y.py"]
    assert targets(tmp_path, paths=(tmp_path / "src",)) == expected


def test_gitignore_outside_the_work_tree_does_not_apply(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("*.py\n")
    repo = project(tmp_path / "repo", {"a.py": "", "src/b.py": "", ".git/HEAD": ""}) if (
        tmp_path / "repo").mkdir() is None else tmp_path
    assert targets(repo) == ["a.py", "src/b.py"]
    assert targets(repo, paths=(repo / "src",)) == ["src/b.py"]


EXCLUDE_CASES = [
    pytest.param('exclude = ["legacy/"]\n', (), ["a.py", "src/b.py", "src/m_pb2.py"],
                 id="config-dir"),
    pytest.param('exclude = ["*_pb2.py"]\n', (), ["a.py", "legacy/old.py", "src/b.py"],
                 id="config-glob"),
    pytest.param('exclude = "legacy"\n', (), ["a.py", "src/b.py", "src/m_pb2.py"],
                 id="config-string"),
    pytest.param("", ("src/**",), ["a.py", "legacy/old.py"], id="option-doublestar"),
    pytest.param('exclude = ["legacy"]\n', ("a.py", "*_pb2.py"), ["src/b.py"],
                 id="config-and-option"),
    pytest.param("", ("/src/b.py",), ["a.py", "legacy/old.py", "src/m_pb2.py"], id="anchored"),
]


@pytest.mark.parametrize(("config", "option", "expected"), EXCLUDE_CASES)
def test_excludes(tmp_path: Path, config: str, option: tuple[str, ...], expected: list[str]) -> None:
    project(tmp_path, {"a.py": "", "src/b.py": "", "src/m_pb2.py": "", "legacy/old.py": ""},
            "max-lines = 10\n" + config)
    assert targets(tmp_path, exclude=option) == expected


def test_explicit_files_skip_gitignore_but_not_excludes(tmp_path: Path) -> None:
    project(tmp_path, {".gitignore": "gen.py\n", "gen.py": lines(20), "old.py": lines(20),
                       "ok.py": lines(20)}, 'max-lines = 10\nexclude = ["old.py"]\n')
    given = (tmp_path / "gen.py", tmp_path / "old.py", tmp_path / "ok.py", tmp_path / "ok.py")
    assert targets(tmp_path, paths=given) == ["gen.py", "ok.py"]
    assert targets(tmp_path) == ["ok.py"]


def test_directory_and_file_given_count_once(tmp_path: Path) -> None:
    project(tmp_path, {"src/a.py": lines(20)})
    result = run_check(load_config(None, tmp_path),
                       CheckOptions(paths=(tmp_path / "src", tmp_path / "src" / "a.py")))
    assert result.files_checked == 1


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    project(tmp_path, {})
    with pytest.raises(GodsplitError, match="no such file or directory"):
        targets(tmp_path, paths=(tmp_path / "nope.py",))


PER_PATH = """max-lines = 10
[[per-path]]
path = "legacy/**"
max-lines = 30
[[per-path]]
path = "legacy/worst.py"
max-lines = 50
[[per-path]]
path = "tests/"
max-lines = 15
"""


@pytest.mark.parametrize(("name", "size", "expected"), [
    pytest.param("app.py", 20, ("over", 20, 10), id="default"),
    pytest.param("legacy/a.py", 20, None, id="per-path-allows"),
    pytest.param("legacy/a.py", 31, ("over", 31, 30), id="per-path-exceeded"),
    pytest.param("legacy/worst.py", 45, None, id="last-match-wins"),
    pytest.param("tests/deep/t.py", 16, ("over", 16, 15), id="directory-pattern"),
])
def test_per_path_limits(tmp_path: Path, name: str, size: int,
                         expected: tuple[str, int, int] | None) -> None:
    project(tmp_path, {name: lines(size)}, PER_PATH)
    assert check(tmp_path) == ({name: expected} if expected else {})
    # --max-lines changes the default limit only; per-path limits still apply
    raised = check(tmp_path, max_lines=100)
    assert raised == ({} if name == "app.py" or expected is None else {name: expected})


def test_split_configured_module_is_marked(tmp_path: Path) -> None:
    config = 'max-lines = 10\n[[split]]\nsource = "god.py"\n[split.modules]\na = ["x1"]\n'
    project(tmp_path, {"god.py": lines(20), "other.py": lines(20)}, config)
    result = run_check(load_config(None, tmp_path), CheckOptions())
    assert {m.path: m.split_configured for m in result.modules} == {
        "god.py": True, "other.py": False}


# --- the baseline life cycle ------------------------------------------------------------

def test_baseline_life_cycle(tmp_path: Path) -> None:
    project(tmp_path, {"big.py": lines(20), "bigger.py": lines(30), "ok.py": lines(5),
                       "gone.py": lines(25)})
    config = load_config(None, tmp_path)
    baseline_file = tmp_path / "godsplit-baseline.json"

    # record: today's violations, sorted, one per line
    update = update_baseline(config, CheckOptions())
    assert update.path == baseline_file
    assert update.added == ("big.py", "bigger.py", "gone.py")
    text = baseline_file.read_text()
    assert text == render_baseline(Baseline("physical", {
        "big.py": 20, "bigger.py": 30, "gone.py": 25}))
    assert json.loads(text)["modules"] == {"big.py": 20, "bigger.py": 30, "gone.py": 25}
    assert text.index('"big.py"') < text.index('"bigger.py"') < text.index('"gone.py"')

    # pass: baselined modules that did not grow
    options = CheckOptions(baseline=baseline_file)
    result = run_check(config, options)
    assert result.passed
    assert {m.path: m.status for m in result.modules} == {
        "big.py": "baselined", "bigger.py": "baselined", "gone.py": "baselined"}

    # grow -> fail; new module -> fail; shrink -> reported; fixed and gone -> reported
    (tmp_path / "big.py").write_text(lines(21))
    (tmp_path / "bigger.py").write_text(lines(8))
    (tmp_path / "new.py").write_text(lines(11))
    (tmp_path / "gone.py").unlink()
    result = run_check(config, options)
    assert not result.passed
    assert {m.path: (m.status, m.lines, m.baseline) for m in result.modules} == {
        "big.py": ("grown", 21, 20), "new.py": ("over", 11, None),
        "bigger.py": ("fixed", 8, 30), "gone.py": ("gone", 0, 25)}
    assert [m.path for m in result.failures] == ["big.py", "new.py"]

    (tmp_path / "big.py").write_text(lines(15))
    (tmp_path / "new.py").unlink()
    result = run_check(config, options)
    assert result.passed
    assert {m.path: m.status for m in result.modules} == {
        "big.py": "shrunk", "bigger.py": "fixed", "gone.py": "gone"}

    # re-record: the ratchet tightens and stale entries go
    update = update_baseline(config, options)
    assert read_baseline(baseline_file).modules == {"big.py": 15}
    assert update.changed == ("big.py",)
    assert update.removed == ("bigger.py", "gone.py")


def test_partial_update_keeps_entries_of_unchecked_modules(tmp_path: Path) -> None:
    project(tmp_path, {"a.py": lines(20), "b.py": lines(20)})
    config = load_config(None, tmp_path)
    update_baseline(config, CheckOptions())
    (tmp_path / "a.py").write_text(lines(5))
    update_baseline(config, CheckOptions(paths=(tmp_path / "a.py",)))
    assert read_baseline(tmp_path / "godsplit-baseline.json").modules == {"b.py": 20}


def test_baseline_from_config(tmp_path: Path) -> None:
    project(tmp_path, {"a.py": lines(20)}, 'max-lines = 10\nbaseline = "ci/sizes.json"\n')
    config = load_config(None, tmp_path)
    update = update_baseline(config, CheckOptions())
    assert update.path == (tmp_path / "ci" / "sizes.json").resolve()
    assert run_check(config, CheckOptions()).passed


def test_code_mode_baseline(tmp_path: Path) -> None:
    project(tmp_path, {"a.py": "# c\n" * 10 + lines(12)}, 'max-lines = 10\ncount = "code"\n')
    config = load_config(None, tmp_path)
    assert update_baseline(config, CheckOptions()).baseline.modules == {"a.py": 12}
    options = CheckOptions(baseline=tmp_path / "godsplit-baseline.json")
    assert run_check(config, options).passed
    (tmp_path / "a.py").write_text(lines(9))  # under the limit: counted and reported as fixed
    assert [(m.status, m.lines) for m in run_check(config, options).modules] == [("fixed", 9)]
    with pytest.raises(GodsplitError, match="recorded with --count code"):
        run_check(config, CheckOptions(baseline=options.baseline, count="physical"))


BAD_BASELINES = [
    pytest.param(None, "baseline file not found", id="missing"),
    pytest.param("{", "invalid JSON", id="not-json"),
    pytest.param('{"modules": {}}', "not a godsplit baseline", id="no-version"),
    pytest.param('{"godsplit-baseline": 1, "count": "words", "modules": {}}', "'count'",
                 id="bad-count"),
    pytest.param('{"godsplit-baseline": 1, "count": "code", "modules": {"a.py": "x"}}',
                 "'modules'", id="bad-size"),
]


@pytest.mark.parametrize(("text", "message"), BAD_BASELINES)
def test_bad_baseline(tmp_path: Path, text: str | None, message: str) -> None:
    project(tmp_path, {"a.py": ""})
    path = tmp_path / "b.json"
    if text is not None:
        path.write_text(text)
    with pytest.raises(GodsplitError, match=message):
        run_check(load_config(None, tmp_path), CheckOptions(baseline=path))
