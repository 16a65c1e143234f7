"""The per-name diagnostic of benchmarks/suggest_eval.py (--names): each name in file
order, with the module the maintainers chose, suggest's and the file-order run."""

from __future__ import annotations

from types import ModuleType, SimpleNamespace

from benchkit import load_benchmark


def _script() -> ModuleType:
    return load_benchmark("suggest_eval")


def test_each_name_is_one_row_in_file_order() -> None:
    script = _script()
    result = SimpleNamespace(placements=((3, "parse_rule", "rules", "parse", "run0"),
                                         (40, "Rule", "rules", "rule", "run1")))
    lines = script.placements(result).splitlines()
    assert lines[0].split() == ["line", "maintainers", "suggest", "file", "order", "name"]
    assert [line.split() for line in lines[1:]] == [["3", "rules", "parse", "run0", "parse_rule"],
                                                    ["40", "rules", "rule", "run1", "Rule"]]
