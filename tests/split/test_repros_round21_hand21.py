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
