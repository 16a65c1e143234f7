"""What `python -m name` would run, as the import probe (`probe.py`) records it.

Part of the probe's script: `probe_out.probe_source` writes this module's code where
`probe.py` imports it (the project's interpreter need not have godsplit), so it imports
only the standard library.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import types


def runs_as_main(name: str, module: types.ModuleType) -> str:
    """What `python -m name` would run, without running it."""
    spec = module.__spec__
    if spec is not None and spec.submodule_search_locations is not None:
        spec = importlib.util.find_spec(name + ".__main__")
        if spec is None:  # `python -m` fails, after importing the package, as it runs no
            return "no __main__ block"  # __main__ block: the same as a module without one
    origin = spec.origin if spec is not None else None
    try:
        with open(origin or "", encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    except OSError:
        return "the module (its source is not readable)"
    blocks = _main_blocks(text)
    return f"{blocks} __main__ block{'s' if blocks != 1 else ''}" if blocks else "no __main__ block"


def _main_blocks(text: str) -> int:
    """Top-level `if __name__ == "__main__":` blocks with no `else` or `elif` (not one inside
    a function, nor in a string, as setuptools' easy_install.py and reportlab's shapes.py
    have): those `main_guards.is_main_block` takes for the module's `__main__` block. With
    an `else`, one branch runs on every import: code that stays in the old module."""
    try:
        tree = ast.parse(text)
    except SyntaxError:  # (newer syntax than this interpreter's): read from the lines
        return _guard_lines(text)
    count = 0
    for node in tree.body:
        test = node.test if isinstance(node, ast.If) and not node.orelse else None
        if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(
                test.ops[0], ast.Eq):
            sides = [test.left, *test.comparators]
            names = [s for s in sides if isinstance(s, ast.Name) and s.id == "__name__"]
            mains = [s for s in sides if type(s).__name__ in ("Constant", "Str")  # Str: 3.7
                     and getattr(s, "value", getattr(s, "s", None)) == "__main__"]
            count += bool(names and mains)
    return count


_GUARD = re.compile(r"""if\s*\(?\s*(?:__name__\s*==\s*(['"])__main__\1|(['"])__main__\2\s*==\s*"""
                    r"""__name__)\s*\)?\s*:""")


def _guard_lines(text: str) -> int:
    """`_main_blocks` of a source this interpreter cannot parse, from its lines: the
    guards at the start of a line (not in a function, nor in a triple-quoted string) whose
    block the next line of code at that level does not continue with `else` or `elif`."""
    lines = re.sub(r"(\"\"\"|''')[\s\S]*?\1", '""', text).splitlines()
    count = 0
    for index, line in enumerate(lines):
        if _GUARD.match(line):
            after = next((n for n in lines[index + 1:] if n.strip() and not n.startswith(
                (" ", "\t", "#"))), "")
            count += not re.match(r"(else|elif)\b", after)
    return count
