"""Round 37 (names38): module names as the maintainers write them (issue 14).

- a group of mixins and the class built from two or more of them is named after that class
  (werkzeug's `Request(BaseRequest, AcceptMixin, ETagRequestMixin, UserAgentMixin, ...)`:
  `request`, as the maintainers' `wrappers/request.py`, not `mixins`); mixins alone stay
  `mixins`;
- a family named by a role of the file (`...Block`, `...Manager`: a word that makes a
  class's companion from another class's name) is named after the class of the group its
  names begin with (oemof's `SinkDSM` beside `SinkDSMDelayBlock`, `SinkDSMIntervalBlock`:
  `sink_dsm`, not `blocks`), in the plural where the role alone makes its companion
  (python-gitlab's `Runner`, `RunnerManager`: `runners`);
- a banner that is the first thing in the file (in LibCST's module header, which the
  section count does not read) titles the code under it up to the next banner, section 0,
  after a licence too; alone in the file it names no section.
"""

from __future__ import annotations

import libcst as cst
from graphkit import names_of

from godsplit.suggester.banners import opening


def _def(name: str, lines: int = 6) -> str:
    return f"def {name}(x):\n" + "".join(f"    x = x + {i}\n" for i in range(lines)) + (
        "    return x\n\n\n")


def _class(name: str, bases: str = "", lines: int = 4) -> str:
    return (f"class {name}{f'({bases})' if bases else ''}:\n    def run(self):\n"
            + "".join(f"        y{i} = {i}\n" for i in range(lines)) + "\n\n")


_MIXINS = ["ETagRequestMixin", "UserAgentMixin", "AuthorizationMixin", "StreamOnlyMixin"]
_WRAPPERS = ("".join(_class(n, lines=12 if n.startswith("ETag") else 3) for n in _MIXINS)
             + _class("Request", "ETagRequestMixin, UserAgentMixin, AuthorizationMixin", 3)
             + _class("Response") + _class("Headers") + _def("parse_cookie"))
_OTHERS = ["Response", "Headers", "parse_cookie"]


def test_mixins_with_the_class_built_from_them_are_that_class() -> None:
    names = names_of(_WRAPPERS, [[*_MIXINS, "Request"], _OTHERS],
                     "wrappers")[0]
    assert names[0] == "request"


def test_mixins_alone_stay_mixins() -> None:
    source = _WRAPPERS.replace("class Request(ETagRequestMixin, UserAgentMixin, "
                               "AuthorizationMixin)", "class Request")
    names = names_of(source, [[*_MIXINS, "Request"], _OTHERS],
                     "wrappers")[0]
    assert names[0] == "mixins"
    names = names_of(_WRAPPERS, [_MIXINS, ["Request", *_OTHERS]],
                     "wrappers")[0]
    assert names[0] == "mixins"


_RULE = "# " + "-" * 40 + "\n"
_CODEC = ("".join(_def(n) for n in ("read_header", "read_block", "read_footer"))
          + _RULE + "# Encoding\n" + _RULE + "\n" + "".join(
              _def(n) for n in ("write_header", "write_block", "write_footer")))
_GROUPS = [["read_header", "read_block", "read_footer"],
           ["write_header", "write_block", "write_footer"]]


def test_a_banner_opening_the_file_titles_the_code_under_it() -> None:
    for before in ("", "# Copyright (c) 2020 The Authors.\n# Licensed under the MIT license.\n\n",
                   "# -*- coding: utf-8 -*-\n"):
        source = before + _RULE + "# Decoding\n" + _RULE + "\n" + _CODEC
        assert opening(cst.parse_module(source)) == "decoding"
        assert names_of(source, _GROUPS, "codec")[0] == ["decoding", "encoding"]
    # without it, the words of the members' names
    assert names_of(_CODEC, _GROUPS, "codec")[0] == ["read", "encoding"]


def test_a_banner_opening_the_file_alone_names_no_section() -> None:
    source = _RULE + "# Decoding\n" + _RULE + "\n" + _CODEC.replace(
        _RULE + "# Encoding\n" + _RULE, "")
    assert opening(cst.parse_module(source)) == ""
    assert names_of(source, _GROUPS, "codec")[0] == ["read", "write"]


def test_a_licence_over_a_rule_is_no_opening_title() -> None:
    source = ("# Copyright (c) 2020 The Authors\n# All rights reserved\n" + _RULE + "\n"
              + _RULE + "# Decoding\n" + _RULE + "\n" + _CODEC)
    assert opening(cst.parse_module(source)) == "decoding"
    source = "# Copyright (c) 2020 The Authors\n# All rights reserved\n" + _RULE + "\n" + _CODEC
    assert opening(cst.parse_module(source)) == ""


_OEMOF = "".join(_class(n, lines=k) for n, k in (
    ("SinkDSM", 30), ("SinkDSMDelayBlock", 20), ("SinkDSMIntervalBlock", 20), ("Link", 8),
    ("LinkBlock", 8), ("GenericCAES", 8), ("GenericCAESBlock", 8), ("ElectricalLine", 8),
    ("ElectricalLineBlock", 8)))
_DSM = ["SinkDSM", "SinkDSMDelayBlock", "SinkDSMIntervalBlock"]
_REST = [["Link", "LinkBlock"], ["GenericCAES", "GenericCAESBlock"],
         ["ElectricalLine", "ElectricalLineBlock"]]


def test_companions_named_by_a_role_are_the_class_they_serve() -> None:
    # `Block` makes a class's companion three times in the file (`LinkBlock` beside `Link`)
    names = names_of(_OEMOF, [_DSM, *_REST], "custom")[0]
    assert names[0] == "sink_dsm"
    # without the class they are named after, they are a family: `blocks`
    names = names_of(_OEMOF, [_DSM[1:], [_DSM[0], *_REST[0]], *_REST[1:]], "custom")[0]
    assert names[0] == "blocks"


def test_companions_of_a_class_by_the_role_alone_are_its_plural() -> None:
    # python-gitlab: `RunnerManager` beside `Runner`: `runners`, as `shorn.served` names it
    source = "".join(_class(n, lines=k) for n, k in (
        ("Runner", 8), ("RunnerManager", 8), ("RunnerJobManager", 8), ("Hook", 8),
        ("HookManager", 8), ("Issue", 8), ("IssueManager", 8)))
    groups = [["Runner", "RunnerManager", "RunnerJobManager"], ["Hook", "HookManager"],
              ["Issue", "IssueManager"]]
    assert names_of(source, groups, "objects")[0][0] == "runners"
