"""Round 16 (trial17a): bugs found splitting gunicorn's `config.py`, pyflakes' `checker.py`
and tomlkit's `items.py`. Each a minimal `pkg/big.py`: a split that would change behaviour
is refused at plan time naming its line; the mapping that keeps the order is written and
behaves the same in a fresh interpreter."""

from __future__ import annotations

from pathlib import Path

import pytest

from splitkit import make_project, plan_texts
from splitkit import same_behaviour as _same

# gunicorn's config.py: `SettingMeta.__new__` appends every class it makes to
# KNOWN_SETTINGS (their `order`), and the classes get the metaclass not by `metaclass=`
# but from their base, which the module rebinds to a class the metaclass makes by a call
# (`Setting = SettingMeta('Setting', (Setting,), {})`). Split by section, the plan said
# nothing and the split said verified, but KNOWN_SETTINGS (and `gunicorn --help`) came in
# the modules' import order.
REBOUND = """
    _REG = []


    class Meta(type):
        def __new__(mcs, name, bases, ns):
            parents = [b for b in bases if isinstance(b, Meta)]
            if not parents:
                return super().__new__(mcs, name, bases, ns)
            cls = super().__new__(mcs, name, bases, ns)
            cls.order = len(_REG)
            _REG.append(cls)
            return cls


    class Base:
        order = None


    Base = Meta("Base", (Base,), {})


    class Zed(Base):
        pass


    class Alpha(Base):
        pass


    def names():
        return [c.__name__ for c in _REG]
"""
# the same through a base declared with `metaclass=`, and a subclass of a subclass; and
# `__init_subclass__` run for a grandchild
INHERITED = """
    _REG = []


    class Meta(type):
        def __new__(mcs, name, bases, ns):
            cls = super().__new__(mcs, name, bases, ns)
            _REG.append(name)
            return cls


    class Base(metaclass=Meta):
        pass


    class Zed(Base):
        pass


    class Mid(Base):
        pass


    class Alpha(Mid):
        pass


    def names():
        return list(_REG)
"""
GRANDCHILD = """
    class Plugin:
        registry = []

        def __init_subclass__(cls, **kw):
            super().__init_subclass__(**kw)
            Plugin.registry.append(cls.__name__)


    class Mid(Plugin):
        pass


    class Zed(Mid):
        pass


    class Alpha(Mid):
        pass


    def names():
        return list(Plugin.registry)
"""
HOOKED = {  # source, mapping that separates them, the line refused, mapping that works
    "metaclass through a rebound base": (
        REBOUND, {"core": ["_REG", "Meta", "Base", "names"], "zz": ["Zed"], "aa": ["Alpha"]},
        22, {"core": ["_REG", "Meta", "Base", "names"], "subs": ["Zed", "Alpha"]}),
    "metaclass through a base and a subclass": (
        INHERITED, {"core": ["_REG", "Meta", "Base", "names"], "zz": ["Zed"],
                    "aa": ["Mid", "Alpha"]},
        15, {"core": ["_REG", "Meta", "Base", "names"], "subs": ["Zed", "Mid", "Alpha"]}),
    "__init_subclass__ of a grandchild": (
        GRANDCHILD, {"core": ["Plugin", "Mid", "names"], "zz": ["Zed"], "aa": ["Alpha"]},
        13, {"core": ["Plugin", "Mid", "names"], "subs": ["Zed", "Alpha"]}),
}


@pytest.mark.parametrize("case", sorted(HOOKED))
def test_classes_a_hook_registers_through_their_bases_keep_their_order(
    tmp_path: Path, case: str
) -> None:
    source, apart, line, together = HOOKED[case]
    plan, _ = plan_texts(make_project(tmp_path / "apart", source, apart))
    [error] = [f for f in plan.errors if f.code == "GS124"]
    assert error.line == line, error.render()
    assert "source order" in error.message
    out = _same(tmp_path / "together", source, together, "import pkg.big as m\nprint(m.names())")
    assert "Zed" in out and out.index("Zed") < out.index("Alpha"), out
