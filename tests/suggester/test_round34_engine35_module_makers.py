"""Round 34 (engine35, README item 31 (b)): suggest keeps what GS424 needs kept.

A decorator that names its wrapper after the function by hand (`wrapper.__qualname__ =
func.__qualname__`, no `functools.wraps`, which would copy `__module__` too) makes
objects that report the decorator's module. suggest pooled the decorator with one family
of the functions it decorates; the other family then reported the decorator's new module
(GS424 at the import check) and suggest ended with "no mapping without plan errors was
found". Keeping the decorated names in the old module cannot help (they still report the
decorator's module); keeping the decorator does."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from godsplit.config import parse_config
from godsplit.files import read_source
from godsplit.split.analyze import analyze
from godsplit.suggester.module_makers import makers

from splitkit import apply, checked_suggestion, run_python

SOURCE = '''
    """Big."""


    def traced(func):
        def wrapper(*args):
            return func(*args)

        wrapper.__name__ = func.__name__
        wrapper.__qualname__ = func.__qualname__
        wrapper.__doc__ = func.__doc__
        return wrapper


    def order_total(items):
        """Total."""
        return sum(items)


    @traced
    def order_place(items):
        """Place an order."""
        return order_total(items) + 1


    @traced
    def order_cancel(items):
        """Cancel an order."""
        return order_total(items) - 1


    def user_name(user):
        """Name."""
        return user.title()


    @traced
    def user_create(user):
        """Create a user."""
        return user_name(user) + "!"


    @traced
    def user_delete(user):
        """Delete a user."""
        return user_name(user) + "?"
'''
SHOW = ("import pkg.big as b\n"
        "print([getattr(b, n).__module__ for n in ('order_place', 'order_cancel', 'user_create',"
        " 'user_delete', 'traced')])\n"
        "print(b.user_create('x'), b.order_cancel([1, 2]))\n")


@pytest.mark.slow
def test_suggest_keeps_the_decorator_and_its_mapping_applies_and_verifies(
        tmp_path: Path) -> None:
    made, before = checked_suggestion(tmp_path, SOURCE, SHOW)
    assert made.keep == ("traced",)
    assert any("kept traced in the old module" in n and "(GS424)" in n for n in made.notes)
    assert [sorted(m.mapped) for m in made.modules] == [
        ["order_cancel", "order_place", "order_total"], ["user_create", "user_delete", "user_name"]]
    result = apply(parse_config({"split": [made.table()]}, tmp_path / "godsplit.toml"))
    assert result.written and not result.errors, result.errors
    assert all(s.imported for s in result.splits)  # "verified": GS400
    assert run_python(tmp_path, SHOW) == before
    assert before.startswith("['pkg.big', 'pkg.big', 'pkg.big', 'pkg.big', 'pkg.big']")


def test_the_makers_of_a_definition(tmp_path: Path) -> None:
    source = textwrap.dedent('''
        import functools


        def deco(f):
            return f


        def factory(x):
            return deco


        class Meta(type):
            pass


        class Base(metaclass=Meta):
            pass


        @deco
        @factory(1)
        @functools.cache
        def f():
            pass


        class C(Base, metaclass=Meta):
            pass


        def plain():
            pass
    ''')
    (tmp_path / "big.py").write_text(source)
    analysis = analyze(read_source(tmp_path / "big.py"))  # (round 35: suggest's own)
    assert makers(analysis, ["f"]) == ("deco", "factory")
    assert makers(analysis, ["C"]) == ("Base", "Meta")
    assert makers(analysis, ["C", "Base"]) == ("Meta",)  # a name GS424 names is not its maker
    assert makers(analysis, ["plain"]) == ()
