"""The layering diagnostic of benchmarks/suggest_eval.py (--layers): modules that read
each other, through calls or at import time, lie on a cycle; annotations do not count."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from benchkit import load_benchmark


def _script() -> ModuleType:
    return load_benchmark("suggest_eval")


SOURCE = """\
from __future__ import annotations


def low(x):
    return x


def middle(x):
    return low(x)


def high(x):
    return middle(x) + typed(x)


def typed(x: Low) -> None:
    return None


class Low:
    pass
"""


def test_a_cycle_of_reads_between_modules_is_counted(tmp_path: Path) -> None:
    source = tmp_path / "big.py"
    source.write_text(SOURCE)
    layers = _script().layers
    layered = {"low": "a", "middle": "b", "high": "b", "typed": "c", "Low": "a"}
    tangled = {"low": "a", "middle": "b", "high": "a", "typed": "c", "Low": "a"}
    assert layers(source, layered, tangled) == (0, 2)  # a reads b reads a
    # a reads c (high calls typed); c only names a's Low in an annotation: no cycle
    annotated = {"low": "a", "middle": "a", "high": "a", "typed": "c", "Low": "a"}
    assert layers(source, annotated, annotated) == (0, 0)
