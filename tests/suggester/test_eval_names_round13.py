"""The per-name diagnostic of benchmarks/suggest_eval.py (--names): each name in file
order, with the module the maintainers chose, suggest's and the file-order run."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "suggest_eval.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("suggest_eval", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("suggest_eval", module)
    spec.loader.exec_module(module)
    return module


def test_each_name_is_one_row_in_file_order() -> None:
    script = _script()
    result = SimpleNamespace(placements=((3, "parse_rule", "rules", "parse", "run0"),
                                         (40, "Rule", "rules", "rule", "run1")))
    lines = script.placements(result).splitlines()
    assert lines[0].split() == ["line", "maintainers", "suggest", "file", "order", "name"]
    assert [line.split() for line in lines[1:]] == [["3", "rules", "parse", "run0", "parse_rule"],
                                                    ["40", "rules", "rule", "run1", "Rule"]]
