"""Round 25 (trial25b): enterprise-catalog (openedx, Django + Celery), `suggest --write`
for `enterprise_catalog/apps/api/tasks.py` (1,595 lines) gave modules `index` and
`algolia` that import each other (a call-time cycle, placed at the end of `index`): the
split was verified and the project's tests passed, but the project's own `make lint`
(pylint with its `pylintrc`) failed with R0401 cyclic-import, which no pragma silences.
The hand mapping had the same (`algolia_index` <-> `algolia_products`), and the plan said
only "at the end (call-time cycle)". Now the plan warns (GS224) where the project's pylint
reports cyclic-import, naming the imports that close the cycle."""

from __future__ import annotations

from pathlib import Path

from splitkit import make_project, plan_texts

SOURCE = """\
def products(keys):
    return [reindex_prefix() + k for k in keys]


def reindex_prefix():
    return "tmp-"


def index_task(keys):
    return products(keys)
"""
MODULES = {"index": ["index_task", "reindex_prefix"], "algolia": ["products"]}


def test_a_cycle_between_new_modules_is_a_warning_under_pylint(tmp_path: Path) -> None:
    (tmp_path / "pylintrc").write_text("[MESSAGES CONTROL]\ndisable = invalid-name\n")
    plan, _ = plan_texts(make_project(tmp_path, SOURCE, MODULES))
    [warning] = [f for f in plan.findings if f.code == "GS224"]
    assert warning.severity == "warning"
    assert warning.message.startswith(
        "new modules algolia, index import each other (algolia imports reindex_prefix from "
        "index; index imports products from algolia): the project's pylint (pylintrc) "
        "reports cyclic-import (R0401)")
    assert not [f for f in plan.findings if f.severity == "error"]


def test_no_warning_without_pylint_or_where_it_does_not_report_cycles(tmp_path: Path) -> None:
    plan, _ = plan_texts(make_project(tmp_path / "a", SOURCE, MODULES))
    assert not [f for f in plan.findings if f.code == "GS224"]  # no pylint config
    (tmp_path / "b").mkdir()
    (tmp_path / "b/.pylintrc").write_text("[MESSAGES CONTROL]\ndisable = cyclic-import\n")
    plan, _ = plan_texts(make_project(tmp_path / "b", SOURCE, MODULES))
    assert not [f for f in plan.findings if f.code == "GS224"]
    (tmp_path / "c").mkdir()
    (tmp_path / "c/pylintrc").write_text("[MESSAGES CONTROL]\ndisable = invalid-name\n")
    acyclic = {"index": ["index_task"], "algolia": ["products", "reindex_prefix"]}
    plan, _ = plan_texts(make_project(tmp_path / "c", SOURCE, acyclic))
    assert not [f for f in plan.findings if f.code == "GS224"]
