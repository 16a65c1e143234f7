"""What normalizing generated blocks (split/normalize.py) costs, against planning the split.

    python benchmarks/bench_normalize.py [--repeat N]

For each split of the bundled fixture: `plan_split` in-process, then one `normalize` call
with the blocks phase B will pass (each planned file's import header as an import block,
and the facade's re-exports), timed the same way. Prints the best of N runs of each and
their ratio. The normalizer runs ruff twice per split (one sort call, one format call).
"""

from __future__ import annotations

import argparse
import ast
import shutil
import tempfile
import time
from pathlib import Path

from godsplit.config import load_config
from godsplit.split.normalize import Block, normalize
from godsplit.split.plan import plan_split
from godsplit.split.style import detect_style

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "intelliwiz"


def blocks_of(text: str) -> list[Block]:
    """The leading imports of a planned file (a sort block) and the rest of its imports
    (the facade's re-exports, deferred imports) as one more."""
    tree = ast.parse(text)
    lines = text.splitlines(keepends=True)
    head: list[str] = []
    tail: list[str] = []
    seen_code = False
    for node in tree.body:
        is_import = isinstance(node, (ast.Import, ast.ImportFrom)) or (
            isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test))
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            continue
        if not is_import:
            seen_code = seen_code or not isinstance(node, ast.Expr)
            continue
        segment = "".join(lines[node.lineno - 1:node.end_lineno])
        (tail if seen_code else head).append(segment)
    return [Block("".join(head), sort=True), Block("".join(tail), sort=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "intelliwiz"
        shutil.copytree(FIXTURE, root)
        config = load_config(root / "godsplit.toml")
        print("| split | files | blocks | plan s | normalize s | normalize / plan |")
        print("|---|---:|---:|---:|---:|---:|")
        for split in config.splits:
            plan_times, norm_times = [], []
            for _ in range(args.repeat):
                started = time.perf_counter()
                plan, _ = plan_split(config, split)
                plan_times.append(time.perf_counter() - started)
                texts = [c.data.decode() for c in plan.changes if c.data]
                blocks = [b for text in texts for b in blocks_of(text)]
                style = detect_style(split.source, stop=root)
                started = time.perf_counter()
                normalize(blocks, style, split.source, root=root)
                norm_times.append(time.perf_counter() - started)
            best_plan, best_norm = min(plan_times), min(norm_times)
            print(f"| {split.source.name} | {len(texts)} | {len(blocks)} | {best_plan:.3f} | "
                  f"{best_norm:.3f} | {best_norm / best_plan:.2f} |")


if __name__ == "__main__":
    main()
