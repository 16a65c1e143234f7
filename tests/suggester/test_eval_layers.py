"""The layering diagnostic of benchmarks/suggest_eval.py (--layers): modules that read
each other, through calls or at import time, lie on a cycle; annotations do not count."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "suggest_eval.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("suggest_eval", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("suggest_eval", module)
    spec.loader.exec_module(module)
    return module


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
