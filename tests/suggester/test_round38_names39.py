"""Round 38 (names39): module names as the maintainers write them (issue 14).

- a class named by another first word than a class of the file (`Auto...`, `Async...`) is a
  variant of it: beside another variant of it in its group, the group is named after the
  class it is a variant of (zyte's `AutoProductPage` beside `BaseProductPage`, both of
  `ProductPage`: `product_page`, as the maintainers' `product.py`); a base (`Base...`) is no
  variant, and a name of one word after the first (`HTTPSConnection`) keeps it;
- parallel class families whose bases share their first words are named by those words
  (ibis' `TemporalValue`, `TemporalScalar`, `TemporalColumn`, each the base of a `Date...`
  and a `Time...` in the group: `temporal`, as the maintainers' `temporal.py`); bases that
  share none, or a generic word (`Base...`), do not name the group;
- a base whose subclasses are its acronyms or its name and more (holidays' `PT`, `PTE`,
  `PortugalExt` under `Portugal`) names its family in the singular (`portugal`, as the
  maintainers' `countries/portugal.py`), not `portugals`; kinds of it keep the plural;
- the source's namesake class that classes of two or more other groups derive from is the
  package's `base`, not its `core` (astropy's `FLRW` in `flrw.py`: `base`, as the
  maintainers' `base.py`); one derived from in one other group or none stays `core`.
"""

from __future__ import annotations

from pathlib import Path

from graphkit import graph_of, names_of

from godsplit.suggester.composed import variant_of


def _class(name: str, bases: str = "", lines: int = 4) -> str:
    return (f"class {name}{f'({bases})' if bases else ''}:\n    def run(self):\n"
            + "".join(f"        y{i} = {i}\n" for i in range(lines)) + "\n\n")


_PAGES = (_class("ProductPage") + _class("ArticlePage")
          + _class("BaseProductPage", "ProductPage", 3) + _class("AutoProductPage", "BaseProductPage", 9)
          + _class("BaseArticlePage", "ArticlePage", 3) + _class("AutoArticlePage", "BaseArticlePage", 9))


def test_variants_of_a_class_are_named_after_it() -> None:
    names = names_of(_PAGES, [["BaseProductPage", "AutoProductPage"],
                              ["BaseArticlePage", "AutoArticlePage"], ["ProductPage", "ArticlePage"]],
                     "pages")[0]
    assert names[:2] == ["product", "article"]  # (`page`, the file's suffix, left out)


def test_a_class_of_no_variant_keeps_its_first_word() -> None:
    # `ProductPage` is no class of the file: `AutoProductPage` is a variant of nothing
    source = _PAGES.replace("class ProductPage:", "class ProductPages:").replace(
        "(ProductPage)", "(ProductPages)")
    names = names_of(source, [["BaseProductPage", "AutoProductPage"],
                              ["BaseArticlePage", "AutoArticlePage"], ["ProductPages", "ArticlePage"]],
                     "pages")[0]
    assert names[:2] == ["auto_product", "article"]


def test_a_base_or_a_one_word_rest_is_no_variant(tmp_path: Path) -> None:
    # a base of its variants keeps `base` (asciimatics' `BaseListBox`: `baselistbox.py`)
    source = (_class("ListBox") + _class("BaseListBox", "ListBox", 12)
              + _class("AutoListBox", "BaseListBox", 3) + _class("FastListBox", "ListBox"))
    g = graph_of(tmp_path, source, "widgets")
    at = {node.label: n for n, node in enumerate(g.nodes)}
    assert variant_of(g, [at["BaseListBox"], at["AutoListBox"]], at["BaseListBox"]) == ""
    assert variant_of(g, [at["FastListBox"], at["AutoListBox"]], at["FastListBox"]) == "list_box"
    # one word after the first (`HTTPSConnection` beside `HTTPConnection`) is no name alone
    source = (_class("Connection") + _class("HTTPConnection", "Connection", 9)
              + _class("HTTPSConnection", "HTTPConnection", 12))
    g = graph_of(tmp_path, source, "conn")
    at = {node.label: n for n, node in enumerate(g.nodes)}
    assert variant_of(g, [at["HTTPConnection"], at["HTTPSConnection"]],
                      at["HTTPSConnection"]) == ""


_FLRW = (_class("FLRW", lines=20) + _class("Helper")
         + _class("LambdaCDM", "FLRW") + _class("FlatLambdaCDM", "LambdaCDM")
         + _class("WCDM", "FLRW") + _class("FlatWCDM", "WCDM"))


def test_the_namesake_class_others_derive_from_is_the_base() -> None:
    groups = [["FLRW", "Helper"], ["LambdaCDM", "FlatLambdaCDM"], ["WCDM", "FlatWCDM"]]
    assert names_of(_FLRW, groups, "flrw")[0][0] == "base"
    # derived from in one other group only: `core`, as before
    source = _FLRW.replace("class WCDM(FLRW)", "class WCDM")
    assert names_of(source, groups, "flrw")[0][0] == "core"
    # not the namesake: its own name
    groups = [["FLRW", "Helper"], ["LambdaCDM", "FlatLambdaCDM"], ["WCDM", "FlatWCDM"]]
    assert names_of(_FLRW, groups, "cosmology")[0][0] == "flrw"


def _kinds(first: str, subs: list[str], base: str = "") -> str:
    return "".join(_class(f"{first}{end}", f"{base}{end}" if base else "", 2)
                   + "".join(_class(f"{sub}{end}", f"{first}{end}", 3) for sub in subs)
                   for end in ("Value", "Scalar", "Column"))


_TYPES = (_class("AnyValue") + _class("AnyScalar") + _class("AnyColumn")
          + _kinds("Temporal", ["Date", "Time"], "Any") + _kinds("Numeric", ["Integer"], "Any"))


def _labels(first: str, subs: list[str]) -> list[str]:
    return [f"{w}{end}" for end in ("Value", "Scalar", "Column") for w in (first, *subs)]


def test_parallel_families_are_named_by_their_bases_first_words() -> None:
    groups = [_labels("Temporal", ["Date", "Time"]), _labels("Numeric", ["Integer"]),
              ["AnyValue", "AnyScalar", "AnyColumn"]]
    names = names_of(_TYPES, groups, "types")[0]
    assert names[:2] == ["temporal", "numeric"]
    # bases that share no first word: the members' words, as before
    source = _TYPES.replace("TemporalColumn", "ChronoColumn")
    groups[0] = [t.replace("TemporalColumn", "ChronoColumn") for t in groups[0]]
    assert names_of(source, groups, "types")[0][0] != "temporal"
    # a generic first word (`BaseValue`, `BaseScalar`, ...) names nothing
    source = _TYPES.replace("Temporal", "Base")
    groups[0] = _labels("Base", ["Date", "Time"])
    assert names_of(source, groups, "types")[0][0] != "base"


_COUNTRIES = (_class("HolidayBase", lines=30) + _class("Portugal", "HolidayBase", 12)
              + _class("PT", "Portugal", 1) + _class("PortugalExt", "Portugal", 8)
              + _class("PTE", "PortugalExt", 1))


def test_a_base_and_its_aliases_are_named_in_the_singular() -> None:
    groups = [["HolidayBase"], ["Portugal", "PT", "PortugalExt", "PTE"]]
    assert names_of(_COUNTRIES, groups, "holidays")[0][1] == "portugal"
    # kinds of it, not aliases: the plural, as before
    source = _COUNTRIES.replace("PortugalExt", "Madeira").replace("PTE", "Azores").replace(
        "class PT(", "class Lisbon(")
    groups = [["HolidayBase"], ["Portugal", "Lisbon", "Madeira", "Azores"]]
    assert names_of(source, groups, "holidays")[0][1] == "portugals"
