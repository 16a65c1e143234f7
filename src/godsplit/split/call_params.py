"""Functions' parameters and the calls that give them values, as `plain_values` follows
them: a function's parameters, what each argument of a call gives which parameter, the
parameters a function calls, whether a class may make an instance without naming itself.
"""

from __future__ import annotations

from collections.abc import Iterator

import libcst as cst

from .nodes import children, walk
from .self_scan import bound_names

# nodes that hold no name, call or binding: not walked (whitespace, punctuation, operators)
LEAVES = frozenset({
    cst.SimpleWhitespace, cst.ParenthesizedWhitespace, cst.TrailingWhitespace, cst.EmptyLine,
    cst.Newline, cst.Comment, cst.Comma, cst.Dot, cst.LeftParen, cst.RightParen,
    cst.LeftSquareBracket, cst.RightSquareBracket, cst.LeftCurlyBrace, cst.RightCurlyBrace,
    cst.Colon, cst.Semicolon, cst.AssignEqual, cst.SimpleString, cst.Integer, cst.Float,
    cst.Imaginary, cst.Ellipsis, cst.ImportStar, cst.Pass, cst.Break, cst.Continue,
    *(getattr(cst, n) for n in ("Add", "Subtract", "Multiply", "Divide", "FloorDivide",
                                "Modulo", "Power", "LeftShift", "RightShift", "BitAnd",
                                "BitOr", "BitXor", "MatrixMultiply", "And", "Or", "Not",
                                "Equal", "NotEqual", "LessThan", "LessThanEqual", "GreaterThan",
                                "GreaterThanEqual", "In", "NotIn", "Is", "IsNot", "Minus",
                                "Plus", "BitInvert", "AddAssign", "SubtractAssign",
                                "MultiplyAssign", "DivideAssign", "ModuloAssign",
                                "BitOrAssign", "BitAndAssign", "AssignEqual")),
})  # a lambda's or a class body's names: not known


def parameters(params: cst.Parameters, stars: bool = True) -> list[cst.Param]:
    """A function's parameters; with `stars`, its `*args` and `**kwargs` too."""
    out = [*params.posonly_params, *params.params, *params.kwonly_params]
    if stars:
        out += [p for p in (params.star_arg, params.star_kwarg) if isinstance(p, cst.Param)]
    return out


def given_args(fn: cst.FunctionDef, call: cst.Call, method: bool, star: bool = False
               ) -> Iterator[tuple[str | None, cst.BaseExpression | None]]:
    """(parameter, the value the call gives it) for each argument of `call`; (None, None)
    when the call spreads `*xs` or `**kw` (which parameters get what is not known). With
    `star`, what goes into `*args` or `**kwargs` too, and a spread argument to each."""
    positional = [*fn.params.posonly_params, *fn.params.params][method:]
    named = {p.name.value for p in (*positional, *fn.params.kwonly_params)}
    stars = [p.name.value if isinstance(p, cst.Param) else None
             for p in (fn.params.star_arg, fn.params.star_kwarg)]
    index = 0
    for arg in call.args:
        if arg.star and star:
            yield from ((n, arg.value) for n in (*named, *stars) if n is not None)
        elif arg.star:
            yield None, None
        elif arg.keyword is not None:
            yield (arg.keyword.value if arg.keyword.value in named else stars[1]), arg.value
        else:
            yield (positional[index].name.value if index < len(positional) else stars[0]
                   ), arg.value
            index += 1


def called_params(fn: cst.FunctionDef) -> set[str]:
    """The parameters of `fn` its body calls (`run()`, `run[0]()`), or draws a local it
    calls from (`for run in fns`, `run = fns[0]`, `run = kwargs.pop("f")`); not in
    the defs and lambdas it makes."""
    params = {p.name.value for p in parameters(fn.params)}
    drawn: dict[str, set[str]] = {}  # local -> the names its values are drawn from
    callees: set[str] = set()
    if not params:
        return set()
    stack: list[cst.CSTNode] = [fn.body]
    while stack:
        node = stack.pop()
        if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            continue  # (their bodies run when they are called)
        stack.extend(c for c in children(node) if type(c) not in LEAVES)
        if isinstance(node, cst.Call):
            root = node.func
            while isinstance(root, (cst.Subscript, cst.Call)):
                root = root.value if isinstance(root, cst.Subscript) else root.func
            if isinstance(root, cst.Name):
                callees.add(root.value)
        pairs = [(t.target, node.value) for t in node.targets] if isinstance(node, cst.Assign) \
            else [(node.target, node.iter)] if isinstance(node, (cst.For, cst.CompFor)) else []
        for target, value in pairs:
            for name in bound_names(target):
                drawn.setdefault(name, set()).update(
                    n.value for n in walk(value) if isinstance(n, cst.Name))
    out: set[str] = set()
    todo = list(callees)
    while todo:
        name = todo.pop()
        if name in params and name not in out:
            out.add(name)
        todo.extend(n for n in drawn.pop(name, ()) if n != name)
    return out


def remakes(node: cst.ClassDef) -> bool:
    """Whether the class's body may make an instance without naming the class: `cls(...)`,
    `type(self)(...)`, `self.__class__(...)`, a call of any method's first parameter."""
    firsts = {params[0].name.value for s in node.body.body if isinstance(s, cst.FunctionDef)
              and (params := [*s.params.posonly_params, *s.params.params])}
    stack: list[cst.CSTNode] = [node.body]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Call):
            func = current.func
            if isinstance(func, cst.Call) or (isinstance(func, cst.Name) and func.value in firsts) \
                    or (isinstance(func, cst.Attribute) and func.attr.value == "__class__"):
                return True
        stack.extend(children(current))
    return False
