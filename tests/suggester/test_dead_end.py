"""Never a dead end: definitions that need each other while the module loads, together
longer than max-lines, get a module with a GS105 warning (no mapping can part them)."""

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


def test_a_knot_longer_than_max_lines_is_a_warning(tmp_path: Path) -> None:
    """The engine knows no mapping can part the knot: its module gets a GS105 warning
    naming it (as one long definition does), so the plan has no errors at max-lines 150."""
    source = tmp_path / "big.py"
    source.write_text(KNOT)
    result = suggest(source, parse_config({}, tmp_path / "godsplit.toml"), max_lines=150)
    assert result.errors == ()
    knot = next(m for m in result.plan.modules if {"register", "Base", "Other"} <= set(m.names))
    assert knot.lines > 150
    [warning] = [f for f in result.plan.findings if f.code == "GS105"]
    assert warning.severity == "warning" and "in an import-time cycle with it" in warning.message


def test_write_keeps_max_lines_for_a_knot(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "big.py").write_text(KNOT)
    (tmp_path / "godsplit.toml").write_text("max-lines = 150\n")
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(main, ["suggest", "big.py", "--write"])
    assert done.exit_code == 0, done.output
    config = load_config(tmp_path / "godsplit.toml")
    assert config.max_lines == 150  # a GS105 warning needs no higher max-lines
    plan, _ = plan_split(config, config.splits[0])
    assert plan.errors == ()
