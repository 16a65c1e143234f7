"""The class a group's mixins or companions are made for (round 37, names38): a module of
mixins and the class built from them, or of a class and the classes named after it with a
role of the file (`...Block`), is named after that class, as its maintainers name it."""

from __future__ import annotations

from .graph import Graph
from .spelling import many, snake_in


def composed(g: Graph, members: list[int], mixins: list[int]) -> str:
    """The snake_case name of the class of the group that derives from two or more of its
    `mixins` (werkzeug's `Request(BaseRequest, AcceptMixin, ETagRequestMixin,
    UserAgentMixin, ...)` beside `ETagRequestMixin`, `UserAgentMixin`, `AuthorizationMixin`
    and `StreamOnlyMixin`: `request`, as the maintainers' `wrappers/request.py`, not
    `mixins`); the one built from most of them (then the longest, then the first); '' where
    none is (a module of mixins alone stays `mixins`)."""
    kin = set(mixins)
    built = [(sum(b in kin for b in g.nodes[n].bases), g.nodes[n].lines, -n) for n in members
             if g.nodes[n].kind == "class" and g.nodes[n].public and n not in kin]
    top = max(built, default=None)
    return snake_in(g, g.nodes[-top[2]].label) if top and top[0] >= 2 else ""


def served_class(g: Graph, members: list[int], kin: list[int], role: str) -> str:
    """The snake_case name of the class of the group whose name begins half or more of the
    names of `kin`, a family named by a role of the file (`shorn.roles`: a word that makes a
    class's companion from another class's name): oemof's `SinkDSM` beside `SinkDSMDelayBlock`
    and `SinkDSMIntervalBlock`: `sink_dsm`, as the maintainers' `sink_dsm.py`, not `blocks`;
    the one beginning most of them (then the longest, then the first); '' where none does
    (web3's `ContractFunction`, `AsyncContractFunction`, ... stay `functions`)."""
    inside = set(kin)
    labels = [g.nodes[n].label for n in kin]
    begun = [(sum(t.startswith(g.nodes[n].label) for t in labels), g.nodes[n].lines, -n)
             for n in members if g.nodes[n].kind == "class" and g.nodes[n].public
             and n not in inside]
    top = max(begun, default=None)
    if not top or 2 * top[0] < len(kin):
        return ""
    label = g.nodes[-top[2]].label
    name = snake_in(g, label)
    # its companion by the role alone (python-gitlab's `RunnerManager` beside `Runner`): the
    # class's plural, as `shorn.served` names it (`runners`)
    return many(label, name) if any(t.lower() == f"{label}{role}".lower() for t in labels) else name
