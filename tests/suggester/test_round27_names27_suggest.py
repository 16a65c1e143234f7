"""Round 27 (names27): suggest's comments say what its lists hold, and names a person keeps.

billiard's `pool.py`: the module holding `Pool` was commented "2 definitions starting on
lines 66 to 1042" over a list of one name; the other was the `try:` block binding
`TIMEOUT_MAX`, which follows `Pool` unlisted (only its code reads it). True, but it read as
false: the comment now counts the listed definitions and names the ones that follow.

Names: a keyword or standard module's word is joined to the next word (redis' `asyncs`:
`async_commands`); a word the source defines gives its singular before a participle alone
or a number (hypothesis' `fixed`: `dictionary`; `functions_2`: `function`); a suffix family
holding most of a group's lines names it, though it is fewer than half its classes.
"""

from __future__ import annotations

from pathlib import Path

from test_repros_round24_names24 import _names

from godsplit.config import parse_config
from godsplit.suggester.core import suggest


def _methods(prefix: str, count: int) -> str:
    return "".join(f"    def {prefix}{i}(self, x):\n        return x + {i}\n\n" for i in range(count))


POOL = '''"""Pools."""
import threading

try:
    LIMIT_MAX = threading.TIMEOUT_MAX
except AttributeError:
    LIMIT_MAX = 1e10


class Pool:
    def close(self):
        return LIMIT_MAX

{pool}

class Ledger:
{ledger}'''


def test_the_comment_counts_the_listed_definitions_and_names_those_that_follow(
        tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").touch()
    (tmp_path / "pkg" / "big.py").write_text(POOL.format(pool=_methods("p", 40),
                                                         ledger=_methods("q", 40)))
    result = suggest(tmp_path / "pkg/big.py", parse_config({}, tmp_path / "godsplit.toml"), 200)
    modules = {m.mapped: m.why for m in result.modules}
    assert modules[("Pool",)] == ("1 definition starting on line 10; LIMIT_MAX (line 4) follows "
                                  "unlisted: only this module's code uses it",)
    assert modules[("Ledger",)] == ("1 definition starting on line 136",)


def _classes(*names: str, methods: int = 6) -> str:
    return "".join(f"class {name}:\n{_methods(name.lower()[:3], methods)}\n" for name in names)


def test_a_keyword_is_joined_to_the_next_word_not_made_plural(tmp_path: Path) -> None:
    # redis' `AsyncBlessCommands`, `AsyncCoreCommands`, ... in `commands/core.py`: `asyncs`
    source = _classes("AlphaCommands", "BetaCommands", "GammaCommands", "AsyncAlphaCommands",
                      "AsyncBetaCommands", "AsyncGammaCommands")
    names = _names(tmp_path, "commands", source, [
        ["AlphaCommands", "BetaCommands", "GammaCommands"],
        ["AsyncAlphaCommands", "AsyncBetaCommands", "AsyncGammaCommands"]])
    assert names[1] == "async_commands", names


def test_the_singular_of_a_defined_word_before_a_participle_or_a_number(tmp_path: Path) -> None:
    # hypothesis' `dictionaries()` and `fixed_dictionaries()`: `fixed`; its `functions()`
    # with `emails()` and `domains()`: `functions_2`
    source = "".join(f"def {name}(x):\n    return x\n\n\n" for name in (
        "dictionaries", "fixed_dictionaries", "lists", "sets"))
    names = _names(tmp_path, "core", source, [["dictionaries", "fixed_dictionaries"],
                                              ["lists", "sets"]])
    assert names[0] == "dictionary", names


def test_a_suffix_family_holding_most_lines_names_the_group(tmp_path: Path) -> None:
    # two large `...Handler` classes beside three small unrelated ones: `handlers`, not the
    # larger handler's name
    source = (_classes("QueueHandler", methods=30) + _classes("SocketHandler", methods=25)
              + _classes("Alpha", "Beta", "Gamma", methods=2) + _classes("Other", methods=4))
    names = _names(tmp_path, "big", source, [
        ["QueueHandler", "SocketHandler", "Alpha", "Beta", "Gamma"], ["Other"]])
    assert names[0] == "handlers", names


def test_a_valid_word_before_a_standard_module_word_joined(tmp_path: Path) -> None:
    # the fixture's knowledge tasks (one reads traces): `knowledge`, not `trace_knowledge`
    names = ("trace_load", "trace_save", "trace_dump", "knowledge_check", "knowledge_fetch",
             "alpha_one", "knowledge_alpha")
    source = "".join(f"def {name}(x):\n    return x\n\n\n" for name in names)
    named = _names(tmp_path, "core", source, [list(names[:5]), list(names[5:])])
    assert named[0] == "knowledge", named
