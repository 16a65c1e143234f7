"""Round 26 (speed26): the executable's collector threshold and `plan`'s registry scan
(speed: no timed tests, the work skipped and the answers unchanged), and suggest's comment
naming a class family only after a class."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from godsplit import cli
from godsplit.files import read_source
from godsplit.split import registered_reads
from godsplit.split.analyze import analyze
from godsplit.suggester.comment import why
from godsplit.suggester.graph import build_graph
from godsplit.types import Placement


def _registered(tmp_path: Path, text: str) -> dict[str, list[tuple[str, int]]]:
    source = tmp_path / "big.py"
    source.write_text(text)
    plan = SimpleNamespace(placements=[Placement(("f", "g", "C"), "parts", "anchor", "", 1)],
                           source=source, old_module="pkg.big")
    reads = registered_reads.RegisteredReads([], frozenset(), tmp_path)
    return reads._registered(plan)  # type: ignore[arg-type]


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


def test_registry_scan_copies_nothing_without_a_registry(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`plan`'s scan for reads of registered `__module__`s parsed the old module, copied it
    (`MetadataWrapper`) and computed every node's position to find the lines of registry
    decorators; with none (redis' 13,821-line `commands/core.py`) that was a fifth of
    `plan`'s time. The positions are computed only for a file with such a decorator, and
    the lines are the same."""
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("no registry decorator: nothing to locate")

    with monkeypatch.context() as patch:
        patch.setattr(registered_reads, "MetadataWrapper", refuse)
        assert _registered(tmp_path, "import functools\n\n\n@functools.cache\ndef f():\n"
                                     "    return 1\n\n\nclass C:\n    pass\n") == {}
    assert _registered(tmp_path, "from registry_lib import REGISTRY, hook\n\n\nclass C:\n    pass\n"
                                 "\n\n@REGISTRY.register('f')\ndef f():\n    return 1\n\n\n"
                                 "@hook(C)\n@REGISTRY.register('g')\ndef g():\n    return 2\n"
                       ) == {"registry_lib.REGISTRY": [("f", 8), ("g", 14)], "pkg.big.C": [("g", 13)]}
