"""Issue 12, typed the same: mypy and pyright before and after `godsplit apply`, and
whether the names a consumer imports through the facade stay public to pyright.

    python benchmarks/type_parity.py [NAME ...] [--verbose]

NAME: intelliwiz (the bundled fixture), ledger (tests/data/ledger), click (`core.py`),
more-itertools (`more.py` and its stub), more-itertools-recipes (`recipes.py` and its
stub) (default: all). The real libraries are PyPI sdists, downloaded at run time and checked
against the sha256 below (cached outside this repository, as benchmarks/realworld.py
does), and split with `godsplit suggest --write`; the local projects with their own
godsplit.toml. For each project:

- mypy (the project's config) and pyright (its config, or its defaults) on the project's
  typed code, before and after the split (tests/lintkit.py: a diagnostic is matched by
  tool, rule, message and source line, not by file or line number, so what moved with
  the code is not new);
- a consumer: a file outside the project doing `import old.module`, `from old.module
  import <every public name the old module defined>` and `old.module.<name>`, checked by
  pyright with the project on PYTHONPATH (so pyright treats it as an installed library)
  and marked `py.typed` (so pyright applies its rules for a typed library's exports:
  reportPrivateImportUsage), before and after.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO / "tests"), str(HERE)]

from lint_quality import godsplit  # noqa: E402

from godsplit.config import load_config  # noqa: E402
from godsplit.files import module_name_for  # noqa: E402

import realworld  # noqa: E402
from lintkit import PER_RUN, Finding, Snapshot, compare, snapshot  # noqa: E402

# name -> (directory, typed targets, import root)
LOCAL = {
    "intelliwiz": (REPO / "fixtures" / "intelliwiz", ["."], "."),
    "ledger": (REPO / "tests" / "data" / "ledger", ["ledger", "tests"], "."),
}
CLICK = ("click", "8.1.8", "ed53c9d8990d83c2a27deae68e4ee337473f6330c040a31d4225c9574d16096a")
MORE = ("more-itertools", "11.2.1",
        "cbf08fd0af284dc69718b9b76a8e6203df624d70209ea511e4219d350c856f63")
# name -> ((distribution, version, sdist sha256), typed targets, import root, god file for
# `suggest`)
REMOTE = {
    "click": (CLICK, ["src/click", "tests/typing"], "src", "src/click/core.py"),
    "more-itertools": (MORE, ["more_itertools"], ".", "more_itertools/more.py"),
    "more-itertools-recipes": (MORE, ["more_itertools"], ".", "more_itertools/recipes.py"),
}
PRIVATE = ("reportPrivateImportUsage", "reportAttributeAccessIssue")


@dataclass(frozen=True)
class Parity:
    name: str
    # tool -> diagnostics (before, after), without those about a missing or untyped
    # library (reported at each module that imports it: lintkit counts them once)
    counts: dict[str, tuple[int, int]]
    environment: dict[str, tuple[int, int]]  # tool -> those (before, after)
    added: tuple[Finding, ...]
    removed: tuple[Finding, ...]
    consumer_names: int  # names the consumer imports through the facade
    consumer_before: tuple[str, ...]  # pyright's diagnostics on the consumer: rule: message
    consumer_after: tuple[str, ...]
    failures: tuple[str, ...]
    before_keys: tuple[tuple[str, ...], ...] = ()  # the keys of the before diagnostics

    def repeated(self, tool: str) -> tuple[Finding, ...]:
        """Added diagnostics that are a before diagnostic again (same tool, rule and
        message) on another line: an import the split copied into several modules."""
        before = {key[:3] for key in self.before_keys}
        return tuple(f for f in self.added if f.tool == tool and f.key[:3] in before)

    @property
    def private_after(self) -> int:
        return sum(d.split(":")[0] in PRIVATE for d in self.consumer_after)


def trees(name: str, work: Path) -> tuple[Path, Path, list[str], str]:
    """(before, after) copies of the project, the after one split; its typed targets and
    import root."""
    if name in LOCAL:
        source, targets, root = LOCAL[name]
        module = ""
    else:
        (dist, version, sha256), targets, root, module = REMOTE[name]
        spec = realworld.Spec(["tests"], name=dist, version=version, module=module, sha256=sha256)
        source = realworld.unpack(realworld.download(spec), work / "pristine" / name)
    before, after = work / "before" / source.name, work / "after" / source.name
    for tree in (before, after):  # the same directory name: messages may carry it
        shutil.copytree(source, tree, ignore=shutil.ignore_patterns("__pycache__"))
    if module:
        # click's classes are long; recipes.py (1,617 lines) would barely split at 1,500
        limit = 400 if name == "more-itertools-recipes" else 1500
        (after / "godsplit.toml").write_text(f"max-lines = {limit}\n")
        godsplit(after, "suggest", module, "--write")
        shutil.copy(after / "godsplit.toml", before / "godsplit.toml")
    godsplit(after, "apply")
    return before, after, targets, root


def public_names(tree: Path) -> dict[str, list[str]]:
    """Each split's old module (dotted) -> the public names its source defined."""
    config = load_config(tree / "godsplit.toml")
    out = {}
    for split in config.splits:
        module = ast.parse(split.source.read_text(encoding="utf-8"))
        names: dict[str, None] = {}
        for node in module.body:
            targets: list[ast.expr] = []
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.setdefault(node.name, None)
            elif isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                targets = [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    names.setdefault(target.id, None)
        out[module_name_for(split.source)[0]] = [n for n in names if not n.startswith("_")]
    return out


def consumer(tree: Path, root: str, names: dict[str, list[str]], work: Path) -> tuple[str, ...]:
    """pyright's errors on a file importing `names` through their old modules, with the
    project as a typed library on PYTHONPATH."""
    top = tree / root / next(iter(names)).split(".")[0]
    if top.is_dir() and not (top / "py.typed").exists():
        (top / "py.typed").write_text("")
    lines = []
    for module, public in names.items():
        lines += [f"import {module}", f"from {module} import {', '.join(public)}"]
        lines += [f"{module}.{name}" for name in public]
    work.mkdir(parents=True, exist_ok=True)
    (work / "use.py").write_text("\n".join(lines) + "\n")
    env = {**os.environ, "PYTHONPATH": str(tree / root), "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "pyright", "--outputjson", "--pythonpath",
                           sys.executable, "use.py"], cwd=work, env=env, capture_output=True,
                          text=True, timeout=900)
    found = json.loads(proc.stdout or "{}").get("generalDiagnostics", [])
    return tuple(sorted(f"{d.get('rule', 'error')}: {d['message']}" for d in found
                        if d.get("severity") == "error"))


def measure(name: str, work: Path) -> Parity:
    before, after, targets, root = trees(name, work / name)
    tools = ("mypy", "pyright")
    old, new = snapshot(before, targets, tools=tools), snapshot(after, targets, tools=tools)
    report = compare(old, new)
    def count(snap: Snapshot, tool: str, environment: bool) -> int:
        return sum(f.tool == tool and (f.code in PER_RUN) == environment for f in snap.findings)

    counts = {tool: (count(old, tool, False), count(new, tool, False)) for tool in tools}
    environment = {tool: (count(old, tool, True), count(new, tool, True)) for tool in tools}
    names = public_names(before)
    return Parity(
        name, counts, environment, report.types_added, report.types_removed,
        sum(len(v) for v in names.values()),
        consumer(before, root, names, work / name / "use-before"),
        consumer(after, root, names, work / name / "use-after"),
        report.failures, tuple(f.key for f in old.findings),
    )


def row(result: Parity) -> str:
    cells = [result.name]
    for tool in ("mypy", "pyright"):
        before, after = result.counts[tool]
        plus = sum(f.tool == tool for f in result.added)
        minus = sum(f.tool == tool for f in result.removed)
        again = len(result.repeated(tool))
        env = result.environment[tool]
        cells.append(f"{before} → {after} (+{plus} / -{minus}"
                     + (f"; {again} of the + repeat a before diagnostic" if again else "")
                     + (f"; missing/untyped library: {env[0]} → {env[1]}" if any(env) else "")
                     + ")")
    same = "same" if result.consumer_before == result.consumer_after else "DIFFERENT"
    cells.append(f"{result.consumer_names} names: {len(result.consumer_after)} errors after "
                 f"({result.private_after} private-import/attribute), {same} as before")
    return "| " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", default=[*LOCAL, *REMOTE])
    parser.add_argument("--verbose", action="store_true", help="list every difference")
    args = parser.parse_args()
    print("| project | mypy before → after | pyright before → after | consumer (pyright) |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="godsplit-types-") as tmp:
        for name in args.names:
            started = time.monotonic()
            result = measure(name, Path(tmp))
            print(row(result) + f" <!-- {time.monotonic() - started:.0f} s -->")
            if args.verbose:
                for sign, group in (("+", result.added), ("-", result.removed)):
                    for finding in group:
                        print(f"  {sign} {finding}")
                diff = Counter(result.consumer_after)
                diff.subtract(Counter(result.consumer_before))
                for text, count in diff.items():
                    if count:
                        print(f"  consumer {count:+d}: {text}")
                for failure in result.failures:
                    print(f"  failure: {failure[:500]}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
