"""Round 28 (names28): suggest's comments count what the plan puts in each module; weak
names (a generic word, a number) give way to the group's own.

billiard's `pool.py`: the module holding `Worker` was commented "shared words: ... 'soft' x2"
where one of the two (`SIG_SOFT_TIMEOUT`, read by four modules) goes to `_shared`.
pylint's `variables.py`: a group of its constants (`MSGS`, `FUTURE`, ...) beside
`register()` and a small enum was named `name`; dateutil's class `parserinfo` (its own
name taken, beside its class `parser`) was `parserinfo_2`.
"""

from __future__ import annotations

from pathlib import Path

from test_repros_round24_names24 import _methods, _names

from godsplit.config import parse_config
from godsplit.suggester.core import suggest

WORKERS = '''"""Workers."""
SOFT_LIMIT = 5


def soft_handler(x):
    return x + SOFT_LIMIT


class Worker:
    def run(self, x):
        return soft_handler(x)

{worker}

class Pool:
    def close(self):
        return SOFT_LIMIT

{pool}

class Ledger:
    def close(self):
        return SOFT_LIMIT

{ledger}'''


def test_the_comment_counts_only_what_the_plan_puts_in_the_module(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").touch()
    (tmp_path / "pkg" / "big.py").write_text(WORKERS.format(
        worker=_methods(40, "w"), pool=_methods(40, "p"), ledger=_methods(40, "q")))
    result = suggest(tmp_path / "pkg/big.py", parse_config({}, tmp_path / "godsplit.toml"), 200)
    placed = {m.name: m.names for m in result.plan.modules}
    assert "SOFT_LIMIT" in placed[result.shared]  # three modules read it
    worker = next(m for m in result.modules if "Worker" in m.mapped)
    # `soft_handler` alone has the word: no "shared words: 'soft' x2"
    assert worker.why == ("Worker uses soft_handler",), worker.why


def test_a_group_of_constants_is_constants_not_a_generic_word(tmp_path: Path) -> None:
    constants = ("NAME_FUTURE", "NAME_TYPES", "NAME_RANGE", "NAME_MODULE", "MSGS_NAME")
    source = ("".join(f"{name} = {i}\n" for i, name in enumerate(constants))
              + "\n\ndef register(linter):\n    return linter\n\n\n"
              + "def name_a(x):\n    return x\n\n\ndef name_b(x):\n    return x\n")
    names = _names(tmp_path, "variables", source, [[*constants, "register"],
                                                   ["name_a", "name_b"]])
    assert names[0] == "constants", names


def test_a_generic_word_stays_when_the_group_is_not_constants(tmp_path: Path) -> None:
    source = "".join(f"def {name}(x):\n    return x\n\n\n" for name in (
        "name_one", "name_two", "name_three", "other_a", "other_b"))
    names = _names(tmp_path, "core", source, [["name_one", "name_two", "name_three"],
                                              ["other_a", "other_b"]])
    assert names[0] == "name", names


def test_a_taken_one_word_name_is_split_at_a_word_of_the_file(tmp_path: Path) -> None:
    source = (f"class parser:\n{_methods(30, 'p')}\n\nclass parserinfo:\n{_methods(10, 'i')}"
              "\n\ndef parse(x):\n    return x\n")
    names = _names(tmp_path, "_parser", source, [["parser"], ["parserinfo"], ["parse"]])
    assert names[1] == "parser_info", names
