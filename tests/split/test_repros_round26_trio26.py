"""Round 26 (trio26): what the import check compares, and kept attrs classes in the facade.

The import check (`probe._moved`) compared the signatures and type hints only of functions
and classes whose `__module__` names a module code moved between. A package that renames
its exports' `__module__` to a public module (trio's `Task.__module__ = "trio.lowlevel"`,
httpx's `__module__ = "httpx"`) hid them: a changed hint on such an object was "verified".
They are now paired by the name the old module binds them under (the names its own code
binds), whatever their `__module__` says.
"""

from __future__ import annotations

from pathlib import Path

from godsplit.split.import_check import before_split, import_findings
from godsplit.split.plan import plan_split

from splitkit import apply, make_project

RENAMED = '''\
    class Task:
        def run(self, limit: int) -> int:
            return limit


    def spawn(task: Task, name: str) -> Task:
        return task
    '''

PUBLIC = '''\
    from .big import Task, spawn

    for _obj in (Task, spawn):
        _obj.__module__ = "pkg"
    '''


def test_a_hint_change_on_an_object_whose_module_the_package_renames_is_reported(
        tmp_path: Path) -> None:
    config = make_project(tmp_path, RENAMED, {"tasks": ["Task", "spawn"]},
                          files={"pkg/__init__.py": PUBLIC})
    plan, _ = plan_split(config, config.splits[0])
    assert not plan.errors, [f.render() for f in plan.errors]
    before = before_split(config, plan)
    result = apply(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]
    verified = [f for f in import_findings(config, plan, before) if f.code == "GS400"]
    assert len(verified) == 1 and "type hints of 3 moved functions" in verified[0].message, \
        [f.render() for f in import_findings(config, plan, before)]
    # seeded: the moved method's hint changes; its class's `__module__` is "pkg" before and
    # after, so only the name the old module binds it under pairs it
    (new,) = [m for m in plan.modules if m.name == "tasks"]
    text = new.path.read_text()
    assert "limit: int" in text
    new.path.write_text(text.replace("limit: int", "limit: str"))
    findings = import_findings(config, plan, before)
    assert [f.code for f in findings if f.severity == "error"] == ["GS408"], \
        [f.render() for f in findings]
    (changed,) = [f for f in findings if f.code == "GS408"]
    assert "Task.run" in changed.message and "limit: str" in changed.message
