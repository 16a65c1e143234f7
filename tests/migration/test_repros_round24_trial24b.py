"""`retire`'s note on `celery -A` (round 24, trial24b).

On lemur (`lemur/common/celery.py`), the same `-A lemur.common.celery` appears twice in
its production docs and once in the module's docstring. `retire` said, and wrote into
the kept `__init__.py`, "keeps `celery_app` for Celery's `-A lemur.common.celery`
(docs/production/index.rst:468), `-A lemur.common.celery` (docs/production/index.rst:472),
`-A lemur.common.celery` (lemur/common/celery/__init__.py:7)": one spec, three times.
Each spec is now said once, with its places (a file's lines together).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import cast

import libcst as cst
import pytest

from godsplit.migration.celery_app import AppRef, app_block, app_specs
from godsplit.migration.homes import Homes
from godsplit.migration.patch import _may_build


def _refs(root: Path) -> list[AppRef]:
    old = "lemur.common.celery"
    return [AppRef(root / "docs/production/index.rst", 468, old, old, ""),
            AppRef(root / "docs/production/index.rst", 472, old, old, ""),
            AppRef(root / "lemur/common/celery/__init__.py", 7, old, old, ""),
            AppRef(root / "Procfile", 1, f"{old}:celery_app", old, "celery_app"),
            AppRef(root / "Procfile", 2, "other.app", "other", "")]


@dataclass(frozen=True)
class _Split:
    """What `app_specs` and `app_block` read of an applied split."""

    old_module: str = "lemur.common.celery"

    def new_home(self, name: str) -> str | None:
        return {"celery_app": "lemur.common.celery.app"}.get(name)


def _homes() -> Homes:
    return cast(Homes, _Split())


def test_each_celery_a_spec_is_said_once_with_all_its_places(tmp_path: Path) -> None:
    assert app_specs(_refs(tmp_path), _homes(), tmp_path) == (
        "Celery's `-A lemur.common.celery` (docs/production/index.rst:468, 472; "
        "lemur/common/celery/__init__.py:7), `-A lemur.common.celery:celery_app` "
        "(Procfile:1)")


def test_the_kept_init_comment_names_the_spec_once(tmp_path: Path) -> None:
    block = app_block(["celery_app"], _refs(tmp_path), _homes(), tmp_path, True, 88)
    assert block.count("-A lemur.common.celery`") == 1
    assert block.endswith("from .app import celery_app  # noqa: F401\n")


# MIT Learn: after the split of `learning_resources_search/tasks.py`, `retire` refused
# with 6 uses left, one of them `mocker.patch(f"learning_resources.tasks.{task_attr}")`
# in `learning_resources/etl/edx_shared_test.py`: a patch of another app's `tasks`
# module, taken for the old module because its last part, `tasks`, was in the f-string.
@pytest.mark.parametrize(("code", "may"), [
    ('f"learning_resources.tasks.{attr}"', False),
    ('"learning_resources." + "tasks." + attr', True),  # pieces: left to a hand edit
    ('f"other.learning_resources_search.tasks.{attr}"', True),
    ('f"learning_resources_search.tasks.{attr}"', True),
    ('f"learning_resources_search.{mod}.{attr}"', False),
    ('f"{pkg}.tasks.{attr}"', True),
    ('f"tasks.{attr}"', True),
    ('f"{pkg}.learning_resources.tasks.{attr}"', True),
])
def test_a_run_time_patch_target_of_another_tasks_module_is_not_a_use(
        code: str, may: bool) -> None:
    node = cst.parse_expression(code)
    assert _may_build(node, code, "learning_resources_search.tasks") is may
