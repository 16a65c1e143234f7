"""Round 14, the lead's own findings: each bug a minimal `pkg/big.py`."""

from __future__ import annotations

import os
from pathlib import Path

from godsplit.split.noqa import noqa_first

from splitkit import make_project, plan_texts, same_behaviour

# astroid's `node_classes.py`, split as its maintainers did (benchmarks/maintainers_apply.py):
# `NodeNG` declares `_astroid_fields: ClassVar[typing.Tuple[str, ...]]`, and the module
# has a `class Tuple` whose base defines `__init_subclass__`. Round 13's rule for reads
# through a registry (sympy's `S.Infinity`) took `typing.Tuple` for a read of that class:
# a false GS104 cycle and GS121 refused the maintainers' own grouping. An attribute of a
# module that `import typing` binds, or of an object of the standard library, is not a
# registry this module's classes fill.
TYPING_ATTRIBUTE = """
    import typing
    from collections import abc
    from typing import ClassVar


    class Node:
        fields: ClassVar[typing.Tuple[str, ...]] = ()
        kinds: ClassVar[typing.Any] = abc.Set

        def __init_subclass__(cls, **kwargs):
            super().__init_subclass__(**kwargs)


    class Tuple(Node):
        pass


    class Set(Node):
        pass
"""


def test_a_module_attribute_spelled_like_a_class_is_not_a_registry_read(
        tmp_path: Path) -> None:
    modules = {"base": ["Node"], "containers": ["Tuple", "Set"]}
    plan, _ = plan_texts(make_project(tmp_path / "plan", TYPING_ATTRIBUTE, modules))
    assert [f.code for f in plan.findings if f.severity == "error"] == []
    out = same_behaviour(tmp_path / "run", TYPING_ATTRIBUTE, modules, """
        import pkg.big
        print(pkg.big.Node.fields, pkg.big.Node.kinds.__name__, pkg.big.Tuple.__mro__[1].__name__)
    """)
    assert out == "() Set Node\n"


# The merge of round 14: the pattern that moves a noqa comment left after the closing
# parenthesis of a wrapped import (param's facade) took `[ \t]+[^\n]*` for each inner
# line, which backtracks exponentially in the lines of a wrapped import with no noqa after
# it: `godsplit apply` on the fixture never finished. Both forms, at their sizes there.
def test_a_long_wrapped_import_without_a_trailing_noqa_is_left_as_it_is() -> None:
    names = "".join(f"        name_{i},\n" for i in range(40))
    text = f"from pkg.module import (\n{names})\n" * 20
    assert noqa_first(text) == text
    assert noqa_first("from a import (\n    b,\n    c,\n)  # noqa: F401\n") == (
        "from a import (  # noqa: F401\n    b,\n    c,\n)\n")


# ansible's `module_utils/basic.py` (round 14's sweep): `import os` comes after an
# `if sys.version_info < _PY_MIN: ... sys.exit(1)` block, below the first definition. A new
# module whose code reads `__file__` got the constant holding the old path at the top of
# its body, above that import: `os` undefined (pyflakes' GS411 at plan, so suggest found
# no mapping). The constant now follows the import that binds `os`.
LATE_OS = """
    import sys

    _PY_MIN = (3, 8)
    if sys.version_info < _PY_MIN:
        print("too old")
        sys.exit(1)

    import os

    HERE = os.path.dirname(os.path.abspath(__file__))


    def data_path(name):
        return os.path.join(HERE, name)


    def other():
        return 2
"""


def test_the_old_path_constant_follows_a_late_import_of_os(tmp_path: Path) -> None:
    modules = {"paths": ["HERE", "data_path"], "misc": ["other", "_PY_MIN"]}
    plan, texts = plan_texts(make_project(tmp_path / "plan", LATE_OS, modules))
    assert [f.code for f in plan.findings if f.severity == "error"] == []
    paths = texts["pkg/big/paths.py"]
    assert paths.index("import os\n") < paths.index("_SOURCE_FILE = ")
    out = same_behaviour(tmp_path / "run", LATE_OS, modules, """
        import os
        import pkg.big
        print(os.path.relpath(pkg.big.data_path("x")))
    """)
    assert out == os.path.join("pkg", "x") + "\n"
