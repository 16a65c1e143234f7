"""The plan makes the static check verify makes after writing: a mapping that would lose
a name of the old module is a plan error (GS113), never a rollback at apply."""

from __future__ import annotations

from pathlib import Path

from splitkit import apply, make_project, plan_texts

# `del Y` runs before `Y` is bound again (found by the fuzzer). It once stayed in the old
# module while `Y` moved (a plan error, GS113); a `del` now moves with what it deletes.
DELETED_BEFORE_DEFINED = """
    try:
        Y = 0
    except NameError:
        pass
    del Y


    Y = 1


    def other():
        return Y
"""


def test_a_del_moves_with_the_name_it_deletes(tmp_path: Path) -> None:
    config = make_project(tmp_path, DELETED_BEFORE_DEFINED, {"a": ["other"]})
    plan, texts = plan_texts(config)
    assert not plan.errors, plan.findings
    assert "del Y\n" in texts["pkg/big/a.py"]
    result = apply(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]


def test_keeping_the_name_makes_the_plan_clean(tmp_path: Path) -> None:
    config = make_project(tmp_path, DELETED_BEFORE_DEFINED, {"a": ["other"]}, keep=["Y"])
    plan, _ = plan_texts(config)
    assert not plan.errors, plan.findings
    result = apply(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]
