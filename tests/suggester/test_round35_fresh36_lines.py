"""benchmarks/suggest_eval.py prints one line count for a case: `--check`'s figure and the
score table's `lines` column are the file's physical lines, as `wc -l` and `godsplit check`
count them (the table used to say one more for a file ending in a newline)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from benchkit import load_benchmark

SOURCE = '''\
"""A small god file."""


def alpha():
    return beta() + 1


def beta():
    return 2


class Gamma:
    def run(self):
        return alpha()


def delta():
    return Gamma().run()
'''


def _case(script: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
          text: str) -> object:
    root = tmp_path / "p-1"
    root.mkdir()
    (root / "p.py").write_text(text)
    monkeypatch.setattr(script, "_download", lambda case: tmp_path / "p-1.tar.gz")
    monkeypatch.setattr(script, "project_dir", lambda case: root)
    return script.Case("p-case", "p", "MIT", "tuning", "p==1", "p-1.tar.gz", "0", "p.py", "0",
                       {"a": ["alpha", "beta"], "b": ["Gamma", "delta"]})


@pytest.mark.parametrize("text", [SOURCE, SOURCE.rstrip("\n")], ids=["newline-ended", "no-final-newline"])
def test_check_and_the_table_print_the_lines_wc_counts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    script = load_benchmark("suggest_eval")
    case = _case(script, tmp_path, monkeypatch, text)
    wc = text.encode().count(b"\n")  # what `wc -l` prints: the newline characters
    true_lines = wc + (not text.endswith("\n"))  # wc -l counts newlines; a last line without one counts too
    assert true_lines == SOURCE.count("\n")
    assert f"; {true_lines:,} lines; " in script.check(case)
    result = script.evaluate(case)
    assert result.lines == true_lines
    row = script.table([result]).splitlines()[2]
    assert row.startswith(f"| p-case | {true_lines:,} | ")
