"""The hand-over that ends a module of a mixed import cycle: names given to the peers that
imported it before it finished, as generated text."""

from __future__ import annotations

from collections.abc import Collection, Sequence


def repr_tuple(items: Sequence[str]) -> str:
    """`("a", "b")`, `("a",)` or `()`."""
    if not items:
        return "()"
    return "(" + ", ".join(f'"{i}"' for i in items) + ("," if len(items) == 1 else "") + ")"


def hand_over(peers: list[tuple[str, tuple[str, ...]]], sys_name: str = "sys",
              maybe: Collection[str] = (), width: int = 88) -> str:
    """Give names to modules that imported this one before it finished (`peers`: each
    module, as an expression for its dotted name, and its names; those in `maybe`, bound
    only under a condition, only if bound). A call longer than `width` is wrapped as
    black and ruff format wrap it."""
    if not peers:
        return ""
    out = "\n\n# godsplit: modules that imported this one mid-way get its names here.\n"
    for peer, names in peers:
        values = ", ".join(f"{n}={n}" for n in names if n not in maybe)
        some = [n for n in names if n in maybe]
        if some:
            values += (", " if values else "") + (
                f"**{{n: globals()[n] for n in {repr_tuple(some)} if n in globals()}}")
        out += (f"if {peer} in {sys_name}.modules:\n"
                + _call(f"    vars({sys_name}.modules[{peer}]).update(", values, width))
    return out


def _call(head: str, arguments: str, width: int) -> str:
    """`head` + `arguments` + `)` on one line when it fits; else the arguments on a line of
    their own, or one to a line with a trailing comma (what black writes)."""
    if len(head) + len(arguments) + 1 <= width:
        return f"{head}{arguments})\n"
    indent = " " * (len(head) - len(head.lstrip()) + 4)
    if len(indent) + len(arguments) <= width and "**" not in arguments:
        return f"{head}\n{indent}{arguments}\n{indent[:-4]})\n"
    parts = arguments.split(", ") if "**" not in arguments else [arguments]
    return head + "\n" + "".join(f"{indent}{p},\n" for p in parts) + f"{indent[:-4]})\n"
