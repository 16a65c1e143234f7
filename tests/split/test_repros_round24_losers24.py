"""Round 24 (losers24): the facade's imports in source order where sorted ones would
reorder import-time registrations. beets' `ui/commands.py` appends each command to
`default_commands` after defining it (`beet help` lists them in that order); split one
command per module, the package's `__init__.py` runs the modules in the order its imports
are written, and the project's sorter writes them alphabetically: GS124 refused it. Now
the facade's imports of the new modules are written in the modules' source order, fenced
with `# isort: off` / `# isort: on`, where that keeps every such order (GS153) and the
project's sorter (ruff's isort, isort) leaves the file as it is."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from godsplit.types import Finding

from splitkit import make_project, plan_texts, ruff_check, same_behaviour

REGISTRY = """
    HANDLERS = []


    def handler(f):
        HANDLERS.append(f)
        return f


    @handler
    def alpha(x):
        return "alpha"


    @handler
    def beta(x):
        return "beta"


    @handler
    def gamma(x):
        return "gamma"


    def dispatch():
        return [h(0) for h in HANDLERS]
"""

CORE = ["HANDLERS", "handler", "dispatch"]
# `z_alpha` sorts after `c_beta` and `d_gamma`: sorted, its registration would come last
MODULES = {"a_core": CORE, "z_alpha": ["alpha"], "c_beta": ["beta"], "d_gamma": ["gamma"]}

USES = """
    import pkg.big

    print(pkg.big.dispatch())
"""

RUFF = """
    [tool.ruff.lint]
    select = ["E", "F", "I"]
"""

ISORT = """
    [tool.isort]
    profile = "black"
"""


def _codes(findings: Sequence[Finding]) -> list[str]:
    return [f.code for f in findings if f.code in ("GS124", "GS153")]


def test_registrations_keep_source_order_with_a_fenced_facade(tmp_path: Path) -> None:
    plan, texts = plan_texts(make_project(tmp_path / "plan", REGISTRY, MODULES))
    assert not plan.errors, [f.render() for f in plan.errors]
    assert _codes(plan.findings) == ["GS153"]
    facade = texts["pkg/big/__init__.py"]
    fenced = facade[facade.index("# isort: off"):facade.index("# isort: on")]
    assert [line.split()[1] for line in fenced.splitlines()[1:] if line.strip()] == [
        ".a_core", ".z_alpha", ".c_beta", ".d_gamma"]
    assert "GS153" in facade  # the comment `retire` looks for
    out = same_behaviour(tmp_path / "run", REGISTRY, MODULES, USES)
    assert out == "['alpha', 'beta', 'gamma']\n"


@pytest.mark.parametrize("config", [RUFF, ISORT], ids=["ruff", "isort"])
def test_the_fenced_facade_is_left_as_it_is_by_the_projects_sorter(tmp_path: Path,
                                                                     config: str) -> None:
    root = tmp_path / "p"
    plan, texts = plan_texts(make_project(root, REGISTRY, MODULES, files={"pyproject.toml": config}))
    assert not plan.errors, [f.render() for f in plan.errors]
    target = root / "pkg/big/__init__.py"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(texts["pkg/big/__init__.py"])
    if config is RUFF:
        result = ruff_check(root, "pkg/big/__init__.py")
        assert result.returncode == 0, result.stdout
    else:
        isort = Path(sys.executable).with_name("isort")
        result = subprocess.run([str(isort), "--check-only", "--diff", "pkg/big/__init__.py"],
                                cwd=root, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stdout + result.stderr
    black = Path(sys.executable).with_name("black")
    result = subprocess.run([str(black), "--check", "pkg/big/__init__.py"], cwd=root,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_an_order_no_import_order_keeps_is_still_refused(tmp_path: Path) -> None:
    # alpha and gamma in one module, beta in another: no order of the imports keeps it
    split = {"a_core": CORE, "b_outer": ["alpha", "gamma"], "c_beta": ["beta"]}
    plan, _ = plan_texts(make_project(tmp_path / "split", REGISTRY, split))
    assert [f.code for f in plan.errors] == ["GS124"]
    # a sibling package: its modules can be imported without the facade
    plan, _ = plan_texts(make_project(tmp_path / "sibling", REGISTRY, MODULES, package="pkg/parts"))
    assert [f.code for f in plan.errors] == ["GS124"]


def test_the_sources_own_isort_comments_are_not_nested(tmp_path: Path) -> None:
    # the facade keeps the source's `# isort: off` block: a fence would nest in it
    source = "# isort: off\nimport os\n# isort: on\n" + REGISTRY.replace("\n    ", "\n")
    plan, _ = plan_texts(make_project(tmp_path / "own", source, MODULES))
    assert [f.code for f in plan.errors] == ["GS124"]


DRAWS = """
    import random

    random.seed(1234)
    A = random.random()


    def helper():
        return A


    B = random.random()
"""

SIGNALS = """
    import signal


    def first(signum, frame):
        pass


    signal.signal(signal.SIGUSR1, first)


    def second(signum, frame):
        pass


    signal.signal(signal.SIGUSR1, second)
"""


@pytest.mark.parametrize(("source", "modules", "code", "expected"), [
    # `z` sorts after `a`: sorted, `B` would draw the first number
    (DRAWS, {"z": ["A", "helper"], "a": ["B"]},
     "import pkg.big\nprint(round(pkg.big.A, 4), round(pkg.big.B, 4))", "0.9665 0.4407\n"),
    # `one` sorts before `two`: sorted, `first` would be the handler left
    (SIGNALS, {"one": ["second"], "two": ["first"]},
     "import signal\nimport pkg.big\nprint(signal.getsignal(signal.SIGUSR1).__name__)",
     "second\n"),
], ids=["random draws", "signal handler"])
def test_other_ordered_state_keeps_its_order_through_the_fenced_facade(
        tmp_path: Path, source: str, modules: dict[str, list[str]], code: str,
        expected: str) -> None:
    plan, texts = plan_texts(make_project(tmp_path / "plan", source, modules))
    assert _codes(plan.findings) == ["GS153"], [f.render() for f in plan.findings]
    assert "# isort: off" in texts["pkg/big/__init__.py"]
    assert same_behaviour(tmp_path / "run", source, modules, code) == expected
