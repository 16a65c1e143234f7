"""With `--modules K` and more modules than half the definitions: a module per class, and
what is not a class pooled in one module (round 30).

When K exceeds half the definitions that can move, some modules must hold a single
definition: the file is being cut about one class per module. Maintainers who split that
way give each class (with what only it uses) its module, and put what is not a class, the
module-level helpers, constants and aliases several classes share, in one module of its
own: asciimatics' `widgets.py` (K 23, 32 definitions) became one module per widget and a
`utilities` module of its seven helpers and values; Gradio's `components.py` (K 37, 51)
one module per component, its eight backward-compatible aliases (`Text = Textbox`) pooled
in the package's `__init__`. The merging as it is instead spent modules on the helpers,
one each, and joined the classes by inheritance to make up for them (asciimatics' small
widgets were gathered into their family's module, then cut again to make K).

A lone function or value is a module of its own likewise: youtube-dl's `gen_extractors`
beside 64 extractor classes (K 57) went to `extractor/__init__.py`, PEFT's `Linear4bit`
(a class defined under an `if`, so a value here) beside seven classes (K 5) to `bnb.py`.

So, in that shape, the functions and values start as the shared module (the helpers step
leaves what is there), and the classes alone are merged into the other K - 1 modules, by
the merging's own objective, with no family gathered: a family's pool would hold several
classes where each class gets a module. It applies only when the classes can fill those
K - 1 modules and the file has a definition that is not a class; otherwise the candidates
are made as before (`choose`).
"""

from __future__ import annotations

from .cluster import agglomerate
from .graph import Graph
from .place import SHARED, break_cycles, exactly, to_helpers
from .reexports import to_shared


def one_each(g: Graph, k: int, cap: int) -> dict[int, int] | None:
    """Node -> group, exactly `k` groups (shared counts), when more than half the
    definitions get a module of their own: the classes merged into k - 1 groups, the
    other definitions in the shared group. None when the file has not that shape."""
    count = len(g.nodes)
    classes = [n for n in range(count) if g.nodes[n].kind == "class"]
    rest = [n for n in range(count) if g.nodes[n].kind != "class"]
    if 2 * k <= count or not rest or len(classes) < k - 1:
        return None
    group = {n: i for i, part in enumerate(agglomerate(g, classes, k - 1, cap))
             for n in part}
    group.update(dict.fromkeys(rest, SHARED))
    to_helpers(g, group)
    to_shared(g, group)
    break_cycles(g, group)
    exactly(g, group, k, cap)
    return group
