"""The details (`signature | type hints`) two imports before the split disagree on.

A default computed as the module loads (PyGithub's `last_read_at=datetime.now(...)`) makes
a moved function's signature differ from one import to the next: no import after the split
can match it. The import check compares what the two imports agreed on: the type hints
after the signature (round 35: it skipped them too)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .verify import Snapshot


def unstable_details(first: Snapshot, again: Snapshot) -> tuple[str, ...]:
    """The moved functions whose signature differs between two imports before the split (a
    default computed as the module loads: PyGithub's `last_read_at=datetime.now(...)`): no
    import after the split can match it, so GS408 compares only their type hints
    (`stable_tails`), and GS400 says so."""
    return tuple(sorted(n for n, text in first.details.items() if again.details.get(n) != text))


def stable_tails(first: Snapshot, again: Snapshot, unstable: tuple[str, ...]) -> dict[str, str]:
    """Of each unstable detail (`unstable`: `signature | type hints`), the end the two imports agree
    on from its first ` | ` on: the type hints, where only the signature differed. The
    import check compares that part only (from a separator: a value's digits the two
    imports happen to share are no part of it)."""
    out: dict[str, str] = {}
    for name in unstable:
        one, two = first.details[name], again.details.get(name)
        if two is None:
            continue
        same = next((i for i in range(min(len(one), len(two))) if one[-1 - i] != two[-1 - i]),
                    min(len(one), len(two)))
        tail = one[len(one) - same:]
        if (at := tail.find(" | ")) >= 0:
            out[name] = tail[at:]
    return out
