"""Round 17 (fix18): refusals that were wrong or misplaced. Each a minimal `pkg/big.py`."""

from __future__ import annotations

from pathlib import Path

from godsplit import api

from splitkit import make_project, plan_texts
from splitkit import same_behaviour as _same

# Django REST framework's `fields.py`: `Field.__init__` numbers the fields made, and
# `ListField`'s body makes one at import time (`child = _UnvalidatedField()`; here the
# top-level `EMPTY = _Plain()` too, which GS124 sees in a file this small). GS124 took
# every `class XField(Field)` for a read of `Field` at import time, so the fields could not
# be split by kind; making a subclass reads nothing of its base's (no class hook runs).
COUNTED = """
    class Field:
        counter = 0

        def __init__(self):
            self.order = Field.counter
            Field.counter += 1


    class _Plain(Field):
        pass


    class CharField(Field):
        pass


    class IntField(Field):
        pass


    class ListField(Field):
        child = _Plain()


    class DictField(Field):
        child = _Plain()


    EMPTY = _Plain()


    def orders():
        return [ListField.child.order, DictField.child.order, EMPTY.order, CharField().order,
                Field.counter]
"""
COUNTED_MAPPING = {"base": ["Field", "orders"], "text": ["CharField"], "numeric": ["IntField"],
                   "containers": ["_Plain", "ListField", "DictField", "EMPTY"]}


def test_subclasses_apart_from_the_fields_made_at_import_time(tmp_path: Path) -> None:
    out = _same(tmp_path, COUNTED, COUNTED_MAPPING, "import pkg.big as m; print(m.orders())")
    assert out == "[0, 1, 2, 3, 4]\n"


def test_a_subclass_whose_hook_reads_the_counter_is_still_refused(tmp_path: Path) -> None:
    """`__init_subclass__` reads the counter as each subclass is made: `IntField.at` is 0
    in source order (made before any field) but 3 if `containers` is imported first (a
    guard: making the subclass runs a hook, so it is a read of the counter)."""
    source = COUNTED.replace("""            Field.counter += 1
""", """            Field.counter += 1

        def __init_subclass__(cls):
            cls.at = Field.counter
""")
    plan, _ = plan_texts(make_project(tmp_path, source, COUNTED_MAPPING))
    [error] = plan.errors
    assert error.code == "GS124", error.render()
    assert "20 (numeric)" in error.message and "24 (containers)" in error.message


# moto's `ec2/models.py`: `load_resource(__name__, "resources/...")` reads a file beside
# the module with `pkgutil.get_data`; in the package layout the code moves one folder down
# and the file is not found there. The true GS406 named `pkgutil.py`, where the error was
# raised, and none of the project's files.
RESOURCE = """
    from pkg.util import load

    NAMES = load(__name__, "resources/names.txt")


    def names():
        return NAMES.split()
"""
UTIL = """
    import pkgutil


    def load(package, resource):
        return pkgutil.get_data(package, resource).decode()
"""


def test_a_module_that_no_longer_imports_is_placed_at_the_god_files_line(tmp_path: Path) -> None:
    config = make_project(tmp_path, RESOURCE, {"data": ["NAMES", "names"]}, files={
        "pkg/util.py": UTIL, "pkg/resources/names.txt": "a b\n"})
    [error] = api.plan(config=config).errors  # the import check, in a scratch copy
    assert error.code == "GS406", error.render()
    assert (Path(error.path), error.line) == (tmp_path / "pkg" / "big.py", 3), error.render()
    assert "(in the planned big/data.py, line " in error.message, error.message
    assert "raised at " in error.message and "pkgutil.py:" in error.message, error.message


# moto's `ec2/models.py` in the maintainers' layout (`package = "moto/ec2/_models"`):
# `ec2/_models/` already holds modules, with no `__init__.py` (a namespace package, whose
# `__file__` is None), that models.py imports. The probe took the namespace package for a
# module from outside the project; the split gives it an `__init__.py`, and GS413 said
# importing the old module "no longer" loads it.
NAMESPACE = """
    from ._parts.core import Tagged


    class Vpc(Tagged):
        pass


    class Subnet(Tagged):
        pass
"""


def test_a_namespace_package_of_the_project_is_not_a_module_from_outside(tmp_path: Path) -> None:
    config = make_project(tmp_path, NAMESPACE, {"vpcs": ["Vpc"], "subnets": ["Subnet"]},
                          package="pkg/_parts", files={"pkg/_parts/core.py": """
                              class Tagged:
                                  pass
                          """})
    assert not (tmp_path / "pkg" / "_parts" / "__init__.py").exists()
    result = api.plan(config=config)
    assert not result.errors, [f.render() for f in result.errors]
    assert result.splits[0].import_check.ran
