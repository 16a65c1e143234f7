"""With `--modules K`: a definition tied to more definitions than a module can hold is no
magnet (round 31).

K modules hold the file's N definitions, each module one at least, so no module holds more
than N - K + 1 of them (its room). A base class with more subclasses in the file than that
cannot keep its family in one module, whatever the grouping, and a definition that reads
more of the file's definitions than that cannot be with all it reads. Their ties then pull
the others towards them, and towards each other through them, with no module that could
hold them all. So such ties are spread over the definitions they tie to, as the reads of
a definition many others read count less (`Weights.fan`): the bond of a base with each of
its s subclasses (`graph.bond`) keeps room / s of itself, and each read of a definition
that reads p others keeps room / p. Where K is small beside N, the room is nearly the
whole file and no tie changes: maintainers pool a large family in one module there
(sphinx's AST classes, astroid's node classes: `place.gather_families`).

The evidence (`benchmarks/suggest_eval.py`, all 99 tuning cases; besides the two below,
only celery-bin changes, 0.75 to 0.79, and 73 of 99 beat file order before and after):
youtube-dl's `InfoExtractors.py` (65 definitions, K 57: a room of 9), where
`InfoExtractor` is the first base of 60 definitions and `gen_extractors` reads 62; the
bond bound small extractors to `InfoExtractor` (F1 0.00), where the maintainers made a
module per site and kept the base in `common` and `gen_extractors` in the package's
`__init__`. PEFT's `lora.py` (8 definitions, K 5: a room of 4), where `LoraModel` reads
all seven others (it makes each layer) and pulled `LoraConfig` and the 8-bit layers
into its module, where the maintainers keep the `LoraLayer` family in `layer` and the
model alone (F1 0.14 to 0.31). youtube-dl goes from F1 0.00 to 0.07, and both still lose
to file order (0.11; PEFT 0.50).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from .graph import WEIGHTS, Graph, bond


def room(g: Graph, k: int) -> int:
    """The most definitions one of k modules can hold (each holds one at least)."""
    return max(1, len(g.nodes) - k + 1)


def spread_bonds(g: Graph, k: int) -> Graph:
    """`g` with the ties of every base with more subclasses, and of every reader of more
    definitions, than a module's room spread over them; `g` itself when there is none."""
    space = room(g, k)
    weights = dict(g.weights)

    def take(a: int, b: int, amount: float) -> None:
        pair = (a, b) if a < b else (b, a)
        weights[pair] -= amount

    subclasses = Counter(b for n in g.nodes for b in n.bases)
    for index, node in enumerate(g.nodes):
        for rank, base in enumerate(node.bases):
            if subclasses[base] > space:
                take(index, base, bond(g.nodes, index, rank) * (1 - space / subclasses[base]))
    provided = Counter(r for r, _ in g.reads)
    for (reader, provider), strength in sorted(g.reads.items()):
        if provided[reader] > space:  # (as `graph._weights` counts the read)
            fan = len([r for r in g.readers.get(provider, ()) if r >= 0]) ** WEIGHTS.fan
            take(reader, provider, strength / fan * (1 - space / provided[reader]))
    if weights == g.weights:
        return g
    return replace(g, weights={p: w for p, w in weights.items() if w > 1e-9}, near={})
