"""Round 22 (reimport22): the project deletes the old module from `sys.modules` and imports
it again (mock's tests do; GS149). Before the split, the second import ran all of the
module's code again: new classes, new module-level state, a new registry, beside the
first import's objects, which keep their own. Split, the facade imports its new modules
anew on such a fresh import (`runtime/fresh_import.py`), and only there."""

from __future__ import annotations

from pathlib import Path

from splitkit import (
    apply,
    make_project,
    plan_texts,
    run_before_and_after,
    run_python,
    same_behaviour,
)

# A registry filled at import time by a class the facade keeps; a mixed import cycle
# between two new modules (`Base.make` reads `Child`, handed over when `kin` is done).
SOURCE = """
    REGISTRY = []


    def register(cls):
        REGISTRY.append(cls)
        return cls


    class Base:
        def make(self):
            return Child()


    class Child(Base):
        pass


    @register
    class Plugin(Base):
        pass
"""
MODULES = {"reg": ["REGISTRY", "register"], "kin": ["Child"], "oldbase": ["Base"]}
DELETES = {"pkg/test_again.py": 'import sys\n\n\ndef test_again():\n    del sys.modules["pkg.big"]\n'}

AGAIN = """
    import sys

    import pkg.big as first

    first.REGISTRY.append("first only")
    del sys.modules["pkg.big"]
    import pkg.big as second

    print(second is not first, second.Base is not first.Base,
          second.Child is not first.Child, second.register is not first.register)
    print(type(second.Base().make()) is second.Child,
          type(first.Base().make()) is first.Child, issubclass(second.Plugin, second.Base))
    print(second.REGISTRY == [second.Plugin], first.REGISTRY == [first.Plugin, "first only"])
    print(sys.modules["pkg.big"] is second, getattr(sys.modules["pkg"], "big") is second)
"""


def test_a_second_import_makes_new_objects_as_before_the_split(tmp_path: Path) -> None:
    """Split, the second facade shared the first import's new modules: the same `Base`,
    `Child`, `register`, and one `REGISTRY` holding both imports' plugins."""
    before, after, result = run_before_and_after(tmp_path, SOURCE, MODULES, AGAIN,
                                                 keep=["Plugin"], files=DELETES)
    assert before == "True True True True\nTrue True True\nTrue True\nTrue True\n"
    assert after == before
    assert any(f.code == "GS149" for s in result.splits for f in s.findings)


# A global bound twice (`STATE = None`, then `STATE = Box()`) stays in the facade and is
# read by a new module that the facade imports before binding it: the facade hands it
# over at its end, in any case (`vars(...)["STATE"] = STATE`).
REBOUND = """
    STATE = None


    def current():
        return STATE


    class Box:
        pass


    STATE = Box()
"""

REBOUND_AGAIN = """
    import sys

    import pkg.big as first

    state = first.current()
    del sys.modules["pkg.big"]
    import pkg.big as second

    print(first.current() is state, second.current() is second.STATE,
          second.STATE is not state, second.current is not first.current)
"""


def test_a_name_bound_twice_is_not_handed_to_the_first_import(tmp_path: Path) -> None:
    """The second facade's hand-over set its own `STATE` in the new module the first
    import had made: the first import's `current()` returned the second import's `Box`."""
    before, after, _ = run_before_and_after(tmp_path, REBOUND, {"reader": ["current"]},
                                            REBOUND_AGAIN, keep=["STATE", "Box"], files=DELETES)
    assert before == "True True True True\n"
    assert after == before


def test_the_first_import_drops_nothing(tmp_path: Path) -> None:
    """The sibling layout: project code imports a new module directly, before the facade
    is first imported; the facade's first import must not import that module anew (two
    `REGISTRY` lists, two `Base` classes). Marked by the first import, it is dropped on
    the second."""
    config = make_project(tmp_path, SOURCE, MODULES, keep=["Plugin"], files=DELETES,
                          package="pkg/parts")
    result = apply(config)
    assert result.written and not result.errors
    out = run_python(tmp_path, """
        import sys

        import pkg.parts.reg as reg
        import pkg.parts.oldbase as oldbase
        import pkg.big as first

        print(first.REGISTRY is reg.REGISTRY, first.Base is oldbase.Base,
              first.REGISTRY == [first.Plugin])
        del sys.modules["pkg.big"]
        import pkg.big as second

        print(second.REGISTRY is not reg.REGISTRY, second.REGISTRY == [second.Plugin],
              sys.modules["pkg.parts.reg"].REGISTRY is second.REGISTRY)
    """)
    assert out == "True True True\nTrue True True\n"


RELOADS = {**DELETES, "pkg/test_reload.py": "import importlib\n\nimport pkg.big\n\n\n"
                                            "def test_reload():\n    importlib.reload(pkg.big)\n"}

RELOAD = """
    import importlib

    import pkg.big as m

    old_base, old_registry = m.Base, m.REGISTRY
    importlib.reload(m)
    print(m.Base is not old_base, type(old_base().make()) is m.Child,
          m.REGISTRY is not old_registry)
"""


def test_a_reload_still_runs_the_new_modules_again_in_place(tmp_path: Path) -> None:
    """Where the project both reloads the old module (GS136) and deletes it (GS149), a
    reload is not a fresh import: the new modules run again in place (the old `Base.make`
    makes the new `Child`), as the reloaded module did."""
    before, after, result = run_before_and_after(tmp_path, SOURCE, MODULES, RELOAD,
                                                 keep=["Plugin"], files=RELOADS)
    assert before == "True True True\n"
    assert after == before
    codes = {f.code for s in result.splits for f in s.findings}
    assert {"GS136", "GS149"} <= codes


def test_the_drop_is_written_only_where_the_project_deletes_the_module(tmp_path: Path) -> None:
    """No `del sys.modules["pkg.big"]` in the project: no generated code for it."""
    _, texts = plan_texts(make_project(tmp_path / "a", SOURCE, MODULES, keep=["Plugin"]))
    assert "_godsplit_imported" not in texts["pkg/big/__init__.py"]
    _, texts = plan_texts(make_project(tmp_path / "b", SOURCE, MODULES, keep=["Plugin"],
                                       files=DELETES))
    facade = texts["pkg/big/__init__.py"]
    assert facade.index('if "_godsplit_imported" not in globals():') < facade.index(
        "from .kin import")
    assert facade.index("\n_godsplit_imported()\n") > facade.index("class Plugin")  # the end


# The live facade forwards a patch of the old module to the new modules that bind the
# name: those of its own import, not whichever are in `sys.modules` now.
PATCHED = """
    def helper():
        return "original"


    def caller():
        return helper()
"""

PATCH_FIRST = """
    import sys

    import pkg.big as first

    del sys.modules["pkg.big"]
    import pkg.big as second

    first.helper = lambda: "patched"
    print(first.caller(), second.caller())
"""


def test_a_patch_of_the_first_import_reaches_its_own_modules(tmp_path: Path) -> None:
    """Imported anew, the old module has new modules of its own; the first import's live
    facade looked its new modules up in `sys.modules` when patched, and patched the
    second import's (`original patched`; before the split: `patched original`)."""
    assert same_behaviour(tmp_path, PATCHED, {"a": ["helper"], "b": ["caller"]}, PATCH_FIRST,
                          files=DELETES) == "patched original\n"


def test_the_runtime_drops_only_what_a_previous_import_marked() -> None:
    """The template as rendered: the first run drops nothing (a module imported directly
    is not marked), a reload (the same namespace) drops nothing, a fresh run drops what
    the first run marked."""
    import sys
    import types
    from importlib.machinery import ModuleSpec

    from godsplit.split import runtime

    names = ("rtfresh_a", "rtfresh_b")
    drop = runtime.render("fresh_import", {"modules": repr(names)}, {"drop"})
    mark = runtime.render("fresh_import", {"modules": repr(names)}, {"mark"})
    for name in names:
        module = types.ModuleType(name)
        module.__spec__ = ModuleSpec(name, None)
        sys.modules[name] = module
    try:
        first: dict[str, object] = {}
        exec(drop, first)
        assert all(name in sys.modules for name in names)  # the first import
        exec(mark, first)
        exec(drop, first)  # a reload: the same namespace
        assert all(name in sys.modules for name in names)
        exec(drop, {})  # imported anew
        assert not any(name in sys.modules for name in names)
        assert "_godsplit_ref" not in first  # the loop's names are not left behind
    finally:
        for name in names:
            sys.modules.pop(name, None)


def test_a_rebound_names_hand_over_is_wrapped_as_black_wraps_it() -> None:
    """README 18(b): `vars(sys.modules[peer])["name"] = name` longer than the line was
    left whole (black splits it at the subscript); it is an `update` call now, wrapped
    as the `setdefault` lines are."""
    import black

    from godsplit.split.handover import hand_over

    peer = 'f"{__package__}.a_long_module_name_for_the_test"'
    code = hand_over([(peer, ("json", "Decoder", "a_longer_name_of_something_else"))],
                     "_godsplit_sys", {"Decoder"},
                     again={"json", "Decoder", "a_longer_name_of_something_else"})
    assert black.format_str(code, mode=black.Mode()) == code.lstrip("\n")
    assert max(len(line) for line in code.splitlines()) <= 88
    module = __import__("types").ModuleType("peer")
    module.json = None  # type: ignore[attr-defined]  # the first value
    namespace = {"_godsplit_sys": __import__("types").SimpleNamespace(
        modules={"pkg.a_long_module_name_for_the_test": module}), "__package__": "pkg",
        "json": "the module", "a_longer_name_of_something_else": 1}
    exec(code, namespace)
    assert vars(module)["json"] == "the module" and "Decoder" not in vars(module)
