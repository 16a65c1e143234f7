"""GS405's hint: why `from old import *` gives other names after a split, as far as
godsplit can tell, and no guess where it can tell otherwise.

A package facade's `__all__` is fixed when it runs, so a name code elsewhere sets on the
module later (SQLAlchemy's `base.dialect`) is left out: the hint says so, and that a
package beside the old module keeps it a module, which needs no `__all__`. It said so of
every lost name, also of one the module's own code binds (round 32: the captures of a
`match` statement nested in an `if`, which the analysis did not see bound and the facade
lost, got that guess): such a name was the split's to keep, and the hint says that instead.
"""

from __future__ import annotations

import ast
from dataclasses import replace

from ..files import read_source
from ..types import Finding, GodsplitError, Plan


def star_hint(finding: Finding, plan: Plan) -> Finding:
    """GS405 of a facade that lost names, with what godsplit knows of the cause. A
    package `__init__.py` that lost its own submodules, which later imports bind on it
    (netaddr.ip's `sets`), can keep them out only with an `__all__` of its own."""
    if finding.code != "GS405" or not finding.names:
        return finding
    here = plan.source.parent
    own = [n for n in finding.names if plan.source.name == "__init__.py" and (
        (here / f"{n}.py").is_file() or (here / n / "__init__.py").is_file())]
    if own:  # netaddr.ip's sets, glob, ...: bound on the package by later imports
        return replace(finding, message=finding.message + f"; {', '.join(own)}: "
                       f"{'a module' if len(own) == 1 else 'modules'} of the package "
                       f"`{plan.old_module}`, bound on it when "
                       f"{'it is' if len(own) == 1 else 'they are'} imported after it, which "
                       "its `import *` gave (it has no `__all__`); the facade's `__all__` is "
                       f"fixed before that: give `{plan.old_module}` an `__all__` of the names "
                       "`import *` should give")
    if plan.layout != "package":
        return finding
    bound = {n for p in plan.placements for n in p.names}
    captures = match_captures(plan)
    own = [n for n in finding.names if n in bound or n in captures]
    others = [n for n in finding.names if n not in own]
    message = finding.message
    if own:
        how = "; ".join(f"{n}: a capture pattern of the `match` statement at line {captures[n]}"
                        for n in own if n in captures)
        message += (f"; {', '.join(own)}: bound by the module's own code"
                    f"{f' ({how})' if how else ''}, and `import *` gave "
                    f"{'it' if len(own) == 1 else 'them'} before: the split lost "
                    f"{'it' if len(own) == 1 else 'them'}, a bug in godsplit: please report it")
    if not others:
        return replace(finding, message=message)
    beside = plan.source.stem + "_parts"
    which = f" {', '.join(others)}: not bound by the module's own code:" if own else ""
    return replace(finding, message=message + f";{which} a package facade writes a fixed "
                   "`__all__` where the source has none, which leaves out names code elsewhere "
                   "sets on the module later: if that is the cause, set `package` for this "
                   f"split (new modules beside the old module, e.g. in `{beside}`), which keeps "
                   "the old module a module with no `__all__`")


def match_captures(plan: Plan) -> dict[str, int]:
    """The names the source's `match` statements outside functions and classes bind
    (module globals), with the line of the first such statement binding each."""
    try:
        tree = ast.parse(read_source(plan.source).text)
    except (GodsplitError, SyntaxError, ValueError):
        return {}
    out: dict[str, int] = {}
    todo: list[ast.AST] = list(tree.body)
    while todo:
        node = todo.pop(0)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(node, ast.Match):
            for inner in ast.walk(node):
                name = (inner.name if isinstance(inner, (ast.MatchAs, ast.MatchStar)) else
                        inner.rest if isinstance(inner, ast.MatchMapping) else None)
                if name is not None:
                    out.setdefault(name, node.lineno)
        todo.extend(ast.iter_child_nodes(node))
    return out
