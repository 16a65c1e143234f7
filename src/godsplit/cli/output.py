"""Rich rendering of plans, apply results and findings: part of the CLI layer.

User text (names, paths, messages) is never parsed as rich markup or emoji: everything is
built from `Text` pieces with styles, and the console has markup, emoji and highlighting
off, so `file.py:100:` stays `file.py:100:` and `[bold]` stays `[bold]`. On a terminal
long rows wrap at its width; piped or captured, no row is wrapped or cut.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from ..split.apply import ApplyResult
from ..split.import_check import ImportCheck
from ..split.report import _rel
from ..types import FACADE, Finding, Placement, Plan
from .text import plural

STYLE = {"error": "bold red", "warning": "yellow", "info": "dim"}
# Piped or captured output is laid out this wide: wide enough that no row is ever cut.
UNCUT = 1 << 20


def console(stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() else UNCUT
    return Console(file=stream if stderr else None, width=width, highlight=False, markup=False,
                   emoji=False, soft_wrap=False)


def finding_text(finding: Finding, root: Path) -> Text:
    return Text.assemble(
        f"  {_rel(Path(finding.path), root)}:{finding.line}: ",
        (f"{finding.code} {finding.severity}", STYLE[finding.severity]),
        f": {finding.message}",
    )


def print_findings(findings: Iterable[Finding], root: Path, out: Console | None = None) -> None:
    out = out or console()
    for finding in findings:
        out.print(finding_text(finding, root))


def placement_text(placement: Placement) -> Text:
    """`names (why)`, the reason said once: "(mapped)" for a name mapped as itself, "(mapped
    by 'a')" for a group mapped through one of its names, "(mapped by pattern 'x*')",
    "(shared: used by a, b)"."""
    names = placement.names
    if placement.reason == "mapped" and len(names) == 1 and placement.detail == (
        f"mapped by {names[0]!r}"
    ):
        why = "mapped"
    elif placement.detail.startswith(placement.reason):
        why = placement.detail
    else:
        why = f"{placement.reason}: {placement.detail}" if placement.detail else placement.reason
    return Text.assemble(", ".join(placement.names), (f" ({why})", "dim"))


def print_plan(
    plan: Plan, root: Path, extra: tuple[Finding, ...] = (), check: ImportCheck | None = None,
    out: Console | None = None,
) -> None:
    out = out or console()
    source = _rel(plan.source, root)
    if plan.already_split:
        out.print(Text.assemble((source, "bold"),
                                f": already split into {_rel(plan.package, root)}"))
        return
    tree = Tree(Text.assemble((source, "bold"), f" ({plan.old_module}) -> "
                              f"{_rel(plan.package, root)}/ ({plan.layout} layout)"))
    by_module: dict[str, list[Placement]] = {}
    for placement in plan.placements:
        by_module.setdefault(placement.module, []).append(placement)
    for module in plan.modules:
        over = module.lines > plan.max_lines
        shown = f"{module.name.replace('.', '/')}/__init__.py" if (
            module.path.name == "__init__.py") else f"{module.name}.py"  # `seq` beside `seq.x`
        branch = tree.add(Text.assemble((shown, "cyan"), " ", (
            f"{module.lines}/{plan.max_lines} lines", "bold red" if over else "green")))
        for placement in by_module.get(module.name, []):
            branch.add(placement_text(placement))
    facade = tree.add(Text.assemble(("facade", "magenta"), f" {_rel(plan.facade, root)} "
                                    f"({plural(plan.facade_lines, 'line')})"))
    for placement in by_module.get(FACADE, []):
        facade.add(placement_text(placement))
    if plan.edges:
        edges = tree.add("imports between new modules")
        for e in plan.edges:
            how = "typing only" if e.typing_only else "at the end (call-time cycle)" if (
                e.deferred or e.live_last) \
                else "import time" if e.import_time else "call time"
            edges.add(Text.assemble(f"{e.source} -> {e.target}: {', '.join(e.names)}",
                                    (f" ({how})", "dim")))
    out.print(tree)
    if plan.findings or extra:
        out.print("findings:")
        print_findings((*plan.findings, *extra), root, out)
    if check is not None:
        out.print(Text.assemble(("import check", "bold"), f": {check.text}",
                                style="" if check.ran else "yellow"))
    errors = len(plan.errors)
    out.print(Text(f"{source}: {plural(len(plan.modules), 'module')}, {plural(errors, 'error')}",
                   style="bold red" if errors else "green"))


def print_apply(result: ApplyResult, root: Path) -> None:
    out = console()
    if result.recovered:
        out.print(Text(result.recovered, style="yellow"))
    for split in result.splits:
        source = _rel(split.plan.source, root)
        if split.plan.already_split:
            out.print(f"{source}: already split, nothing to do")
            continue
        print_findings([f for f in split.findings
                        if f.severity != "info" or f.code in ("GS400", "GS412", "GS223")], root, out)
        if result.written:
            files = ", ".join(_rel(m.path, root) for m in split.plan.modules)
            # "verified" only when the import check ran (GS400); else GS412 says why not
            done = "verified" if split.imported else "checked statically (import check skipped)"
            if any(f.code == "GS134" for f in split.findings):  # checked in the tree only
                done += " in the source tree; its packaging would not install it (GS134)"
            if any(f.code == "GS146" for f in split.findings):  # a build reading the old file
                done += "; the build's version setting names the removed file (GS146)"
            out.print(Text(f"{source}: split into {files}, facade {_rel(split.plan.facade, root)};"
                           f" {done}", style="green"))
    if result.written:
        _print_rewrites(result, root, out)
    if result.rolled_back:
        out.print(Text("verify found differences: the tree was rolled back, nothing changed",
                       style="bold red"))
    elif not result.written and result.errors:  # the plan's, or what the import before showed
        planned = any(f.code != "GS415" for split in result.splits for f in split.plan.errors)
        out.print(Text("plan has errors: nothing was written (see `godsplit plan`)" if planned
                       else "the import before the split found errors: nothing was written",
                       style="bold red"))


def _print_rewrites(result: ApplyResult, root: Path, out: Console) -> None:
    """Every other file apply edited (--rewrite-references), with how many targets each."""
    targets: dict[Path, int] = {}
    for split in result.splits:
        for finding in split.references:
            if finding.code == "GS213":
                path = Path(finding.path).resolve()
                targets[path] = targets.get(path, 0) + 1
    for path in sorted(result.rewritten):
        count = targets.get(path.resolve(), 0)
        out.print(f"{_rel(path, root)}: rewrote {plural(count, 'patch target')}")
