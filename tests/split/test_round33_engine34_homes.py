"""Round 33 (engine34, README item 30 (a)): the import check compares each class's and
function's `__module__` with what the plan says it becomes (GS424).

The probe maps the split's module names to one placeholder before comparing what it reads
(a moved class's signature is the same wherever it lives), and compared no `__module__` at
all: a keep-module-name rename that did not happen (colander's class made by a metaclass
call, round 32) compared equal, and the split said "verified" while pickles, reprs and
lookups by module name saw the new module. Now a name the plan keeps under the old
module's name must report it exactly, and a moved one its new module."""

from __future__ import annotations

from pathlib import Path

import pytest

from godsplit.split import facade, render
from godsplit.split.import_check import check_plans

from splitkit import apply, make_project, plan_texts, run_before_and_after, run_python

SOURCE = """
    import functools


    def logged(func):
        @functools.wraps(func)
        def wrapper(*args):
            return func(*args)

        return wrapper


    def bare(func):
        def inner(*args):
            return func(*args)

        return inner


    class Job:
        def run(self):
            return 1

        @classmethod
        def make(cls):
            return cls()

        @staticmethod
        def tag():
            return "job"

        @property
        def size(self):
            return 2


    class Foreign:
        __module__ = "elsewhere"


    @logged
    def wrapped():
        return 3


    @bare
    def unwrapped():
        return 4


    Made = type("Made", (), {})
"""

MAPPING = {"jobs": ["Job", "Foreign"], "funcs": ["wrapped", "unwrapped", "Made"]}

CHECK = """
    import pickle
    import pkg.big as big
    for name in ("Job", "Foreign", "wrapped", "unwrapped", "Made"):
        print(name, getattr(big, name).__module__)
    print(big.Job.run.__module__, big.Job.make.__module__, big.Job.tag.__module__)
    print(pickle.loads(pickle.dumps(big.Job())).run())
"""

LAYOUTS = [{}, {"package": "pkg/big_parts"}]  # a package facade; new modules beside it


def _findings(result: object) -> list[str]:
    return [f.render() for s in result.splits for f in s.findings]  # type: ignore[attr-defined]


@pytest.mark.parametrize("layout", LAYOUTS, ids=["package", "sibling"])
def test_keep_module_name_splits_verify_with_every_module_name_compared(
        tmp_path: Path, layout: dict[str, str]) -> None:
    before, after, result = _run(tmp_path, layout, True)
    assert before == after
    assert "Job pkg.big\nForeign elsewhere\nwrapped pkg.big\nunwrapped pkg.big\nMade pkg.big" in after
    [verified] = [f for s in result.splits for f in s.findings if f.code == "GS400"]
    # logged and bare (moved with their readers), Job, its run, make and tag, Foreign, Made,
    # wrapped (not unwrapped: it is `bare`'s inner, reporting the module `bare` is in)
    assert "the `__module__` of 9 functions, classes and methods, as planned" in verified.message


@pytest.mark.parametrize("layout", LAYOUTS, ids=["package", "sibling"])
def test_without_keep_module_name_moved_names_report_their_new_module(
        tmp_path: Path, layout: dict[str, str]) -> None:
    _, after, result = _run(tmp_path, layout, False)
    new = "pkg.big" if not layout else "pkg.big_parts"
    assert (f"Job {new}.jobs\nForeign elsewhere\nwrapped {new}.funcs\nunwrapped {new}.funcs\n"
            f"Made {new}.funcs\n{new}.jobs {new}.jobs {new}.jobs\n") in after
    [verified] = [f for s in result.splits for f in s.findings if f.code == "GS400"]
    # not Made: a class made by a call in moved code may take its metaclass's module
    assert "the `__module__` of 8 functions, classes and methods, as planned" in verified.message


def _run(root: Path, layout: dict[str, str], keep: bool) -> tuple[str, str, object]:
    return run_before_and_after(root, SOURCE, MAPPING, CHECK, **layout,
                                **{"keep-module-name": keep})


def _no_rename_of(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Break keep-module-name on purpose: the code godsplit writes leaves `name` out."""
    for module in (render, facade):
        real = module.keep_names
        monkeypatch.setattr(module, "keep_names", lambda *a, _real=real: [  # type: ignore[misc]
            n for n in _real(*a) if n != name])


@pytest.mark.parametrize("layout", LAYOUTS, ids=["package", "sibling"])
def test_a_rename_that_does_not_happen_is_a_difference_and_nothing_is_written(
        tmp_path: Path, layout: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    _no_rename_of("Job", monkeypatch)
    config = make_project(tmp_path, SOURCE, MAPPING, **layout, **{"keep-module-name": True})
    source = (tmp_path / "pkg/big.py").read_text()
    result = apply(config)
    assert not result.written, _findings(result)
    [found] = [f for s in result.splits for f in s.findings if f.code == "GS424"]
    new = "pkg.big.jobs" if not layout else "pkg.big_parts.jobs"
    assert found.severity == "error" and found.names == ("Job",)
    assert found.line == 19  # `class Job:`
    assert f"Job (pkg.big -> {new}; planned: pkg.big)" in found.message
    assert f"Job.run (pkg.big -> {new}; planned: pkg.big)" in found.message
    assert (tmp_path / "pkg/big.py").read_text() == source
    assert not (tmp_path / "pkg/big_parts").exists()
    # plan's import check (in a scratch copy) says so before apply
    plan, _ = plan_texts(config)
    checked = check_plans(config, [plan])["pkg.big"]
    assert checked.ran and [f.code for f in checked.findings] == ["GS424"]


# A class a metaclass call at the top makes (`Node = _Meta("Node", (), {})`) takes its
# `__module__` from the module whose code runs `type.__new__`: with a `__new__` of the
# metaclass's own, the metaclass's module. With the new modules beside the old module, the
# rename in `nodes.py` reached only what reported `nodes` itself, so `Node` said
# `pkg.big_parts.meta` after a split that said "verified" (GS424 then rolled it back: a
# plan with 0 errors); the rename in each new module now covers every module of the
# package of new modules.
MADE = """
    class _Meta(type):
        def __new__(mcs, name, bases, ns):
            return super().__new__(mcs, name, bases, ns)


    Node = _Meta("Node", (), {})


    def other():
        return 1
"""


def test_a_made_class_reports_the_old_module_beside_the_old_module(tmp_path: Path) -> None:
    config = make_project(tmp_path, MADE, {"meta": ["_Meta"], "nodes": ["Node"], "misc": ["other"]},
                          package="pkg/big_parts", **{"keep-module-name": True})
    assert run_python(tmp_path, "import pkg.big as b; print(b.Node.__module__)") == "pkg.big\n"
    result = apply(config)
    assert result.written and not result.rolled_back, _findings(result)
    assert not [f for s in result.splits for f in s.findings if f.code == "GS424"]
    out = run_python(tmp_path, "import pkg.big as b; print(b.Node.__module__, b._Meta.__module__)")
    assert out == "pkg.big pkg.big\n"
