"""With `--modules K` and more modules than half the definitions: a module per class, and
what is not a class pooled in one module (round 30).

When K exceeds half the definitions that can move, some modules must hold a single
definition; when K - 1 modules (all but the pool below) exceed half the classes, some
class must have a module to itself. Both together: the file is being cut about one class
per module (in a file of three definitions, two modules are above half of them, but one
module for two classes is no module per class). Maintainers who split that way give each
class (with what only it uses) its module, and put what is not a class, the module-level
helpers, constants and aliases several classes share, in one module of its own:
asciimatics' `widgets.py` (K 23, 32 definitions) became one module per widget and a
`utilities` module of its seven helpers and values; Gradio's `components.py` (K 37, 51)
one module per component, its eight alias names (`Text = Textbox`) pooled
in the package's `__init__`. The merging as it is instead spent modules on the helpers,
one each, and joined the classes by inheritance to make up for them (asciimatics' small
widgets were gathered into their family's module, then cut again to make K).

So, in that shape, the functions and values start as the shared module (the helpers step
leaves what is there), and the classes alone are merged into the other K - 1 modules, by
the merging's own objective, with no family gathered: a family's pool would hold several
classes where each class gets a module. It applies only when the classes can fill those
K - 1 modules and there are two or more other definitions to pool; otherwise the
candidates are made as before (`choose`). A lone helper is no pool: it follows its reader
as before (youtube-dl's `InfoExtractors.py`, 64 classes and one function, K 57, and PEFT's
`lora.py`, seven classes and one class defined under an `if`, K 5, are the two files of
that shape among the 86 cases, and both still lose to file order). A private helper
written beside the one class that reads it goes with that class instead (`beside`: VisPy's
`_arcball`, round 33).
"""

from __future__ import annotations

from .beside import beside
from .cluster import agglomerate
from .graph import Graph
from .place import SHARED


def one_each(g: Graph, k: int, cap: int) -> dict[int, int] | None:
    """Node -> group when k is above half the definitions and k - 1 above half the
    classes: the classes merged into k - 1 groups, the two or more other definitions in the
    shared group, before the steps every grouping takes after the merging (`choose._settle`:
    helpers, cycles, exactly k). None when the file has not that shape."""
    count = len(g.nodes)
    classes = [n for n in range(count) if g.nodes[n].kind == "class"]
    rest = [n for n in range(count) if g.nodes[n].kind != "class"]
    if 2 * k <= count or 2 * (k - 1) <= len(classes) or len(rest) < 2 or len(classes) < k - 1:
        return None
    own = beside(g, rest)  # a private helper beside its one reader goes with it (`beside`)
    pooled = [n for n in rest if n not in own]
    group = {n: i for i, part in enumerate(agglomerate(g, classes, k - 1 if pooled else k, cap))
             for n in part}
    group.update(dict.fromkeys(pooled, SHARED))
    group.update({n: group[c] for n, c in own.items()})
    return group
