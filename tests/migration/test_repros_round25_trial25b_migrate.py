"""Round 25 (trial25b): enterprise-catalog (openedx, Django + Celery), `migrate` after the
hand split of `enterprise_catalog/apps/api/tasks.py` (1,595 lines) rewrote 111 uses in 6
files, and its tests' `@mock.patch('enterprise_catalog.apps.api.tasks.get_initialized_algolia_client',
return_value=mock.MagicMock())` (118 columns) became 128 columns: 17 new pylint C0301
(line-too-long, the project's `pylintrc` says 120) in `test_tasks.py`, among them the
`with` item `migrate` itself adds for a name looked up in two modules, appended to the
last line of a multi-line `with` (184 columns). The project runs no formatter. Now a call
on a line the rewrite pushed over the project's limit is written one argument a line, as
black writes it; a line with a comment is left as it is (a pragma must stay on its line).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.migration.long_lines import wrap_long_calls
from godsplit.migration.sorting import as_the_project_writes

BEFORE = """\
import mock


class T:
    @mock.patch('app.tasks.get_client', return_value=mock.MagicMock())
    def test_one(self):
        with mock.patch(
            'app.tasks.batch',
            side_effect=None,
        ) as batch:
            tasks._delete(a, b)  # pylint: disable=protected-access
"""
AFTER = """\
import mock


class T:
    @mock.patch('app.tasks.index.get_client', return_value=mock.MagicMock())
    def test_one(self):
        with mock.patch(
            'app.tasks.index.batch',
            side_effect=None,
        ) as batch, mock.patch('app.tasks.products.batch_of_them', batch):
            index._delete(a, b, c_much_longer)  # pylint: disable=protected-access
"""
WRAPPED = """\
import mock


class T:
    @mock.patch(
        'app.tasks.index.get_client',
        return_value=mock.MagicMock(),
    )
    def test_one(self):
        with mock.patch(
            'app.tasks.index.batch',
            side_effect=None,
        ) as batch, mock.patch(
            'app.tasks.products.batch_of_them',
            batch,
        ):
            index._delete(a, b, c_much_longer)  # pylint: disable=protected-access
"""


@pytest.mark.parametrize("config", [
    ("pylintrc", "[FORMAT]\nmax-line-length = 72\n"),
    ("setup.cfg", "[flake8]\nmax-line-length = 72\n"),
])
def test_migrate_wraps_a_call_it_pushed_over_the_projects_limit(
        tmp_path: Path, config: tuple[str, str]) -> None:
    name, text = config
    (tmp_path / name).write_text(text)
    path = tmp_path / "test_tasks.py"
    path.write_text(BEFORE)
    assert as_the_project_writes(path, BEFORE, AFTER, {}) == WRAPPED
    assert all(len(line) <= 72 for line in WRAPPED.splitlines() if "#" not in line)


def test_without_a_limit_or_with_lines_long_before_nothing_is_wrapped(tmp_path: Path) -> None:
    path = tmp_path / "test_tasks.py"
    path.write_text(BEFORE)
    assert as_the_project_writes(path, BEFORE, AFTER, {}) == AFTER  # no linter configured
    longer = AFTER.replace("app.tasks.index.get_client", "app.tasks.index.get_client_" + "x" * 20)
    assert as_the_project_writes(path, BEFORE, longer, {}) == longer  # over 88: no config
    long_before = "f('a.b.c.d.e.f.g.h', 1)\n"
    assert wrap_long_calls(long_before, long_before, 10) == long_before  # long before


def test_a_generator_argument_gets_no_trailing_comma() -> None:
    after = "total = sum(len(item.name_of_it) for item in items_list)\n"
    assert wrap_long_calls("", after, 40) == after  # `sum(x for x in y,)` is a syntax error
