"""Round 21 (order21): GS124 by the order the package's `__init__.py` runs the new
modules. beets' `ui/commands.py` appends each command to `default_commands` after
defining it; split one command per module, the appends run in the order the modules run.
In the package layout, the facade is the package's `__init__.py`: its imports decide that
order, however the package is imported. A split whose facade keeps the source order is
accepted (a GS153 note, a comment in the facade) and verified; one that changes it is
still refused; a sibling layout (whose modules can be imported without the facade) too."""

from __future__ import annotations

from pathlib import Path

from godsplit.split.layout import Layout
from godsplit.split.package_order import in_run_order, run_order

from splitkit import make_project, plan_texts, same_behaviour

REGISTRY = """
    HANDLERS = []


    def handler(f):
        HANDLERS.append(f)
        return f


    @handler
    def alpha(x):
        return "alpha"


    @handler
    def beta(x):
        return "beta"


    @handler
    def gamma(x):
        return "gamma"


    def dispatch():
        return [h(0) for h in HANDLERS]
"""

CORE = ["HANDLERS", "handler", "dispatch"]

# a consumer importing a submodule first still runs the package's `__init__.py` first
USES = """
    try:
        import pkg.big.{first}
    except ImportError:  # (before the split: a module, no submodules)
        pass
    import pkg.big

    print(pkg.big.dispatch())
"""


def test_registrations_the_facade_imports_in_source_order_are_accepted(tmp_path: Path) -> None:
    modules = {"a_core": CORE, "b_alpha": ["alpha"], "c_beta": ["beta"], "d_gamma": ["gamma"]}
    plan, texts = plan_texts(make_project(tmp_path / "plan", REGISTRY, modules))
    assert not plan.errors, [f.render() for f in plan.errors]
    assert [f.code for f in plan.findings if f.code in ("GS124", "GS153")] == ["GS153"]
    assert "GS153" in texts["pkg/big/__init__.py"]  # the facade says its order matters
    out = same_behaviour(tmp_path, REGISTRY, modules, USES.format(first="d_gamma"))
    assert out == "['alpha', 'beta', 'gamma']\n"
    # alpha and gamma in one module, beta in another: no import order keeps it (a module
    # sorting last, `z_alpha`, is written in source order since round 24: losers24's tests)
    other = {"a_core": CORE, "b_outer": ["alpha", "gamma"], "c_beta": ["beta"]}
    plan, _ = plan_texts(make_project(tmp_path / "other", REGISTRY, other))
    assert [f.code for f in plan.errors] == ["GS124"]
    assert not [f for f in plan.findings if f.code == "GS153"]
    # a sibling package: `pkg.parts.c_beta` can be imported without `pkg.big`
    plan, _ = plan_texts(make_project(tmp_path / "sibling", REGISTRY, modules, package="pkg/parts"))
    assert [f.code for f in plan.errors] == ["GS124"]


def _order(tmp_path: Path, files: dict[str, str]) -> tuple[str, ...] | None:
    layout = Layout("pkg.big", "pkg", "pkg.big", "pkg.big", tmp_path / "pkg/big",
                    tmp_path / "pkg/big/__init__.py", "package")
    texts = {tmp_path / "pkg/big" / name: text for name, text in files.items()}
    return run_order(layout, ["a", "b", "c"], texts)


def test_the_run_order_follows_each_modules_imports_cycles_and_lazy_ones(tmp_path: Path) -> None:
    facade = "from .a import x\nfrom .b import y\nfrom .c import z\n"
    plain = {"a.py": "x = 1\n", "b.py": "y = 1\n", "c.py": "z = 1\n"}
    assert _order(tmp_path, {"__init__.py": facade, **plain}) == ("a", "b", "c")
    # `a` imports `c` first, and `c` imports `a` back (partial: not run again)
    cyclic = {**plain, "a.py": "from .c import z\nx = 1\n", "c.py": "from .a import x\nz = 1\n"}
    assert _order(tmp_path, {"__init__.py": facade, **cyclic}) == ("c", "a", "b")
    # `b`'s code is cut in two by an import: its events may fall on either side
    cut = {**plain, "b.py": "y = 1\nfrom .c import z\nw = 2\n"}
    assert _order(tmp_path, {"__init__.py": facade, **cut}) == ("a", "b", "c", "b")
    assert not in_run_order(["a", "b", "c"], ("a", "b", "c", "b"))
    # a function of `a` may import `c` at any time while the package is imported
    lazy = {**plain, "a.py": "def f():\n    from . import c\n\nx = f()\n"}
    assert _order(tmp_path, {"__init__.py": facade, **lazy}) is None
    dynamic = {**plain, "b.py": "import importlib\ny = importlib.import_module('pkg.big.c')\n"}
    assert _order(tmp_path, {"__init__.py": facade, **dynamic}) is None
    # a module the package's import never runs: no order known
    assert _order(tmp_path, {"__init__.py": "from .a import x\n", **plain}) is None
