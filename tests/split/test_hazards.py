"""Findings for what a split changes beyond imports: identity, names used as strings."""

from __future__ import annotations

from pathlib import Path

from godsplit.split.apply import references

from splitkit import make_project, plan_texts

SOURCE = '''
    class PaymentError(Exception):
        pass


    def total(xs):
        """Sum.

        >>> total([1, 2])
        3
        """
        return sum(xs)
'''


def test_exceptions_and_doctests_are_flagged(tmp_path: Path) -> None:
    plan, _ = plan_texts(make_project(tmp_path, SOURCE, {"a": ["PaymentError", "total"]}))
    codes = {f.code: f.message for f in plan.findings}
    assert "PaymentError moves to a" in codes["GS208"]
    assert "total has doctests" in codes["GS209"]


def test_keep_module_name_silences_them(tmp_path: Path) -> None:
    plan, texts = plan_texts(make_project(
        tmp_path, SOURCE, {"a": ["PaymentError", "total"]}, **{"keep-module-name": True}))
    assert not {"GS208", "GS209"} & {f.code for f in plan.findings}
    facade = texts["pkg/big/__init__.py"]  # once, in the package every module comes through
    assert "_godsplit_keep_module_name((PaymentError, total), __name__)\n" in facade
    assert "_godsplit" not in texts["pkg/big/a.py"]


def test_module_and_task_names_in_strings_are_listed(tmp_path: Path) -> None:
    config = make_project(
        tmp_path, "def add():\n    return 1\n", {"a": ["add"]}, path="app/tasks.py",
        files={"proj/celery.py": '''
            app.autodiscover_tasks()
            imports = ["app.tasks"]
            task_routes = {"app.tasks.add": {"queue": "math"}}
        '''},
    )
    plan, _ = plan_texts(config)
    found = references(config, [plan], rewrite=False)[0][plan.old_module]
    by_code = {(f.code, Path(f.path).name, f.line) for f in found}
    assert ("GS214", "celery.py", 1) in by_code  # autodiscovery
    assert ("GS214", "celery.py", 2) in by_code  # imports setting
    assert ("GS215", "celery.py", 3) in by_code  # route keyed by task name
