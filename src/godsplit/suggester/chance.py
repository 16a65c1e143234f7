"""With `--modules K`: a candidate grouping no better than chance is not chosen (round 27).

`choose` takes the candidate with the fewest modules on a cycle of reads, since
maintainers build modules in layers. A grouping can have no cycle for a poor reason: one
module holding nearly the whole file, the others a lone small definition each, so that no
read is left to cross between modules both ways. Its modules then follow the file's reads
no better than a random grouping of the same sizes would: Newman's modularity of the reads
(`choose.modularity`) is 0 or below. Such a candidate is set aside when another one is
better than chance; when none is, all stay (the choice is then as before).

Zero is where modularity says "as many reads inside the modules as chance would put
there", not a tuned threshold. Why: uncertainties' `core.py` (K 4), where the `pieces`
candidate left one module of 52 definitions and three single ones (modularity -0.002, no
module on a cycle) while the maintainers made four modules by topic, as the `greedy`
candidate nearly does (README, round 27).

When no candidate is better than chance, modularity does not rank them either (round 32):
two groupings that both follow the reads worse than chance differ in it by noise, so the
choice falls to its last tie-break, the `greedy` candidate (the first), and not to the less
negative modularity. youtube-dl's `InfoExtractors.py` (65 definitions, K 57: a module per
site): both candidates are free of cycles and below chance, `pieces` at -0.086 and
`greedy` at -0.097; `pieces` was taken (F1 0.07 before planning, file order 0.11), where
`greedy` scores 0.23. Of 32 tuning cases measured before planning, the only other file
with no candidate above chance is PEFT's `lora.py`, whose two candidates are one grouping.
"""

from __future__ import annotations

from collections.abc import Sequence

CHANCE = 0.0  # modularity of a grouping that follows the reads no better than chance


def beyond_chance(modularities: Sequence[float]) -> list[int]:
    """The indices of the candidates whose modularity is above chance; all of them if
    none is."""
    above = [i for i, q in enumerate(modularities) if q > CHANCE]
    return above or list(range(len(modularities)))


def ranked(modularities: Sequence[float]) -> list[float]:
    """The modularity each candidate is ranked by: its own, or chance for every one when
    none is above chance (then modularity tells them apart by noise only)."""
    if any(q > CHANCE for q in modularities):
        return list(modularities)
    return [CHANCE] * len(modularities)
