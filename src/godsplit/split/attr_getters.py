"""Names read through an old module by `operator.attrgetter` (round 29, for `facade_reads`).

`attrgetter("big.helper")(pkg)` reads `helper` through `pkg.big` when it runs, and so does
`attrgetter("helper")(big)`, or a getter kept in a variable and called on the module
(`GET = attrgetter("helper")`, then `GET(big)`). Where the getter's object is a dotted
text, the path is read from it (an alias of the old module or a package above it); a
getter whose object is not known (`sorted(items, key=attrgetter("big.helper"))`) reads
`helper` through the old module when its path passes through a name spelled as the old
module's last part (conservative: a kept patch is safe under the live facade).
"""

from __future__ import annotations

import ast
from collections.abc import Collection

from .typestrings import dotted_name


def paths(node: ast.expr, getters: dict[str, list[str]]) -> list[str] | None:
    """The literal paths of `attrgetter(...)` (`operator.attrgetter`) at `node`, or of a
    variable assigned one (`getters`); None for anything else."""
    if isinstance(node, ast.Name) and node.id in getters:
        return getters[node.id]
    if not isinstance(node, ast.Call) or node.keywords or not node.args or dotted_name(
            node.func).rpartition(".")[2] != "attrgetter":
        return None
    found = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    return found if len(found) == len(node.args) else None


def through(found: list[str], base: str, aliases: Collection[str]) -> list[str]:
    """The names the paths `found` read through an alias in `aliases` when applied to the
    object spelled `base` (`pkg` with `big.helper` and the alias `pkg.big`: `helper`)."""
    names = []
    for path in found:
        full = f"{base}.{path}"
        names += [full[len(alias) + 1:].partition(".")[0] for alias in aliases
                  if full.startswith(alias + ".")]
    return names


def spelled(found: list[str], last: str) -> list[str]:
    """The names after a part spelled `last` (the old module's) in the paths `found`."""
    return [parts[i + 1] for parts in (p.split(".") for p in found)
            for i in range(len(parts) - 1) if parts[i] == last]
