"""Round 26 (trio26): what the import check compares, and kept attrs classes in the facade.

The import check (`probe._moved`) compared the signatures and type hints only of functions
and classes whose `__module__` names a module code moved between. A package that renames
its exports' `__module__` to a public module (trio's `Task.__module__ = "trio.lowlevel"`,
httpx's `__module__ = "httpx"`) hid them: a changed hint on such an object was "verified".
They are now paired by the name the old module binds them under (the names its own code
binds), whatever their `__module__` says.

attrs writes a class's `__init__` with globals copied from its module's namespace when the
class is made, so `get_type_hints(C.__init__)` sees the names bound above the class only
(GS144, round 25). A kept attrs class runs in the facade, before the re-exports (what new
modules import) or after them: trio 0.35.0's `_core/_run.py` with its attrs classes kept
was still refused, because early `Task` lacked `Nursery` (moved, defined above it) and late
`CancelStatus` and `GuestState` had `CancelScope`/`Runner` (defined below them). Each kept
attrs class now runs in the group that gives the old outcome (`split/attrs_order.py`).
The project's `attrs` here is a stand-in doing what attrs 26.1 does for `define` (the copy,
and an `__init__` annotated with the fields' annotations).
"""

from __future__ import annotations

from pathlib import Path

from godsplit.split.import_check import before_split, import_findings
from godsplit.split.plan import plan_split

from splitkit import apply, make_project, run_python

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


ATTRS = '''\
    import sys


    def define(cls=None, **options):
        def build(cls):
            fields = [n for n in cls.__dict__.get("__annotations__", {})]
            args = ", ".join(fields)
            body = "".join(f"    self.{n} = {n}\\n" for n in fields) or "    pass\\n"
            globs = {}
            if cls.__module__ in sys.modules:
                # This makes typing.get_type_hints(CLS.__init__) resolve string types.
                globs.update(sys.modules[cls.__module__].__dict__)
            exec(f"def __init__(self, {args}):\\n{body}", globs)
            init = globs["__init__"]
            init.__annotations__ = {**cls.__annotations__, "return": None}
            init.__qualname__ = f"{cls.__qualname__}.__init__"
            init.__module__ = cls.__module__
            cls.__init__ = init
            return cls
        return build if cls is None else build(cls)
    '''

RUN = '''\
    from __future__ import annotations

    from typing import TYPE_CHECKING

    import attrs

    if TYPE_CHECKING:
        import types


    @attrs.define
    class Deadlines:
        heap: list[CancelScope]


    @attrs.define
    class CancelStatus:
        scope: CancelScope
        parent: CancelStatus | None


    @attrs.define
    class CancelScope:
        deadline: float


    @attrs.define
    class Nursery:
        status: CancelStatus


    @attrs.define
    class Task:
        nursery: Nursery
        coro: types.CoroutineType


    @attrs.define
    class GuestState:
        runner: Runner


    class Runner:
        deadlines = Deadlines

        def spawn(self, nursery: Nursery) -> Task:
            return Task(nursery, None)
    '''

CLASSES = ("Deadlines", "CancelStatus", "CancelScope", "Nursery", "Task", "GuestState")

RUN_HINTS = f'''
    import typing
    import pkg.big as b
    for name in {CLASSES!r}:
        try:
            print(name, sorted(typing.get_type_hints(getattr(b, name).__init__)))
        except NameError as exc:
            print(name, exc)
    print(type(b.Runner().spawn(b.Nursery(None))).__name__)
    '''


def test_kept_attrs_classes_run_in_the_facade_where_their_init_sees_what_it_saw(
        tmp_path: Path) -> None:
    files = {"attrs/__init__.py": ATTRS}
    make_project(tmp_path / "before", RUN, {}, files=files)
    hints = run_python(tmp_path / "before", RUN_HINTS)
    assert ("CancelStatus name 'CancelScope' is not defined\nCancelScope ['deadline', 'return']\n"
            "Nursery ['return', 'status']\nTask name 'types' is not defined\n"
            "GuestState name 'Runner' is not defined\nTask\n") in hints
    keep = ["Deadlines", "CancelStatus", "CancelScope", "Task", "GuestState"]
    config = make_project(tmp_path / "after", RUN, {"nursery": ["Nursery"], "runner": ["Runner"]},
                          files=files, keep=keep, **{"keep-module-name": True})
    plan, _ = plan_split(config, config.splits[0])
    assert not plan.errors, [f.render() for f in plan.errors]
    result = apply(config)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]
    assert run_python(tmp_path / "after", RUN_HINTS) == hints
    facade = (tmp_path / "after" / "pkg" / "big" / "__init__.py").read_text()
    reexports = facade.index("from .nursery import")
    early = [facade.index(f"class {name}") for name in ("Deadlines", "CancelStatus", "GuestState")]
    assert max(early) < reexports < facade.index("class Task"), facade
