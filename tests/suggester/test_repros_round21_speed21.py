"""Round 21 (speed21): issue 14's "suggest takes no longer than plan" on pyparsing's
`core.py`, whose end reads the module's namespace (`for name, value in vars().items()`):
every plan of a mapping moving a definition below such code has GS127, so suggest planned
its first mapping only to learn which names to keep, and planned again. The names are
known from the source and the mapping alone (`keeping.ahead`): kept before the first plan,
the suggestion is the same, planned once."""

from __future__ import annotations

from pathlib import Path

from godsplit.config import parse_config
from godsplit.suggester.core import suggest


def _functions(prefix: str, count: int) -> str:
    return "".join(f"def {prefix}_{i}(value):\n    total = value\n    for step in range(3):\n"
                   f"        total += step * {i}\n    return total\n\n\n" for i in range(count))


def test_names_below_a_namespace_read_are_kept_before_the_first_plan(tmp_path: Path) -> None:
    source = tmp_path / "big.py"
    source.write_text(_functions("alpha", 8) + "SNAPSHOT = sorted(globals())\n\n\n"
                      + _functions("omega", 8))
    result = suggest(source, parse_config({}, tmp_path / "godsplit.toml"), max_lines=40)
    assert not result.errors, [f.render() for f in result.errors]
    assert result.keep == tuple(sorted(f"omega_{i}" for i in range(8)))  # below the read
    assert any(m.mapped for m in result.modules)  # the alpha functions move
    assert result.keep_why == ("8 for the code at line 57 reading the module's namespace "
                               "while it is imported (GS127)",), result.keep_why
    assert result.rounds == 1  # planned once: not first with them moving (GS127), then kept
