"""A file-level `# ruff: noqa: CODES` of the god file's opening comments, in a new module.

The opening comments are copied into every new module and the facade. pycparser's
generated `c_ast.py` says `# ruff: noqa: RUF023` (its `__slots__` are in the order
`Node.__repr__` needs); the facade and `base.py` (`Node`, `NodeVisitor`) have no
`__slots__` left, and ruff 0.17, whose defaults select RUF100, reported the directive
unused in both. Where the project's ruff reports RUF100 for a file, its directive keeps
the codes the project's ruff still reports there without it, and goes when none is left.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from .ruff_marks import report
from .style import Style

_DIRECTIVE = re.compile(
    r"^#[ \t]*ruff[ \t]*:[ \t]*noqa[ \t]*:[ \t]*([A-Z]+[0-9]+(?:[ \t]*,[ \t]*[A-Z]+[0-9]+)*)[ \t]*\n",
    re.MULTILINE)


def trimmed_exemptions(texts: Mapping[Path, str], style: Style | None) -> dict[Path, str]:
    """`texts` (a split's files) without the codes of a file-level ruff exemption that
    nothing in the file needs, where the project's ruff reports unused ones (RUF100)."""
    out = dict(texts)
    if style is None or style.ruff is None or style.file("ruff") is None:
        return out
    for path, text in texts.items():
        found = _DIRECTIVE.search(text)
        if path.suffix != ".py" or found is None or not style.ruff.enables("RUF100", path):
            continue
        codes = re.split(r"[ \t]*,[ \t]*", found[1])
        rest = text[:found.start()] + text[found.end():]
        used = {code for code, _ in report(rest, codes, path, style)}
        keep = [code for code in codes if code in used]
        if keep != codes:
            line = f"# ruff: noqa: {', '.join(keep)}\n" if keep else ""
            out[path] = text[:found.start()] + line + text[found.end():]
    return out
