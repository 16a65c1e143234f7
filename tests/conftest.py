"""Shared test helpers: tiny projects on disk, tree hashes, and hypothesis profiles.

Helpers are plain functions (import them with `from conftest import make_project, tree_hash`);
keep this file small and keep each helper documented.

Hypothesis profiles (select with `HYPOTHESIS_PROFILE=<name>`):
- `ci` (default): derandomized, no deadline, no example database; each fuzz test runs the
  small number of examples it asks for through `fuzz_examples(n)`.
- `long`: random seeds, no deadline, examples database on; `fuzz_examples(n)` gives
  `n * GODSPLIT_FUZZ_FACTOR` (default 50).  `HYPOTHESIS_PROFILE=long pytest tests/test_fuzz.py`
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from hypothesis import HealthCheck, settings

LITTER_PREFIX = ".godsplit-"  # journal and staged/backup files are named `.<name>.godsplit-*`
collect_ignore = ["data"]  # sample projects with their own test suites (tests/data/ledger)

settings.register_profile(
    "ci", deadline=None, derandomize=True, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                           HealthCheck.data_too_large],
)
settings.register_profile(
    "long", deadline=None, derandomize=False, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                           HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def fuzz_examples(n: int) -> int:
    """How many examples a fuzz test runs: `n` in CI, many more under the `long` profile."""
    if settings.get_current_profile_name() == "long":
        return n * int(os.environ.get("GODSPLIT_FUZZ_FACTOR", "50"))
    return n


def make_project(root: Path, files: dict[str, str | bytes], config: str | None = None) -> Path:
    """Write `files` (relative path -> text or bytes) under `root`, and `config` as
    `godsplit.toml` when given. Text is written as UTF-8 with its newlines untouched."""
    root.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)
    if config is not None:
        (root / "godsplit.toml").write_text(config)
    return root


def tree_files(root: Path) -> dict[str, bytes | str]:
    """Every entry under `root` by relative path: file bytes, `<dir>`, or `-> target` for
    symlinks (never followed). `__pycache__` directories are ignored."""
    out: dict[str, bytes | str] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        base = Path(dirpath)
        for name in [*dirnames, *filenames]:
            path = base / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                out[rel] = f"-> {os.readlink(path)}"
            elif path.is_dir():
                out[rel] = "<dir>"
            else:
                with open(path, "rb") as handle:  # not Path.read_bytes: tests may patch it
                    out[rel] = handle.read()
    return dict(sorted(out.items()))


def tree_hash(root: Path) -> str:
    """A hash of every path, file content, directory and symlink under `root`."""
    digest = hashlib.sha256()
    for rel, content in tree_files(root).items():
        digest.update(rel.encode() + b"\0")
        digest.update(content if isinstance(content, bytes) else content.encode())
        digest.update(b"\0\0")
    return digest.hexdigest()


def litter(root: Path) -> list[str]:
    """Journal, staged and backup files an apply leaves behind (should be none)."""
    return [rel for rel in tree_files(root) if LITTER_PREFIX in Path(rel).name]
