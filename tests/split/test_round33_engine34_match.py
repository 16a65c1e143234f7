"""Round 33 (engine34, README item 30 (c)): a `match` statement nested in another top-level
statement (`if`, `try`, `with`, `for`) binds module globals through its capture patterns,
as a top-level one does (engine33): they are that statement's bindings. GS405's hint no
longer guesses "set from elsewhere" for a name the module's own code binds, and the probe's
fallback read of an unparsable source counts `__main__` blocks as `main_guards` does.

Before: `MODE` bound by `case {"mode": MODE}:` under `if sys.version_info >= (3, 10):`
could not be mapped (GS101 "only a capture pattern ... binds it"), and a statement moved by
`default` lost `big.MODE` after a plan with no error (GS403, rolled back)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from test_round32_engine33_main_blocks import CASES

from godsplit.split.probe_main import _main_blocks
from godsplit.split.star_hint import star_hint
from godsplit.types import Finding

from splitkit import make_project, plan_texts, same_behaviour

WRAPPERS = {
    "if": ("if sys.version_info >= (3, 10):\n", ""),
    "try": ("try:\n", "except TypeError:\n    pass\n"),
    "with": ("with contextlib.suppress(KeyError):\n", ""),
    "for": ("for _config in [CONFIG]:\n", ""),
}


def _source(wrapper: str) -> str:
    head, tail = WRAPPERS[wrapper]
    return (
        "import contextlib\nimport sys\n\nCONFIG = {'mode': 'fast'}\n\n" + head
        + "    match CONFIG:\n        case {'mode': MODE}:\n            pass\n" + tail
        + "\n\ndef use():\n    return 2\n\n\ndef other():\n    return 3\n")


@pytest.mark.parametrize("wrapper", sorted(WRAPPERS))
def test_a_nested_match_moves_with_its_captures_by_name(tmp_path: Path, wrapper: str) -> None:
    out = same_behaviour(tmp_path, _source(wrapper), {"a": ["use"], "b": ["MODE", "other"]}, """
        import pkg.big as m
        from pkg.big import *
        print(m.MODE, MODE, m.use(), m.other())
    """)
    assert out == "fast fast 2 3\n"


def test_a_nested_match_moved_by_default_keeps_its_captures(tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, _source("if"), {"a": ["use"]}, """
        import pkg.big as m
        print(m.MODE, m.use())
    """, default="b")
    assert out == "fast 2\n"


def test_a_nested_match_a_package_facade_keeps(tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, _source("try"), {"a": ["use"], "b": ["other"]}, """
        from pkg.big import *
        print(MODE, use(), other())
    """, keep=["CONFIG", "MODE"])
    assert out == "fast 2 3\n"


def test_a_nested_capture_read_in_another_module_is_gs148(tmp_path: Path) -> None:
    source = _source("with").replace("def use():\n    return 2", "def use():\n    return MODE")
    plan, _ = plan_texts(make_project(tmp_path, source, {"a": ["use"], "b": ["other"]},
                                      keep=["CONFIG", "MODE"]))
    [found] = [f for f in plan.errors if f.code == "GS148"]
    assert found.line == 6, plan.errors
    assert "'MODE' at line 12 (a)" in found.message, found.message


# The probe reads a module's `__main__` blocks with the interpreter of the project, which may
# not parse the source (newer syntax): its fallback read of the lines counted every guard,
# with `else` too, nested in a function or in a string. It agrees with `main_guards` now.
@pytest.mark.parametrize(("code", "expected"), CASES)
def test_the_probes_fallback_counts_as_main_guards_does(code: str, expected: int) -> None:
    unparsable = code + "\nprint 'the interpreter cannot parse this'\n"
    with pytest.raises(SyntaxError):
        ast.parse(unparsable)
    assert _main_blocks(unparsable) == expected


def _gs405(tmp_path: Path, names: tuple[str, ...]) -> str:
    plan, _ = plan_texts(make_project(tmp_path, _source("if"), {"a": ["use"], "b": ["other"]},
                                      keep=["CONFIG", "MODE"]))
    lost = ", ".join(names)
    found = Finding("GS405", "error", f"`from module import *` gives other names at run time "
                    f"(no longer: {lost})", str(plan.source), 1, names)
    return star_hint(found, plan).message


def test_gs405_says_a_lost_capture_is_the_splits_not_set_from_elsewhere(tmp_path: Path) -> None:
    # (the cause it guessed for the nested `match` moved by default, before the fix above)
    message = _gs405(tmp_path, ("MODE",))
    assert message.endswith(
        "(no longer: MODE); MODE: bound by the module's own code (MODE: a capture pattern of "
        "the `match` statement at line 7), and `import *` gave it before: the split lost it, "
        "a bug in godsplit: please report it"), message
    assert "if that is the cause" not in message


def test_gs405_keeps_its_hint_for_names_set_from_elsewhere(tmp_path: Path) -> None:
    message = _gs405(tmp_path, ("MODE", "dialect"))
    assert "; dialect: not bound by the module's own code: a package facade writes a fixed " \
        "`__all__`" in message
    assert "(no longer: dialect); a package facade writes" in _gs405(tmp_path, ("dialect",))
