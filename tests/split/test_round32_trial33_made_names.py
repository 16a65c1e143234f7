"""Round 32 (trial33): bugs found splitting colander's `__init__.py`, loguru's `_logger.py`
and mwparserfromhell's `parser/tokenizer.py` and running each library's own suite before and
after; each a minimal `pkg/big.py`, planned and applied with the import check on."""

from __future__ import annotations

import subprocess
import sys
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


# loguru's `_logger.py`: `if sys.version_info >= (3, 14): ... else:` ending in a nested
# `def is_template`, then `Level = namedtuple(...)` (two blank lines above it), then
# `start_time = aware_now()` (one). `Level` moved away; `start_time` followed the `else:`
# block's `def` with one blank line, and black (loguru's formatter) wanted two.
ENDS_IN_DEF = """
    import sys
    from collections import namedtuple

    if sys.version_info >= (3, 99):
        from string import templatelib

        def is_template(obj):
            return isinstance(obj, templatelib.Template)

    else:

        def is_template(obj):
            return False


    Level = namedtuple("Level", ["name", "no"])

    start_time = 12


    class Core:
        def levels(self):
            return [Level("DEBUG", 10)]


    class Logger:
        def now(self):
            return start_time, is_template(self)
"""


def test_a_statement_after_a_block_ending_in_a_def_gets_two_blank_lines(tmp_path: Path) -> None:
    from splitkit import apply, make_project

    config = make_project(tmp_path, ENDS_IN_DEF, {"level": ["Level", "Core"], "core": ["Logger"]},
                          path="pkg/big.py", **{"facade": "static"})
    (tmp_path / "pyproject.toml").write_text("[tool.black]\nline-length = 100\n")
    result = apply(config)
    assert result.written, [f.render() for s in result.splits for f in s.findings]
    black = Path(sys.executable).with_name("black")
    checked = subprocess.run([str(black), "--check", "--diff", "pkg"], cwd=tmp_path,
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr
