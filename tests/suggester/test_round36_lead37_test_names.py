"""Round 36 (lead, from trial37): suggest never names a module as test runners name
theirs. squad's Celery tasks had a module `tests` (its tasks run test jobs), which squad's
pytest `python_files = test*.py` matches, as unittest's and Django's discovery pattern
`test*.py` does; pytest's own default takes `*_test.py` too."""

from __future__ import annotations

import pytest
from graphkit import names_of

from godsplit.suggester.naming import valid_name

SOURCE = '''
def test_run_submit(job):
    return test_run_fetch(job)


def test_run_fetch(job):
    return job


def test_run_cancel(job):
    return test_run_fetch(job)


def notify_build(build):
    return notify_email(build)


def notify_email(build):
    return build


def notify_cancel(build):
    return notify_email(build)
'''


@pytest.mark.parametrize("name", ["tests", "test", "testing", "test_runs", "run_test", "conftest"])
def test_a_name_test_runners_collect_is_never_a_module_name(name: str) -> None:
    assert not valid_name(name, set())


@pytest.mark.parametrize("name", ["latest", "contest", "attestation", "runner"])
def test_a_name_that_only_contains_test_is_one(name: str) -> None:
    assert valid_name(name, set())


def test_a_group_of_test_run_tasks_is_not_named_for_test_runners() -> None:
    names, _ = names_of(SOURCE, [["test_run_submit", "test_run_fetch", "test_run_cancel"],
                                 ["notify_build", "notify_email", "notify_cancel"]])
    assert names[1] == "notify", names
    assert not any(n.startswith("test") or n.endswith("_test") for n in names), names
