"""The class a group's mixins are made for (round 37, names38): a module of mixins and the
class built from them is named after that class, as its maintainers name it."""

from __future__ import annotations

from .graph import Graph
from .spelling import snake_in


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
