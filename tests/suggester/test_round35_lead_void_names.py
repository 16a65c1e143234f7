"""Round 35 (lead): a word that names an absence or a filler (`nothing`, `empty`, `null`,
`skip`, `more`) never names a module alone; the issue lists `nothing`, `skip` and `more`
among the names no one would keep. moderngl's enable flags (`NOTHING`, `BLEND`,
`DEPTH_TEST`, ...) were `nothing`; joined to another word such a word still names one
(black's `EmptyLineTracker`: `empty_line_tracker`)."""

from __future__ import annotations

import pytest
from graphkit import names_of

from godsplit.suggester.weak_names import VOID


def _names(source: str, groups: list[list[str]]) -> list[str]:
    """The names `name_modules` gives `groups` of a package's `__init__.py` (moderngl's)."""
    return names_of(source, groups, "gl", package=True)[0]


@pytest.mark.parametrize("void", ["NOTHING", "EMPTY", "NULL", "SKIP", "MORE", "NONE_"])
def test_a_void_word_alone_names_no_module(void: str) -> None:
    # the larger group of constants takes `constants`; the flags' first name was the fallback
    flags = [void, "BLEND", "DEPTH_TEST", "CULL_FACE", "RASTERIZER_DISCARD"]
    modes = ["LINEAR", "NEAREST", "LINE_LOOP", "LINE_STRIP", "POINTS", "TRIANGLES", "LINES"]
    source = "".join(f"{name} = {i}\n" for i, name in enumerate(flags + modes))
    source += "\n\ndef enable(flag):\n    return flag\n\n\ndef disable(flag):\n    return -flag\n"
    names = _names(source, [flags, modes, ["enable", "disable"]])
    assert names[1] == "constants"
    assert not set(names) & VOID, names
    assert all(n.isidentifier() and not n[-1].isdigit() for n in names), names


def test_a_void_word_joined_to_another_still_names_one() -> None:
    source = ("class EmptyLineTracker:\n" + "".join(f"    a{i} = {i}\n" for i in range(9))
              + "\n\nclass Line:\n    pass\n")
    assert _names(source, [["EmptyLineTracker"], ["Line"]])[0] == "empty_line_tracker"
