"""The `godsplit-migrate` pre-commit hook, run by the real pre-commit.

The hook repository and pre-commit home are those of tests/cli/test_precommit_hooks.py
(godsplit installed from this working tree into pre-commit's own virtualenv). Needs
the package index.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "_godsplit_hook_tests", Path(__file__).resolve().parents[1] / "cli" / "test_precommit_hooks.py")
assert _spec is not None and _spec.loader is not None
hooks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hooks)
hook_repo = hooks.hook_repo  # the fixtures, shared
pre_commit_home = hooks.pre_commit_home

pytestmark = pytest.mark.slow


def test_migrate_hook(hook_repo: Path, pre_commit_home: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "app").mkdir(parents=True)
    hooks.git(root, "init", "-q")
    (root / "pyproject.toml").write_text(
        '[tool.godsplit]\nverify-import = false\n\n[[tool.godsplit.split]]\nsource = "tasks.py"\n'
        'package = "parts"\n\n[tool.godsplit.split.modules]\none = ["a"]\ntwo = ["b"]\n')
    (root / "tasks.py").write_text(hooks.TASKS)
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "use.py").write_text("from tasks import a, b\n")
    hooks.git(root, "add", "-A")
    hooks.git(root, "commit", "-q", "-m", "a god module and a user")
    applied = subprocess.run([sys.executable, "-m", "godsplit", "apply"], cwd=root,
                             capture_output=True, text=True, check=False)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    hooks.git(root, "add", "-A")

    failed = hooks.try_repo(hook_repo, pre_commit_home, root, "godsplit-migrate", "--all-files")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "app/use.py:1: tasks.a -> parts.one" in failed.stdout

    migrated = subprocess.run([sys.executable, "-m", "godsplit", "migrate"], cwd=root,
                              capture_output=True, text=True, check=False)
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    hooks.git(root, "add", "-A")
    passed = hooks.try_repo(hook_repo, pre_commit_home, root, "godsplit-migrate", "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
