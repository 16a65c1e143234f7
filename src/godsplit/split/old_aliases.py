"""The names a file binds to an old module, for `facade_reads` (round 29: moved out of
facade_reads.py, which was at the 400-line limit)."""

from __future__ import annotations

import ast

from .relative_ban import absolute_target


def old_aliases(tree: ast.Module, old: str, package: str) -> tuple[
        set[str], list[tuple[str, int]], set[str]]:
    """Dotted texts bound to the old module anywhere in the file (`import pkg.big as b`:
    `b`; a package above it: `import pkg` or `import pkg.other`: `pkg.big`, `from pkg
    import sub`: `sub.big`), the names imported from it inside a function (read when that
    runs), and those of the aliases only an import of a sibling binds (`import pkg.other`:
    `pkg.big`; `migrate` does not follow those)."""
    aliases: set[str] = set()
    sibling: set[str] = set()
    local: list[tuple[str, int]] = []

    def bound(module: str, name: str) -> None:
        """`module` is bound to `name`: the old module, or a package above it."""
        if old == module or old.startswith(module + "."):
            aliases.add(name + old[len(module):])

    def visit(body: list[ast.stmt], in_function: bool) -> None:
        """The statements of `body` and those nested in them (imports are statements)."""
        for child in body:
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.Import):
                for alias in child.names:
                    top = alias.name.partition(".")[0]  # `import pkg.other` binds `pkg`
                    if alias.asname or old == alias.name or old.startswith(alias.name + "."):
                        bound(alias.name, alias.asname or alias.name)
                    elif old.startswith(top + "."):
                        sibling.add(old)
            elif isinstance(child, ast.ImportFrom):
                source = (absolute_target(package, child.level, child.module) if child.level
                          else child.module)
                for alias in child.names:
                    if source and alias.name != "*":
                        bound(f"{source}.{alias.name}", alias.asname or alias.name)
                    if source == old and in_function and alias.name != "*":
                        local.append((alias.name, child.lineno))
            for inner in (*(getattr(child, f, ()) for f in ("body", "orelse", "finalbody")),
                          *(h.body for h in getattr(child, "handlers", ())),
                          *(c.body for c in getattr(child, "cases", ()))):
                visit(inner, nested)

    visit(tree.body, False)
    return aliases | sibling, local, sibling - aliases
