"""The hand-over that ends a module of a mixed import cycle: names given to the peers that
imported it before it finished, as generated text.

A peer gets only the names it lacks (`setdefault`): its guarded import of them failed
while this module was mid-import. When this module runs again while the peer stays
imported (the project deletes the old module from `sys.modules` and imports it again
where godsplit does not see it: with GS149 the facade imports its new modules anew, see
`runtime/fresh_import.py`), the peer keeps the objects of the first import, as the
objects made by the first import of the unsplit module kept their own globals. Where the facade carries
the reload runtime (`overwrite`), a reload runs every module again in place and the
peers take the new objects, as the reloaded module did. A name bound twice (`json = None`,
then `import json`) is set in any case: the peer may have imported its first value."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence


def repr_tuple(items: Sequence[str]) -> str:
    """`("a", "b")`, `("a",)` or `()`."""
    if not items:
        return "()"
    return "(" + ", ".join(f'"{i}"' for i in items) + ("," if len(items) == 1 else "") + ")"


def rebound(binders: Mapping[str, Sequence[int]]) -> frozenset[str]:
    """Names bound by more than one top-level statement (`json = None`, then `import
    json`): a peer's guarded import may have taken the first value while this module was
    mid-import, so the hand-over sets them whether the peer has them or not."""
    return frozenset(name for name, units in binders.items() if len(units) > 1)


def hand_over(peers: list[tuple[str, tuple[str, ...]]], sys_name: str = "sys",
              maybe: Collection[str] = (), width: int = 88, overwrite: bool = False,
              again: Collection[str] = ()) -> str:
    """Give names to modules that imported this one before it finished (`peers`: each
    module, as an expression for its dotted name, and its names; those in `maybe`, bound
    only under a condition, only if bound): each name the module lacks, or with
    `overwrite` every name; those in `again` (`rebound`) are set in any case (`update`,
    a call wrapped as the others are). A line longer than `width` is wrapped as black and
    ruff format wrap it."""
    if not peers:
        return ""
    out = "\n\n# godsplit: modules that imported this one mid-way get its names here.\n" if (
        overwrite) else ("\n\n# godsplit: modules that imported this one mid-way get the names"
                         " they lack here\n# (imported again, this module leaves them those of"
                         " the first import).\n")
    for peer, names in peers:
        module = f"vars({sys_name}.modules[{peer}])"
        out += f"if {peer} in {sys_name}.modules:\n"
        if overwrite:
            values = ", ".join(f"{n}={n}" for n in names if n not in maybe)
            some = [n for n in names if n in maybe]
            if some:
                values += (", " if values else "") + (
                    f"**{{n: globals()[n] for n in {repr_tuple(some)} if n in globals()}}")
            out += _call(f"    {module}.update(", values, width)
            continue
        for name in names:
            value = f'globals()["{name}"]' if name in maybe else name
            indent = "    " * (1 + (name in maybe))
            if name in maybe:  # bound only under a condition: only if bound
                out += f'    if "{name}" in globals():\n'
            out += _call(f"{indent}{module}.update(", f"{name}={value}", width) if (
                name in again) else _call(f"{indent}{module}.setdefault(", f'"{name}", {value}', width)
    return out


def _call(head: str, arguments: str, width: int) -> str:
    """`head` + `arguments` + `)` on one line when it fits; else the arguments on a line of
    their own, or one to a line with a trailing comma (what black writes); a head
    `vars(<module>).<method>(` longer than the line is split at `vars(` first."""
    split = re.fullmatch(r"( *)vars\((.*)\)\.(\w+)\(", head)
    if len(head) > width and split:
        indent, module, method = split.groups()
        return f"{indent}vars(\n{indent}    {module}\n" + _call(f"{indent}).{method}(", arguments, width)
    if len(head) + len(arguments) + 1 <= width:
        return f"{head}{arguments})\n"
    indent = " " * (len(head) - len(head.lstrip()) + 4)
    if len(indent) + len(arguments) <= width and "**" not in arguments:
        return f"{head}\n{indent}{arguments}\n{indent[:-4]})\n"
    parts = arguments.split(", ") if "**" not in arguments else [arguments]
    return head + "\n" + "".join(f"{indent}{p},\n" for p in parts) + f"{indent[:-4]})\n"
