"""Round 25 (registry25): a split that said "verified" and changed behaviour.

dill's `Pickler.dispatch` is filled at import time by `@register(T)` decorators from many
places; `save_classobj` (under `ClassType`) and, later, `save_type` (under `TypeType`)
register under one key, `type`. In the source the later wins; split, the modules register
in the order they are imported and `save_classobj` won: pickling a class recursed, and
apply had printed GS400. The import check now compares the registries' contents (GS419).
"""

from __future__ import annotations

from pathlib import Path

from splitkit import apply, make_project, plan_texts

# two keys, each registered from two modules in opposite orders: whichever module the
# facade imports first, one key ends with the other value than in the source
_REGISTRY = """
    REGISTRY = {}
    Kind = int
    Same = int
    Word = str


    def register(key):
        def decorate(function):
            REGISTRY[key] = function
            return function
        return decorate


    @register(str)
    def text_early(x):
        return "early"


    @register(Kind)
    def number_early(x):
        return "early"


    @register(Same)
    def number_late(x):
        return "late"


    @register(Word)
    def text_late(x):
        return "late"


    def dispatch(x):
        return REGISTRY[type(x)](x)
"""
_MODULES = {"one": ["number_early", "text_late", "dispatch", "Word"],
            "two": ["text_early", "number_late"]}


def test_registry_filled_under_one_key_in_another_order_is_refused(tmp_path: Path) -> None:
    """The god file's `dispatch(1)` and `dispatch("")` both say "late"; split into `one`
    and `two`, one of them says "early" whatever the facade's import order. Before: GS218
    (a warning), and apply printed GS400 "verified". Now GS419 names the registry, the key
    and the values before and after, and apply writes nothing."""
    config = make_project(tmp_path, _REGISTRY, _MODULES)
    plan, _ = plan_texts(config)
    assert any(f.code == "GS218" and "'REGISTRY'" in f.message for f in plan.findings)
    source = (tmp_path / "pkg/big.py").read_text()
    result = apply(config)
    findings = [f for s in result.splits for f in s.findings]
    codes = [f.code for f in findings]
    assert "GS400" not in codes, findings
    [error] = [f for f in findings if f.code == "GS419"]
    assert error.severity == "error"
    assert "registry REGISTRY" in error.message
    assert ("pkg.big.number_late before and pkg.big.number_early after" in error.message
            or "pkg.big.text_late before and pkg.big.text_early after" in error.message), error
    assert "map the code registering into it to one module" in error.message
    assert not result.written
    assert (tmp_path / "pkg/big.py").read_text() == source  # rolled back: untouched
    assert not (tmp_path / "pkg/big").exists()


def test_registry_with_the_same_entries_still_verifies(tmp_path: Path) -> None:
    """Registrations under distinct keys from two modules: the registry holds the same
    entries before and after (in another order: a GS419 warning, as GS218 warned), and
    GS400 says it compared them. Keys that are classes with a `__func__` member
    (`classmethod`, `staticmethod`: dill's) are told apart by their own names."""
    source = _REGISTRY.replace("Same = int", "Same = classmethod").replace(
        "Word = str", "Word = staticmethod")
    config = make_project(tmp_path, source, _MODULES)
    result = apply(config)
    findings = [f for s in result.splits for f in s.findings]
    assert result.written, findings
    assert not [f for f in findings if f.severity == "error"], findings
    [verified] = [f.message for f in findings if f.code == "GS400"]
    assert "the same entries of 1 registry filled at import time" in verified
    assert "(REGISTRY; in another order: REGISTRY, GS419)" in verified
    [order] = [f for f in findings if f.code == "GS419"]
    assert order.severity == "warning" and "holds the same 4 entries in another order" in (
        order.message)


_SAME_KEY = """
    REGISTRY = {}


    def register(key):
        def decorate(function):
            REGISTRY[key] = function
            return function
        return decorate


    @register(str)
    def early(x):
        return "early"


    @register(int)
    def number(x):
        return 1


    @register(str)
    def late(x):
        return "late"
"""


def test_same_key_expression_registered_in_reversed_module_order_is_a_plan_error(
        tmp_path: Path) -> None:
    """`@register(str)` twice: in the source `late` wins. With `late` in `a_late` and
    `early` in `b_early`, the facade imports `a_late` first and `early` wins: the plan
    can prove it (the same key expression, the modules' run order), so GS420, an error,
    not GS218's warning; apply writes nothing."""
    config = make_project(tmp_path, _SAME_KEY, {"a_late": ["late"],
                                                "b_early": ["early", "number"]})
    plan, _ = plan_texts(config)
    [error] = [f for f in plan.findings if f.code == "GS420"]
    assert error.severity == "error" and "under one key, @register(str)" in error.message
    assert "line 11 (b_early) and again at line 21 (a_late)" in error.message, error
    assert not [f for f in plan.findings if f.code == "GS218"]


def test_same_key_expression_kept_early_in_the_old_module_is_a_plan_error(
        tmp_path: Path) -> None:
    """The old module runs its kept code after the new modules': `early` kept, `late`
    moved, `early` wins, whatever the layout."""
    config = make_project(tmp_path, _SAME_KEY, {"one": ["late", "number"]},
                          keep=["early"], package="pkg/big_parts")
    plan, _ = plan_texts(config)
    assert [f.code for f in plan.findings if f.code == "GS420"] == ["GS420"], plan.findings


def test_same_key_expression_in_source_order_is_no_error(tmp_path: Path) -> None:
    """`early` in `a_early`, `late` in `b_late`: the facade imports them in source order
    and `late` still wins: no GS420."""
    config = make_project(tmp_path, _SAME_KEY, {"a_early": ["early", "number"],
                                                "b_late": ["late"]})
    plan, _ = plan_texts(config)
    assert not [f for f in plan.findings if f.code == "GS420"], plan.findings
