"""A name for the pool that import-time cycles and shared helpers make (`_shared`), when what
it holds is a public API a person imports, not plumbing (round 32, item 28 (e))."""

from __future__ import annotations

import re
from collections.abc import Mapping

from .graph import Graph, stem
from .naming import name_modules
from .verbs import countable


def pool_name(g: Graph, pool: list[int], taken: set[str], siblings: frozenset[str],
              old: str, docs: Mapping[str, str]) -> str | None:
    """The pool's name after its members, as any module's (Gradio's pooled public aliases
    and functions; astroid's `NodeNG` and `Statement`), when its public functions and
    classes hold half of its lines or more; None for a pool of private helpers and values (a
    `logger`, a table; dill's eight `...Type` values beside `get_file_type()`), which stays
    `_shared`, and so does one whose name would be a numbered one. Named after the public
    functions and classes alone (gevent's `patch_module`, `get_original`, ...: `patches`, not
    `original`; Gradio's pooled aliases `Text`, `Json`, ... do not make it `text`). `taken`: the names of the
    other modules and the names the source defines."""
    api = [n for n in pool if g.nodes[n].public and g.nodes[n].kind != "value"]
    if not api or 2 * g.size(api) < g.size(pool):
        return None
    name = name_modules(g, [api], taken, siblings, old, docs)[0]
    # a numbered name says less than `_shared` (a pooled `retrying()` decorator: `retrying_2`),
    # and so does a verb's plural (PuLP's pooled `initialize()`: `initializes`)
    return None if re.search(r"_[0-9]+$", name) or not countable(stem(name)) else name
