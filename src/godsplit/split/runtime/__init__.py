"""The code godsplit writes into users' projects, kept here as real, typed Python.

Each module below is linted and type-checked with the rest of godsplit, and the tests
execute what it renders. Rendering copies the text after the line
`# godsplit-runtime: begin`, replaces each slot (an identifier `SLOT_<KEY>`, defined with
its type in the part that is not copied) by its value's source text, and keeps a section
between `# godsplit-runtime: if <name>` and `# godsplit-runtime: end` only when `<name>`
is asked for. These modules are templates: nothing imports them.

Their annotations use `dict[str, str]`; in a file without `from __future__ import
annotations`, those Python evaluates (module and class level, function signatures) are
written as strings, so the code also imports on Python 3.8.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Collection, Mapping
from functools import cache
from importlib import resources

import libcst as cst
from libcst.metadata import BuiltinAssignment, MetadataWrapper, ScopeProvider

from ..nodes import target_names

BEGIN = "# godsplit-runtime: begin\n"
_SECTION = re.compile(
    r"^[ \t]*# godsplit-runtime: if (\w+)\n(.*?)^[ \t]*# godsplit-runtime: end\n",
    re.MULTILINE | re.DOTALL,
)
_SLOT = re.compile(r"\bSLOT_([A-Z_]+)\b")


@cache
def template(name: str) -> str:
    """The copied part of runtime module `name`."""
    text = resources.files(__package__).joinpath(f"{name}.py").read_text(encoding="utf-8")
    return text[text.index(BEGIN) + len(BEGIN):]


def render(
    name: str, slots: Mapping[str, str], sections: Collection[str] = (), *,
    future_annotations: bool = False, taken: Collection[str] = (),
) -> str:
    """The text of runtime module `name` with its slots filled and only `sections` kept;
    `future_annotations`: the file it goes to has `from __future__ import annotations`;
    `taken`: the names that file binds, which no local variable of the runtime shadows
    (`for item in ...` under an imported `item` is pyflakes' F402), and the builtins among
    them the runtime reads through the builtins module (`_builtins_read`)."""
    text = _SECTION.sub(lambda m: m.group(2) if m.group(1) in sections else "", template(name))
    if not frozenset(taken).isdisjoint(re.findall(r"\w+", text)):  # else nothing to rename
        module = cst.parse_module(text)  # one parse, one pass; scopes only for `_builtins_read`
        text = module.visit(_Unshadow(frozenset(taken), _builtins_read(module, frozenset(taken)))).code

    def fill(match: re.Match[str]) -> str:
        key = match.group(1).lower()
        if key not in slots:
            raise KeyError(f"runtime {name}: no value for slot SLOT_{match.group(1)}")
        return slots[key]

    text = _SLOT.sub(fill, text)
    return text if future_annotations else quote_evaluated_annotations(text)


def _builtins_read(module: cst.Module, taken: frozenset[str]) -> set[cst.Name]:
    """The reads of `module` (its Name nodes) of a builtin that the file it goes to
    rebinds at the top (pika's `spec.py`: `str = bytes`, under which keep-module-name's
    `isinstance(home, str)` renamed nothing): `_Unshadow` makes them through the builtins
    module; annotations are left as they are. Scopes are resolved only where the file
    rebinds a builtin, on the parsed tree itself (no copy)."""
    shadowed = taken & set(dir(builtins)) - {"__import__"}
    if not shadowed:
        return set()
    reads: set[cst.Name] = set()
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    for scope in set(wrapper.resolve(ScopeProvider).values()):
        for access in scope.accesses if scope is not None else ():
            node = access.node
            builtin = all(isinstance(a, BuiltinAssignment) for a in access.referents)
            if isinstance(node, cst.Name) and node.value in shadowed and builtin and (
                    access.referents and not access.is_annotation):
                reads.add(node)
    return reads


def quote_evaluated_annotations(text: str) -> str:
    """`text` with each annotation Python evaluates at run time and that subscripts or
    unions types (`dict[str, str]`, `int | None`: errors before Python 3.9 and 3.10)
    written as a string; annotations of local variables are never evaluated."""
    module = cst.parse_module(text)
    return module.visit(_Quote(module)).code


class _Quote(cst.CSTTransformer):
    def __init__(self, module: cst.Module) -> None:
        self.module = module
        self.depth = 0  # inside a function body: annotations there are not evaluated

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.depth += 1

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        self.depth -= 1
        returns = updated_node.returns
        params = updated_node.params.with_changes(params=[
            p.with_changes(annotation=self._quoted(p.annotation))
            for p in updated_node.params.params
        ])
        return updated_node.with_changes(
            params=params, returns=self._quoted(returns) if returns else None)

    def leave_AnnAssign(
        self, original_node: cst.AnnAssign, updated_node: cst.AnnAssign
    ) -> cst.AnnAssign:
        if self.depth:
            return updated_node
        return updated_node.with_changes(annotation=self._quoted(updated_node.annotation))

    def _quoted(self, annotation: cst.Annotation | None) -> cst.Annotation | None:
        if annotation is None or not isinstance(
            annotation.annotation, (cst.Subscript, cst.BinaryOperation)
        ):
            return annotation
        code = self.module.code_for_node(annotation.annotation)
        return annotation.with_changes(annotation=cst.SimpleString(f'"{code}"'))


class _Unshadow(cst.CSTTransformer):
    """Each function's parameters and local variables (assignment and loop targets) that
    a name in `taken` would shadow get a trailing underscore (PEP 8's way) until free;
    each of `builtin_reads` (`_builtins_read`) becomes `__import__("builtins").<name>`."""

    def __init__(self, taken: frozenset[str], builtin_reads: Collection[cst.Name] = ()) -> None:
        self.taken = taken
        self.builtin_reads = builtin_reads
        self.renames: list[dict[str, str]] = []

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        bound = {p.name.value for p in (*node.params.params, *node.params.posonly_params,
                                         *node.params.kwonly_params)}
        for found in _Targets.of(node.body):
            bound.add(found)
        renames = {}
        for name in sorted(bound & self.taken):
            fresh = name + "_"
            while fresh in self.taken or fresh in bound:
                fresh += "_"
            renames[name] = fresh
        self.renames.append(renames)

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        self.renames.pop()
        return updated_node.with_changes(name=original_node.name)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        if original_node in self.builtin_reads:  # (a builtin: never a local renamed)
            return cst.Attribute(cst.parse_expression('__import__("builtins")'),
                                 cst.Name(original_node.value))
        if self.renames and original_node.value in self.renames[-1]:
            return updated_node.with_changes(value=self.renames[-1][original_node.value])
        return updated_node

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.Attribute:
        return updated_node.with_changes(attr=original_node.attr)  # `x.name` is no local

    def leave_Arg(self, original_node: cst.Arg, updated_node: cst.Arg) -> cst.Arg:
        return updated_node.with_changes(keyword=original_node.keyword)  # nor `f(name=x)`


class _Targets(cst.CSTVisitor):
    """The plain names a function body binds by assignment or as a loop variable."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    @classmethod
    def of(cls, body: cst.BaseSuite) -> set[str]:
        visitor = cls()
        body.visit(visitor)
        return visitor.names

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # a nested function's locals are its own

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._add(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._add(node.target)

    def visit_For(self, node: cst.For) -> None:
        self._add(node.target)

    def _add(self, target: cst.BaseExpression) -> None:
        self.names |= target_names(target)
