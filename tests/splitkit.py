"""Helpers for before/after split tests: build a tiny project, plan or apply a split."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from godsplit.config import parse_config
from godsplit.split.apply import ApplyResult, apply_splits
from godsplit.split.plan import plan_split
from godsplit.suggester.checked import suggest_checked
from godsplit.suggester.core import Suggestion
from godsplit.types import Config, Plan


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def make_project(
    root: Path,
    source: str,
    modules: dict[str, list[str]],
    *,
    path: str = "pkg/big.py",
    files: dict[str, str] | None = None,
    **split: Any,
) -> Config:
    """Write a project with `source` at `path` and return its config."""
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    directory = target.parent
    while directory != root:
        (directory / "__init__.py").touch()
        directory = directory.parent
    target.write_text(dedent(source))
    for name, text in (files or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(dedent(text))
    table: dict[str, Any] = {"split": [{"source": path, "modules": modules, **split}]}
    for key in ("max-lines", "verify-import", "verify-setup"):
        if key in split:
            table[key] = split.pop(key)
            table["split"][0].pop(key)
    return parse_config(table, root / "godsplit.toml")


def plan_texts(config: Config) -> tuple[Plan, dict[str, str]]:
    """Plan the first split; the files it would write, by path relative to the root."""
    plan, _ = plan_split(config, config.splits[0])
    texts = {
        c.path.relative_to(config.root).as_posix(): c.data.decode() if c.data else "<delete>"
        for c in plan.changes
    }
    return plan, texts


def apply(config: Config) -> ApplyResult:
    return apply_splits(config)


def run_python(root: Path, code: str) -> str:
    """Run code in a fresh interpreter with root on sys.path; its stdout (fails on error)."""
    proc = subprocess.run(
        [sys.executable, "-c", dedent(code)], cwd=root, capture_output=True, text=True,
        env={"PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1", "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def run_before_and_after(
    root: Path, source: str, modules: dict[str, list[str]], code: str, **split: Any
) -> tuple[str, str, ApplyResult]:
    """Run `code` against the unsplit project (in root/before), apply the split to a copy
    (in root/after), and run `code` again: (output before, output after, apply result).
    The split must be written: a clean plan that rolls back is a bug."""
    make_project(root / "before", source, modules, **split)
    before = run_python(root / "before", code)
    config = make_project(root / "after", source, modules, **split)
    plan, _ = plan_split(config, config.splits[0])
    assert not plan.errors, [f.render() for f in plan.errors]
    result = apply_splits(config)
    assert result.written, [f.render() for s in result.splits for f in s.findings]
    return before, run_python(root / "after", code), result


def same_behaviour(root: Path, source: str, modules: dict[str, list[str]], code: str,
                   **split: Any) -> str:
    """Apply the split (written, no error); `code` prints the same before and after: that
    output."""
    before, after, result = run_before_and_after(root, source, modules, code, **split)
    assert result.written and not result.errors, result.errors
    assert before == after
    return after


def write_texts(root: Path, texts: dict[str, str]) -> None:
    """Write the files a plan would write (`plan_texts`) in `root`; `<delete>` deletes."""
    for path, text in texts.items():
        if text == "<delete>":
            (root / path).unlink(missing_ok=True)
        else:
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text)


def ruff_check(root: Path, target: str) -> subprocess.CompletedProcess[str]:
    """`ruff check` (godsplit's own ruff) of `target` in `root`, with the project's config."""
    ruff = Path(sys.executable).with_name("ruff")
    return subprocess.run([str(ruff), "check", "--output-format", "concise", target],
                          cwd=root, capture_output=True, text=True, timeout=60)


def checked_suggestion(root: Path, source: str, show: str, modules: int = 2,
                       max_lines: int = 30) -> tuple[Suggestion, str]:
    """`source` written as `pkg/big.py` in `root`, what `show` prints before the split, and
    suggest's import-checked suggestion for it (no errors)."""
    (root / "pkg").mkdir()
    (root / "pkg/__init__.py").write_text("")
    (root / "pkg/big.py").write_text(dedent(source))
    before = run_python(root, show)
    made = suggest_checked(root / "pkg/big.py", parse_config({}, root / "godsplit.toml"),
                           max_lines, modules=modules)
    assert not made.errors, [f.render() for f in made.errors]
    return made, before
