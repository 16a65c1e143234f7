"""Round 34 (names35): module names a person would keep (issue 14), as properties of small
synthetic modules.

- any module, any grouping: each name is a unique identifier, never a keyword (a soft one
  included: astroid's `Match...` nodes were `match`), a standard module's or a builtin's
  name, a name the source defines, the file's own name or a numbered `groupN`;
- a group of classes under a base outside it is named after that base (astroid's `If`,
  `For`, ... under `Statement`: `statements`, not `assign`), unless the base is the file's;
- a family by an acronym no class spells out is its plural when the acronym can be read as a
  word (esptool's `ESP32ROM`, `ESP32S2ROM`, ...: `roms`, not `esp32_rom`), and none when it
  has two letters (`ies`);
- a standard module's word begun by two classes or more names the group after none of them
  (sphinx's `ASTNestedName` among 22 `AST...` classes; pyparsing's `StringStart`);
- a best word the source defines gives its plural (weasyprint's `expander`: `expanders`).
"""

from __future__ import annotations

import builtins
import keyword
import re
import sys

from graphkit import names_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

_SETTINGS = settings(max_examples=12, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow])
# words of names: plain ones, standard modules', keywords' and soft keywords', builtins',
# acronyms and words with digits
_WORDS = ("alpha", "router", "string", "ast", "json", "match", "case", "type", "list",
          "import", "esp32", "rom", "ie", "node", "value", "expr", "token", "widget", "reader")


def _named(stem: str, source: str, groups: list[list[str]]) -> tuple[list[str], set[str]]:
    """The names `name_modules` gives `groups` of the module `source`, and the names the
    source defines."""
    return names_of(source, groups, stem, taken={"misc"})


def _class(name: str, lines: int, base: str = "") -> str:
    return (f"class {name}{f'({base})' if base else ''}:\n    def run(self):\n"
            + "".join(f"        x{i} = {i}\n" for i in range(lines)) + "\n\n")


def _camel(words: list[str]) -> str:
    return "".join(w.upper() if w in ("rom", "ie", "ast") else w.capitalize() for w in words)


@st.composite
def _modules(draw: st.DrawFn) -> tuple[str, list[list[str]]]:
    """A module of 2 to 9 classes and functions named from `_WORDS`, cut into 1 to 4 groups."""
    count = draw(st.integers(2, 9))
    labels: list[str] = []
    source = ""
    for k in range(count):
        words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3))
        if draw(st.booleans()):
            name = f"{_camel(words)}{k}" if f"{_camel(words)}" in labels else _camel(words)
            source += _class(name, draw(st.integers(1, 30)), draw(st.sampled_from(
                ["", *[t for t in labels if t[:1].isupper()]])))
        else:
            name = "_".join(words)
            name = f"{name}_{k}" if name in labels or keyword.iskeyword(name) else name
            source += f"def {name}(x):\n    return x\n\n\n"
        labels.append(name)
    cuts = draw(st.lists(st.integers(0, 3), min_size=count, max_size=count))
    groups = [[t for t, c in zip(labels, cuts, strict=True) if c == k] for k in range(4)]
    return source, [group for group in groups if group]


@_SETTINGS
@given(_modules(), st.sampled_from(["core", "string", "match", "nodes"]))
def test_every_name_is_a_module_name_a_person_would_keep(module: tuple[str, list[list[str]]],
                                                         stem: str) -> None:
    source, groups = module
    names, defined = _named(stem, source, groups)
    assert len(set(names)) == len(names) == len(groups), names
    for name in names:
        assert name.isidentifier() and not name.startswith("_"), names
        assert not keyword.iskeyword(name) and not keyword.issoftkeyword(name), names
        assert name not in sys.stdlib_module_names and name not in vars(builtins), names
        assert name not in defined and name != stem, names
        assert not re.fullmatch(r"group[0-9]*", name), names


@_SETTINGS
@given(st.lists(st.sampled_from(["If", "For", "While", "Assign", "Raise", "Return", "Delete",
                                 "Global"]), min_size=3, max_size=6, unique=True),
       st.lists(st.integers(5, 60), min_size=6, max_size=6))
def test_classes_under_a_base_outside_the_group_are_named_after_it(
        kinds: list[str], sizes: list[int]) -> None:
    source = _class("NodeNG", 40) + _class("Statement", 5, "NodeNG") + "".join(
        _class(kind, size, "Statement") for kind, size in zip(kinds, sizes, strict=False))
    source += _class("Const", 30, "NodeNG") + _class("Dict", 30, "NodeNG")
    names, _ = _named("nodes", source, [kinds, ["NodeNG", "Statement", "Const", "Dict"]])
    assert names[0] == "statements", names


@_SETTINGS
@given(st.lists(st.integers(5, 60), min_size=3, max_size=5))
def test_a_base_most_of_whose_classes_are_elsewhere_names_no_group(sizes: list[int]) -> None:
    """`NodeNG`, under which every module's classes are, is the file's base, not a group's:
    the group's three classes hold under three quarters of its lines."""
    ours = [f"Small{k}" for k in range(3)]
    source = _class("NodeNG", 10) + "".join(_class(t, 5, "NodeNG") for t in ours) + "".join(
        _class(f"Large{k}", size, "NodeNG") for k, size in enumerate(sizes))
    names, _ = _named("nodes", source, [ours, ["NodeNG", *(f"Large{k}" for k in range(len(sizes)))]])
    assert names[0] not in ("node_ngs", "node_ng", "nodes"), names


@_SETTINGS
@given(st.lists(st.sampled_from(["S2", "S3", "C3", "H2", "C6", "P4"]), min_size=3, max_size=6,
                unique=True), st.integers(10, 80))
def test_a_family_by_a_word_acronym_is_its_plural(chips: list[str], size: int) -> None:
    """(Four other classes: a suffix three in four of the file's classes end with is the
    file's, which names no family.)"""
    others = ["Loader", "Image", "Section", "Segment"]
    source = "".join(_class(f"ESP32{chip}ROM", size) for chip in chips)
    source += "".join(_class(t, 5) for t in others)
    names, _ = _named("targets", source, [[f"ESP32{chip}ROM" for chip in chips], others])
    assert names[0] == "roms", names


def test_a_family_by_a_two_letter_acronym_no_class_spells_out_is_not_its_plural() -> None:
    source = "".join(_class(f"{site}IE", 20) for site in ("Youtube", "Vimeo", "Dailymotion"))
    source += _class("Loader", 5)
    names, _ = _named("extractors", source, [["YoutubeIE", "VimeoIE", "DailymotionIE"],
                                             ["Loader"]])
    assert names[0] != "ies", names


@_SETTINGS
@given(st.lists(st.integers(20, 30), min_size=6, max_size=6), st.integers(31, 60))
def test_a_standard_module_word_begun_by_several_classes_names_none_of_them(
        sizes: list[int], largest: int) -> None:
    """`ASTNestedName`, the largest of the group's classes but under two fifths of its lines,
    does not name it (sphinx's: 79 of its group's 545 lines): the standard module's word
    with the group's next one does. (Four other classes: a prefix three in four of the
    file's classes begin with is the file's, left out.)"""
    classes = ["ASTBinOpExpr", "ASTCastExpr", "ASTNumberLiteral", "ASTCharLiteral",
               "ASTDeclSpecs", "ASTTypeSpec"]
    others = ["Parser", "Lexer", "Symbol", "Token"]
    source = _class("ASTNestedName", largest) + "".join(
        _class(t, size) for t, size in zip(classes, sizes, strict=True)) + "".join(
        _class(t, 10) for t in others)
    names, _ = _named("c", source, [["ASTNestedName", *classes], others])
    assert names[0] in ("ast_expr", "ast_literal", "ast_spec"), names


def test_a_soft_keyword_names_no_module() -> None:
    classes = ["MatchCase", "MatchValue", "MatchStar", "MatchClass"]
    source = "".join(_class(t, 10) for t in classes) + _class("Other", 5)
    names, _ = _named("nodes", source, [classes, ["Other"]])
    assert names[0] != "match", names


def test_a_best_word_the_source_defines_gives_its_plural() -> None:
    """weasyprint's pooled `generic_expander`, `expander`, `get_single_keyword`, ...: not
    `single`."""
    funcs = ["generic_expander", "expander", "get_single_keyword", "single_token",
             "comma_separated_list"]
    source = "".join(f"def {name}(x):\n    return x\n\n\n" for name in funcs)
    source += "def other(x):\n    return x\n"
    names, _ = _named("validation", source, [funcs, ["other"]])
    assert names[0] == "expanders", names


def test_an_acronym_no_plural_can_be_made_of_names_no_family() -> None:
    """astropy's `LambdaCDM`, `FlatLambdaCDM`: `lambda_cdm`, not `cdm`."""
    source = _class("LambdaCDM", 60) + _class("FlatLambdaCDM", 20, "LambdaCDM") + _class(
        "wCDM", 30) + "".join(_class(t, 5) for t in ("Loader", "Image", "Section", "Segment"))
    names, _ = _named("flrw", source, [["LambdaCDM", "FlatLambdaCDM"],
                                       ["wCDM", "Loader", "Image", "Section", "Segment"]])
    assert names[0] == "lambda_cdm", names


def test_a_verb_the_source_defines_gives_no_plural() -> None:
    """dask's `concatenate()`, `concatenate3()`, ...: no `concatenates`."""
    funcs = ["concatenate", "concatenate3", "concatenate_lookup", "to_npy_stack", "from_npy_stack"]
    source = "".join(f"def {name}(x):\n    return x\n\n\n" for name in funcs)
    source += "def other(x):\n    return x\n"
    names, _ = _named("core", source, [funcs, ["other"]])
    assert names[0] != "concatenates", names


def test_a_generic_base_outside_the_group_names_no_module() -> None:
    """flexget-series' declarative `Base` under its `Episode`, `Season`, ... tables: no
    `bases`."""
    tables = ["Episode", "Season", "Series", "Release"]
    source = _class("Base", 3) + "".join(_class(t, 20, "Base") for t in tables)
    source += "".join(_class(t, 5) for t in ("Loader", "Image"))
    names, _ = _named("db", source, [tables, ["Base", "Loader", "Image"]])
    assert names[0] != "bases", names
