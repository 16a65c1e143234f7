"""Round 29 (trial30): ConfigArgParse's `configargparse.py` split "verified" and changed.

It saves argparse's `add_argument`, then sets its own in its place, which calls the saved
one:

    argparse._ActionsContainer.original_add_argument_method = (
        argparse._ActionsContainer.add_argument)
    argparse._ActionsContainer.add_argument = add_argument

The setter moved with `add_argument` (it reads it), the save stayed in the old module and
ran after the new modules: it saved the new function, which then called itself
(RecursionError in 1,754 of the project's tests), and the import check, which compares
names, said "verified". GS124 missed it twice: a read of an attribute that top-level code
sets was no event, and the events were ordered by their units' first lines (the setter by
`def add_argument`, above the save), not by the statements that hold them.
"""

from __future__ import annotations

from pathlib import Path

from splitkit import make_project, plan_texts

SAVE_THEN_SET = '''
    import argparse


    def add_argument(self, *args, **kwargs):
        return self.original_add_argument_method(*args, **kwargs)


    def other():
        return 1


    argparse._ActionsContainer.original_add_argument_method = (
        argparse._ActionsContainer.add_argument
    )
    argparse._ActionsContainer.add_argument = add_argument
'''


def test_saving_an_attribute_a_moved_statement_sets_later_is_a_gs124(tmp_path: Path) -> None:
    plan, _ = plan_texts(make_project(tmp_path, SAVE_THEN_SET, {"parser": ["add_argument"],
                                                                "rest": ["other"]}))
    found = [f for f in plan.findings if f.code == "GS124"]
    assert len(found) == 1, plan.findings
    assert "reads or changes the attribute argparse._ActionsContainer.add_argument" in (
        found[0].message)
    # the statements' lines, the setter's (15), not `def add_argument`'s (4): round 30
    assert "(lines 12 (the old module), 15 (parser))" in found[0].message
    assert found[0].line == 15


def test_mapped_together_with_the_kept_save_it_splits(tmp_path: Path) -> None:
    """Kept with the save (in the old module), the setter runs after it, as before."""
    plan, _ = plan_texts(make_project(tmp_path, SAVE_THEN_SET, {"rest": ["other"]},
                                      keep=["add_argument"]))
    assert not [f for f in plan.findings if f.severity == "error"], plan.findings


def test_a_read_of_an_attribute_no_statement_sets_is_no_event(tmp_path: Path) -> None:
    source = '''
        import os


        def one():
            return 1


        SEP = os.path.sep


        def two():
            return 2


        OTHER = os.path.sep + "x"
    '''
    plan, _ = plan_texts(make_project(tmp_path, source, {"a": ["one", "SEP"],
                                                         "b": ["two", "OTHER"]}))
    assert not [f for f in plan.findings if f.code == "GS124"], plan.findings


KEPT_APART = '''
    class Parser:
        def parse_args(self):
            return 1


    def moved():
        return 2


    Alias = Parser
    Parser.parse = Parser.parse_args
'''


def test_kept_statements_that_now_meet_get_two_blank_lines_around_a_class(tmp_path: Path) -> None:
    """ConfigArgParse's suggested split kept `ArgumentParser` and, 120 lines further down,
    `ArgumentParser.parse = ...`; what stood between them moved, and the facade had one
    blank line after the class (and after `__all__`, before it): black reformatted it."""
    _, texts = plan_texts(make_project(tmp_path, KEPT_APART, {"one": ["moved"]},
                                          keep=["Parser", "Alias"], facade="static"))
    facade = texts["pkg/big/__init__.py"]
    assert ']\n\n\nclass Parser:\n' in facade, facade
    assert "return 1\n\n\nAlias = Parser\nParser.parse" in facade, facade


def test_a_kept_class_run_before_the_re_exports_is_spaced_as_formatters_want(
        tmp_path: Path) -> None:
    """A kept class the new modules import runs before the re-exports: two blank lines
    after the facade's marker comment, and before the next kept statement."""
    source = KEPT_APART.replace("return 2", "return Parser()")
    _, texts = plan_texts(make_project(tmp_path, source, {"one": ["moved"]},
                                          keep=["Parser", "Alias"], facade="static"))
    facade = texts["pkg/big/__init__.py"]
    assert "now.\n\n\nclass Parser:\n" in facade, facade
    assert "return 1\n\n\nParser.parse = Parser.parse_args\n" in facade, facade
