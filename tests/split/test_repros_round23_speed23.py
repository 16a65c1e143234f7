"""Round 23 (speed23): the typed-`self` pass of the import-time analysis (README item
19(n)) walked the module four times with a LibCST visitor and plain walks, and once more
per method; getattr_reads walked it again for its `global` names. Now one walk reads each
node once, and the answers are the same."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import libcst as cst
import pytest

from godsplit.split import nodes
from godsplit.split.getattr_reads import GetattrHooks
from godsplit.split.self_receivers import SelfReceivers

from splitkit import dedent

SOURCE = dedent('''\
    import functools

    Alias = None


    class Base:
        def run(self):
            return self.step()

        def step(self):
            global Alias
            Alias = self


    Other = Base


    class Child(Other):
        def step(self):
            return super(Child, self).step()

        @property
        def value(self):
            return [self for self in range(3)]


    class Hooked:
        def __getattr__(self, name):
            return name


    plain = 1


    def rebind():
        global plain
        plain = Hooked()


    with open(__file__) as handle:
        text = handle.read()
    ''')


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Counter[int], list[str]]]:
    """Counts, per node, how often a walk reads its children; lists the LibCST visits of
    a whole module."""
    reads: Counter[int] = Counter()
    visits: list[str] = []
    children = nodes.children

    def counting(node: cst.CSTNode) -> list[cst.CSTNode]:
        reads[id(node)] += 1
        return children(node)

    original = cst.Module.visit

    def visit(self: cst.Module, visitor: cst.CSTVisitorT) -> cst.Module:
        visits.append(type(visitor).__name__)
        return original(self, visitor)  # type: ignore[no-any-return]

    monkeypatch.setattr(nodes, "children", counting)
    try:
        from godsplit.split import self_scan
    except ImportError:  # before round 23
        pass
    else:
        monkeypatch.setattr(self_scan, "children", counting)
    monkeypatch.setattr(cst.Module, "visit", visit)
    yield reads, visits


def test_the_typed_self_pass_reads_each_node_once(
        counted: tuple[Counter[int], list[str]]) -> None:
    module = cst.parse_module(SOURCE)
    reads, visits = counted
    SelfReceivers(module)
    assert visits == []
    assert reads[id(module)] == 1
    # but the small parts read again: targets for their names, bases, class bodies
    assert sum(reads.values()) < 1.5 * len(reads)


def test_the_hooks_take_the_global_names_of_that_walk(
        counted: tuple[Counter[int], list[str]]) -> None:
    module = cst.parse_module(SOURCE)
    reads, visits = counted
    declared = SelfReceivers(module).declared
    assert declared == {"Alias", "plain"}
    reads.clear()
    GetattrHooks(module, declared)
    assert visits == [] and id(module) not in reads


def test_the_answers_of_the_one_walk() -> None:
    module = cst.parse_module(SOURCE)
    receivers = SelfReceivers(module)
    assert receivers.aliases["Other"] == {"Base"}
    assert receivers.bases["Child"] == ["Base"]
    owned = {(name, s.name.value) for name, c in receivers.classes.items()
             for s in c.body.body if id(s) in receivers.owners}
    # `value` binds `self` again in its comprehension: a nested scope counts
    assert owned == {("Base", "run"), ("Base", "step"), ("Child", "step"),
                     ("Hooked", "__getattr__")}


def test_a_global_statement_still_makes_a_hooked_read_unknown() -> None:
    module = cst.parse_module(SOURCE + "plain.anything\n")
    read = module.body[-1]
    assert isinstance(read, cst.SimpleStatementLine) and isinstance(read.body[0], cst.Expr)
    attribute = read.body[0].value
    assert isinstance(attribute, cst.Attribute)
    for hooks in (GetattrHooks(module, SelfReceivers(module).declared), GetattrHooks(module)):
        assert hooks.may_run(attribute, frozenset(), None, None)
