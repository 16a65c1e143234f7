"""`godsplit migrate --check` (the CI gate, its baseline and formats), the command's
exit codes, bad input, and the transaction: `migrate` and `apply --migrate` roll back
everything when the import check finds a difference."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from godsplit.cli import main
from godsplit.config import load_config
from godsplit.migration.core import migrate
from godsplit.split.apply import apply_splits
from godsplit.types import Config, GodsplitError

from conftest import litter, tree_hash
from splitkit import dedent

SOURCE = '''
    """Tools."""


    def helper():
        return 1


    def run():
        return helper() + 1
'''
USES = """
    from pkg.big import helper, run

    print(helper(), run())
"""


def project(root: Path, files: dict[str, str] | None = None, verify: bool = False,
            applied: bool = True) -> Config:
    for name, text in {"pkg/__init__.py": "", "pkg/big.py": SOURCE, "app/__init__.py": "",
                       "app/use.py": USES, **(files or {})}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(dedent(text))
    (root / "godsplit.toml").write_text(
        f'verify-import = {str(verify).lower()}\n[[split]]\nsource = "pkg/big.py"\n'
        'package = "pkg/parts"\n[split.modules]\ntools = ["helper"]\njobs = ["run"]\n')
    config = load_config(root / "godsplit.toml")
    if applied:
        assert apply_splits(config).written
    return config


def cli(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["migrate", "--config", str(root / "godsplit.toml"), *args])


def test_check_lists_each_use_and_fails(tmp_path: Path) -> None:
    project(tmp_path)
    before = tree_hash(tmp_path)
    result = cli(tmp_path, "--check")
    assert result.exit_code == 1
    assert "app/use.py:1: pkg.big.helper -> pkg.parts.tools" in result.output
    assert "app/use.py:1: pkg.big.run -> pkg.parts.jobs" in result.output
    assert "2 uses of an old module in 1 file (2 of them `godsplit migrate` rewrites)" \
        in result.output
    assert tree_hash(tmp_path) == before  # --check writes nothing

    assert cli(tmp_path).exit_code == 0
    clean = cli(tmp_path, "--check")
    assert clean.exit_code == 0 and "no use of an old module left" in clean.output


def test_check_json_and_github(tmp_path: Path) -> None:
    project(tmp_path)
    data = json.loads(cli(tmp_path, "--check", "--format", "json").output)
    assert data["passed"] is False and data["summary"]["failing"] == 2
    assert data["uses"][0] == {
        "path": "app/use.py", "line": 1, "module": "pkg.big", "name": "helper",
        "kind": "import", "new": "pkg.parts.tools", "fixable": True, "detail": "",
        "remaining": True, "failing": True}
    github = cli(tmp_path, "--check", "--format", "github")
    assert github.exit_code == 1
    assert github.output.splitlines()[0] == (
        "::error file=app/use.py,line=1,title=godsplit migrate::pkg.big.helper is used through "
        "the old path; it now lives in pkg.parts.tools (`godsplit migrate` rewrites it)")


@pytest.mark.slow  # (a few seconds: out of the fast loop)
def test_baseline_holds_todays_uses_until_they_grow(tmp_path: Path) -> None:
    project(tmp_path)
    recorded = cli(tmp_path, "--check", "--update-baseline")
    assert recorded.exit_code == 0
    baseline = json.loads((tmp_path / "godsplit-migrate-baseline.json").read_text())
    assert baseline == {"godsplit-migrate-baseline": 1, "uses": {"app/use.py": {"pkg.big": 2}}}
    held = cli(tmp_path, "--check")
    assert held.exit_code == 0 and "2 held by the baseline" in held.output

    (tmp_path / "app" / "more.py").write_text("from pkg.big import run\n")
    grown = cli(tmp_path, "--check")
    assert grown.exit_code == 1 and "app/more.py:1: pkg.big.run" in grown.output

    (tmp_path / "app" / "more.py").unlink()
    (tmp_path / "app" / "use.py").write_text("from pkg.big import run\n")
    shrunk = cli(tmp_path, "--check")
    assert shrunk.exit_code == 0
    assert "app/use.py: 1 uses of pkg.big, baseline 2: update the baseline" in shrunk.output


def test_bad_baseline_is_bad_input(tmp_path: Path) -> None:
    project(tmp_path)
    (tmp_path / "godsplit-migrate-baseline.json").write_text("{")
    result = cli(tmp_path, "--check")
    assert result.exit_code == 2 and "invalid JSON in baseline" in result.output


def test_a_file_that_does_not_parse_is_bad_input_and_nothing_is_written(tmp_path: Path) -> None:
    project(tmp_path, {"app/broken.py": "from pkg.big import helper\ndef (:\n"})
    before = tree_hash(tmp_path)
    result = cli(tmp_path)
    assert result.exit_code == 2
    assert result.output.startswith("error: ") and "app/broken.py:2: cannot parse" in result.output
    assert tree_hash(tmp_path) == before


def test_not_applied_yet_is_bad_input(tmp_path: Path) -> None:
    project(tmp_path, applied=False)
    result = cli(tmp_path)
    assert result.exit_code == 2 and "no configured split has been applied" in result.output
    named = cli(tmp_path, str(tmp_path / "pkg" / "big.py"))
    assert named.exit_code == 2 and "not split yet" in named.output


def test_a_write_that_fails_halfway_leaves_the_tree_as_it_was(tmp_path: Path) -> None:
    config = project(tmp_path, {"app/other.py": USES})
    before = tree_hash(tmp_path)

    def fail(step: str) -> None:
        if step.startswith("swap") and step.endswith("other.py"):
            raise OSError(28, "No space left on device")

    with pytest.raises(GodsplitError, match="nothing was changed"):
        migrate(config, hook=fail)
    assert tree_hash(tmp_path) == before and not litter(tmp_path)


# A module that relies on the old module having been imported (a side effect that a
# rewrite to the new modules removes): its import breaks, so everything rolls back.
RELIES = {"app/relies.py": """
    import sys

    from pkg.big import run

    assert "pkg.big" in sys.modules, "imported for its side effects"
"""}


@pytest.mark.slow
def test_migrate_rolls_back_when_the_import_check_fails(tmp_path: Path) -> None:
    config = project(tmp_path, RELIES, verify=True)
    before = tree_hash(tmp_path)
    result = migrate(config)
    assert result.rolled_back and not result.written
    assert any(f.code == "GS506" and "relies.py" in f.path for f in result.errors)
    assert tree_hash(tmp_path) == before and not litter(tmp_path)


@pytest.mark.slow
def test_apply_migrate_is_one_transaction(tmp_path: Path) -> None:
    config = project(tmp_path, verify=True, applied=False)
    result = apply_splits(config, migrate=True)
    assert result.written and result.migration is not None and result.migration.written
    assert (tmp_path / "app" / "use.py").read_text().startswith(
        "from pkg.parts.jobs import run\nfrom pkg.parts.tools import helper\n")
    assert migrate(config, check=True).uses == ()

    broken = tmp_path / "broken"
    config = project(broken, RELIES, verify=True, applied=False)
    before = tree_hash(broken)
    failed = apply_splits(config, migrate=True)
    assert failed.rolled_back and not failed.written
    assert any(f.code == "GS506" for f in failed.errors)
    assert tree_hash(broken) == before and not litter(broken)  # the split is undone too


@pytest.mark.slow  # (a few seconds: out of the fast loop)
def test_python_api_returns_frozen_results(tmp_path: Path) -> None:
    import dataclasses

    import godsplit

    project(tmp_path)
    config = tmp_path / "godsplit.toml"
    checked = godsplit.migrate(config=config, check=True)
    assert checked.gate is not None and not checked.gate.passed and not checked.written
    assert [(u.name, u.new) for u in checked.remaining] == [
        ("helper", "pkg.parts.tools"), ("run", "pkg.parts.jobs")]
    with pytest.raises(dataclasses.FrozenInstanceError):
        checked.written = True  # type: ignore[misc]
    refused = godsplit.retire(config=config)
    assert refused.refused and not refused.written
    done = godsplit.migrate(config=config)
    assert done.written and done.gate is None and done.remaining == ()
    assert godsplit.retire(config=config).written
    with pytest.raises(godsplit.GodsplitError, match="update_baseline needs check"):
        godsplit.migrate(config=config, update_baseline=True)
