"""Round 20 (speed20): work a plan repeated for nothing (issue 14: `suggest` no slower
than `plan`).

- The planned facade was analysed twice by each clean plan: once to check the names it
  keeps (GS113), once more to read the names it serves live (`_GODSPLIT_LIVE`) for the
  undefined-name check. It is the same text: one analysis now serves both.
- Which units change or read each module-level object at import time (GS124, GS218)
  depends on the source alone, but was found again for every assignment: `suggest`
  assigns two or three mappings of one analysis (its size estimate, each plan). It is
  found once per analysis now.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from godsplit.files import read_python
from godsplit.split import analyze as analyze_module
from godsplit.split import base_reads, facade_checks, verify
from godsplit.split.assign import assign
from godsplit.split.plan import plan_split
from godsplit.split.render import MARKER

from splitkit import make_project

LIVE = """
    COUNT = 0


    def bump():
        global COUNT
        COUNT += 1


    def read():
        return COUNT


    HANDLERS = []


    def handler(function):
        HANDLERS.append(function)
        return function


    @handler
    def first():
        return read()


    @handler
    def second():
        return bump()
"""


def test_a_clean_plan_analyses_its_facade_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_project(tmp_path, LIVE, {"counting": ["bump", "read", "first", "second",
                                                        "handler", "HANDLERS"]})
    facades: list[str] = []

    def counted(source: Any) -> Any:
        if MARKER in source.text:
            facades.append(source.text)
        return analyze_module.analyze(source)

    for module in (facade_checks, verify):
        monkeypatch.setattr(module, "analyze", counted, raising=False)
    plan, _ = plan_split(config, config.splits[0])
    assert not plan.errors, plan.errors
    facade = next(c.data.decode() for c in plan.changes if c.path == plan.facade and c.data)
    assert "_GODSPLIT_LIVE" in facade  # (the facade serves COUNT live: both checks read it)
    assert len(facades) == 1, len(facades)


def test_import_order_events_are_found_once_per_analysis(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_project(tmp_path, LIVE, {"counting": ["bump", "read", "first", "second",
                                                        "handler", "HANDLERS"]})
    split = config.splits[0]
    analysis = analyze_module.analyze(read_python(split.source))
    made: list[object] = []
    init = base_reads.PlainClasses.__init__

    def counted(self: base_reads.PlainClasses, *args: Any, **kwargs: Any) -> None:
        made.append(self)
        init(self, *args, **kwargs)

    monkeypatch.setattr(base_reads.PlainClasses, "__init__", counted)
    first = assign(analysis, split)
    once = len(made)
    other = replace(split, modules=(("counting", ("bump", "read")),
                                    ("hooks", ("first", "second", "handler", "HANDLERS"))))
    second = assign(analysis, other)
    assert not first.findings and not second.findings, (first.findings, second.findings)
    assert first.module_of != second.module_of
    assert once >= 1  # (the first assignment of the analysis found them)
    assert len(made) == once, "the second assignment of the same analysis found them again"
