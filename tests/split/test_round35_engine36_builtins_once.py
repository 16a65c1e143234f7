"""Round 35 (engine36): the runtime's builtin reads found on the tree `_Unshadow` edits.

Where the file a runtime block goes to rebinds a builtin (pika's `str = bytes`), the block
reads that builtin through the builtins module (round 34). `render` parsed the block,
renamed its shadowed locals (`_Unshadow`), then copied the renamed tree into a second
MetadataWrapper to resolve scopes, and transformed it again. Now the scopes are resolved
once, on the parsed tree itself (no copy), only where a builtin is rebound, and one pass
makes both edits; the text is the same."""

from __future__ import annotations

import pytest

from godsplit.split import runtime

SLOTS = {"old_module": '"pkg.big"', "here": "__name__", "objects": "(A,)"}


def _wrappers(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    made: list[bool] = []
    real = runtime.MetadataWrapper

    def spy(module: object, unsafe_skip_copy: bool = False) -> object:
        made.append(unsafe_skip_copy)
        return real(module, unsafe_skip_copy=unsafe_skip_copy)  # type: ignore[arg-type]

    monkeypatch.setattr(runtime, "MetadataWrapper", spy)
    return made


def test_a_rebound_builtin_is_read_through_builtins_with_one_scope_pass(
        monkeypatch: pytest.MonkeyPatch) -> None:
    made = _wrappers(monkeypatch)
    text = runtime.render("keep_module_name", SLOTS, taken=("str", "home", "A"))
    assert made == [True]  # one resolution, on the parsed tree (no copy)
    assert 'isinstance(home_, __import__("builtins").str)' in text, text
    assert "home_ = read(item" in text and "home = " not in text  # the local renamed
    assert "old: str) -> None:" in text  # annotations as they are


def test_no_scopes_where_no_builtin_is_rebound(monkeypatch: pytest.MonkeyPatch) -> None:
    made = _wrappers(monkeypatch)
    text = runtime.render("keep_module_name", SLOTS, taken=("home", "A"))
    assert made == []
    assert "isinstance(home_, str)" in text, text
