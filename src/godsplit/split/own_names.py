"""Whether a name in a function or comprehension is its own variable, not the global.

`facade_reads` asks it of a name spelled as an alias of the old module (`from pkg import
big`): `big` in `[len(big) for big in groups]` or after `big = {}` in a function is not the
module, and handing it on keeps no patch.
"""

from __future__ import annotations

import ast

_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, *_COMPREHENSIONS)


def outside(scope: ast.AST, node: ast.AST) -> bool:
    """`node` is evaluated in the scope around `scope`: a comprehension's first iterable."""
    return isinstance(scope, _COMPREHENSIONS) and any(
        inner is node for inner in ast.walk(scope.generators[0].iter))


def binds(scope: ast.AST, name: str) -> bool | None:
    """Whether `scope` (a function or comprehension) binds `name` as its own variable;
    False where it declares it global, None where it says nothing (look further out)."""
    if isinstance(scope, _COMPREHENSIONS):
        return any(isinstance(n, ast.Name) and n.id == name
                   for g in scope.generators for n in ast.walk(g.target)) or None
    assert isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
    given = scope.args
    if name in {a.arg for a in (*given.posonlyargs, *given.args, *given.kwonlyargs,
                                given.vararg, given.kwarg) if a is not None}:
        return True
    todo: list[ast.AST] = list(scope.body) if isinstance(scope.body, list) else [scope.body]
    found = None
    while todo:  # its own statements, not those of the scopes nested in it
        inner = todo.pop()
        if isinstance(inner, (ast.Global, ast.Nonlocal)) and name in inner.names:
            return False if isinstance(inner, ast.Global) else None
        if isinstance(inner, ast.Name) and inner.id == name and isinstance(inner.ctx, ast.Store):
            found = True
        elif isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found = found or inner.name == name or None
        elif not isinstance(inner, SCOPES):
            todo.extend(ast.iter_child_nodes(inner))
    return found
