"""Round 37 (names38): module names as the maintainers write them (issue 14).

- a group of mixins and the class built from two or more of them is named after that class
  (werkzeug's `Request(BaseRequest, AcceptMixin, ETagRequestMixin, UserAgentMixin, ...)`:
  `request`, as the maintainers' `wrappers/request.py`, not `mixins`); mixins alone stay
  `mixins`.
"""

from __future__ import annotations

from graphkit import names_of


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
