"""godsplit on hard inputs: generated tables, long operator chains, deep nesting, many defs.

    .venv/bin/python benchmarks/bench_pathological.py [--cases list,dict,chain,...]

Each case is a god file (written to a temporary directory, with a godsplit.toml mapping two
functions and a `default` module for the rest) holding one hard thing beside 20 small
functions. In fresh interpreters, one after another, it measures CPU seconds (after the
imports) of:

- parse: `libcst.parse_module` of the file alone (the reference: LibCST's own cost);
- floor: parse + `MetadataWrapper(module, unsafe_skip_copy=True)` + `resolve(ScopeProvider)`
  (what any LibCST tool that knows names pays);
- plan: `godsplit.split.plan.plan_split` (parse, analysis, assignment, rendering in memory).

and prints a Markdown table with plan / parse and plan / floor, and the outcome of plan
(its module count, or the error godsplit gave). The machine's load average is printed with
it: on a shared machine compare the ratios, which are measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CONFIG = """max-lines = 1000000
[[split]]
source = "god.py"
package = "godpkg"
default = "rest"
[split.modules]
a = ["use_a"]
b = ["use_b"]
"""


def _functions(count: int) -> str:
    return "".join(f"def f{i}(x):\n    return x + {i}\n\n\n" for i in range(count))


def _body(kind: str, size: int) -> str:
    if kind == "list":  # one line: unicode data, lexer tables
        return "TABLE = [" + ", ".join(str(i) for i in range(size)) + "]\n"
    if kind == "dict":  # pygments' _mapping.py: a dict of tuples of strings, one a line
        return "MAP = {\n" + "".join(
            f"    'K{i}': ('mod.k{i}', 'K{i}', ('k{i}',), ('*.k{i}',), ()),\n"
            for i in range(size)) + "}\n"
    if kind == "dictnone":  # the same with None and True: names LibCST sees
        return "MAP = {\n" + "".join(f"    'k{i}': ('v{i}', {i}, None, True),\n"
                                     for i in range(size)) + "}\n"
    if kind == "strings":  # a long implicit concatenation
        return "TEXT = (\n" + "".join(f"    'line {i}\\n'\n" for i in range(size)) + ")\n"
    if kind == "chain":  # `1 + 1 + ...`: LibCST nests it one level a term
        return "TOTAL = " + " + ".join("1" for _ in range(size)) + "\n"
    if kind == "nest":  # [[[...]]]: Python's parser stops at 200 levels
        return "DEEP = " + "[" * size + "]" * size + "\n"
    if kind == "funcs":  # many small functions
        return ""
    raise SystemExit(f"unknown case {kind}")


def write_case(root: Path, kind: str, size: int) -> Path:
    funcs = _functions(size if kind == "funcs" else 20)
    text = ('"""A god file."""\n\n\n' + _body(kind, size) + "\n\n" + funcs
            + "def use_a():\n    return f1(1)\n\n\ndef use_b():\n    return f2(2)\n")
    (root / "god.py").write_text(text)
    (root / "godsplit.toml").write_text(CONFIG)
    return root / "god.py"


def worker(mode: str, root: Path) -> dict[str, Any]:
    """One measurement, in this (fresh) interpreter."""
    import libcst as cst
    from libcst.metadata import MetadataWrapper, ScopeProvider

    text = (root / "god.py").read_text()
    out: dict[str, Any] = {}
    start = time.process_time()
    try:
        if mode == "parse":
            cst.parse_module(text)
        elif mode == "floor":
            MetadataWrapper(cst.parse_module(text), unsafe_skip_copy=True).resolve(ScopeProvider)
        else:
            from godsplit.config import load_config
            from godsplit.split.plan import plan_split

            config = load_config(root / "godsplit.toml")
            plan, _ = plan_split(config, config.splits[0])
            out["outcome"] = (f"{len(plan.modules)} modules, {len(plan.errors)} errors")
    except RecursionError:
        out["outcome"] = "RecursionError"
    except Exception as exc:  # the outcome is what is measured
        out["outcome"] = f"{type(exc).__name__}: {str(exc)[:120]}"
    out["cpu"] = time.process_time() - start
    return out


def measure(mode: str, root: Path, timeout: float) -> dict[str, Any]:
    try:
        done = subprocess.run([sys.executable, __file__, "--worker", mode, str(root)],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"cpu": None, "outcome": f"stopped after {timeout:.0f} s"}
    if done.returncode != 0:
        return {"cpu": None, "outcome": done.stderr.strip().splitlines()[-1][:120]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


CASES = ["list:100000", "dict:5000", "dictnone:20000", "strings:2000", "chain:300",
         "chain:1000", "chain:2000", "chain:5000", "nest:150", "funcs:3300"]


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _ratio(top: float | None, bottom: float | None) -> str:
    return "-" if top is None or not bottom else f"{top / bottom:.1f}x"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=",".join(CASES),
                        help="kind:size, comma-separated (kinds: list, dict, dictnone, "
                             "strings, chain, nest, funcs)")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker[0], Path(args.worker[1]))))
        return 0
    print(f"load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}, "
          f"Python {sys.version.split()[0]}")
    print("| case | lines | KB | parse CPU s | floor CPU s | plan CPU s | plan / parse "
          "| plan / floor | plan outcome |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for case in args.cases.split(","):
        kind, size = case.split(":")
        with tempfile.TemporaryDirectory() as scratch:
            path = write_case(Path(scratch), kind, int(size))
            text = path.read_text()
            parse, floor, plan = (measure(m, Path(scratch), args.timeout)
                                  for m in ("parse", "floor", "plan"))
            outcome = plan.get("outcome", "")
            if floor.get("outcome"):
                outcome += f" (floor: {floor['outcome']})"
            print(f"| {kind} {int(size):,} | {text.count(chr(10)):,} | {len(text) // 1024:,} "
                  f"| {_seconds(parse['cpu'])} | {_seconds(floor['cpu'])} "
                  f"| {_seconds(plan['cpu'])} | {_ratio(plan['cpu'], parse['cpu'])} "
                  f"| {_ratio(plan['cpu'], floor['cpu'])} | {outcome} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
