"""GS119's one exemption: a `__module__` read whose value only keys a private cache.

cmd2 4.3.1's `CommandParsers` keys the parsers it builds by
`f"{command_method.__module__}.{command_method.__qualname__}"`, made by a private
method whose callers only look the key up in, store it in and delete it from a private
dict of the same class. Moved methods report their new module, so the keys differ; the
program cannot see that when all of these hold (checked here, else GS119 stays):

- the read is a replacement field of an f-string that also holds the same object's
  `__qualname__` and some literal text (never empty, so `if not key` answers the same),
  and that f-string is what a private method (`_name`) of a class returns;
- every mention of that method's name in the source is a call on `self`, `cls` or the
  class, inside a method of the class, whose result is bound to a local name once; and
  every other mention of that local is `key in self._d`, `key not in self._d`, `not
  key`, `if key:`, `self._d[key] = value`, `self._d.get(key[, default])`, or
  `self._d[key]` / `del self._d[key]` as the one statement of `if key in self._d:` (so
  no KeyError shows a key);
- every mention of the dict's private name `_d` in the source is one of those, or its one
  binding to an empty dict in `__init__`; and no other Python file of the project mentions
  the method's or the dict's name (a test reading `app._d`, a subclass overriding the
  method).

Then the dict's keys are never seen (not iterated, printed, returned or compared) and
two objects' keys are equal after the split exactly when they were before: only the moved
classes and functions change module, to modules that did not exist before, and the
qualname is part of the key. (An object whose `__module__` some code sets by hand to the
new module's name is the exception this cannot see.)
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import libcst as cst

from ..files import module_name_for
from .analyze import Analysis
from .nodes import path_to, walk
from .style_files import repository_root

_SAFE_CALLS = frozenset({"get"})
_PLAIN = frozenset({"staticmethod", "classmethod"})  # decorators that see no return value


def _is_attr(node: cst.CSTNode, owner: str, attr: str) -> bool:
    return (isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name)
            and node.value.value == owner and node.attr.value == attr)


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def _key_string(read: cst.Attribute, chain: list[cst.CSTNode]) -> bool:
    """`read` is a field of an f-string that also holds the object's `__qualname__` and
    literal text, returned by the function around it."""
    if len(chain) < 3 or not isinstance(field := chain[-1], cst.FormattedStringExpression):
        return False
    string, ret = chain[-2], chain[-3]
    if field.conversion is not None or field.format_spec is not None or not isinstance(
            string, cst.FormattedString) or not isinstance(ret, cst.Return):
        return False
    receiver = _code(read.value)
    return any(isinstance(p, cst.FormattedStringText) and p.value for p in string.parts) and any(
        isinstance(p, cst.FormattedStringExpression) and isinstance(p.expression, cst.Attribute)
        and p.expression.attr.value == "__qualname__" and _code(p.expression.value) == receiver
        for p in string.parts)


def _methods(cls: cst.ClassDef) -> list[cst.FunctionDef]:
    return [s for s in cls.body.body if isinstance(s, cst.FunctionDef)]


def _self_name(method: cst.FunctionDef) -> str | None:
    params = method.params.params
    return params[0].name.value if params else None


def _key_uses(method: cst.FunctionDef, key: str, me: str, store: str) -> int | None:
    """How many mentions of the dict `me.store` the allowed uses of local `key` in `method`
    make, or None when `key` has another use (or is bound again)."""
    uses = 0
    for node in walk(method.body):
        for child in node.children:
            if not (isinstance(child, cst.Name) and child.value == key):
                continue
            kind = _use(node, child, me, store, method)
            if kind is None:
                return None
            uses += kind
    return uses


def _use(parent: cst.CSTNode, name: cst.Name, me: str, store: str,
         method: cst.FunctionDef) -> int | None:
    """1 or 0: an allowed use of the key `name` (mentioning the dict or not); None else."""
    if isinstance(parent, cst.Comparison) and parent.left is name and len(parent.comparisons) == 1:
        target = parent.comparisons[0]
        if isinstance(target.operator, (cst.In, cst.NotIn)) and _is_attr(target.comparator, me, store):
            return 1
        return None
    if isinstance(parent, cst.UnaryOperation) and isinstance(parent.operator, cst.Not):
        return 0
    if isinstance(parent, cst.If) and parent.test is name:
        return 0
    if isinstance(parent, cst.AssignTarget) and parent.target is name:
        return 0  # the binding itself (the caller counts them)
    if isinstance(parent, cst.Arg) and parent.value is name:
        call = path_to(method, parent)
        owner = call[-1] if call else None
        if isinstance(owner, cst.Call) and owner.args[0] is parent and len(owner.args) <= 2 and (
                isinstance(owner.func, cst.Attribute) and owner.func.attr.value in _SAFE_CALLS
                and _is_attr(owner.func.value, me, store)):
            return 1
        return None
    if isinstance(parent, cst.Index) and parent.value is name:
        return _subscript_use(method, parent, name, me, store)
    return None


def _subscript_use(method: cst.FunctionDef, index: cst.Index, name: cst.Name, me: str,
                   store: str) -> int | None:
    chain = path_to(method, index) or []
    if len(chain) < 2 or not isinstance(sub := chain[-2], cst.Subscript) or not _is_attr(
            sub.value, me, store) or len(sub.slice) != 1:
        return None
    holder = chain[-3] if len(chain) >= 3 else None
    if isinstance(holder, cst.AssignTarget) and holder.target is sub:
        return 1  # a store raises no KeyError
    # a load or `del`: only as the one statement of `if key in self._d:`
    statements = [i for i, n in enumerate(chain) if isinstance(n, cst.SimpleStatementLine)]
    if not statements or statements[-1] < 3:
        return None
    at = statements[-1]
    block, guard = chain[at - 1], chain[at - 2]
    line = chain[at]
    assert isinstance(line, cst.SimpleStatementLine)
    if not (isinstance(guard, cst.If) and isinstance(block, cst.IndentedBlock)
            and guard.body is block and len(block.body) == 1 and len(line.body) == 1):
        return None
    test = guard.test
    if not (isinstance(test, cst.Comparison) and isinstance(test.left, cst.Name)
            and test.left.value == name.value and len(test.comparisons) == 1
            and isinstance(test.comparisons[0].operator, cst.In)
            and _is_attr(test.comparisons[0].comparator, me, store)):
        return None
    return 1


def _words(text: str, word: str) -> int:
    return len(re.findall(rf"\b{re.escape(word)}\b", text))


def _callers(cls: cst.ClassDef, function: str) -> list[tuple[cst.FunctionDef, str, str]] | None:
    """Each method of `cls` calling `function` on self/cls/the class: (method, its first
    parameter, the local bound to the result); None if a call is used otherwise."""
    out = []
    for method in _methods(cls):
        me = _self_name(method)
        for node in walk(method.body):
            if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)
                    and node.func.attr.value == function):
                continue
            owner = node.func.value
            if not (isinstance(owner, cst.Name) and owner.value in {me, cls.name.value}):
                return None
            line = path_to(method, node) or []
            assign = line[-1] if line else None
            if not (isinstance(assign, cst.Assign) and len(assign.targets) == 1 and isinstance(
                    assign.targets[0].target, cst.Name) and me):
                return None
            out.append((method, me, assign.targets[0].target.value))
    return out


def _init_binds(cls: cst.ClassDef, store: str) -> int:
    """1 when `__init__` binds `self.<store>` to an empty dict once, else 0."""
    for method in _methods(cls):
        me = _self_name(method)
        if method.name.value != "__init__" or me is None:
            continue
        found = 0
        for node in walk(method.body):
            target = node.target if isinstance(node, cst.AnnAssign) else (
                node.targets[0].target if isinstance(node, cst.Assign) and len(node.targets) == 1
                else None)
            value = getattr(node, "value", None)
            if target is not None and _is_attr(target, me, store):
                empty = isinstance(value, cst.Dict) and not value.elements
                found += 1 if empty else 2
        return 1 if found == 1 else 0
    return 0


def cache_key_only(analysis: Analysis, stmt: cst.CSTNode, read: cst.CSTNode) -> bool:
    """Whether `read` (in top-level `stmt`) only makes the key of a private cache (module
    doc); when in doubt, False."""
    if not (isinstance(stmt, cst.ClassDef) and isinstance(read, cst.Attribute)):
        return False
    chain = path_to(stmt, read)
    if chain is None or not _key_string(read, chain):
        return False
    functions = [n for n in chain if isinstance(n, cst.FunctionDef)]
    if len(functions) != 1 or not any(s is functions[0] for s in stmt.body.body) or any(
            _code(d.decorator) not in _PLAIN for d in functions[0].decorators):
        return False
    function = functions[0].name.value
    if not function.startswith("_") or function.endswith("__"):
        return False
    callers = _callers(stmt, function)
    if not callers:
        return False
    stores: set[str] = set()
    dict_mentions = 0
    for method, me, key in callers:
        bound = [n for n in walk(method.body) if isinstance(n, cst.Name) and n.value == key]
        targets = [n for n in walk(method.body) if isinstance(n, cst.AssignTarget)
                   and isinstance(n.target, cst.Name) and n.target.value == key]
        uses = [n for n in walk(method.body) if isinstance(n, cst.Comparison)
                and isinstance(n.left, cst.Name) and n.left.value == key]
        if len(targets) != 1 or not bound:
            return False
        names = {c.comparator.attr.value for u in uses for c in u.comparisons
                 if isinstance(c.comparator, cst.Attribute)}
        if len(names) != 1:
            return False
        stores |= names
        mentions = _key_uses(method, key, me, next(iter(names)))
        if mentions is None:
            return False
        dict_mentions += mentions
    if len(stores) != 1:
        return False
    store = stores.pop()
    if not store.startswith("_") or store.endswith("__"):
        return False
    text = analysis.source.text
    if _words(text, function) != 1 + len(callers):
        return False
    if _words(text, store) != dict_mentions + _init_binds(stmt, store) or not _init_binds(
            stmt, store):
        return False
    return not _mentioned_elsewhere(analysis.path, (function, store))


def _mentioned_elsewhere(source: Path, words: tuple[str, ...]) -> bool:
    """Whether a Python file of the project other than `source` mentions one of `words`."""
    resolved = source.resolve()
    return _mentions(project_top(resolved), resolved, words)


def project_top(resolved: Path) -> Path:
    """The directory whose Python files are the project's: the repository's, or else the
    import root of the (resolved) source."""
    top = repository_root(resolved.parent)
    return module_name_for(resolved)[1] if top == Path(top.anchor) else top


def any_file_matches(top: Path, pattern: re.Pattern[str], skip: Path | None = None) -> bool:
    """Whether a Python file under `top` (not in a hidden directory, not `skip`) matches
    `pattern`; a file that cannot be read may."""
    for path in top.rglob("*.py"):
        if path.resolve() == skip or any(p.startswith(".") for p in path.relative_to(top).parts):
            continue
        try:
            if pattern.search(path.read_text(encoding="utf-8", errors="replace")):
                return True
        except OSError:
            return True
    return False


@lru_cache(maxsize=16)
def _mentions(top: Path, source: Path, words: tuple[str, ...]) -> bool:
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")
    return any_file_matches(top, pattern, source)
