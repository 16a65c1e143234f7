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
    assert "keep CancelStatus and CancelScope, defined below it, in the old module," in errors[0].message
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


CYCLE = '''\
    import attr


    @attr.s(auto_attribs=True)
    class Node:
        child: "Leaf" = None
        size: int = 0


    @attr.s(auto_attribs=True)
    class Leaf:
        parent: "Node" = None
    '''

LEAF_HINTS = '''
    import typing
    import pkg.big as b
    print(sorted(typing.get_type_hints(b.Leaf.__init__)))
    '''


def test_attrs_hints_that_resolved_and_would_not_after_the_split_are_a_plan_error(
        tmp_path: Path) -> None:
    """`Leaf`'s quoted "Node" resolves in the god file (Node is above it); split, `leaves.py`
    imports `Node` last (nodes.py imports Leaf: a cycle), so `get_type_hints(Leaf.__init__)`
    would raise NameError: the plan said nothing and apply rolled back (GS408)."""
    files = {"attrs/__init__.py": ATTRS, "attr/__init__.py": "from attrs import define as s\n"}
    config = make_project(tmp_path / "split", CYCLE, {"nodes": ["Node"], "leaves": ["Leaf"]},
                          files=files)
    assert run_python(tmp_path / "split", LEAF_HINTS) == "['parent', 'return']\n"
    plan, _ = plan_split(config, config.splits[0])
    assert [(f.code, f.line) for f in plan.errors] == [("GS144", 10)], \
        [f.render() for f in plan.errors]
    assert ("Leaf is built by attr.s, whose generated __init__ resolves its type hints in a "
            "copy of its module's names taken when the class is made: "
            "get_type_hints(Leaf.__init__) resolves in the old module, and would raise "
            "NameError ('Node' is not bound yet) in leaves.py after the split") \
        in plan.errors[0].message
    assert plan.errors[0].message.endswith(
        "; keep Leaf and Node in the old module, if its annotations' names are bound there as they "
        "were (the plan checks again)")
    result = apply(config)  # refused at the plan: no rollback
    assert not result.written and not result.rolled_back
