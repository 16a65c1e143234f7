"""The comment over each module `suggest` proposes: why its members are together, in true
figures (the family, the words they share, who calls whom), else where they start."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection

from ..types import Plan
from .graph import Graph
from .naming import ranked_words


def shared_why(plan: Plan, name: str) -> tuple[str, ...]:
    """The comment over the shared module, from the plan's imports: how many modules need
    its names at import time and how many use them (not "several ... at import time" for
    one that a single module reads while it loads)."""
    users = {e.source for e in plan.edges if e.target == name}
    early = {e.source for e in plan.edges if e.target == name and e.import_time
             and not e.typing_only}
    if not users:
        return ("what an import-time cycle between modules moved out",)
    said = (f"what {len(early)} module{'s' * (len(early) != 1)} need{'s' * (len(early) == 1)}"
            " at import time" if early else f"what {len(users)} module"
            f"{'s' * (len(users) != 1)} use{'s' * (len(users) == 1)}")
    rest = len(users - early) if early else 0
    return (said + (f"; {rest} more use{'s' * (rest == 1)} it" if rest else ""),)


def why(g: Graph, members: list[int], mapped: Collection[str] | None = None,
        placed: Collection[str] | None = None) -> tuple[str, ...]:
    """Comment lines: the family, the words the members share, and who calls whom; else
    where the definitions the mapping lists (`mapped`, default: all) start, and the ones it
    does not list, which follow the module because only its code uses them. Only of the
    members the plan places in the module (`placed`, default: all): one it puts in the
    shared module or keeps in the old one is not counted (billiard's `SIG_SOFT_TIMEOUT`,
    in `_shared`, made `'soft' x2` of a module with one such name)."""
    if placed is not None:
        members = [n for n in members if not set(g.nodes[n].names).isdisjoint(placed)] or members
    out = []
    inside = set(members)
    kids: dict[int, int] = defaultdict(int)
    for n in members:  # a family is a class and its subclasses: not an alias of a class
        for base in g.nodes[n].bases[:1]:  # (redis' `AsyncACLCommands = ACLCommands`)
            if base in inside and g.nodes[base].kind == "class":
                kids[base] += 1
    if kids:
        base = max(sorted(kids), key=lambda b: kids[b])
        out.append(f"{g.nodes[base].label} and {kids[base]} "
                   f"subclass{'' if kids[base] == 1 else 'es'}")
    for task, composed in sorted(g.composes.items()):
        if task in inside and inside.issuperset(composed):
            names = [g.nodes[n].label for n in composed]
            out.append(f"workflow: {g.nodes[task].label} composes {', '.join(names[:3])}"
                       + (f" and {len(names) - 3} more" if len(names) > 3 else ""))
    count = Counter(w for n in members for w in g.nodes[n].grams
                    if "_" not in w and "$" not in w and "^" not in w)
    top = [w for w in ranked_words(g, members, g.gram_counts) if count[w] >= 2 and "_" not in w]
    if top:
        out.append("shared words: " + ", ".join(f"'{g.surface.get(w, w)}' x{count[w]}"
                                                for w in top[:4]))
    callees: dict[int, list[int]] = defaultdict(list)
    for r, p in sorted(g.reads):
        if r in inside and p in inside and g.nodes[p].kind != "value":
            callees[r].append(p)
    callers = sorted(callees, key=lambda r: (not g.nodes[r].anchor, -len(callees[r]), r))[:2]
    said = [f"{_who(g, r)} {', '.join(g.nodes[p].label for p in callees[r][:3])}"
            + (f" and {len(callees[r]) - 3} more" if len(callees[r]) > 3 else "") for r in callers]
    if said:
        out.append("; ".join(said))
    if not out:
        out.append(_starts(g, members, mapped))
    return tuple(out)


def _who(g: Graph, n: int) -> str:
    """The reader and its verb: the definitions that move together, each a name (dill's
    `save_stringi`, defined under one `if` with `save_stringo`, which is the one reading
    `_create_stringo`: "save_stringi and save_stringo use ...")."""
    names = [g.nodes[n].label, *(x for x in g.nodes[n].names if x != g.nodes[n].label)]
    if len(names) == 1:
        return f"{names[0]} uses"
    return (" and ".join(names) if len(names) == 2
            else f"{', '.join(names[:2])} and {len(names) - 2} more") + " use"


def _starts(g: Graph, members: list[int], mapped: Collection[str] | None) -> str:
    """`2 definitions starting on lines 66 to 1042` over a list of one name read as false
    (billiard's `Pool` and the `try:` binding `TIMEOUT_MAX` that follows it): the listed
    ones, then the others by name."""
    shown = [n for n in members if mapped is None or g.nodes[n].label in mapped] or members
    lines = sorted(g.nodes[n].line for n in shown)
    said = (f"{len(shown)} definition{'' if len(shown) == 1 else 's'} "
            + (f"starting on lines {lines[0]} to {lines[-1]}" if len(lines) > 1
               else f"starting on line {lines[0]}"))
    rest = sorted((n for n in members if n not in shown), key=lambda n: g.nodes[n].line)
    if not rest:
        return said
    names = [f"{g.nodes[n].label} (line {g.nodes[n].line})" for n in rest[:3]]
    more = f" and {len(rest) - 3} more" if len(rest) > 3 else ""
    return (f"{said}; {', '.join(names)}{more} follow{'s' if len(rest) == 1 else ''} "
            "unlisted: only this module's code uses "
            + ("it" if len(rest) == 1 else "them"))
