"""With `--modules K`: a cycle of reads through a few of the K modules does not decide
between candidates (round 36).

`choose` takes the candidate with the fewest modules on a cycle of reads (calls and
import-time reads, not annotations), since maintainers build modules in layers. But every
candidate is free of import-time cycles by then (`place.break_cycles`): what is left is a
call-time cycle, which a maintainer accepts between a few modules (one function imports
another module's name when it runs) and does not accept through most of the package. The
`pieces` candidate often wins on this count alone by pooling the modules of such a cycle
into one large module, which no maintainer asked for K modules makes (README item 33: numba's
`types`, sktime's `datasets/_data_io.py`, pyrsistent, scapy's `isotp`).

So a candidate's modules on a cycle count only when they are at least half of the K
modules (a cycle through most of the package); below that they count as none, and the
candidates are told apart by the modularity of their reads, as when neither has a cycle.
Half was chosen on the tuning cases: 40% and a third were measured too and gained less.
"""

from __future__ import annotations

from collections.abc import Callable

from .graph import Graph

FEW = 0.5  # a cycle through fewer than this share of the K modules is accepted


def counted(tangled: Callable[[Graph, dict[int, int]], int], g: Graph, group: dict[int, int],
            k: int) -> int:
    """The modules of `group` on a cycle of reads, as `choose` ranks candidates by them:
    none when they are fewer than half of the `k` modules."""
    on_cycle = tangled(g, group)
    return on_cycle if on_cycle >= FEW * k else 0
