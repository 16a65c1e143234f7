"""Round 29 (tune30a): constants written together that nothing in the file reads stay
together.

A god file often opens with a block of module-level constants (`LEFT = 'left'`,
`RIGHT = 'right'`, `CENTER = 'center'`, under small comments naming what they are for).
Those the file's own code reads follow their readers like any helper. Those it does not
read are there for the file's users: the module's public constants, and maintainers move
such a block as one piece (urwid kept its alignment, wrapping and sizing constants in one
module). The graph has nothing to hold them together but their neighbours in the file, so
the clustering left each comment-headed handful a module of its own. Here the constants
nothing in the file reads, in one run of value statements (no function or class between
them, and no section banner), start as one piece. A constant is a value made of literals
and other values: a value built by calling or naming a function or class of the file
(pyparsing's `lineStart = LineStart()`) is an object of that code and is left to the
reads, as before; a re-export (`List = _classes.List`, `reexports`) is an import, no constant.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Protocol


class _Node(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def section(self) -> int: ...


def unread_runs(nodes: Sequence[_Node], readers: Mapping[int, set[int]],
                reads: Iterable[tuple[int, int]], reexports: Collection[int] = ()
                ) -> list[list[int]]:
    """Each run of value statements in the file (in file order, within one section) cut
    down to its constants nothing in the file reads: those of two or more. `reads`:
    (reader, provider) pairs; a value reading a function or class is no constant, nor is
    a re-export."""
    built = {r for r, p in reads if r >= 0 and nodes[p].kind != "value"} | set(reexports)
    runs: list[list[int]] = []
    current: list[int] = []
    last: _Node | None = None
    for n in sorted(range(len(nodes)), key=lambda n: nodes[n].line):
        node = nodes[n]
        if node.kind != "value" or (last is not None and last.section != node.section):
            runs.append(current)
            current = []
        if node.kind == "value":
            current.append(n)
        last = node
    runs.append(current)
    out = []
    for run in runs:
        unread = sorted(n for n in run if not readers.get(n) and n not in built)
        if len(unread) > 1:
            out.append(unread)
    return out
