"""Round 32 (engine33, README item 29 new (a)): a top-level `match` statement binds module
globals through its capture patterns, which LibCST's scopes do not record.

- Code in another module reading a captured name: the analysis resolved no read of it, so
  `capture_findings` saw none, and the plan stopped at GS411 ("godsplit wrote code that
  reads 'MODE', which is not defined there"), a plan error that is godsplit's. The plan
  reads what each statement's code reads (`symtable`) and says GS148 at the statement,
  naming the reader: a true finding about the input, before anything is rendered.
- A `match` statement's captures are its bindings, as an assignment's are: mapped by
  name, moved with the statement and re-exported by the facade (the analysis saw none: a
  match moved by `default` lost `big.MODE`, GS403 after a plan with no error).
- A `match` statement a package facade keeps: its captures were missing from the
  `__all__` the facade writes, so `from old import *` lost them and the import check said
  GS405 with a hint about names set from elsewhere. The facade's `__all__` adds the
  captures its code bound once it ran (a pattern that did not match binds nothing)."""

from __future__ import annotations

from pathlib import Path

from splitkit import make_project, plan_texts, same_behaviour

READ_ELSEWHERE = """
    CONFIG = {"mode": "fast"}

    match CONFIG:
        case {"mode": MODE}:
            pass


    def use():
        return MODE


    def other():
        return 1
"""


def test_a_capture_read_in_another_module_is_gs148_not_gs411(tmp_path: Path) -> None:
    plan, _ = plan_texts(make_project(tmp_path, READ_ELSEWHERE, {"a": ["use"], "b": ["other"]},
                                      default="b"))
    codes = {f.code for f in plan.errors}
    assert "GS411" not in codes, plan.errors
    [found] = [f for f in plan.errors if f.code == "GS148"]
    assert found.line == 3
    assert "'MODE' at line 8 (a)" in found.message, found.message


def test_a_capture_read_in_its_own_module_splits(tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, READ_ELSEWHERE, {"b": ["other"]}, """
        import pkg.big as m
        print(m.use(), m.MODE, m.other())
    """, keep=["CONFIG", "use", "MODE"])
    assert out == "fast fast 1\n"


KEPT = """
    def alpha():
        return 1


    def beta():
        return alpha() + 1


    match [1, 2]:
        case [FIRST, SECOND]:
            pass

    match 5:
        case [NEVER]:
            pass
        case _:
            pass


    def delta():
        return FIRST + 4
"""


def test_a_package_facade_lists_the_captures_of_a_match_it_keeps(tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, KEPT, {"one": ["alpha"], "two": ["beta"]}, """
        from pkg.big import *
        import pkg.big as m
        print(sorted(n for n in dir() if n.isupper()), beta(), m.delta())
    """, keep=["delta", "FIRST", "NEVER"])
    assert out == "['FIRST', 'SECOND'] 2 5\n"


MOVED = """
    CONFIG = {"mode": "fast"}

    match CONFIG:
        case {"mode": MODE}:
            pass


    def use():
        return 2
"""


def test_a_match_statement_moves_with_its_captures_like_an_assignment(tmp_path: Path) -> None:
    # its captures are its bindings: mapped by name, re-exported by the facade (imported
    # guarded: a pattern that does not match binds nothing); the analysis saw none, so
    # the statement went to `default` and `big.MODE` was gone (GS403 after a clean plan)
    out = same_behaviour(tmp_path, MOVED, {"a": ["use"], "b": ["MODE"]}, """
        import pkg.big as m
        from pkg.big import *
        print(m.MODE, MODE, m.use())
    """)
    assert out == "fast fast 2\n"
