"""Round 26 (speed26): the executable's collector threshold (speed, no timed test), and
suggest's comment naming a class family only after a class."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

from godsplit import cli
from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.graph import build_graph
from godsplit.suggester.naming import why


def test_the_executable_collects_less_often(monkeypatch: pytest.MonkeyPatch) -> None:
    """`godsplit` (not a library user's process) raises the young generation's threshold:
    at the default 700 a plan of pyparsing's `core.py` ran ~800 collections over its heap
    of LibCST nodes (0.6 s of 8.5 s CPU)."""
    before = gc.get_threshold()
    monkeypatch.setattr(sys, "argv", ["godsplit", "--version"])
    try:
        with pytest.raises(SystemExit) as done:
            cli.run()
        assert done.value.code == 0
        assert gc.get_threshold() == cli.GC_THRESHOLD
        assert cli.GC_THRESHOLD[0] >= 10 * 700
    finally:
        gc.set_threshold(*before)


def test_a_family_is_named_after_a_class_not_an_alias(tmp_path: Path) -> None:
    """redis' `commands/core.py`: `AsyncACLCommands = ACLCommands` is an alias; a module
    holding `class AsyncCoreCommands(AsyncACLCommands, ...)` was described as
    "AsyncACLCommands and 1 subclass", a class its list does not name (the alias is no
    class; its subclass's base is `ACLCommands`, elsewhere)."""
    source = tmp_path / "core.py"
    source.write_text(
        "class ACLCommands:\n    def acl_cat(self):\n        return 1\n\n\n"
        "AsyncACLCommands = ACLCommands\n\n\n"
        "class AsyncCoreCommands(AsyncACLCommands):\n    def ping(self):\n        return 2\n\n\n"
        "class AsyncOtherCommands(AsyncCoreCommands):\n    def echo(self):\n        return 3\n")
    g = build_graph(analyze(read_source(source)), ())
    node = {n.label: i for i, n in enumerate(g.nodes)}
    alias, core, other = node["AsyncACLCommands"], node["AsyncCoreCommands"], node["AsyncOtherCommands"]
    assert g.nodes[alias].kind == "value" and g.nodes[core].bases == (alias,)
    lines = why(g, [alias, core])
    assert not any("subclass" in line for line in lines), lines
    # a class with a subclass is still a family
    assert why(g, [alias, core, other])[0] == "AsyncCoreCommands and 1 subclass"
