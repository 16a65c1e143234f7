"""Never a dead end: definitions that need each other while the module loads, together
longer than max-lines, get the max-lines they need (said in a note, written by --write)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from godsplit.cli import main
from godsplit.config import load_config, parse_config
from godsplit.split.plan import plan_split
from godsplit.suggester.core import suggest

METHODS = "\n".join(f"    def m{i}(self):\n        return {i}\n" for i in range(30))
# register() runs while the module loads (a decorator) and reads Base and Other, which
# need register: the three must share a module, 200 lines that no mapping splits
KNOT = f'''"""A registry whose decorator reads the classes it registers."""

REGISTRY = []


def register(cls):
    if REGISTRY:
        Base.check(cls)
        Other.check(cls)
    REGISTRY.append(cls)
    return cls


@register
class Base:
    @classmethod
    def check(cls, other):
        return issubclass(other, cls)

{METHODS}

@register
class Other:
    @classmethod
    def check(cls, other):
        return other is not cls

{METHODS}

def first():
    return REGISTRY[0]
'''


def test_a_knot_longer_than_max_lines_is_planned_with_what_it_needs(tmp_path: Path) -> None:
    source = tmp_path / "big.py"
    source.write_text(KNOT)
    result = suggest(source, parse_config({}, tmp_path / "godsplit.toml"), max_lines=150)
    assert result.errors == ()
    knot = next(m for m in result.plan.modules if {"register", "Base", "Other"} <= set(m.names))
    assert knot.lines > 150
    assert result.max_lines == knot.lines == max(m.lines for m in result.plan.modules)
    assert (f"planned with max-lines {knot.lines}: no regrouping brought {knot.name} under "
            "max-lines 150") in result.notes


def test_write_sets_the_max_lines_the_knot_needs(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "big.py").write_text(KNOT)
    (tmp_path / "godsplit.toml").write_text("max-lines = 150\n")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(main, ["suggest", "big.py", "--write"])
    assert done.exit_code == 0, done.output
    config = load_config(tmp_path / "godsplit.toml")
    assert config.max_lines > 150
    plan, _ = plan_split(config, config.splits[0])
    assert plan.errors == ()
