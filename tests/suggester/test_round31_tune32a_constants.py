"""Round 31 (tune32a): with `--modules K`, a block of constants is kept whole: a module of
its own when several modules read it (zeroconf's `const`, poetry's `script_strings`), in
its one reader's module otherwise (websocket-client's `STATUS_*` in `_core`)
(`suggester/constants.py`, called from `choose`)."""

from __future__ import annotations

from pathlib import Path

from graphkit import graph_of, modules_of

from godsplit.config import parse_config
from godsplit.suggester.choose import choose
from godsplit.suggester.constants import blocks
from godsplit.suggester.core import suggest
from godsplit.suggester.graph import Graph

CONSTANTS = ["_CLASS_IN", "_FLAGS", "_PORT", "_TTL", "_TYPE_A", "_TYPE_PTR"]


def _class(name: str, uses: list[str]) -> str:
    body = "".join(f"    def {name.lower()}_{i}(self, x):\n        return x + {uses[i % len(uses)]}\n\n"
                   for i in range(5))
    return f"class {name}:\n    '''A {name}.'''\n\n{body}\n"


# a block of six private constants first (24 lines: more than half an average module),
# then four classes: three read the constants (each its own few), the fourth none
SHARED_BLOCK = (
    "".join(f"{c} = (\n    {i},\n    {i + 1},\n)\n" for i, c in enumerate(CONSTANTS)) + "\n\n"
    + _class("Reader", ["_PORT", "_TTL"]) + _class("Writer", ["_FLAGS", "_CLASS_IN"])
    + _class("Cache", ["_TYPE_A", "_TYPE_PTR", "_TTL"]) + _class("Engine", ["1"])
).rstrip() + "\n"


def _graph(tmp_path: Path, source: str) -> Graph:
    return graph_of(tmp_path, source, "dns")


def test_a_block_several_modules_read_is_a_module_of_its_own(tmp_path: Path) -> None:
    g = _graph(tmp_path, SHARED_BLOCK)
    # main: each constant went to the class reading it most (Reader, Writer, Cache)
    assert modules_of(g, choose(g, 5, 10_000)) == sorted(
        [CONSTANTS, ["Cache"], ["Engine"], ["Reader"], ["Writer"]])
    # with one module fewer, two classes share one; the block keeps its own
    made = modules_of(g, choose(g, 4, 10_000))
    assert CONSTANTS in made and len(made) == 4


def test_a_block_one_module_reads_goes_whole_to_it(tmp_path: Path) -> None:
    source = (
        "".join(f"STATUS_{c} = {i}\n" for i, c in enumerate(CONSTANTS)) + "\n\n"
        + _class("Socket", [f"STATUS_{c}" for c in CONSTANTS])
        + _class("App", ["1"]) + _class("Frame", ["2"])
    ).rstrip() + "\n"
    g = _graph(tmp_path, source)
    made = modules_of(g, choose(g, 3, 10_000))
    # main: the block was parted, one constant in a module with a class that never reads it
    assert sorted(["Socket", *(f"STATUS_{c}" for c in CONSTANTS)]) in made


def test_what_is_a_block(tmp_path: Path) -> None:
    source = (
        "A_1 = 1\nA_2 = 2\nA_3 = 3\nA_4 = 4\n\n\ndef f():\n    return A_1\n\n\n"
        "B_1 = 1\nB_2 = 2\nB_3 = 3\nB_4 = 4\nB_5 = 5\n\n\n"
        "low_1 = 1\nlow_2 = 2\nlow_3 = 3\nlow_4 = 4\nlow_5 = 5\n"
    )
    g = _graph(tmp_path, source)
    # four in a row are no block; five are; lower-case values are no constants
    assert [[g.nodes[n].label for n in block] for block in blocks(g)] == [
        ["B_1", "B_2", "B_3", "B_4", "B_5"]]


def test_suggest_keeps_k_exact_and_the_block_whole(tmp_path: Path) -> None:
    (tmp_path / "dns.py").write_text(SHARED_BLOCK)
    made = suggest(tmp_path / "dns.py", parse_config({}, tmp_path / "godsplit.toml"),
                   modules=5)
    assert not made.errors and len(made.plan.modules) == 5
    homes = {p.module for p in made.plan.placements for n in p.names if n in CONSTANTS}
    assert len(homes) == 1
