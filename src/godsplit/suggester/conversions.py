"""With `--modules K`: a file's table of unit conversions is one module (round 33).

Functions named `a_to_b` whose reverse `b_to_a` the file also defines convert between
units, and a file with two or more such round trips has a table of conversions: librosa
0.3.1's `core.py` defines `note_to_midi` / `midi_to_note`, `midi_to_hz` / `hz_to_midi`,
`hz_to_mel` / `mel_to_hz`, `hz_to_octs` / `octs_to_hz` and `frames_to_time` /
`time_to_frames`, and its maintainers moved all ten to `core/time_frequency.py`. The
reads cut the table by unit instead (each conversion reads its neighbour: `midi_to_note`
reads `hz_to_midi`), and suggest parted the ten over three modules named `midi`, `hz` and
`frames`. A single round trip (borg's `bigint_to_int` / `int_to_bigint`, bilby's
`ra_dec_to_theta_phi` / `theta_phi_to_ra_dec`) is a pair, not a table: left as placed.
"""

from __future__ import annotations

from collections import Counter

from .graph import Graph
from .place import SHARED, groups_of

TRIPS = 2  # round trips, at least, make a table


def _units(name: str) -> tuple[str, str] | None:
    """(`a`, `b`) of a function named `a_to_b` (a leading underscore ignored)."""
    before, to, after = name.lstrip("_").partition("_to_")
    return (before, after) if to and before and after else None


def conversions(g: Graph) -> list[int]:
    """The functions of the file's table of conversions (each `a_to_b` with its `b_to_a`
    in the file), when it has TRIPS or more round trips; [] otherwise."""
    units = {n: _units(node.names[0]) for n, node in enumerate(g.nodes)
             if node.kind == "function" and len(node.names) == 1}
    pairs = {u: n for n, u in units.items() if u is not None}
    table = sorted(n for u, n in pairs.items() if (u[1], u[0]) in pairs)
    return table if len(table) >= 2 * TRIPS else []


def gather_conversions(g: Graph, group: dict[int, int], cap: int) -> bool:
    """The table of conversions whole, in the group holding most of it (the first in the
    file on a tie), when it fits under `cap` and leaves its other groups something; True
    when a node moved."""
    table = [n for n in conversions(g) if group[n] != SHARED]
    held = Counter(group[n] for n in table)
    if not held:
        return False
    first = {x: min(g.nodes[n].line for n in table if group[n] == x) for x in held}
    target = min(held, key=lambda x: (-held[x], first[x]))
    moving = [n for n in table if group[n] != target]
    parts = groups_of(group)
    if not moving or g.size(parts[target]) + g.size(moving) > cap:
        return False
    if any(set(parts[x]) <= set(moving) for x in held if x != target):
        return False  # it would empty a group of conversions only: left as placed
    for n in moving:
        group[n] = target
    return True
