"""Bugs found in round 9 (trial10) splitting coverage's `control.py` (1,553 lines) and
running its own suite before and after: each a minimal `pkg/big.py`, planned and applied;
a written split must behave the same."""

from __future__ import annotations

from pathlib import Path

from splitkit import make_project, plan_texts
from splitkit import same_behaviour as _same

# coverage's control.py: `import os` on top, then `os = isolate_module(os)` (a copy of the
# module that tests' monkeypatching of `os` cannot reach); every function of the module
# reads the copy.
ISOLATED = """
    import os
    import types


    def isolate(mod):
        new = types.ModuleType(mod.__name__)
        new.__dict__.update(mod.__dict__)
        return new


    os = isolate(os)
    a, (b, c) = 1, (2, 3)


    def first():
        return os


    def second():
        return os is first() and os is not __import__("os")


    def third():
        return a + b + c
"""
CODE = """
    import pkg.big as m
    print(m.second(), m.third())
"""


def test_a_module_rebinding_an_import_is_read_from_where_it_moved(tmp_path: Path) -> None:
    """`os = isolate_module(os)` moved to one module, a function reading `os` to another:
    the other module imported `os` itself (the real module, not the copy), because the
    check for a unit that only declares a name (`cffi: ModuleType | None`) did not see
    the targets of a plain assignment. Behaviour changed and the split said verified."""
    modules = {"one": ["isolate", "os", "first", "a"], "two": ["second", "third"]}
    _, texts = plan_texts(make_project(tmp_path / "plan", ISOLATED, modules))
    two = texts["pkg/big/two.py"]
    assert "from .one import a, b, c, first, os\n" in two and "import os\n" not in two
    assert _same(tmp_path / "run", ISOLATED, modules, CODE).split() == ["True", "6"]


# PIL's Image: `cffi = None` (or `cffi: ModuleType | None`), then `try: import cffi`:
# the import binds last, so a module reading `cffi` imports it, not the placeholder.
PLACEHOLDER = """
    json = None
    try:
        import json
    except ImportError:
        pass


    def first():
        return json is not None


    def second():
        return json.dumps([first()])
"""


def test_a_placeholder_before_an_import_leaves_the_import_to_its_readers(
    tmp_path: Path,
) -> None:
    """The other half of the fix: a plain assignment now counts as binding the name, so
    which binds last decides; here the import does, and `two` imports `json` itself."""
    modules = {"one": ["json", "first"], "two": ["second"]}
    _, texts = plan_texts(make_project(tmp_path / "plan", PLACEHOLDER, modules))
    two = texts["pkg/big/two.py"]
    assert "import json\n" in two and "from .one import first\n" in two
    assert _same(tmp_path / "run", PLACEHOLDER, modules,
                 "import pkg.big as m; print(m.second())").strip() == "[true]"
