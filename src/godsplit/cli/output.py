"""Rich rendering of plans, apply results and findings: part of the CLI layer."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.tree import Tree

from ..split.apply import ApplyResult
from ..split.report import _rel
from ..types import FACADE, Finding, Plan

STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}


def _console() -> Console:
    """A terminal's width; when piped or captured, wide enough not to cut names off."""
    wide = None if sys.stdout.isatty() else 200
    return Console(highlight=False, soft_wrap=True, width=wide)


def print_findings(findings: Iterable[Finding], root: Path, console: Console | None = None) -> None:
    console = console or _console()
    for f in findings:
        where = f"{_rel(Path(f.path), root)}:{f.line}"
        console.print(f"  {escape(where)}: [{STYLE[f.severity]}]{f.code} {f.severity}[/]: "
                      f"{escape(f.message)}")


def print_plan(
    plan: Plan, root: Path, extra: tuple[Finding, ...] = (), console: Console | None = None
) -> None:
    console = console or _console()
    source = _rel(plan.source, root)
    if plan.already_split:
        console.print(f"[bold]{escape(source)}[/]: already split into {escape(_rel(plan.package, root))}")
        return
    tree = Tree(f"[bold]{escape(source)}[/] ({escape(plan.old_module)}) -> "
                f"{escape(_rel(plan.package, root))}/ ({plan.layout} layout)")
    by_module: dict[str, list[str]] = {}
    for placement in plan.placements:
        label = ", ".join(placement.names)
        why = placement.reason + (f": {placement.detail}" if placement.detail else "")
        by_module.setdefault(placement.module, []).append(f"{escape(label)} [dim]({escape(why)})[/]")
    for module in plan.modules:
        over = module.lines > plan.max_lines
        size = f"[{'bold red' if over else 'green'}]{module.lines}/{plan.max_lines} lines[/]"
        branch = tree.add(f"[cyan]{escape(module.name)}.py[/] {size}")
        for line in by_module.get(module.name, []):
            branch.add(line)
    facade = tree.add(f"[magenta]facade[/] {escape(_rel(plan.facade, root))} "
                      f"({plan.facade_lines} lines)")
    for line in by_module.get(FACADE, []):
        facade.add(line)
    if plan.edges:
        edges = tree.add("imports between new modules")
        for e in plan.edges:
            how = "typing only" if e.typing_only else "at the end (call-time cycle)" if e.deferred \
                else "import time" if e.import_time else "call time"
            edges.add(f"{escape(e.source)} -> {escape(e.target)}: {escape(', '.join(e.names))} "
                      f"[dim]({how})[/]")
    console.print(tree)
    if plan.findings or extra:
        console.print("findings:")
        print_findings((*plan.findings, *extra), root, console)
    errors = len(plan.errors)
    console.print(f"[{'bold red' if errors else 'green'}]{source}: "
                  f"{len(plan.modules)} modules, {errors} errors[/]")


def print_apply(result: ApplyResult, root: Path) -> None:
    console = _console()
    if result.recovered:
        console.print(f"[yellow]{escape(result.recovered)}[/]")
    for split in result.splits:
        source = _rel(split.plan.source, root)
        if split.plan.already_split:
            console.print(f"{escape(source)}: already split, nothing to do")
            continue
        print_findings([f for f in split.findings
                        if f.severity != "info" or f.code in ("GS400", "GS412")], root, console)
        if result.written:
            files = ", ".join(_rel(m.path, root) for m in split.plan.modules)
            # "verified" only when the import check ran (GS400); else GS412 says why not
            done = "verified" if split.imported else "checked statically (import check skipped)"
            console.print(f"[green]{escape(source)}: split into {escape(files)}; {done}[/]")
    if result.rolled_back:
        console.print("[bold red]verify found differences: the tree was rolled back, nothing changed[/]")
    elif not result.written and result.errors:
        console.print("[bold red]plan has errors: nothing was written (see `godsplit plan`)[/]")
