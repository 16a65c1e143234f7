"""Round 27 (speed27): the analysis' node walks skip what cannot matter, with the same
results: GS131's search for class-making calls walks only the statements that spell a
metaclass's name, and `children` does not read the fields of a node that hold only text."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

import libcst as cst
import pytest

from godsplit.split import made_classes, nodes
from godsplit.split.nodes import children, walk

MAKERS = """
    import os


    class Meta(type):
        pass


    class Derived(Meta):
        pass


    def plain():
        return os.path.join("a", "b")


    def prototype_of(thing):
        return thing.prototype(1, 2, 3)


    def spaced(name):
        return type (name, (object,), {})


    class Holder:
        def make(self, name):
            return (Derived
                    )(name, (), {"x": 1})


    def named_module(name):
        return Meta(name, (), {"__module__": "elsewhere"})
"""


def _class_makers(source: str) -> tuple[dict[int, str], list[int]]:
    """What `_class_makers` finds in `source`, and the top-level statements it walked."""
    module = cst.parse_module(textwrap.dedent(source))
    codes = tuple(module.code_for_node(stmt) for stmt in module.body)
    walked: list[int] = []
    tops = {id(stmt): index for index, stmt in enumerate(module.body)}
    bodies = {id(getattr(stmt, "body", None)): index for index, stmt in enumerate(module.body)}

    def counting(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
        for index in (tops.get(id(node)), bodies.get(id(node))):
            if index is not None:
                walked.append(index)
        return walk(node)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(made_classes, "walk", counting)
        found = made_classes._class_makers(module, codes)
    return found, walked


def test_class_makers_walks_only_the_statements_that_spell_a_metaclass() -> None:
    """`type (...)` with a space and `(Derived\\n)(...)` across lines are found; `plain`
    and `prototype_of` (which spells `type` only inside another word) are not walked."""
    found, walked = _class_makers(MAKERS)
    body = cst.parse_module(textwrap.dedent(MAKERS)).body
    names = {i: s.name.value for i, s in enumerate(body) if isinstance(s, (cst.FunctionDef, cst.ClassDef))}
    callees = {names[i]: callee.strip("() \n") for i, callee in found.items()}
    assert callees == {"spaced": "type", "Holder": "Derived"}
    walked_names = {names[i] for i in walked}
    assert "plain" not in walked_names and "prototype_of" not in walked_names
    assert {"spaced", "Holder", "named_module"} <= walked_names


def test_class_makers_are_remembered_per_source() -> None:
    """The cache (each plan of a source asks it) answers for the source asked about: a
    second source with the same statements but one is not given the first's answer."""
    first, _ = _class_makers(MAKERS)
    second, _ = _class_makers(MAKERS.replace("return type (name", "return len (name"))
    assert len(first) == 2 and len(second) == 1


def test_children_reads_no_field_that_holds_only_text() -> None:
    """Whitespace (about half a module's nodes) has one field, a string: not read; the
    nodes found are LibCST's own children, the f-string's conversion and a star
    parameter's `*` (text-only fields) included."""
    module = cst.parse_module(
        textwrap.dedent("""
        def f(*args, b=1, **kw) -> "str":
            x = f"{args!r:>{b}}" + rb'\\x00' + 1_000j
            return [*x, {**kw}, lambda *a: a]
    """)
    )
    for node in walk(module):
        assert {id(c) for c in children(node)} == {id(c) for c in node.children}, type(node)
    assert nodes._FIELDS[cst.SimpleWhitespace] == ()
    assert (
        "value" not in nodes._FIELDS[cst.Name]
        and "conversion" not in nodes._FIELDS[cst.FormattedStringExpression]
    )
