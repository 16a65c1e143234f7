"""Is `godsplit suggest` as fast as `godsplit plan` on the same ~6,000-line file?

    .venv/bin/python benchmarks/suggest_speed.py [--repeat 3] [--modules K] [--file PATH ...]

Two files: pyparsing 3.2.0's `pyparsing/core.py` (6,227 lines; from the PyPI sdist,
sha256-checked, cached in benchmarks/.work/) and a seeded 6,000-line synthetic god file
(benchmarks/synth.py). For each, in a copy with no godsplit config, it times in fresh
interpreters, one after the other, `--repeat` times (the file alone in an empty directory,
and pyparsing's `core.py` also in its sdist's tree of 130 Python files, where `plan` scans
the project for references, as it does in a user's project):

- `godsplit suggest FILE --write` (analysis, grouping, planning the suggestion once or
  more, writing the entry), then
- `godsplit plan FILE` on the config just written (what `plan` does for that mapping:
  analysis, planning, the scan of the project for references, the printed plan),

and prints the fastest wall and CPU seconds of each (the machine is shared: CPU is the
steadier figure), their ratio suggest / plan, and the median of the per-repeat ratios (each
repeat times the two commands back to back, under about the same load).

`--file PATH` (repeatable) times those files alone instead (each copied into an empty
directory as `big.py`): other large god files, e.g. redis 8.2.0's `redis/commands/core.py`
(13,821 lines) or sqlalchemy's `sql/compiler.py`.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from suggest_eval import Case, project_dir
from synth import generate

PYPARSING = Case("pyparsing-core", "pyparsing", "MIT", "speed", "pyparsing==3.2.0",
                 "pyparsing-3.2.0.tar.gz",
                 "cbf74e27246d595d9a74b186b810f6fbb86726dbf3b9532efb343f6d7294fe9c",
                 "pyparsing/core.py",
                 "0c7d92741bccb73b8f70799fea32098f60a65a175a73b08d4b9019650748f1ff", {})


def timed(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of `cmd` in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(tree: Path | None, source: Path, repeat: int, modules: int = 0
            ) -> list[dict[str, tuple[float, float]]]:
    """Each repeat's (wall, CPU) of suggest then plan, in a fresh copy of `tree` (the
    project the file sits in) or, with no tree, of the file alone in an empty directory."""
    godsplit = [sys.executable, "-m", "godsplit"]
    runs = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as scratch:
            work = Path(scratch) / "project"
            if tree is None:
                work.mkdir()
                shutil.copy(source, work / "big.py")
                target = "big.py"
            else:
                shutil.copytree(tree, work)
                target = str(source.relative_to(tree))
            runs.append({name: timed(cmd, work) for name, cmd in (
                ("suggest", [*godsplit, "suggest", target, "--write",
                             *(["--modules", str(modules)] if modules else [])]),
                ("plan", [*godsplit, "plan", target]))})
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--modules", type=int, default=0,
                        help="time `suggest --modules K` (its candidate groupings, round 14)")
    parser.add_argument("--file", type=Path, action="append", default=[],
                        help="time this file alone instead of the built-in three (repeatable)")
    args = parser.parse_args(argv)
    files: list[tuple[str, Path | None, Path]] = [
        (f"`{path}`, alone", None, path) for path in args.file]
    if not files:
        files = default_files()
    print("| file | lines | suggest s wall (CPU), fastest | plan s wall (CPU), fastest "
          "| suggest / plan CPU, fastest | median of the paired ratios |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, tree, path in files:
        runs = measure(tree, path, args.repeat, args.modules)
        (sw, sc), (pw, pc) = (min((run[name] for run in runs), key=lambda t: t[1])
                              for name in ("suggest", "plan"))
        paired = statistics.median(run["suggest"][1] / run["plan"][1] for run in runs)
        lines = path.read_text().count("\n")
        print(f"| {label} | {lines:,} | {sw:.2f} ({sc:.2f}) | {pw:.2f} ({pc:.2f}) | "
              f"**{sc / pc:.2f}x** | {paired:.2f}x |", flush=True)
    return 0


def default_files() -> list[tuple[str, Path | None, Path]]:
    """pyparsing's `core.py` alone and in its tree, and the synthetic file."""
    synthetic = Path(tempfile.mkdtemp()) / "synthetic.py"
    synthetic.write_text(generate(6000, 0).source)
    sdist = project_dir(PYPARSING)
    files: list[tuple[str, Path | None, Path]] = [
             ("pyparsing 3.2.0 `core.py`, alone", None, sdist / PYPARSING.path),
             ("pyparsing 3.2.0 `core.py`, in its sdist's tree", sdist, sdist / PYPARSING.path),
             ("synthetic (seed 0), alone", None, synthetic)]
    return files


if __name__ == "__main__":
    sys.exit(main())
