"""Round 17 (suggest18): the `keep` comment of a suggestion states the reason each name
stays, and keeps only the definitions the plan's errors point at.

gunicorn 27.0.1's `config.py`: its 120 `Setting` subclasses register themselves in
`KNOWN_SETTINGS` as their class statements run, so they must run in one module in source
order (GS124), and together they are over 2,600 lines, over max-lines 600: suggest keeps
them in the old module, and its comment said they stay because the code "finds its module
by name, or runs at import time with code that stays", which is not why. It also kept
`_get_default_control_socket`, a function defined just before `ControlSocket` that no
error points at: a unit's `lines` count the blank lines and comments up to the next
statement, so the next statement's line fell inside the function."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_keeping_round12 import CHAIN, _suggested

from godsplit.config import parse_config
from godsplit.files import read_source
from godsplit.split import late_imports, ordered_calls
from godsplit.split.analyze import analyze
from godsplit.suggester import core
from godsplit.suggester.core import Suggestion, suggest
from godsplit.suggester.entry import render_entry
from godsplit.types import FACADE, Plan


def _option(i: int, extra: str = "") -> str:
    body = "".join(f"    opt{j} = {j}\n" for j in range(12))
    return f"@register\nclass Option{i}:\n    name = 'option{i}'\n{extra}{body}\n\n"


REGISTRY = (
    '"""Settings that register themselves as their class statements run."""\n\n'
    "KNOWN = []\n\n\ndef register(cls):\n    cls.order = len(KNOWN)\n    KNOWN.append(cls)\n"
    "    return cls\n\n\n"
    + "".join(_option(i) for i in range(6))
    + "# Paths\n\n\ndef _default_path():\n    return '/tmp'\n\n\n"
    + _option(6, "    default = _default_path()\n")
    + "".join(_option(i) for i in range(7, 12))
    + "".join(f"def helper_{i}(x):\n" + "".join(f"    x = x + {j}\n" for j in range(20))
              + "    return x\n\n\n" for i in range(8))
)


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Suggestion:
    """suggest's proposal for REGISTRY with max-lines 120 (made once for the tests)."""
    tmp_path = tmp_path_factory.mktemp("registry")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg/__init__.py").write_text("")
    (tmp_path / "pkg/big.py").write_text(REGISTRY)
    config = parse_config({}, tmp_path / "godsplit.toml")
    with pytest.MonkeyPatch.context() as patch:  # (round 21: the package's `__init__.py`
        # can import the modules in source order, GS153; these tests are about keeping:
        # the order the package runs them in is taken as unknown, as in a sibling layout)
        patch.setattr(ordered_calls, "run_order", lambda *args: None)
        result = suggest(tmp_path / "pkg/big.py", config, 120)
    assert not result.errors, [f.render() for f in result.errors]
    return result


def test_registrations_over_max_lines_say_why_they_share_a_module(
        registry: Suggestion) -> None:
    """The twelve registered classes (205 lines with max-lines 120) must run in one
    module. Round 23 (suggest23): like one over-long definition, they get a module of
    their own with a GS105 warning saying why, instead of staying in the old module; the
    comment says so, with the figures, not that they find their module by name."""
    result = registry
    options = {f"Option{i}" for i in range(12)}
    assert result.keep == ()
    [home] = [m for m in result.modules if options & set(m.mapped)]
    assert options <= set(home.mapped)
    entry = " ".join(line.lstrip("# ") for line in render_entry(result).splitlines()
                     if line.startswith("#"))
    assert "must run in one module, in source order (GS124)" in entry
    assert "finds its module by name" not in entry


def test_only_what_the_errors_point_at_is_kept(registry: Suggestion) -> None:
    """`_default_path` ends two blank lines and a class statement's decorator before
    `Option6`, which reads it at import time; no error points at it: it moves."""
    result = registry
    assert "_default_path" not in result.keep
    [placed] = [p for p in result.plan.placements if "_default_path" in p.names]
    assert placed.module != FACADE


def test_a_module_is_named_and_described_by_what_moves(registry: Suggestion) -> None:
    """The group holding `register` also held the kept `Option0` and `Option1`: the
    module was named `option0` and its comment said "Option0 uses register; Option1 uses
    register", of classes that stay in the old module."""
    result = registry
    kept = {name.lower() for name in result.keep}
    for module in result.modules:  # (round 23: the Option classes move, to one module)
        assert not set(module.mapped) & set(result.keep)
        assert module.name.rstrip("s") not in kept, module.name
        assert not any(name in line for line in module.why for name in result.keep)


def test_each_reason_is_counted_apart(tmp_path: Path) -> None:
    """`Base` compares its module's name (GS117); its subclasses read it at import time,
    and it runs after the re-exports: two reasons, with their counts."""
    result = _suggested(tmp_path, CHAIN, 2)
    assert result.keep == ("Base", "Leaf", "LeafLeaf")
    assert result.keep_why == (
        "2 for code reading at import time kept code that the old module runs after its "
        "re-exports (moved, it would read it before it is bound: GS112)",
        "1 for code comparing a module name with the old module's (GS117)")
    entry = render_entry(result)
    assert "(it finds its module by name" not in entry
    assert entry.count("GS117") == 1


def test_one_name_that_follows_its_user_is_singular(registry: Suggestion) -> None:
    """"1 other name follows the one module that uses it", not "1 other name follow"."""
    result = registry
    assert sum(len(p.names) for p in result.plan.placements if p.reason == "carried") == 1
    header = " ".join(line.lstrip("# ") for line in render_entry(result).splitlines()
                      if line.startswith("#"))
    assert "; 1 other name follows the one module that uses it." in header


def test_the_late_import_cycle_search_runs_once_per_suggestion(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """suggest plans the same analysis several times (here: until the registrations are
    kept); the search for late imports closing a cycle through the project (it reads the
    project's files: 1.7 CPU seconds per plan on bokeh's `models/tools.py`) runs once."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg/__init__.py").write_text("")
    (tmp_path / "pkg/other.py").write_text("from pkg.big import helper_0\n\n\ndef back():\n"
                                           "    return helper_0\n")
    (tmp_path / "pkg/big.py").write_text(
        REGISTRY + "from pkg.other import back  # noqa: E402\n\n\nAGAIN = back\n")
    config = parse_config({}, tmp_path / "godsplit.toml")
    searched: list[Path] = []
    plans: list[int] = []
    above, plan = late_imports._packages_above, core.build_plan

    def counted_search(source: Path) -> frozenset[Path]:  # once per search
        searched.append(source)
        return above(source)

    def counted_plan(*args: Any, **kwargs: Any) -> Plan:
        plans.append(1)
        return plan(*args, **kwargs)

    monkeypatch.setattr(late_imports, "_packages_above", counted_search)
    monkeypatch.setattr(core, "build_plan", counted_plan)
    result = suggest(tmp_path / "pkg/big.py", config, 120)
    assert not result.errors, [f.render() for f in result.errors]
    assert len(plans) >= 2
    assert searched == [tmp_path / "pkg/big.py"]
    [late] = [u for u in analyze(read_source(tmp_path / "pkg/big.py")).units
              if u.kind == "import" and "back" in u.binds]
    assert late_imports.cyclic_late_imports(analyze(read_source(tmp_path / "pkg/big.py")),
                                            tmp_path / "pkg/big.py") == frozenset({late.id})


def test_a_suggestion_that_keeps_everything_says_why(
        registry: Suggestion, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """suggest refuses a suggestion that maps nothing; its message gave the same wrong
    reason as the comment ("their code finds the module by name, or runs at import time
    with code that stays"): it now gives the reasons the names were kept for."""
    from dataclasses import replace

    from godsplit.suggester import checked
    from godsplit.types import GodsplitError

    options = tuple(sorted(f"Option{i}" for i in range(12)))  # (round 23: they move now;
    # the reason is the one a suggestion keeping them would give)
    kept = replace(registry, modules=tuple(replace(m, mapped=()) for m in registry.modules),
                   keep=options, keep_why=(
                       "12 for code changing or reading KNOWN at import time, which must run "
                       "in one module, in source order (GS124): together 205 lines, over "
                       "max-lines 120",))
    monkeypatch.setattr(checked, "_suggest", lambda *args, **kwargs: kept)
    with pytest.raises(GodsplitError) as raised:
        checked.suggest(tmp_path / "pkg/big.py", parse_config({}, tmp_path / "godsplit.toml"),
                        120, 0, None)
    assert raised.value.message == (
        "nothing to split: the 12 names that could move must stay in the old module (12 for "
        "code changing or reading KNOWN at import time, which must run in one module, in "
        "source order (GS124): together 205 lines, over max-lines 120)")
