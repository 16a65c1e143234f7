"""The plan makes the static check verify makes after writing: a mapping that would lose
a name of the old module is a plan error (GS113), never a rollback at apply."""

from __future__ import annotations

from pathlib import Path

from splitkit import apply, make_project, plan_texts

# `del Y` runs before `Y` is bound: it stays in the old module while `Y` moves, so the
# facade would import `Y` and then delete it (found by the fuzzer).
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


def test_a_kept_statement_that_deletes_a_moved_name_is_a_plan_error(tmp_path: Path) -> None:
    config = make_project(tmp_path, DELETED_BEFORE_DEFINED, {"a": ["other"]})
    before = (tmp_path / "pkg/big.py").read_text()
    plan, _ = plan_texts(config)
    assert [f.code for f in plan.errors] == ["GS113"], plan.findings
    assert "no longer binds: Y" in plan.errors[0].message
    assert "`keep`" in plan.errors[0].message
    result = apply(config)
    assert not result.written and not result.rolled_back
    assert (tmp_path / "pkg/big.py").read_text() == before


def test_keeping_the_name_makes_the_plan_clean(tmp_path: Path) -> None:
    config = make_project(tmp_path, DELETED_BEFORE_DEFINED, {"a": ["other"]}, keep=["Y"])
    plan, _ = plan_texts(config)
    assert not plan.errors, plan.findings
    result = apply(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]
