"""Round 24 (smalls24): small true defects of README items 19 and 20."""

from __future__ import annotations

from pathlib import Path

import pytest

from splitkit import make_project, plan_texts

_CYCLE = """
    def associate_related_instances_with_docket(x):
        return first_helper_function_name(x) + 1


    def first_helper_function_name(x):
        if x:
            return associate_related_instances_with_docket(x - 1)
        return 0
"""
_MODULES = {"associate_related": ["associate_related_instances_with_docket"],
            "mark_pq_items": ["first_helper_function_name"]}
_RUFF = '[tool.ruff]\nline-length = 79\n[tool.ruff.lint]\nselect = ["E", "F", "I", "UP", "W"]\n'
_PRE_COMMIT = ("repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n"
               "    rev: v{}\n    hooks:\n      - id: ruff\n")


@pytest.mark.parametrize("pin", ["0.14.11", None])
def test_noqa_cycle_import_wrapped_for_an_older_pinned_ruff_not_found(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pin: str | None) -> None:
    """CourtListener pins ruff 0.14.11 in pre-commit only (not installed here): godsplit
    sorts with its own ruff (0.17+, which does not count a `# noqa` comment's width), and
    ruff 0.14.11 then wanted the 87-column cycle import wrapped (I001). The import is
    written wrapped with its noqa on the first line: clean under both ruffs, E402 still
    suppressed. Without a pin, godsplit's own ruff's form is kept."""
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "no-pre-commit"))
    files = {"pyproject.toml": _RUFF}
    if pin is not None:
        files[".pre-commit-config.yaml"] = _PRE_COMMIT.format(pin)
    plan, texts = plan_texts(make_project(tmp_path, _CYCLE, _MODULES, path="cl/recap/tasks.py",
                                          files=files))
    assert not plan.errors
    text = texts["cl/recap/tasks/mark_pq_items.py"]
    one_line = "from .associate_related import associate_related_instances_with_docket  # noqa: E402\n"
    wrapped = ("from .associate_related import (  # noqa: E402\n"
               "    associate_related_instances_with_docket,\n)\n")
    if pin is None:
        assert one_line in text
    else:
        assert wrapped in text and one_line not in text
