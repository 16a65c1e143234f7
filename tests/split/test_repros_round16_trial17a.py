"""Round 16 (trial17a): bugs found splitting gunicorn's `config.py`, pyflakes' `checker.py`
and tomlkit's `items.py`. Each a minimal `pkg/big.py`: a split that would change behaviour
is refused at plan time naming its line; the mapping that keeps the order is written and
behaves the same in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from splitkit import make_project, plan_texts, ruff_check
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
    # a sibling package (`package`): its modules can be imported without the facade,
    # so their order is not known (in the package layout, round 24 writes the
    # facade's imports in source order where that keeps it: losers24's tests)
    plan, _ = plan_texts(make_project(tmp_path / "apart", source, apart, package="pkg/parts"))
    [error] = [f for f in plan.errors if f.code == "GS124"]
    assert error.line == line, error.render()
    assert "source order" in error.message
    out = _same(tmp_path / "together", source, together, "import pkg.big as m\nprint(m.names())")
    assert "Zed" in out and out.index("Zed") < out.index("Alpha"), out


# tomlkit's pyproject selects "RUF" (RUF100 among them) without `preview`: the package
# facade's file exemption for RUF067 (a preview rule, written because a prefix selected
# it) was itself a finding, RUF100 (unused noqa: "non-enabled: RUF067"). A preview rule
# is reported only in preview mode, whatever selects it.
@pytest.mark.parametrize("preview", [False, True])
def test_a_preview_rule_is_enabled_only_in_preview_mode(tmp_path: Path, preview: bool) -> None:
    source = """
        import logging

        logger = logging.getLogger(__name__)


        def one():
            logger.info("one")
            return 1


        def two():
            return one() + 1
    """
    ruff_toml = '[lint]\nselect = ["F", "E", "PLC", "RUF"]\nignore = ["RUF105"]\n' + (
        "preview = true\n" if preview else "")
    config = make_project(tmp_path, source, {"a": ["one"], "b": ["two"]},
                          files={"ruff.toml": ruff_toml})
    from godsplit.split.apply import apply_splits

    assert apply_splits(config).written
    init = (tmp_path / "pkg/big/__init__.py").read_text()
    assert "_godsplit" in init  # the live facade's machinery, RUF067's subject
    assert ("# ruff: noqa: RUF067" in init) == preview, init
    proc = ruff_check(tmp_path, "pkg/big")
    assert proc.returncode == 0, proc.stdout + proc.stderr


# tomlkit's `items.py`: `Array._group_values` loops `for item in value`, and the factory
# `item()` moved to a sibling that imports `Array` at import time (`class Table(Array)`
# here), so `arrays.py` imports `item` last, in a `try:` block. pyflakes reports that
# shadowing (F402); ruff does not (another branch), so the F402 noqa godsplit wrote
# was ruff's RUF100 under tomlkit's `RUF` selection.
SHADOW = """
    class Array:
        def group(self, value):
            out = []
            for item in value:
                out.append(item)
            return out

        def make(self, v):
            return item(v)


    class Table(Array):
        pass


    def item(value):
        return Table() if isinstance(value, dict) else value
"""
SHADOW_CONFIGS = {  # the linter, its config: whether the loop line needs the noqa
    "ruff": ("ruff.toml", '[lint]\nselect = ["F", "RUF100"]\n', False),
    "flake8": ("setup.cfg", "[flake8]\nselect = F\n", True),
}


@pytest.mark.parametrize("linter", sorted(SHADOW_CONFIGS))
def test_a_loop_shadowing_an_import_in_a_try_block(tmp_path: Path, linter: str) -> None:
    name, text, marked = SHADOW_CONFIGS[linter]
    config = make_project(tmp_path, SHADOW, {"arrays": ["Array"], "factory": ["Table", "item"]},
                          files={name: text})
    from godsplit.split.apply import apply_splits

    assert apply_splits(config).written
    arrays = (tmp_path / "pkg/big/arrays.py").read_text()
    assert "try:\n    from .factory import item" in arrays.replace(
        "pkg.big.factory", ".factory"), arrays
    assert ("for item in value:  # noqa: F402" in arrays) == marked, arrays
    ruff = Path(sys.executable).with_name("ruff")
    command = [str(ruff), "check", "--output-format", "concise", "pkg/big"] if (
        linter == "ruff") else [sys.executable, "-m", "flake8", "pkg/big"]
    proc = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("where", ["lint", "top", "extended"])
def test_preview_mode_is_read_from_the_ruff_config(tmp_path: Path, where: str) -> None:
    """pycodestyle's E3 rules are preview rules in ruff 0.17: `select = ["E"]` reports
    E711, and E302 only with `preview = true` (in `[lint]`, at the top, or in the config
    it extends)."""
    from godsplit.split.ruff_tool import preview_rules
    from godsplit.split.style import detect_style

    if "E302" not in preview_rules():
        pytest.skip("the installed ruff has E302 out of preview")
    (tmp_path / ".git").mkdir()
    (tmp_path / "base.toml").write_text("preview = true\n" if where == "extended" else "")
    text = {"lint": '[lint]\nselect = ["E"]\npreview = true\n',
            "top": 'preview = true\n[lint]\nselect = ["E"]\n',
            "extended": 'extend = "base.toml"\n[lint]\nselect = ["E"]\n'}[where]
    (tmp_path / "ruff.toml").write_text(text)
    assert detect_style(tmp_path / "x.py").enables("E302")
    (tmp_path / "off" / ".git").mkdir(parents=True)
    (tmp_path / "off" / "ruff.toml").write_text('[lint]\nselect = ["E"]\n')
    off = detect_style(tmp_path / "off" / "y.py")
    assert off.enables("E711") and not off.enables("E302")
