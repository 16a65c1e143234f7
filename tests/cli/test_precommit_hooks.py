"""Both pre-commit hooks of `.pre-commit-hooks.yaml`, run by the real pre-commit.

pre-commit clones a hook repository and pip-installs godsplit from it into a fresh
virtualenv, as a user's pre-commit would. The hook repository is a temporary git
repository holding this working tree's package (so uncommitted changes are tested too).
`pre-commit try-repo` installs into a throw-away store on every call, so it runs once;
the other runs use a `.pre-commit-config.yaml` naming the hook repository, installed
once per session (a session-wide PRE_COMMIT_HOME). Needs the package index.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GIT_ENV = {
    "GIT_AUTHOR_NAME": "godsplit tests", "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "godsplit tests", "GIT_COMMITTER_EMAIL": "tests@example.invalid",
}

pytestmark = pytest.mark.slow


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    return {**env, **GIT_ENV, "PRE_COMMIT_HOME": str(home)}


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, **GIT_ENV})


def _verify_available() -> bool:
    done = subprocess.run([sys.executable, "-m", "godsplit", "verify", "--help"],
                          capture_output=True, check=False)
    return done.returncode == 0


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository with this working tree's package and hooks, committed."""
    repo = tmp_path_factory.mktemp("hook-repo")
    for name in ("pyproject.toml", ".pre-commit-hooks.yaml", "README.md", "LICENSE"):
        if (REPO / name).is_file():
            shutil.copy2(REPO / name, repo / name)
    if not (repo / "README.md").exists():  # pyproject names it as the long description
        (repo / "README.md").write_text("godsplit\n")
    shutil.copytree(REPO / "src", repo / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "hooks under test")
    return repo


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("pre-commit-home")


def try_repo(hook_repo: Path, home: Path, project: Path, hook: str,
             *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), hook, *args],
        cwd=project, env=_env(home), capture_output=True, text=True, check=False, timeout=900,
    )


def pre_commit(hook_repo: Path, home: Path, project: Path, hook: str,
               *args: str) -> subprocess.CompletedProcess[str]:
    """`pre-commit run HOOK` with a config that names the hook repository at its HEAD."""
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hook_repo, capture_output=True,
                         text=True, check=True).stdout.strip()
    config = project / ".pre-commit-config.yaml"
    config.write_text(f"repos:\n- repo: {hook_repo}\n  rev: {rev}\n  hooks:\n"
                      "  - id: godsplit-check\n  - id: godsplit-verify\n")
    git(project, "add", ".pre-commit-config.yaml")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", hook, *args],
        cwd=project, env=_env(home), capture_output=True, text=True, check=False, timeout=900,
    )


def lines(n: int) -> str:
    return "".join(f"x{i} = {i}\n" for i in range(n))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    git(root, "init", "-q")
    (root / "pyproject.toml").write_text("[tool.godsplit]\nmax-lines = 10\n")
    (root / "small.py").write_text(lines(5))
    (root / "big.py").write_text(lines(20))
    (root / "notes.txt").write_text(lines(50))  # not Python: never handed to the hook
    git(root, "add", "-A")
    return root


def test_check_hook(hook_repo: Path, pre_commit_home: Path, project: Path) -> None:
    failed = try_repo(hook_repo, pre_commit_home, project, "godsplit-check", "--all-files")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "big.py" in failed.stdout and "godsplit suggest big.py" in failed.stdout
    assert "small.py" not in failed.stdout.split("FAILED")[0].split("godsplit check")[-1]
    assert "notes.txt" not in failed.stdout

    # only the staged files are checked: a commit that touches small.py passes
    (project / "small.py").write_text(lines(6))
    passed = pre_commit(hook_repo, pre_commit_home, project, "godsplit-check",
                      "--files", "small.py")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout

    # with a baseline in the config, today's big module passes until it grows
    (project / "pyproject.toml").write_text(
        '[tool.godsplit]\nmax-lines = 10\nbaseline = "godsplit-baseline.json"\n')
    subprocess.run([sys.executable, "-m", "godsplit", "check", "--update-baseline"],
                   cwd=project, check=True, capture_output=True)
    git(project, "add", "-A")
    held = pre_commit(hook_repo, pre_commit_home, project, "godsplit-check", "--all-files")
    assert held.returncode == 0, held.stdout + held.stderr
    (project / "big.py").write_text(lines(21))
    git(project, "add", "-A")
    grown = pre_commit(hook_repo, pre_commit_home, project, "godsplit-check", "--all-files")
    assert grown.returncode == 1
    assert "grew (baseline 20)" in grown.stdout


TASKS = '''"""Tasks."""


def a():
    return 1


def b():
    return a() + 1
'''


@pytest.mark.skipif(not _verify_available(), reason="`godsplit verify` is not available yet")
def test_verify_hook(hook_repo: Path, pre_commit_home: Path, tmp_path: Path) -> None:
    root = tmp_path / "split"
    root.mkdir()
    git(root, "init", "-q")
    (root / "pyproject.toml").write_text(
        '[tool.godsplit]\nmax-lines = 100\n\n[[tool.godsplit.split]]\nsource = "tasks.py"\n\n'
        '[tool.godsplit.split.modules]\none = ["a"]\ntwo = ["b"]\n')
    (root / "tasks.py").write_text(TASKS)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "a god module")
    applied = subprocess.run([sys.executable, "-m", "godsplit", "apply"], cwd=root,
                             capture_output=True, text=True, check=False)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    git(root, "add", "-A")

    passed = pre_commit(hook_repo, pre_commit_home, root, "godsplit-verify", "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr

    facade = next(p for p in (root / "tasks" / "__init__.py", root / "tasks.py") if p.exists())
    text = facade.read_text()
    broken = "\n".join(line for line in text.splitlines()
                       if "import b as b" not in line and line.strip() != '"b",')
    assert broken != text
    facade.write_text(broken + "\n")
    git(root, "add", "-A")
    failed = pre_commit(hook_repo, pre_commit_home, root, "godsplit-verify", "--all-files")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "b" in failed.stdout


def readme_local_hooks() -> str:
    """The README's `repo: local` pre-commit block, as written there."""
    text = (REPO / "README.md").read_text()
    start = text.index("```yaml\nrepos:\n  - repo: local\n") + len("```yaml\n")
    return text[start:text.index("```", start)]


def test_the_readme_local_hooks_run_the_installed_godsplit(pre_commit_home: Path,
                                                           project: Path) -> None:
    (project / ".pre-commit-config.yaml").write_text(readme_local_hooks())
    git(project, "add", "-A")
    env = {**_env(pre_commit_home),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"],
                          cwd=project, env=env, capture_output=True, text=True, check=False,
                          timeout=600)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "godsplit suggest big.py" in done.stdout  # the size check failed on big.py
    assert "godsplit verify" in done.stdout and done.stdout.rstrip().endswith("Passed")
    (project / "big.py").write_text(lines(5))
    git(project, "add", "-A")
    passed = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"],
                            cwd=project, env=env, capture_output=True, text=True, check=False,
                            timeout=600)
    assert passed.returncode == 0, passed.stdout + passed.stderr
