"""Round 20 (suggest20): module names a person would keep, from issue 14 and README item
16 (h): graphql-core's `graph_ql_field`, soupsieve's `rel_close`."""

from __future__ import annotations

from pathlib import Path

from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.graph import build_graph
from godsplit.suggester.naming import name_modules


def _names(tmp_path: Path, stem: str, source: str, groups: list[list[str]]) -> list[str]:
    path = tmp_path / f"{stem}.py"
    path.write_text(source)
    analysis = analyze(read_source(path))
    g = build_graph(analysis, ("shared_task", "task"))
    forbidden = set(analysis.binders) | {"_shared", "misc", stem}
    index = {name: i for i, node in enumerate(g.nodes) for name in node.names}
    return name_modules(g, [sorted({index[n] for n in group}) for group in groups], forbidden)


def _class(name: str, lines: int, base: str = "") -> str:
    body = "".join(f"        x{i} = {i}\n" for i in range(lines))
    return f"class {name}{f'({base})' if base else ''}:\n    def run(self):\n{body}\n\n"


GRAPHQL = ["GraphQLScalarType", "GraphQLObjectType", "GraphQLField", "GraphQLEnumType",
           "GraphQLArgument", "GraphQLUnionType"]


def test_a_prefix_every_class_of_the_file_shares_is_left_out(tmp_path: Path) -> None:
    """graphql-core's `type/definition.py`: every class is `GraphQL...`, and the modules
    were `graph_ql_field`, `graph_ql_scalar_type`, ... (the prefix says which file a
    class is from, not which module; the splitter also cut `GraphQL` in two)."""
    source = "".join(_class(c, 60 if c in GRAPHQL[:3] else 20) for c in GRAPHQL)
    names = _names(tmp_path, "definition", source, [
        ["GraphQLField", "GraphQLArgument"], ["GraphQLScalarType", "GraphQLEnumType"],
        ["GraphQLObjectType", "GraphQLUnionType"]])
    assert names == ["field", "scalar_type", "object_type"]
    # a prefix only three classes of six share is kept: `immutable_dict`
    source = "".join(_class(c, 60 if c == "ImmutableDict" else 20) for c in (
        "ImmutableDict", "ImmutableList", "ImmutableSet", "MultiDict", "Headers", "Accept"))
    names = _names(tmp_path, "datastructures", source, [
        ["ImmutableDict", "Headers"], ["ImmutableList", "MultiDict", "ImmutableSet", "Accept"]])
    assert names[0] == "immutable_dict"


def test_a_private_class_names_a_group_with_no_public_class(tmp_path: Path) -> None:
    """soupsieve's `css_match.py`: `_DocumentNav` with the `REL_*` constants it reads made
    `rel_close` (words of the constants); the class that holds the lines names it."""
    consts = "".join(f"REL_{w} = {i!r}\n" for i, w in enumerate(
        ("PARENT", "CLOSE_PARENT", "SIBLING", "CLOSE_SIBLING", "HAS_PARENT",
         "HAS_CLOSE_PARENT")))
    reads = "        y = (" + " + ".join(f"REL_{w}" for w in (
        "PARENT", "CLOSE_PARENT", "SIBLING", "CLOSE_SIBLING", "HAS_PARENT",
        "HAS_CLOSE_PARENT")) + ")\n"
    nav = "class _DocumentNav:\n    def run(self):\n" + reads + "".join(
        f"        x{i} = {i}\n" for i in range(60)) + "\n\n"
    source = consts + "\n\n" + nav + _class("CSSMatch", 40, "_DocumentNav")
    names = _names(tmp_path, "css_match", source, [
        ["REL_PARENT", "REL_CLOSE_PARENT", "REL_SIBLING", "REL_CLOSE_SIBLING", "REL_HAS_PARENT",
         "REL_HAS_CLOSE_PARENT", "_DocumentNav"], ["CSSMatch"]])
    assert names[0] == "document_nav"


def test_no_plural_after_an_acronym(tmp_path: Path) -> None:
    """astroid's `scoped_nodes.py`: `LocalsDictNodeNG` and the classes derived from it made
    `locals_dict_node_ngs`; an acronym is not inflected (`Number` still makes `numbers`,
    taken here as `number` only because `numbers` is a standard module)."""
    source = _class("LocalsDictNodeNG", 30) + "".join(
        _class(c, 30, "LocalsDictNodeNG") for c in ("Module", "ClassDef", "Lambda"))
    names = _names(tmp_path, "scoped_nodes", source, [
        ["LocalsDictNodeNG", "Module", "ClassDef", "Lambda"]])
    assert names == ["locals_dict_node_ng"]
