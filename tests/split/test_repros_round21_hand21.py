"""Round 21 (hand21): the hand-over that ends a module of a mixed import cycle, when the
old module runs again while its new modules stay imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from splitkit import make_project, plan_texts, run_before_and_after

# mock's shape: `patch` stays in the facade and reads `_patch` at import time
# (`patch.object = _patch`); `_patch`, moved, reads `patch` at call time: the facade hands
# `patch` over to the new module once it is defined.
PATCH = """
    class _patch:
        def prefix(self):
            return patch.TEST_PREFIX


    def patch():
        return _patch()


    patch.TEST_PREFIX = "test"
    patch.object = _patch
"""

# mock's `test_dotted_but_module_not_loaded`: inside `patch.dict("sys.modules")` it deletes
# the old module and imports it again; the new modules stay imported. Afterwards the first
# import's objects are used again (`test_patch_test_prefix` sets `patch.TEST_PREFIX`).
AGAIN = """
    import sys

    import pkg.big as first

    saved = dict(sys.modules)
    del sys.modules["pkg.big"]
    import pkg.big as second

    sys.modules.clear()
    sys.modules.update(saved)
    first.patch.TEST_PREFIX = "foo"
    print(first.patch().prefix(), first.patch.object().prefix(), second is not first)
"""


def test_a_second_import_of_the_old_module_leaves_the_first_its_names(tmp_path: Path) -> None:
    """The second facade handed its own `patch` to the new module the first import had
    made, overwriting the first facade's: the first import's `patch()` made a `_patch`
    that read the second's `patch.TEST_PREFIX` (mock's `test_patch_test_prefix` failed in
    the full run after a split that was "verified"). The hand-over gives a name only
    where the module lacks it."""
    before, after, result = run_before_and_after(tmp_path, PATCH, {"importer": ["_patch"]}, AGAIN,
                                                 keep=["patch"])
    assert before == "foo foo True\n"
    assert after == before
    assert result.written and not result.errors


def test_the_hand_over_text(tmp_path: Path) -> None:
    """What is written: a `setdefault` for each name (a name bound only under a condition,
    only if bound); the facade of a module the project reloads still overwrites (a reload
    runs every module again in place, and the peers take the new objects)."""
    plan, texts = plan_texts(make_project(tmp_path / "a", PATCH, {"importer": ["_patch"]},
                                          keep=["patch"]))
    assert not plan.errors
    assert ('if f"{__package__}.importer" in _godsplit_sys.modules:\n'
            '    vars(_godsplit_sys.modules[f"{__package__}.importer"]).setdefault("patch", patch)\n'
            ) in texts["pkg/big/__init__.py"]
    files = {"pkg/tests.py": "import importlib\n\nimport pkg.big\n\nimportlib.reload(pkg.big)\n"}
    plan, texts = plan_texts(make_project(tmp_path / "b", PATCH, {"importer": ["_patch"]},
                                          keep=["patch"], files=files))
    assert not plan.errors
    assert ('if f"{__package__}.importer" in _godsplit_sys.modules:\n'
            '    vars(_godsplit_sys.modules[f"{__package__}.importer"]).update(patch=patch)\n'
            ) in texts["pkg/big/__init__.py"]


@pytest.mark.parametrize("bound", [False, True])
def test_a_conditional_name_is_handed_only_if_bound_and_lacking(bound: bool) -> None:
    import types

    from godsplit.split.handover import hand_over

    peer = types.ModuleType("peer")
    peer.HAS = "first"  # type: ignore[attr-defined]
    fake_sys = types.SimpleNamespace(modules={"peer": peer})
    code = hand_over([('"peer"', ("HAS", "Decoder"))], "fake_sys", {"Decoder"})
    namespace: dict[str, object] = {"fake_sys": fake_sys, "HAS": "second"}
    if bound:
        namespace["Decoder"] = object
    exec(code, namespace)
    assert vars(peer)["HAS"] == "first"  # the module had it: kept
    assert ("Decoder" in vars(peer)) is bound
    compile(code, "handover.py", "exec")


# A mixed cycle between two new modules: `kin` (imported first) needs `Base` at import
# time; `base` needs `Child` only at call time, from a guarded import that fails on the
# first import (`kin` is mid-import) and `kin` hands `Child` over when done. Run again in
# place by a reload, `base`'s guarded import finds the first import's `Child` still in
# `kin`: only a hand-over that overwrites gives it the new one.
MIXED = """
    class Base:
        def make(self):
            return Child()


    class Child(Base):
        pass
"""

RELOAD = """
    import importlib

    import pkg.big as m

    old_base = m.Base
    importlib.reload(m)
    print(type(m.Base().make()) is m.Child, type(old_base().make()) is m.Child)
"""


def test_a_reload_of_the_old_module_still_hands_the_new_names_over(tmp_path: Path) -> None:
    """A reload runs the module's code again in place: before the split, both the new and
    the old `Base.make` made the new `Child`. The facade of a module the project reloads
    (GS136) runs the new modules again, and there the hand-over overwrites."""
    before, after, result = run_before_and_after(
        tmp_path, MIXED, {"kin": ["Child"], "oldbase": ["Base"]}, RELOAD,
        files={"pkg/reloading.py": "import importlib\n\nimport pkg.big\n\n"
                                   "importlib.reload(pkg.big)\n"})
    assert before == "True True\n"
    assert after == before
    assert any(f.code == "GS136" for s in result.splits for f in s.findings)


def test_deleting_the_old_module_from_sys_modules_is_a_warning(tmp_path: Path) -> None:
    """The second import after `del sys.modules["old"]` ran only the facade again: the new
    modules' objects were the first import's (before the split, made anew). GS149 names
    where the project does it (`del`, `.pop`), and the plan goes on; since round 22 the
    facade imports its new modules anew there, and GS149 is an info that says so."""
    files = {"pkg/test_again.py": """
        import sys


        def test_again():
            del sys.modules["pkg.big"], sys.modules["pkg"]
            sys.modules.pop('pkg.big', None)
            sys.modules.pop("pkg.other", None)
            del sys.modules["pkg.bigger"]
    """}
    plan, _ = plan_texts(make_project(tmp_path, PATCH, {"importer": ["_patch"]}, keep=["patch"],
                                      files=files))
    assert not plan.errors
    found = [(f.severity, Path(f.path).name, f.line) for f in plan.findings if f.code == "GS149"]
    assert found == [("info", "test_again.py", 5), ("info", "test_again.py", 6)]
    [first] = [f for f in plan.findings if f.code == "GS149"][:1]
    assert "imports its new modules anew too" in first.message  # round 22: it does


def test_config_errors_name_the_line_of_their_key(tmp_path: Path) -> None:
    """README 17(g): `keep = ["nothere"]` was reported at the `[[split]]` header's line, a
    missing `source` at no line of the config file at all (`~` is not expanded)."""
    from godsplit.config import load_config
    from godsplit.split.plan import plan_split
    from godsplit.types import GodsplitError

    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").touch()
    (tmp_path / "pkg" / "big.py").write_text("def a():\n    return 1\n\n\ndef b():\n    return 2\n")
    toml = tmp_path / "godsplit.toml"
    toml.write_text('verify-import = false\n\n[[split]]\nsource = "pkg/big.py"\nkeep = [\n'
                    '    "a",\n    "nothere",\n]\nmodules.one = ["b"]\n')
    config = load_config(toml)
    plan, _ = plan_split(config, config.splits[0])
    [error] = [f for f in plan.errors if f.code == "GS101"]
    assert (Path(error.path).name, error.line) == ("godsplit.toml", 7)
    from godsplit.split.apply import plan_all

    toml.write_text('[[split]]\nmodules.one = ["b"]\nsource = "~/big.py"\n')
    with pytest.raises(GodsplitError) as raised:
        plan_all(load_config(toml))
    assert (Path(raised.value.path or "").name, raised.value.line) == ("godsplit.toml", 3)
    assert "split[0].source: source file not found: ~/big.py (`~` is not expanded" in (
        raised.value.message)
