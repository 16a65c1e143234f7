"""Round 26 (trio26): suggest keeps a GS144 attrs class alone first.

GS144 names the class and its deciding names (the first annotation name missing before
the split, and after it); suggest kept them all (trio 0.35.0: `Runner`, 534 lines, kept
for `GuestState`'s `runner: Runner`; 10 names, 2,426 lines stayed). The facade now runs a
kept attrs class where its annotations' names are bound as they were
(`split/attrs_order.py`), so the class alone is kept first, and its deciding names only
when the plan still says GS144 for it, kept.
"""

from __future__ import annotations

from pathlib import Path

from godsplit.split.plan import plan_split
from godsplit.suggester.keeping import keep_more

from splitkit import make_project

ATTRS = '''\
    import sys


    def define(cls):
        globs = dict(sys.modules[cls.__module__].__dict__)  # attrs 26.1's copy
        exec("def __init__(self, *args):\\n    pass\\n", globs)
        globs["__init__"].__annotations__ = dict(cls.__annotations__)
        cls.__init__ = globs["__init__"]
        return cls
    '''

GOD = '''\
    from __future__ import annotations

    import attrs


    @attrs.define
    class GuestState:
        parser: Parser
        runner: Runner


    class Parser:
        pass


    class Runner:
        def guest(self) -> GuestState:
            return GuestState(Parser(), self)
    '''


def test_a_gs144_class_is_kept_alone_first(tmp_path: Path) -> None:
    config = make_project(tmp_path, GOD, {"guest": ["GuestState"], "parse": ["Parser"],
                                          "runner": ["Runner"]},
                          files={"attrs/__init__.py": ATTRS}, **{"keep-module-name": True})
    moved, analysis = plan_split(config, config.splits[0])
    assert analysis is not None
    assert [(f.code, f.names) for f in moved.errors] == [
        ("GS144", ("GuestState", "Parser", "Runner"))], [f.render() for f in moved.errors]
    kept: set[str] = set()
    assert keep_more(analysis, moved.errors, kept)
    assert kept == {"GuestState"}
    # kept alone, it runs before the re-exports, where Parser and Runner are not bound yet
    alone = make_project(tmp_path, GOD, {"parse": ["Parser"], "runner": ["Runner"]},
                         files={"attrs/__init__.py": ATTRS}, keep=["GuestState"],
                         **{"keep-module-name": True})
    plan, _ = plan_split(alone, alone.splits[0])
    assert not plan.errors, [f.render() for f in plan.errors]
    # GS144 on a class already kept (where the facade could not help): its deciding names too
    assert keep_more(analysis, moved.errors, kept)
    assert kept == {"GuestState", "Parser", "Runner"}
