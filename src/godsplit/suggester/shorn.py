"""A class's module name without the word nearly every class of its file ends with (round 35,
names36): that word names the package the split makes, not one module of it."""

from __future__ import annotations

from collections import Counter

from .graph import STOP, Graph, stem
from .spelling import many, snake_in
from .weak_names import GENERIC, reserved

# words that say a class is abstract or shared, not what it is: `BaseCamera` stays `base_camera`
VAGUE = GENERIC | {"abstract", "core", "default", "generic", "simple"}
# past participles with no `-ed`: a participle alone says how, not what (django-tables2's
# `BoundColumn` is no `bound` module; `naming.followed` for the `-ed` ones)
PARTICIPLES = frozenset("bound broken built chosen done drawn found frozen given held hidden "
                        "kept known made read set shown spoken taken unbound written".split())


def shorn(name: str, suffix: str) -> str:
    """`name` (snake_case) without its last word when that is the file's suffix (`suffix`,
    stemmed: youtube-dl's `ie` in `BlipTVIE`, `VimeoIE`, ...: `blip_tv`, `vimeo`, as the
    maintainers' `extractor/bliptv.py`; vispy's `camera`: `PanZoomCamera` is `pan_zoom`), when
    the words left are a name of their own: not a vague one (`base` of `BaseCamera`) nor a
    standard module's, a keyword or a builtin (`json` of `JsonLexer`), nor a participle or a
    stop word alone (`bound` of `BoundColumn`); else `name`."""
    words = name.split("_")
    if not suffix or len(words) < 2 or stem(words[-1]) != suffix:
        return name
    rest = "_".join(words[:-1])
    alone = len(words) == 2 and (rest in PARTICIPLES or rest.endswith("ed") or stem(rest) in STOP)
    vague = {w.rstrip("0123456789") for w in words[:-1]} & VAGUE  # (`Base3DRotationCamera`)
    return name if vague or alone or reserved(rest) or len(rest) < 2 else rest


def roles(g: Graph) -> frozenset[str]:
    """The last words that make a class's name from another class's of the file, three times
    or more: python-gitlab's `Hook` and `HookManager`, `Runner` and `RunnerManager`, ...:
    `manager`; moto's `VPC` and `VPCBackend`, ...: `backend` (not spyne's `DateTime` beside
    `Date`, which is no role of a date; never `mixin`, a part of its class, not a role)."""
    if _ROLES and _ROLES[0][0] is g:
        return _ROLES[0][1]
    names = {snake_in(g, node.label) for node in g.nodes if node.kind == "class" and node.public}
    count = Counter(name.rsplit("_", 1)[-1] for name in names
                    if "_" in name and name.rsplit("_", 1)[0] in names)
    found = frozenset(w for w, times in count.items() if times >= 3 and stem(w) != "mixin")
    _ROLES[:] = [(g, found)]
    return found


_ROLES: list[tuple[Graph, frozenset[str]]] = []  # (the graph, its roles): the last one


def served(g: Graph, members: list[int], whole: str) -> str:
    """The plural of the class the main class serves, when the group holds it: `whole` (the
    main class's snake_case name) is its name and a role (`roles`; python-gitlab's
    `HookManager` beside `Hook`: `hooks`, as the maintainers' `v4/objects/hooks.py`; moto's
    `NetworkAclBackend` beside `NetworkAcl`: `network_acls`); else ''."""
    *words, role = whole.split("_")
    head = "_".join(words)
    if not words or role not in roles(g) or {stem(w) for w in words} & (VAGUE | STOP):
        return ""
    labels = {snake_in(g, g.nodes[n].label): g.nodes[n].label for n in members
              if g.nodes[n].kind == "class" and g.nodes[n].public}
    return many(labels[head], head) if head in labels else ""
