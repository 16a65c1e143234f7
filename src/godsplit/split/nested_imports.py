"""Generated blocks that import inside a function, which the project's sorter checks too.

The runtime code a facade carries imports inside functions (`runtime/live_facade.py`'s
`__reduce_ex__`, `live_globals.py`, `reload_modules.py`). isort and ruff's `I001` sort
nested imports as well, and isort gives them the section headings a project configures
(`import_heading_stdlib = Standard Library`: MuckRock), so such a block goes through the
project's sorter before the formatter, like an import block (round 31: `isort
--check-only` failed on MuckRock's verified facade).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_NESTED = re.compile(r"^[ \t]+(?:import|from)[ \t]+[\w.]+(?:[ \t]+import\b|[ \t]*(?:,|$| as\b))",
                     re.MULTILINE)


def with_nested_imports(texts: Sequence[str], sorted_blocks: Sequence[int]) -> list[int]:
    """The indexes of `texts`, other than `sorted_blocks`, that import inside a block."""
    done = set(sorted_blocks)
    return [i for i, text in enumerate(texts) if i not in done and _NESTED.search(text)]
