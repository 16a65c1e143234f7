"""Issue 12's measure: what a split adds under each project's own linters, formatter and
type checkers (tests/lintkit.py), on the bundled fixture, the sample project and real
libraries' god files.

    python benchmarks/lint_quality.py [NAME ...] [--pyright]

NAME: intelliwiz, ledger, click, more-itertools (default: all). The real libraries are
downloaded from PyPI as benchmarks/realworld.py does (cached outside this repository) and
split with `godsplit suggest --write` (click's hand mapping in
benchmarks/realworld/projects.toml has plan errors today: GS105). Prints, per project,
the new findings by tool and code, the files the formatter would newly change, and the
type diagnostics added/removed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO / "tests"), str(HERE)]

import realworld  # noqa: E402
from lintkit import Report, compare, snapshot  # noqa: E402

LOCAL = {
    "intelliwiz": (REPO / "fixtures" / "intelliwiz", ["."], ()),
    "ledger": (REPO / "tests" / "data" / "ledger", ["ledger", "tests"], ()),
}
# name -> (version, sha256, python targets, mypy targets, module to `suggest` without a spec)
REMOTE = {
    "click": ("8.1.8", "", ["src", "tests"], ["src/click", "tests/typing"], "src/click/core.py"),
    "more-itertools": (
        "11.2.1", "", ["more_itertools", "tests"], ["more_itertools"], "more_itertools/more.py"),
}


def godsplit(root: Path, *args: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "godsplit", *args], cwd=root,
                          capture_output=True, text=True, timeout=1800)
    if proc.returncode != 0:
        raise RuntimeError(f"godsplit {' '.join(args)}: {proc.stdout[-2000:]}{proc.stderr[-2000:]}")


def remote_tree(name: str, work: Path) -> tuple[Path, list[str], list[str], str]:
    version, sha256, targets, typed, module = REMOTE[name]
    spec = realworld.Spec(["tests"], name=name, version=version, module=module, sha256=sha256)
    pristine = realworld.unpack(realworld.download(spec), work / f"{name}-pristine")
    return pristine, targets, typed, ""


def measure(name: str, work: Path, pyright: bool) -> Report:
    tools = ["ruff", "pyflakes", "flake8", "format", "isort", "mypy"] + (["pyright"] * pyright)
    if name in LOCAL:
        source, targets, _ = LOCAL[name]
        typed, config, module = targets, "", ""
    else:
        source, targets, typed, config = remote_tree(name, work)
        module = REMOTE[name][4]
    before_root = work / f"{name}-before"
    after_root = work / f"{name}-after"
    for root in (before_root, after_root):
        shutil.copytree(source, root, ignore=shutil.ignore_patterns("__pycache__"))
        if config:
            (root / "godsplit.toml").write_text(config)
    if module and not config:
        (after_root / "godsplit.toml").write_text("max-lines = 1500\n")  # click's classes are long
        godsplit(after_root, "suggest", module, "--write")
        shutil.copy(after_root / "godsplit.toml", before_root / "godsplit.toml")
    godsplit(after_root, "apply")
    lint = [t for t in tools if t not in ("mypy", "pyright")]
    types = [t for t in tools if t in ("mypy", "pyright")]
    before = snapshot(before_root, targets, tools=lint)
    after = snapshot(after_root, targets, tools=lint)
    typed_before = snapshot(before_root, typed, tools=types)
    typed_after = snapshot(after_root, typed, tools=types)
    lint_report, type_report = compare(before, after), compare(typed_before, typed_after)
    return Report(lint_report.new, lint_report.reformat, type_report.types_added,
                  type_report.types_removed, lint_report.failures + type_report.failures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", default=[*LOCAL, *REMOTE])
    parser.add_argument("--pyright", action="store_true", help="also run pyright (slow)")
    parser.add_argument("--verbose", action="store_true", help="list every new finding")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="godsplit-lint-") as tmp:
        for name in args.names:
            started = time.monotonic()
            report = measure(name, Path(tmp), args.pyright)
            print(f"## {name} ({time.monotonic() - started:.0f} s)")
            print(report.summary(limit=10_000 if args.verbose else 0))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
