"""Round 19 (lead20): findings the merged engine gave on code that is not run at import time.

- GS124's "code run at import time changes the attribute ..." took every statement of a
  class body as import-time code, the methods' bodies included: pip 1.5's `req.py`
  (`logger.indent += 2` in methods of three classes) was refused a split the maintainers
  made, and suggest merged the three classes into one module to avoid the false error.
  A method's body runs when it is called; its decorators and defaults run at import time.
"""

from __future__ import annotations

from pathlib import Path

from splitkit import make_project, plan_texts

METHODS_CHANGE_AN_IMPORTED_ATTRIBUTE = '''
    from logging import root as log


    class First:
        def run(self):
            log.level += 1


    class Second:
        def run(self):
            log.level -= 1
'''


def test_a_method_changing_an_imported_attribute_is_not_import_time_code(tmp_path: Path) -> None:
    plan, _ = plan_texts(make_project(
        tmp_path, METHODS_CHANGE_AN_IMPORTED_ATTRIBUTE, {"one": ["First"], "two": ["Second"]}))
    assert not [f for f in plan.findings if f.code == "GS124"], plan.findings


def test_a_class_body_changing_an_imported_attribute_still_is(tmp_path: Path) -> None:
    source = '''
        import logging


        class First:
            logging.raiseExceptions = True


        class Second:
            logging.raiseExceptions = False
    '''
    # (the package's `__init__.py` imports `one` first: Second's change runs first)
    # a sibling package (`package`): its modules can be imported without the facade,
    # so their order is not known (in the package layout, round 24 writes the
    # facade's imports in source order where that keeps it: losers24's tests)
    plan, _ = plan_texts(make_project(tmp_path, source, {"one": ["Second"], "two": ["First"]},
                                     package="pkg/parts"))
    assert any(f.code == "GS124" and "logging.raiseExceptions" in f.message
               for f in plan.errors), plan.findings


def test_a_method_decorator_still_runs_at_import_time(tmp_path: Path) -> None:
    source = '''
        import atexit


        class First:
            @atexit.register
            def one():
                pass


        class Second:
            @atexit.register
            def two():
                pass
    '''
    # a sibling package (`package`): its modules can be imported without the facade,
    # so their order is not known (in the package layout, round 24 writes the
    # facade's imports in source order where that keeps it: losers24's tests)
    plan, _ = plan_texts(make_project(tmp_path, source, {"one": ["Second"], "two": ["First"]},
                                     package="pkg/parts"))
    assert any(f.code == "GS124" and "exit handlers" in f.message for f in plan.errors), \
        plan.findings
