"""benchmarks/suggest_eval.py keeps going past a case that raises: the cases before and
after it are scored and printed, the raising case is named with its exception, and the exit
status is non-zero (README item 29 (g))."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from benchkit import load_benchmark


def _script() -> ModuleType:
    return load_benchmark("suggest_eval")


CASE = """\
project = "p"
licence = "MIT"
half = "tuning"
sdist = "p==1"
sdist-file = "p-1.tar.gz"
sdist-sha256 = "0"
path = "p.py"
sha256 = "0"

[modules]
"a" = ["x"]
"b" = ["y"]
"""


def test_a_raising_case_is_reported_and_the_others_are_scored(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    script = _script()
    for name in ("first", "broken", "last"):
        (tmp_path / f"{name}.toml").write_text(CASE)
    good = script.Score(1.0, 1.0, 1.0, 1.0)
    base = script.Score(0.5, 0.5, 0.5, 0.0)

    def evaluate(case: object, *_: object) -> object:
        if case.id == "broken":  # type: ignore[attr-defined]
            raise ValueError("no grouping here")
        return script.Result(case, 2, 10, good, base, None, 2, 0, 0.1)

    monkeypatch.setattr(script, "CASES", tmp_path)
    monkeypatch.setattr(script, "evaluate", evaluate)
    assert script.main(["--half", "all"]) == 1
    out, err = capsys.readouterr()
    assert "first (tuning): F1 1.00" in out and "last (tuning): F1 1.00" in out
    assert "broken (tuning): raised ValueError: no grouping here" in err
    # the table holds the two scored cases; the summary names the one that raised
    assert "| first |" in out and "| last |" in out and "| broken |" not in out
    assert "1 case raised (not scored): broken" in out


def test_a_run_with_no_raising_case_exits_zero(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    script = _script()
    (tmp_path / "only.toml").write_text(CASE)

    def evaluate(case: object, *_: object) -> object:
        return script.Result(case, 2, 10, script.Score(1.0, 1.0, 1.0, 1.0),
                             script.Score(0.5, 0.5, 0.5, 0.0), None, 2, 0, 0.1)

    monkeypatch.setattr(script, "CASES", tmp_path)
    monkeypatch.setattr(script, "evaluate", evaluate)
    assert script.main(["--half", "all", "--markdown"]) == 0
    assert "raised" not in capsys.readouterr().out


@pytest.mark.slow
def test_the_suggest_scripts_pass_mypy_strict() -> None:
    """suggest_loo.py and what it imports (suggest_eval.py, record_split.py) are typed:
    `mypy --strict` passes on them (the project's own mypy run checks src/ only)."""
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental",
         "benchmarks/suggest_loo.py", "benchmarks/suggest_eval.py", "benchmarks/record_split.py"],
        cwd=root, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
