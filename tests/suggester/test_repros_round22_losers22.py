"""Round 22 (losers22): suggest's names, README item 18 (f): prettytable's `deprecated`
(twelve private `_DEPRECATED_*` constants outvoted `from_csv`, `from_json` and the
`...Style` classes), pyasn1's `decoders` and graphql-core's `graph_ql`."""

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
    g = build_graph(analysis, ())
    forbidden = set(analysis.binders) | {"_shared", stem}
    index = {name: i for i, node in enumerate(g.nodes) for name in node.names}
    return name_modules(g, [sorted({index[n] for n in group}) for group in groups], forbidden,
                        old=stem)


def _function(name: str, lines: int) -> str:
    return f"def {name}(x):\n" + "".join(f"    x = x + {i}\n" for i in range(lines)) \
        + "    return x\n\n\n"


def test_public_names_name_a_module_before_private_constants(tmp_path: Path) -> None:
    """prettytable: the group of `TableStyle`, `HRuleStyle`, `VRuleStyle`, `from_csv`,
    `from_json`, ... and twelve `_DEPRECATED_*` constants was named `deprecated`, a word
    no public name of it has. A word two public members share names it now; a group of
    private names alone is still named by their words."""
    styles = "".join(f"class {c}:\n    A = 1\n    B = 2\n\n\n"
                     for c in ("HRuleStyle", "VRuleStyle", "TableStyle"))
    constants = "".join(f"_DEPRECATED_{w} = TableStyle.A\n"
                        for w in ("FRAME", "ALL", "NONE", "HEADER", "PLAIN", "RANDOM",
                                  "DEFAULT", "MARKDOWN", "ORGMODE", "SINGLE", "DOUBLE", "MS"))
    readers = _function("from_csv", 20) + _function("from_json", 20) + _function(
        "from_html", 20) + _function("from_html_one", 10)
    members = ["HRuleStyle", "VRuleStyle", "TableStyle", "from_csv", "from_json", "from_html",
               "from_html_one", *(f"_DEPRECATED_{w}" for w in (
                   "FRAME", "ALL", "NONE", "HEADER", "PLAIN", "RANDOM", "DEFAULT", "MARKDOWN",
                   "ORGMODE", "SINGLE", "DOUBLE", "MS"))]
    source = styles + constants + "\n\n" + readers
    [name] = _names(tmp_path, "prettytable", source, [members])
    assert "deprecated" not in name
    assert name == "styles"  # a family of classes: its plural (round 22)
    private = _names(tmp_path, "prettytable", source, [members[7:], members[:7]])
    assert private[0] == "deprecated"


def _class(name: str, lines: int, base: str = "") -> str:
    return (f"class {name}{f'({base})' if base else ''}:\n    def run(self):\n"
            + "".join(f"        x{i} = {i}\n" for i in range(lines)) + "\n\n")


def test_the_suffix_of_every_class_in_the_file_names_no_family(tmp_path: Path) -> None:
    """pyasn1's `decoder.py`: nearly every class ends with `Decoder`, so the group of
    `ConstructedPayloadDecoderBase` and its two subclasses was named `decoders`, which
    says nothing of it beside the file's other modules of decoders. Its base names it,
    without `Base`."""
    source = (_class("ConstructedPayloadDecoderBase", 30)
              + _class("SequencePayloadDecoder", 30, "ConstructedPayloadDecoderBase")
              + _class("SetPayloadDecoder", 30, "ConstructedPayloadDecoderBase")
              + _class("IntegerPayloadDecoder", 30) + _class("BooleanPayloadDecoder", 30)
              + _class("NullPayloadDecoder", 30))
    names = _names(tmp_path, "decoder", source, [
        ["ConstructedPayloadDecoderBase", "SequencePayloadDecoder", "SetPayloadDecoder"],
        ["IntegerPayloadDecoder", "BooleanPayloadDecoder", "NullPayloadDecoder"]])
    assert names[0] == "constructed_payload_decoders"
    assert "decoders" not in names


def test_the_words_every_class_of_the_file_begins_with_name_no_module(tmp_path: Path) -> None:
    """graphql-core's `definition.py`: its largest group, of `GraphQL...` classes, was named
    `graph_ql`, the words that say which file a class is from, not which module."""
    classes = ("ScalarType", "ObjectType", "EnumType", "UnionType", "InputObjectType",
               "EnumValue", "Argument", "Field")
    source = "".join(_class(f"GraphQL{c}", 10) for c in classes)
    [name] = _names(tmp_path, "definition", source, [[f"GraphQL{c}" for c in classes]])
    assert not name.startswith(("graph_ql", "graphql"))
