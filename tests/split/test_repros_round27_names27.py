"""Round 27 (names27): GS144's advice for an attrs class already kept in the old module.

A kept attrs class is made in the facade, which runs the kept code before or after the moved
names' re-exports; when neither gives its `__init__` the type hints it had, the plan refuses
(GS144). The advice said "keep Kept and Late in the old module", though Kept was kept: it now
names only what is left to keep, and following it plans clean.
"""

from __future__ import annotations

from pathlib import Path

from test_repros_round26_trio26 import ATTRS

from godsplit.split.plan import plan_split

from splitkit import make_project

KEPT = """\
    from __future__ import annotations

    import attrs


    class Early:
        pass


    @attrs.define
    class Kept:
        early: Early
        late: Late


    class Late:
        pass
    """


def test_gs144_for_a_kept_class_advises_keeping_only_what_is_not_kept(tmp_path: Path) -> None:
    files = {"attrs/__init__.py": ATTRS}
    config = make_project(
        tmp_path / "a", KEPT, {"early": ["Early"], "late": ["Late"]}, files=files, keep=["Kept"]
    )
    plan, _ = plan_split(config, config.splits[0])
    (refusal,) = [f for f in plan.errors if f.code == "GS144"]
    assert "keep Kept" not in refusal.message
    assert "Kept stays there, but the facade (__init__.py)" in refusal.message
    assert "keep Late, defined below it, in the old module too" in refusal.message
    assert refusal.names == ("Kept", "Late")
    # the advice, followed: the facade makes Kept after the re-exports, Late not bound yet
    config = make_project(tmp_path / "b", KEPT, {"early": ["Early"]}, files=files, keep=["Kept", "Late"])
    plan, _ = plan_split(config, config.splits[0])
    assert not plan.errors, [f.render() for f in plan.errors]
