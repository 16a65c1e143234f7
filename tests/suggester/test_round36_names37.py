"""Round 36 (names37): module names as the maintainers write them (issue 14).

- a section banner's title names the group that is the section (pandapower's
  `# --- general issues`: `general_issues`, as the maintainers' `toolbox_general_issues.py`;
  pyrsistent's `## Transform ##`, uncertainties' `# Parsing`), unless the title is the file's
  layout (`Private API`, `Imports`), prose, or a word of the section's code outside the group;
  sections whose titles end with one word are one (deap's `GA Crossovers`, `ES Crossovers`);
- a family of exceptions named by another suffix is `errors` (voluptuous' `RangeInvalid`,
  `TypeInvalid`, ... under `Invalid(Error)`: not `invalids`); `...Exception`s stay
  `exceptions`.
"""

from __future__ import annotations

import pytest
from graphkit import names_of

from godsplit.suggester.banners import title


def _def(name: str, lines: int = 6) -> str:
    return f"def {name}(x):\n" + "".join(f"    x = x + {i}\n" for i in range(lines)) + (
        "    return x\n\n\n")


def _class(name: str, base: str = "", lines: int = 4) -> str:
    return (f"class {name}{f'({base})' if base else ''}:\n    def run(self):\n"
            + "".join(f"        y{i} = {i}\n" for i in range(lines)) + "\n\n")


@pytest.mark.parametrize(("comments", "name"), [
    (["# --- general issues"], "general_issues"),
    (["#" * 40, "# HTTP Exceptions", "#" * 40], "http_exceptions"),
    (["# Parsing " + "#" * 30], "parsing"),
    (["####### PList ####"], "plist"),
    (["# --- END ARC FUNCTIONS # # #", "# --- BEGIN PARABOLA FUNCTIONS # # #"], "parabola"),
    (["#" * 30, "# GeoSpatial operations", "#" * 30], "geospatial_operations"),
    (["# " + "-" * 30, "# Private API", "# " + "-" * 30], ""),  # the file's layout
    (["# " + "-" * 30, "# Imports", "# " + "-" * 30], ""),
    (["#" * 30, "# End of spawn class", "#" * 30], ""),
    (["# " + "-" * 30, "# Copyright (c) 2013--, the team."], ""),  # prose
    (["# Below code is based on https://github.com/x/y/blob/main/layers.py", "#" * 30], ""),
    (["#" * 30], ""),  # a rule alone
    (["#" * 30, "# 3xx redirection", "#" * 30], ""),  # not `xx_redirection`
])
def test_a_banner_title(comments: list[str], name: str) -> None:
    assert title(comments) == name


_TOOLBOX = ('"""A toolbox."""\n\n# --- general issues\n\n' + "".join(_def(n) for n in (
    "pq_from_cosphi", "_pq_from_cosphi", "cosphi_from_pq", "_cosphi_from_pq"))
    + "# --- element selections\n\n" + "".join(_def(n) for n in (
        "pp_elements", "branch_element_bus_dict", "element_bus_tuples")))
_GROUPS = [["pq_from_cosphi", "_pq_from_cosphi", "cosphi_from_pq", "_cosphi_from_pq"],
           ["pp_elements", "branch_element_bus_dict", "element_bus_tuples"]]


def test_the_section_title_names_the_section() -> None:
    assert names_of(_TOOLBOX, _GROUPS, "toolbox")[0][0] == "general_issues"
    # without the banners, the words of the members' names
    bare = _TOOLBOX.replace("# --- general issues\n", "").replace("# --- element selections\n", "")
    assert names_of(bare, _GROUPS, "toolbox")[0][0] == "cosphi"


def test_not_a_title_of_the_files_layout() -> None:
    source = _TOOLBOX.replace("# --- general issues", "# --- Private API")
    assert names_of(source, _GROUPS, "toolbox")[0][0] == "cosphi"


def test_not_a_section_split_between_groups_by_its_word() -> None:
    # arcade: `draw_polygon_filled` apart from the triangles and `draw_polygon_outline`
    source = "# --- BEGIN POLYGON FUNCTIONS # # #\n\n" + "".join(_def(n, k) for n, k in (
        ("draw_polygon_filled", 4), ("draw_polygon_outline", 6), ("draw_triangle_filled", 6),
        ("draw_triangle_outline", 6)))
    names = names_of(source, [["draw_polygon_filled"], ["draw_polygon_outline",
                              "draw_triangle_filled", "draw_triangle_outline"]], "draw")[0]
    assert names[1] in ("triangle", "draw_triangle")


def test_a_group_outside_the_section_does_not_take_its_title() -> None:
    # over half the section's lines are another group's: `general_issues` is not this one's
    groups = [["pq_from_cosphi"], ["_pq_from_cosphi", "cosphi_from_pq", "_cosphi_from_pq"],
              _GROUPS[1]]
    assert "general_issues" not in names_of(_TOOLBOX, groups, "toolbox")[0][:1]


_INVALIDS = ["RangeInvalid", "TypeInvalid", "LengthInvalid", "ValueInvalid"]


def test_exceptions_named_by_another_suffix_are_errors() -> None:
    source = (_class("Error", "Exception") + _class("Invalid", "Error")
              + "".join(_class(n, "Invalid") for n in _INVALIDS) + _def("validate"))
    names = names_of(source, [["Error", "Invalid", *_INVALIDS], ["validate"]], "voluptuous")[0]
    assert names[0] == "errors"


def test_exceptions_keep_their_own_word() -> None:
    kinds = ["BadTypeInNameException", "BadTypeException", "NotRunningException"]
    source = (_class("Error", "Exception") + "".join(_class(n, "Error") for n in kinds)
              + _def("validate"))
    assert names_of(source, [["Error", *kinds], ["validate"]], "zeroconf")[0][0] == "exceptions"


def test_a_family_of_plain_classes_keeps_its_suffix() -> None:
    kinds = ["RangeInvalid", "TypeInvalid", "LengthInvalid"]
    source = "".join(_class(n) for n in kinds) + _def("validate")
    assert names_of(source, [kinds, ["validate"]], "checks")[0][0] == "invalids"



def test_sections_whose_titles_end_alike_are_one() -> None:
    # deap: `GA Crossovers`, `ES Crossovers` over one group of `cx...` functions
    source = ('"""Tools."""\n\n' + "#" * 30 + "\n# GA Crossovers\n" + "#" * 30 + "\n\n"
              + _def("cxOnePoint") + _def("cxTwoPoints") + "#" * 30 + "\n# ES Crossovers\n"
              + "#" * 30 + "\n\n" + _def("cxESBlend") + "#" * 30 + "\n# Selections\n"
              + "#" * 30 + "\n\n" + _def("selBest") + _def("selWorst"))
    names = names_of(source, [["cxOnePoint", "cxTwoPoints", "cxESBlend"],
                              ["selBest", "selWorst"]], "tools")[0]
    assert names == ["crossovers", "selections"]
