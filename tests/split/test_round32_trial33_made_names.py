"""Round 32 (trial33): bugs found splitting colander's `__init__.py`, loguru's `_logger.py`
and mwparserfromhell's `parser/tokenizer.py` and running each library's own suite before and
after; each a minimal `pkg/big.py`, planned and applied with the import check on."""

from __future__ import annotations

from pathlib import Path

import pytest

from splitkit import same_behaviour

# colander: `SchemaNode = _SchemaMeta('SchemaNode', (_SchemaNode,), {...})` at the top level.
# A class made by calling `type` or a metaclass takes the `__module__` of the module whose
# code calls it; moved, it said `colander.schema_node` although keep-module-name was on, and
# colander's `test_repr` (`repr(node).startswith('<colander.SchemaNode object at ')`) failed
# after a split that said "verified".
MADE_AT_TOP = """
    class _Meta(type):
        def __init__(cls, name, bases, attrs):
            cls.made = name


    class _Node:
        def __repr__(self):
            return f"<{type(self).__module__}.{type(self).__name__}>"


    Node = _Meta("Node", (_Node,), {"__doc__": _Node.__doc__})
    Plain = type("Plain", (), {})


    class Schema(Node):
        pass


    def other():
        return 1
"""

CHECK = """
    import pickle
    import pkg.big as big
    print(repr(big.Node()), repr(big.Schema()), big.Node.__module__, big.Plain.__module__)
    print(pickle.loads(pickle.dumps(big.Node)) is big.Node)
"""


@pytest.mark.parametrize("facade", ["static", "live"])
def test_a_class_made_by_a_metaclass_call_at_the_top_keeps_the_old_module_name(
        tmp_path: Path, facade: str) -> None:
    out = same_behaviour(tmp_path, MADE_AT_TOP, {"nodes": ["_Meta", "_Node", "Node", "Plain",
                                                           "Schema"], "misc": ["other"]},
                         CHECK, **{"keep-module-name": True, "facade": facade})
    assert "<pkg.big.Node> <pkg.big.Schema> pkg.big pkg.big" in out
