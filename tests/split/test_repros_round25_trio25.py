"""Round 25 (trio25): an attrs class's `__init__` resolves its hints in a namespace copy.

attrs writes a class's `__init__` with globals copied from its module's namespace when the
class is made (`_make_init_script`: `globs.update(sys.modules[cls.__module__].__dict__)`),
so `typing.get_type_hints(C.__init__)` sees only the names bound above the class. trio
0.35.0's `_core/_run.py`: `CancelStatus` (line 336) reads `CancelScope`, defined further
down; before the split the hints raise NameError on 'CancelScope', after it (in
`cancellation.py`, which imports what it reads at the top) on 'CancelStatus', or they
resolve (`Deadlines`). The plan said nothing and apply's import check (GS408) rolled the
split back. The plan now predicts it (GS144, at the class).

The project's `attrs` here is a stand-in doing what attrs 26.1 does for `define` (the
copy, and an `__init__` annotated with the fields' annotations); godsplit's tests do not
install attrs.
"""

from __future__ import annotations

from pathlib import Path

from godsplit.split.plan import plan_split

from splitkit import apply, make_project, run_python

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

GOD = '''\
    from __future__ import annotations

    import attrs


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
    '''

HINTS = '''
    import typing
    import pkg.big as b
    for name in ("CancelStatus", "CancelScope", "Nursery"):
        try:
            print(name, sorted(typing.get_type_hints(getattr(b, name).__init__)))
        except NameError as exc:
            print(name, exc)
    '''


def test_an_attrs_class_whose_init_hints_would_resolve_otherwise_is_a_plan_error(
        tmp_path: Path) -> None:
    mapping = {"status": ["CancelStatus"], "scope": ["CancelScope"], "nursery": ["Nursery"]}
    before = make_project(tmp_path / "before", GOD, mapping, files={"attrs/__init__.py": ATTRS},
                          **{"keep-module-name": True})
    hints = run_python(tmp_path / "before", HINTS)
    assert "CancelStatus name 'CancelScope' is not defined" in hints
    plan, _ = plan_split(before, before.splits[0])
    errors = [f for f in plan.errors if f.code == "GS144"]
    assert [(f.line, f.names) for f in errors] == [(6, ("CancelStatus", "CancelScope"))], \
        [f.render() for f in plan.errors]
    assert ("get_type_hints(CancelStatus.__init__) raises NameError ('CancelScope' is not "
            "bound yet) in the old module, and would raise NameError ('CancelStatus' is not "
            "bound yet) in status.py") in errors[0].message
    assert "keep CancelStatus and CancelScope, defined below it, in the old module" in errors[0].message
    result = apply(before)  # refused at the plan: no rollback, the tree untouched
    assert not result.written and not result.rolled_back
    assert (tmp_path / "before" / "pkg" / "big.py").is_file()
    # what the error says to do: the split is written, verified, and the hints the same
    kept = make_project(tmp_path / "kept", GOD, {"nursery": ["Nursery"]},
                        files={"attrs/__init__.py": ATTRS}, keep=["CancelStatus", "CancelScope"],
                        **{"keep-module-name": True})
    plan, _ = plan_split(kept, kept.splits[0])
    assert not plan.errors, [f.render() for f in plan.errors]
    result = apply(kept)
    assert result.written and not result.rolled_back, [f.render() for f in result.errors]
    assert run_python(tmp_path / "kept", HINTS) == hints
