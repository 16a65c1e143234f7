"""The class a group's mixins or companions are made for (round 37, names38): a module of
mixins and the class built from them, or of a class and the classes named after it with a
role of the file (`...Block`), is named after that class, as its maintainers name it; a
class and its variants named by another first word (`Auto...`, `Base...`), after what they
are variants of (round 38, names39)."""

from __future__ import annotations

from .graph import Graph
from .spelling import many, plural, snake_in


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


def variant_of(g: Graph, members: list[int], top: int) -> str:
    """The snake_case name of class `top` without its first word, where that names another
    public class of the file, of which `top` is a variant, and a class of the group is that
    class or another variant of it: zyte's `AutoProductPage` beside `BaseProductPage`, both
    of `ProductPage`: `product_page` (the maintainers' `product.py`), not
    `auto_product_page`. Two words at least are left (`HTTPSConnection` stays
    `https_connection`), and a base is no variant (asciimatics' `BaseListBox` stays
    `base_list_box`, as the maintainers' `baselistbox.py`); '' where `top` is none."""
    words = snake_in(g, g.nodes[top].label).split("_")
    tail = words[1:]
    if len(tail) < 2 or words[0] in ("base", "abstract"):
        return ""
    named = {snake_in(g, node.label): n for n, node in enumerate(g.nodes)
             if node.kind == "class" and node.public}
    if named.get("_".join(tail), top) == top:
        return ""
    for n in members:
        if n == top or g.nodes[n].kind != "class" or not g.nodes[n].public:
            continue
        other = snake_in(g, g.nodes[n].label).split("_")
        if other == tail or (len(other) == len(words) and other[1:] == tail):
            return "_".join(tail)
    return ""



def namesake(g: Graph, groups: list[list[int]], i: int, firsts: list[str], old: str) -> list[str]:
    """A group whose main class is the source's namesake (rich's `Console` in
    `console.py`, soupsieve's `CSSMatch` in `css_match.py`, `Markdown` in `markdown2.py`,
    `PrettyTable` in `prettytable.py`) is the file's `core`: not the old module's name
    spelled another way (`pretty_table`) nor its plural (`consoles`); it is the file's
    `base` where classes of two or more other groups derive from that class (astropy's
    `FLRW` in `flrw.py`, the base of `LambdaCDM`, `wCDM`, ... in five other modules: `base`,
    as its maintainers' `base.py`; round 38). `firsts`: the group's first names."""
    old = old.rstrip("0123456789") or old  # a version in the name (`markdown2`)
    if not old or not firsts or firsts[0].replace("_", "") != old.replace("_", ""):
        return firsts  # (`PrettyTable` in `prettytable.py`: `pretty_table`)
    own = {n for n in groups[i] if g.nodes[n].kind == "class"
           and snake_in(g, g.nodes[n].label).replace("_", "") == firsts[0].replace("_", "")}
    derived = sum(any(set(g.nodes[n].bases) & own for n in group if g.nodes[n].kind == "class")
                  for k, group in enumerate(groups) if k != i)
    return [*(["base"] if derived >= 2 else []), "core", firsts[0],
            *(t for t in firsts[1:] if plural(old) != t.replace("_", ""))]
