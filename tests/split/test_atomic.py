"""Atomic apply: an exception or a kill at any write step leaves the old tree or the new tree,
never a mix, and the next run recovers; and the same input always gives the same output.

Write steps (the names `write.begin` passes to its hook): `journal`, `mkdir <dir>`,
`stage <file>` for each file written, `swap <file>` for each file written or deleted,
`commit` (the journal flips to "committed": before it the old tree comes back, after it the
new tree stands), then `cleanup <backup>` for each replaced file.

- Fault injection: `apply_splits(config, hook=...)` with a hook raising at step k, for every k.
- Kill tests (slow): `python -m godsplit apply` with `GODSPLIT_CRASH_AT=k` SIGKILLs itself at
  step k; then recovery gives the old or the new tree, and a rerun of apply the new tree.

These configs set `verify-import = false` (no import subprocess); one test runs with it on.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import godsplit.split.apply
import godsplit.split.write
from godsplit.cli import main
from godsplit.config import load_config
from godsplit.split.apply import apply_splits
from godsplit.split.plan import plan_split
from godsplit.split.write import JOURNAL, recover
from godsplit.types import Finding, GodsplitError

from conftest import litter, make_project, tree_files, tree_hash

SOURCE = '''\
"""Orders: a module about to be split."""
import logging

log = logging.getLogger("orders")
TAX = 0.2


def total(items):
    # sum with tax
    return sum(items) * (1 + TAX)


class Order:
    def __init__(self, items):
        self.items = items

    def total(self):
        return total(self.items)


def report(order):
    log.info("order %s", order.total())
    return f"{order.total():.2f}"
'''

LAYOUTS = {
    # package layout: big.py is deleted, big/ is created with the facade as __init__.py
    "package": ({"pkg/__init__.py": "", "pkg/big.py": SOURCE}, ""),
    # sibling layout: pkg/big.py is replaced by the facade, pkg/parts/ holds the modules
    "sibling": ({"pkg/__init__.py": "", "pkg/big.py": SOURCE}, 'package = "pkg/parts"'),
}
CONFIG = """\
verify-import = {verify}

[[split]]
source = "pkg/big.py"
default = "misc"
{package}

[split.modules]
pricing = ["total", "TAX"]
orders = ["Order"]
"""


class InjectedFault(Exception):
    """Raised by the test hook at the chosen write step."""


def project(root: Path, layout: str, verify: bool = False) -> Path:
    files, package = LAYOUTS[layout]
    return make_project(root, files, CONFIG.format(verify=str(verify).lower(), package=package))


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, dict, list[str]]]:
    """Per layout: the new tree's hash, its files, and the write steps of a clean apply."""
    out = {}
    for layout in LAYOUTS:
        root = project(tmp_path_factory.mktemp(f"clean-{layout}"), layout)
        steps: list[str] = []
        result = apply_splits(load_config(root / "godsplit.toml"), hook=steps.append)
        assert result.written and not result.errors
        out[layout] = (tree_hash(root), tree_files(root), steps)
    return out


def test_steps_cover_every_write(trees: dict[str, tuple[str, dict, list[str]]]) -> None:
    for layout, (_, _files, steps) in trees.items():
        kinds = [step.split()[0] for step in steps]
        assert kinds[0] == "journal" and "commit" in kinds, steps
        commit = kinds.index("commit")
        assert set(kinds[:commit]) <= {"journal", "mkdir", "stage", "swap"}
        assert set(kinds[commit + 1:]) == {"cleanup"}  # a backup of the replaced source
        staged = {Path(s.split(" ", 1)[1]).name for s in steps if s.startswith("stage")}
        assert staged >= {"pricing.py", "orders.py", "misc.py"}, (layout, steps)


def fail_at(k: int, fault: type[BaseException] | BaseException) -> godsplit.split.write.Hook:
    """A write hook raising `fault` at the k-th step (0-based); step names hold absolute
    paths, so steps are counted rather than named."""
    calls = iter(range(10**6))

    def hook(step: str) -> None:
        if next(calls) == k:
            raise fault(step) if isinstance(fault, type) else fault

    return hook


def _fresh(tmp_path: Path, layout: str, k: int, verify: bool = False) -> tuple[Path, str]:
    root = project(tmp_path / f"{layout}-{k}", layout, verify)
    return root, tree_hash(root)


@pytest.mark.slow  # (a few seconds: out of the fast loop)
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_fault_at_any_write_step_leaves_the_old_tree_or_the_new_one(
    layout: str, tmp_path: Path, trees: dict[str, tuple[str, dict, list[str]]]
) -> None:
    new_hash, new_files, steps = trees[layout]
    commit = steps.index("commit")
    for k, step in enumerate(steps):
        root, old_hash = _fresh(tmp_path, layout, k)

        with pytest.raises(InjectedFault):
            apply_splits(load_config(root / "godsplit.toml"), hook=fail_at(k, InjectedFault))
        if k <= commit:  # before the commit point: the old tree, exactly, and no litter
            assert tree_hash(root) == old_hash, f"fault at {step!r} changed the tree"
            assert not litter(root), (step, litter(root))
        else:  # after it: the new tree stands; the next run removes the leftover backups
            visible = {p: d for p, d in tree_files(root).items() if p not in litter(root)}
            assert visible == new_files, f"fault at {step!r}: not the new tree"
            assert recover(root) == "completed an interrupted apply"
            assert tree_hash(root) == new_hash and not litter(root)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_an_os_error_while_writing_is_a_clear_error_and_nothing_changes(
    layout: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    trees: dict[str, tuple[str, dict, list[str]]],
) -> None:
    """A full disk while staging or swapping: exit 2, one line, the old tree."""
    steps = trees[layout][2]
    for step in (next(s for s in steps if s.startswith("stage")),
                 [s for s in steps if s.startswith("swap")][-1]):
        root, old_hash = _fresh(tmp_path, layout, steps.index(step))

        full = fail_at(steps.index(step), OSError(28, "No space left on device"))
        monkeypatch.setattr(godsplit.split.write, "_crash_hook", lambda hook=full: hook)
        result = CliRunner().invoke(main, ["apply", "--config", str(root / "godsplit.toml")])
        assert result.exit_code == 2, result.output
        assert "No space left on device; nothing was changed" in result.output
        assert len(result.output.strip().splitlines()) == 1
        assert tree_hash(root) == old_hash and not litter(root)


def test_with_verify_import_on_the_split_is_verified_and_a_late_fault_rolls_back(
    tmp_path: Path, trees: dict[str, tuple[str, dict, list[str]]],
) -> None:
    """verify-import on: the same new tree as without it (the verify subprocess leaves
    nothing behind); a difference found by verify, or a fault after verifying, gives the old
    tree back."""
    root, _ = _fresh(tmp_path, "package", 0, verify=True)
    result = apply_splits(load_config(root / "godsplit.toml"))
    assert result.written and not result.errors
    assert any(f.code == "GS400" and "the same" in f.message for f in result.splits[0].findings)
    # the configs differ in one line, so compare the other files rather than the hashes
    on = {p: d for p, d in tree_files(root).items() if p != "godsplit.toml"}
    assert on == {p: d for p, d in trees["package"][1].items() if p != "godsplit.toml"}

    root, old_hash = _fresh(tmp_path, "package", 1, verify=True)
    seen: list[str] = []

    def fault_at_commit(step: str) -> None:
        seen.append(step)
        if step == "commit":
            raise InjectedFault(step)

    with pytest.raises(InjectedFault):
        apply_splits(load_config(root / "godsplit.toml"), hook=fault_at_commit)
    assert "commit" in seen and tree_hash(root) == old_hash and not litter(root)


def test_a_verify_difference_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, old_hash = _fresh(tmp_path, "sibling", 0)

    def differs(before, after, path):  # type: ignore[no-untyped-def]
        return [Finding("GS401", "error", "the facade no longer binds: total", path, 1)]

    monkeypatch.setattr(godsplit.split.apply, "compare_static", differs)
    result = apply_splits(load_config(root / "godsplit.toml"))
    assert result.rolled_back and not result.written
    assert tree_hash(root) == old_hash and not litter(root)


def test_an_exception_while_verifying_rolls_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between the last swap and the commit, apply verifies the written tree; an exception
    there (a crash in the import check, Ctrl-C) puts the old tree back."""
    root, old_hash = _fresh(tmp_path, "package", 0)

    def crash(*args: object) -> list[Finding]:
        assert (root / "pkg" / "big" / "__init__.py").exists()  # the new tree is in place
        raise KeyboardInterrupt

    monkeypatch.setattr(godsplit.split.apply, "_verify_written", crash)
    with pytest.raises(KeyboardInterrupt):
        apply_splits(load_config(root / "godsplit.toml"))
    assert tree_hash(root) == old_hash and not litter(root)


def test_a_corrupt_journal_is_a_clear_error(tmp_path: Path) -> None:
    root, _ = _fresh(tmp_path, "package", 0)
    (root / JOURNAL).write_text("{not json")
    with pytest.raises(GodsplitError, match="cannot read the journal"):
        recover(root)
    result = CliRunner().invoke(main, ["apply", "--config", str(root / "godsplit.toml")])
    assert result.exit_code == 2 and "journal" in result.output


# --- kill tests: SIGKILL at each step, in a real process ---------------------------------


def _godsplit(root: Path, *args: str, crash_at: int | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("GODSPLIT_CRASH_AT", None)
    if crash_at is not None:
        env["GODSPLIT_CRASH_AT"] = str(crash_at)
    return subprocess.run([sys.executable, "-m", "godsplit", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)


def _restore(root: Path, files: dict[str, bytes | str]) -> None:
    """Put back a tree recorded by tree_files (same absolute paths: journals name them)."""
    shutil.rmtree(root)
    root.mkdir()
    for rel, content in files.items():
        path = root / rel
        if content == "<dir>":
            path.mkdir(parents=True, exist_ok=True)
        elif isinstance(content, str) and content.startswith("-> "):
            path.symlink_to(content[3:])
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)  # type: ignore[arg-type]


@pytest.mark.slow
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_kill_at_any_write_step_is_recovered(
    layout: str, tmp_path: Path, trees: dict[str, tuple[str, dict, list[str]]]
) -> None:
    new_hash, new_files, steps = trees[layout]
    commit = steps.index("commit") + 1  # GODSPLIT_CRASH_AT counts from 1
    for k in range(1, len(steps) + 2):
        root, old_hash = _fresh(tmp_path, layout, k)
        old_files = tree_files(root)
        proc = _godsplit(root, "apply", crash_at=k)
        if k > len(steps):  # past the last step: a normal, complete apply
            assert proc.returncode == 0, proc.stderr
            assert tree_hash(root) == new_hash
            continue
        assert proc.returncode == -signal.SIGKILL, (k, proc.returncode, proc.stderr)
        killed = tree_files(root)
        # no file is half written: each is its old or its new version, or litter
        for rel, data in killed.items():
            if rel not in litter(root):
                assert data in (old_files.get(rel), new_files.get(rel)), (steps[k - 1], rel)
        # whatever changed is recoverable: a journal says how
        visible = {p: d for p, d in killed.items() if p not in litter(root)}
        assert visible == old_files or (root / JOURNAL).exists(), steps[k - 1]
        # no command reads a tree in this state: plan refuses until apply recovers
        if (root / JOURNAL).exists():
            refused = CliRunner().invoke(main, ["plan", "--config", str(root / "godsplit.toml")])
            assert refused.exit_code == 2 and "interrupted" in refused.output
        # recovery (which every apply does first) gives the old tree, or after the commit
        # point the new one
        recover(root)
        assert tree_hash(root) == (old_hash if k <= commit else new_hash), steps[k - 1]
        # and a rerun of apply from the killed state recovers and gives exactly the new tree
        _restore(root, killed)
        rerun = CliRunner().invoke(main, ["apply", "--config", str(root / "godsplit.toml")])
        assert rerun.exit_code == 0, rerun.output
        assert tree_hash(root) == new_hash, steps[k - 1]  # (so no journal, no litter either)
        assert ("interrupted apply" in rerun.output) == (JOURNAL in killed)


# --- determinism and idempotence -----------------------------------------------------------


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_same_input_gives_byte_identical_output(layout: str, tmp_path: Path) -> None:
    first, second = project(tmp_path / "one" / "a", layout), project(tmp_path / "b", layout)
    for root in (first, second):
        assert apply_splits(load_config(root / "godsplit.toml")).written
    assert tree_files(first) == tree_files(second)


@pytest.mark.slow
def test_output_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """Two processes with different PYTHONHASHSEED (set and dict orders) write the same."""
    roots = []
    for seed in ("1", "2"):
        root = project(tmp_path / seed, "package")
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONDONTWRITEBYTECODE": "1"}
        subprocess.run([sys.executable, "-m", "godsplit", "apply"], cwd=root, env=env,
                       check=True, capture_output=True, timeout=120)
        roots.append(root)
    assert tree_files(roots[0]) == tree_files(roots[1])


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_applying_twice_changes_nothing_and_plan_reports_already_split(
    layout: str, tmp_path: Path
) -> None:
    root = project(tmp_path, layout)
    config = str(root / "godsplit.toml")
    first = CliRunner().invoke(main, ["apply", "--config", config])
    assert first.exit_code == 0, first.output
    after = tree_hash(root)
    second = CliRunner().invoke(main, ["apply", "--config", config])
    assert second.exit_code == 0 and "already split, nothing to do" in second.output
    assert tree_hash(root) == after
    planned = CliRunner().invoke(main, ["plan", "--config", config])
    assert planned.exit_code == 0 and "already split" in planned.output, planned.output
    loaded = load_config(root / "godsplit.toml")
    plan, analysis = plan_split(loaded, loaded.splits[0])
    assert plan.already_split and analysis is None and not plan.changes
    assert [(f.code, f.severity) for f in plan.findings] == [("GS300", "info")]
    assert tree_hash(root) == after
