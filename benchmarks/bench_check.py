"""Benchmark `godsplit check` against pylint, loq, a tokenize+ast counter and a bare count.

    python benchmarks/bench_check.py [--runs 3] [--limit 600] [--skip-pylint] [--no-install]

Copies the running Python's standard library (its .py files, without site-packages) to a
temporary directory, then times each tool over that same tree as a subprocess, the way a
user runs it, and prints a table with ratios. pylint and loq are pip-installed into
benchmarks/.work/venv (kept between runs; never into the project's environment); with
--no-install they are used from there or from PATH if present, and skipped otherwise.

- godsplit check, physical and code lines, text output (a rich table) and github output;
- pylint --disable=all --enable=C0302 (too-many-lines; physical lines, no baseline);
- loq check --no-cache (Rust; physical lines);
- a tokenize+ast code-line counter (below: the straightforward way to count code lines);
- a bare Python count of newlines in every .py file (the floor: no tool can do less).

The fast ones run in --runs rounds (one run of each per round, after a warm-up round for
the page cache and .pyc files) and the best wall time of each is kept, so a busy machine
slows all alike; pylint and the tokenize+ast counter run once. Peak memory is the child's
maximum resident set size.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
TOOLS = WORK / "venv"

FLOOR = r"""
import os, sys
total = over = 0
for directory, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith(".py"):
            with open(os.path.join(directory, name), "rb") as handle:
                lines = handle.read().count(b"\n")
            total += lines
            over += lines > int(sys.argv[2])
print(total, over)
"""

# The straightforward code-line counter: tokenize for comments and blank lines, ast for
# docstrings. What godsplit's code mode must beat by 3x.
REFERENCE = r"""
import ast, io, json, os, sys, tokenize
SKIP = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
        tokenize.ENCODING, tokenize.ENDMARKER}

def docstring_lines(tree):
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                lines.update(range(body[0].lineno, body[0].end_lineno + 1))
    return lines

def code_lines(data):
    doc = docstring_lines(ast.parse(data))
    lines = set()
    for token in tokenize.tokenize(io.BytesIO(data).readline):
        if token.type in SKIP or (token.type == tokenize.STRING and token.start[0] in doc):
            continue  # docstring tokens do not make a line count; code on their lines does
        lines.update(range(token.start[0], token.end[0] + 1))
    return len(lines)

limit = int(sys.argv[2])
over = {}
for directory, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith(".py"):
            path = os.path.join(directory, name)
            with open(path, "rb") as handle:
                data = handle.read()
            try:
                count = code_lines(data)
            except (SyntaxError, tokenize.TokenError, ValueError):
                over.setdefault("__failed__", []).append(
                    os.path.relpath(path, sys.argv[1]).replace(os.sep, "/"))
                continue
            if count > limit:
                over[os.path.relpath(path, sys.argv[1]).replace(os.sep, "/")] = count
print(json.dumps(over))
"""


@dataclass
class Timing:
    name: str
    seconds: float
    peak_mb: float
    note: str = ""
    output: str = ""


def run_child(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, str, int]:
    """Wall seconds, peak RSS in MB, stdout and exit status of one run."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out,
                                   stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return elapsed, usage.ru_maxrss / 1024, text, process.returncode


def measure(name: str, command: list[str], cwd: Path, env: dict[str, str], runs: int,
            warmup: bool = True, note: str = "") -> Timing:
    if warmup:
        run_child(command, cwd, env)
    best: tuple[float, float, str, int] | None = None
    for _ in range(runs):
        result = run_child(command, cwd, env)
        if best is None or result[0] < best[0]:
            best = result
    assert best is not None
    print(f"  {name}: {best[0]:.3f} s, {best[1]:.0f} MB (exit {best[3]})", file=sys.stderr)
    return Timing(name, best[0], best[1], note, best[2])


def in_process(tree: Path, limit: int, runs: int) -> Timing:
    """The engine alone (walk, read, count; physical), without starting Python and the CLI."""
    from godsplit.config import load_config
    from godsplit.sizegate.core import CheckOptions, run_check

    config = load_config(None, tree)
    best = float("inf")
    for _ in range(runs + 1):
        start = time.perf_counter()
        run_check(config, CheckOptions(max_lines=limit))
        best = min(best, time.perf_counter() - start)
    print(f"  godsplit engine in-process: {best:.3f} s", file=sys.stderr)
    return Timing("godsplit check engine, in-process (physical)", best, 0.0)


def measure_rounds(commands: dict[str, tuple[str, list[str]]], cwd: Path,
                   env: dict[str, str], runs: int) -> dict[str, Timing]:
    """Best of `runs` for each command, run in rounds (one of each per round, after a
    warm-up round), so a busy machine slows every tool alike rather than one of them."""
    best: dict[str, tuple[float, float, str, int]] = {}
    for round_ in range(runs + 1):
        for key, (_, command) in commands.items():
            result = run_child(command, cwd, env)
            if round_ and (key not in best or result[0] < best[key][0]):
                best[key] = result
    timings = {}
    for key, (name, _) in commands.items():
        seconds, peak, output, status = best[key]
        print(f"  {name}: {seconds:.3f} s, {peak:.0f} MB (exit {status})", file=sys.stderr)
        timings[key] = Timing(name, seconds, peak, "", output)
    return timings


def copy_stdlib(target: Path) -> tuple[int, int]:
    source = Path(sysconfig.get_paths()["stdlib"])

    def ignore(directory: str, names: list[str]) -> set[str]:
        skipped = set()
        for name in names:
            path = os.path.join(directory, name)
            if name in ("site-packages", "__pycache__", "dist-packages"):
                skipped.add(name)
            elif os.path.islink(path) or (not os.path.isdir(path) and not name.endswith(".py")):
                skipped.add(name)
        return skipped

    shutil.copytree(source, target, ignore=ignore)
    files = list(target.rglob("*.py"))
    return len(files), sum(p.read_bytes().count(b"\n") for p in files)


def tools_venv(install: bool) -> dict[str, Path | None]:
    """pylint and loq from benchmarks/.work/venv (installed there if allowed), else PATH."""
    bin_dir = TOOLS / ("Scripts" if os.name == "nt" else "bin")
    if install and not (bin_dir / "pylint").exists():
        print("installing pylint and loq into benchmarks/.work/venv ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(TOOLS)], check=True)
        for package in ("pylint", "loq"):
            done = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", package],
                                  capture_output=True, text=True, check=False)
            if done.returncode:
                print(f"  cannot install {package}: {done.stderr.strip()[-300:]}", file=sys.stderr)
    found: dict[str, Path | None] = {}
    for tool in ("pylint", "loq"):
        local = bin_dir / tool
        on_path = shutil.which(tool)
        found[tool] = local if local.exists() else Path(on_path) if on_path else None
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=int, default=600)
    parser.add_argument("--skip-pylint", action="store_true")
    parser.add_argument("--no-install", action="store_true")
    args = parser.parse_args()

    tools = tools_venv(install=not args.no_install)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    # The installed executable, as pre-commit and CI run it (`python -m godsplit` from the
    # tree's root would import the copied standard library's modules instead of the real ones).
    executable = Path(sys.executable).with_name("godsplit.exe" if os.name == "nt" else "godsplit")
    godsplit = [str(executable), "check", "--max-lines", str(args.limit)]
    limit = str(args.limit)
    with tempfile.TemporaryDirectory(prefix="godsplit-bench-") as temporary:
        tree = Path(temporary) / "stdlib"
        files, total = copy_stdlib(tree)
        print(f"tree: {files} .py files, {total} lines, limit {limit} "
              f"(Python {sys.version.split()[0]}, {os.cpu_count()} cores)", file=sys.stderr)
        floor_script = Path(temporary) / "floor.py"
        floor_script.write_text(FLOOR)
        reference_script = Path(temporary) / "reference.py"
        reference_script.write_text(REFERENCE)
        (tree / "loq.toml").write_text(f"default_max_lines = {limit}\nrespect_gitignore = true\n"
                                       "exclude = []\n")
        timings: dict[str, Timing] = {}
        fast = {
            "floor": ("bare Python line count (floor)",
                      [sys.executable, str(floor_script), ".", limit]),
            "physical": ("godsplit check (physical, text)", godsplit),
            "physical-github": ("godsplit check (physical, --format github)",
                                [*godsplit, "--format", "github"]),
            "physical-json": ("godsplit check (physical, --format json)",
                              [*godsplit, "--format", "json"]),
            "physical-clean": ("godsplit check, nothing over the limit (--max-lines 100000)",
                               [str(executable), "check", "--max-lines", "100000"]),
            "code": ("godsplit check --count code (text)", [*godsplit, "--count", "code"]),
            "code-json": ("godsplit check --count code (--format json)",
                          [*godsplit, "--count", "code", "--format", "json"]),
            "code-serial": ("godsplit check --count code -j 1 (json)",
                            [*godsplit, "--count", "code", "-j", "1", "--format", "json"]),
        }
        if tools["loq"] is not None:
            fast["loq"] = ("loq check --no-cache", [str(tools["loq"]), "check", "--no-cache", "."])
        timings.update(measure_rounds(fast, tree, env, args.runs))
        timings["engine"] = in_process(tree, args.limit, args.runs)
        timings["reference"] = measure("tokenize+ast code-line counter",
                                       [sys.executable, str(reference_script), ".", limit],
                                       tree, env, 1, warmup=False)
        if tools["pylint"] is not None and not args.skip_pylint:
            timings["pylint"] = measure(
                "pylint --disable=all --enable=C0302",
                [str(tools["pylint"]), "--disable=all", "--enable=C0302",
                 f"--max-module-lines={limit}", "--recursive=y", "--score=n", "."],
                tree, env, 1, warmup=False)

    report(timings, files, total, int(limit))
    return 0


def report(timings: dict[str, Timing], files: int, total: int, limit: int) -> None:
    floor = timings["floor"]
    floor_over = int(floor.output.split()[1])
    physical = json.loads(timings["physical-json"].output)
    code = json.loads(timings["code-json"].output)
    reference = json.loads(timings["reference"].output)
    ours = {m["path"]: m["lines"] for m in code["modules"]}
    failed = set(reference.pop("__failed__", []))
    both = (set(ours) | set(reference)) - failed
    disagree = sorted(p for p in both if ours.get(p) != reference.get(p))
    print(f"\n{files} files, {total} lines; limit {limit}: {physical['summary']['over']} modules "
          f"over in physical lines (floor script: {floor_over}), {code['summary']['over']} in code "
          f"lines (tokenize+ast counter: {len(reference)}; it cannot parse {len(failed)} files; "
          f"per-file disagreements on the rest: {len(disagree)}"
          f"{' ' + ', '.join(disagree[:5]) if disagree else ''})\n")
    print("| tool | wall time | peak memory | vs floor | vs godsplit |")
    print("| --- | ---: | ---: | ---: | ---: |")
    rows = [
        ("floor", "physical-github"), ("physical-clean", "physical-github"),
        ("physical-github", "physical-github"),
        ("physical-json", "physical-github"), ("physical", "physical-github"),
        ("engine", "physical-github"),
        ("loq", "physical-github"), ("pylint", "physical-github"),
        ("code-json", "code-json"), ("code-serial", "code-json"), ("code", "code-json"),
        ("reference", "code-json"),
    ]
    for key, versus in rows:
        if key not in timings:
            continue
        timing = timings[key]
        base = timings[versus]
        memory = f"{timing.peak_mb:.0f} MB" if timing.peak_mb else "-"
        print(f"| {timing.name} | {timing.seconds:.3f} s | {memory} | "
              f"{timing.seconds / floor.seconds:.1f}x | {timing.seconds / base.seconds:.2f}x |")
    print()
    for key in ("physical-clean", "physical-github", "physical"):
        print(f"{timings[key].name}: {timings[key].seconds / floor.seconds:.2f}x the bare line "
              f"count (target: at most 1.5x)")
    github = timings["physical-github"].seconds
    text = timings["physical"].seconds
    if "loq" in timings:
        loq = timings["loq"].seconds
        print(f"physical vs loq: {github / loq:.1f}x loq's time with --format github, "
              f"{text / loq:.1f}x with the text table (target: within 3x); the engine alone "
              f"(no interpreter start, no imports): {timings['engine'].seconds / loq:.1f}x")
    else:
        print("loq: not installed, skipped")
    if "pylint" in timings:
        pylint = timings["pylint"].seconds
        print(f"physical vs pylint: {pylint / github:.0f}x faster with --format github, "
              f"{pylint / text:.0f}x with the text table (target: 1000x)")
    else:
        print("pylint: skipped")
    for key in ("code-json", "code"):
        share = timings[key].seconds / timings["reference"].seconds
        print(f"code ({timings[key].name}) vs tokenize+ast counter: {share:.3f} of its time, "
              f"{1 / share:.0f}x faster (target: under 1/3)")


if __name__ == "__main__":
    sys.exit(main())
