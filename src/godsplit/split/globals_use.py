"""Whether code only reads the module's namespace through `globals()`.

A function that calls `globals()` finds the module it runs in, so it stays in the old
module; but when every such call only reads (`globals()["__builtins__"]`,
`globals().get(name)`, `name in globals()`), it binds no name at run time: a name no
statement binds is as undefined in a new module as in the old one (dill's `_dill.py`).
"""

from __future__ import annotations

import ast
import re

import libcst as cst

from .absolute_import import ignored_namespaces
from .nodes import walk

# methods of a dict that read it (called on `globals()` itself)
_READS = frozenset({"get", "keys", "items", "values", "copy", "__contains__", "__getitem__"})


def _is_globals_call(node: cst.CSTNode) -> bool:
    return (isinstance(node, cst.Call) and isinstance(node.func, cst.Name)
            and node.func.value == "globals" and not node.args)


def _targets(node: cst.CSTNode) -> list[cst.CSTNode]:
    """What a statement assigns to or deletes (`globals()[k] = v`, `del globals()[k]`)."""
    if isinstance(node, cst.Assign):
        return [t.target for t in node.targets]
    if isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.Del, cst.For, cst.CompFor)):
        return [node.target]
    if isinstance(node, cst.AsName):
        return [node.name]
    return []


def only_reads_globals(stmt: cst.BaseStatement) -> bool:
    """Whether every `globals()` call in `stmt` is only read from: subscripted (not as a
    target), a reading method called on it, or the right side of `in`. Anything else
    (`globals().update(...)`, `g = globals()`, `f(globals())`) may write it; so may a
    statement without a `globals()` call that is kept for finding its module another way."""
    nodes = list(walk(stmt))
    targets = {id(n) for node in nodes for t in _targets(node) for n in walk(t)}
    ignored = ignored_namespaces(stmt)  # given to an absolute `__import__`: never read
    calls = read = 0
    for node in nodes:
        calls += _is_globals_call(node)
        if id(node) in ignored:
            read += _is_globals_call(node)
        if isinstance(node, cst.Subscript) and _is_globals_call(node.value):
            read += id(node) not in targets
        elif (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)
              and _is_globals_call(node.func.value) and node.func.attr.value in _READS):
            read += 1
        elif isinstance(node, cst.Comparison):
            read += sum(isinstance(c.operator, (cst.In, cst.NotIn))
                        and _is_globals_call(c.comparator) for c in node.comparisons)
    return calls > 0 and read == calls


# `exec("import %s" % name)`: an absolute import, spelled before importlib (ply's
# `yacc.py` and `lex.py`): the name it binds goes to the calling function's locals (or the
# class body), and an absolute import resolves nothing through the module's globals
_IMPORT_TEXT = re.compile(r"import [A-Za-z_][\w.]*(?: as [A-Za-z_]\w*)?")


def execs_only_an_import(call: cst.Call) -> bool:
    """Whether `exec(text)` (no namespace given) runs an absolute `import` statement
    whose module is the one name formatted into it: `"import %s" % module`, `"import " +
    module`, `f"import {module}"`, `"import {}".format(module)` or a literal `"import
    os.path"`. Whatever `module` is, the statement only imports it; in a function it binds
    the function's locals, so the module the code runs in makes no difference."""
    if not (isinstance(call.func, cst.Name) and call.func.value == "exec"
            and len(call.args) == 1 and call.args[0].keyword is None):
        return False
    text = call.args[0].value
    if isinstance(text, cst.BinaryOperation) and isinstance(
            text.operator, (cst.Modulo, cst.Add)) and isinstance(text.left, cst.SimpleString):
        return _is_import_prefix(text.left, "%s" if isinstance(text.operator, cst.Modulo)
                                 else "")
    if isinstance(text, cst.Call) and isinstance(text.func, cst.Attribute) and isinstance(
            text.func.value, cst.SimpleString) and text.func.attr.value == "format":
        return _is_import_prefix(text.func.value, "{}")
    if isinstance(text, cst.FormattedString) and len(text.parts) == 2:
        first, second = text.parts
        return (isinstance(first, cst.FormattedStringText) and first.value == "import "
                and isinstance(second, cst.FormattedStringExpression)
                and second.format_spec is None and second.conversion is None)
    if isinstance(text, cst.SimpleString):
        value = text.evaluated_value
        return isinstance(value, str) and _IMPORT_TEXT.fullmatch(value) is not None
    return False


def _is_import_prefix(literal: cst.SimpleString, placeholder: str) -> bool:
    """`"import %s"` (placeholder `%s`), `"import {}"`, or `"import "` before a `+`."""
    value = literal.evaluated_value
    return isinstance(value, str) and value == f"import {placeholder}"


def execs_into_module(stmt: cst.BaseStatement) -> bool:
    """Whether a top-level statement (not a function or class) runs `exec(text)` with no
    namespace given, outside any function: the text binds or deletes module names no
    analysis sees (scipy's `_distn_infrastructure.py`: `for obj in [s for s in dir() if
    s.startswith('_doc_')]: exec('del ' + obj)`). Run in a new module, it would bind or
    delete them there, not in the old one. An absolute import is left out (ply)."""
    if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
        return False
    return any(
        isinstance(node, cst.Call) and isinstance(node.func, cst.Name)
        and node.func.value == "exec" and len(node.args) == 1
        and node.args[0].keyword is None and not execs_only_an_import(node)
        and not _never_runs(node.args[0].value)
        for node in walk(stmt, into_scopes=False))


def _never_runs(text: cst.BaseExpression) -> bool:
    """Whether exec's text is a literal (or `compile()` of one) that Python 3 cannot
    compile: exec raises SyntaxError before running any of it, so it binds nothing where
    it runs. bottle's Python 2 branch: `exec(compile('def _raise(*a): raise a[0], a[1],
    a[2]', '<py3fix>', 'exec'))`; a module that imports never takes that branch."""
    if isinstance(text, cst.Call) and isinstance(text.func, cst.Name) and (
            text.func.value == "compile") and text.args:
        text = text.args[0].value
    if not isinstance(text, (cst.SimpleString, cst.ConcatenatedString)):
        return False
    value = text.evaluated_value
    if not isinstance(value, str):
        return False
    try:
        ast.parse(value)
    except (SyntaxError, ValueError):
        return True
    return False
