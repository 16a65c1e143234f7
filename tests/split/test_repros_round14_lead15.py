"""Round 14, the lead's own findings: each bug a minimal `pkg/big.py`."""

from __future__ import annotations

from pathlib import Path

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
