"""How `godsplit suggest` groups a god file, against the grouping its maintainers chose.

    .venv/bin/python benchmarks/suggest_eval.py
        [--half tuning|held-out|fresh|fresh2|fresh3|fresh4|fresh5|fresh6|fresh7|fresh8|fresh9
        |fresh10|fresh11|fresh12|fresh13|fresh14
        |fresh15|all] [--markdown] [--layers] [--names] [--default] [CASE ...]
    .venv/bin/python benchmarks/suggest_eval.py --check [--half ...] [CASE ...]

Each case in benchmarks/maintainers/*.toml is one historical split (project, licence,
commits before and after, and, for every top-level name of the before file, the module
the maintainers put it in). Its `half` is `tuning` (tuned on), `held-out` (scored once
after tuning, rounds 2 to 14), `fresh` (recorded in round 15 by
benchmarks/record_split.py, after all that tuning; never tuned on) or `fresh2` (recorded
in round 18 with four more tuning cases, the eight split between the two by
ROUND18_SEED before any was scored; never tuned on) or `fresh3` (recorded in round 26,
when the other 36 cases became tuning data; never scored by anyone tuning) or `fresh4`
(recorded in round 27, when all 47 cases before it became tuning data; likewise) or
`fresh5` (recorded in round 28, when all 60 cases before it became tuning data; scored
once in round 28; tuning data from round 29) or `fresh6` (recorded in round 29, when all 73
cases before it became tuning data; scored once in round 29; tuning data from round 30) or
`fresh7` (recorded in round 30, when all 86 cases before it became tuning data; scored once
in round 30; tuning data from round 31) or `fresh8` (recorded in round 31, when all 99
cases before it became tuning data; scored once in round 31; tuning data from round 32) or
`fresh9` (recorded in round 32, when all 114 cases before it became tuning data; scored
once in round 32; tuning data from round 33) or `fresh10` (recorded in round 33, when all
129 cases before it became tuning data; scored once in round 33; tuning data from round 34)
or `fresh11` (recorded in round 34, when all 141 cases before it became tuning data; scored
once in round 34; tuning data from round 35) or `fresh12` (recorded in round 35, when all
154 cases before it became tuning data; scored once in round 35; tuning data from round 36)
or `fresh13` (recorded in round 36, when all 169 cases before it became tuning data; scored
once in round 36; tuning data from round 37) or `fresh14` (recorded in round 37, when all 183
cases before it became tuning data; scored once in round 37; tuning data from round 38) or
`fresh15` (recorded in round 38, when all 198 cases before it became tuning data; never
scored by anyone tuning). The before file
is taken from the project's PyPI sdist (the last release before the split), downloaded
once into benchmarks/.work/ and checked against the sha256 recorded for the archive and for
the file. No fetched source is committed.

For each case, over the names both place in a module (pairs of names):

    precision = pairs together in both / pairs together in the suggestion
    recall    = pairs together in both / pairs together in the maintainers' layout
    F1, and the adjusted Rand index (ARI: 0 for chance, 1 for the same grouping)

for `suggest --modules K` (K = the maintainers' module count; max-lines high enough that
sizes never constrain) and for the file-order baseline: the file cut into K runs of equal
length, a name going to the run its definition starts in. `--default` also evaluates
`suggest` at its default settings (no K, max-lines 600). A case that raises is named with
its exception on stderr and left out of the tables; the other cases are scored, and the exit
status is then 1.

`--check` reads the chosen cases' data and stops before any suggestion: each sdist
downloads with the recorded sha256, its before file has the recorded sha256, and every name
the case places is a top-level name the before file binds (as benchmarks/record_split.py
reads them, dunder names such as `__tracebackhide__` included). It prints no score: a new
half can be checked without being seen.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import math
import sys
import tarfile
import time
import urllib.request
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

import networkx as nx

from godsplit.config import parse_config
from godsplit.files import read_source
from godsplit.sizegate.physical import count_physical
from godsplit.split.analyze import analyze
from godsplit.suggester.cluster import objective
from godsplit.suggester.core import suggest
from godsplit.suggester.graph import Graph, build_graph
from godsplit.types import FACADE

HERE = Path(__file__).resolve().parent
CASES = HERE / "maintainers"
WORK = HERE / ".work" / "suggest_eval"
INDEX = "https://pypi.org/simple"
UNBOUNDED = 100_000  # max-lines for the K runs: sizes never constrain the grouping
# tuning: tuned on; held-out: scored once after each tuning round (rounds 2-14);
# fresh: recorded in round 15, after all that tuning, never tuned on
# fresh2: recorded in round 18, never tuned on. The 8 cases recorded then (beets-commands,
# beets-importer, ipython-display, mypy-main, mypy-types, pytest-python, sphinx-autodoc,
# sphinx-autodoc-2025) were split before any was scored:
# random.Random(ROUND18_SEED).sample(sorted(ids), 4) joined the tuning half (beets-commands,
# ipython-display, mypy-main, pytest-python), the other 4 are fresh2.
# fresh3: recorded in round 26 (eleven projects not in the other halves), when the 36 cases
# above became tuning data; checked with --check only, never scored while tuning.
# fresh4: recorded in round 27 (projects in no other half), when all 47 cases above became
# tuning data; the same rules as fresh3.
# fresh5: recorded in round 28 (projects in no other half), when all 60 cases above became
# tuning data (fresh4 too); the same rules as fresh3. Scored once in round 28; tuning data
# from round 29.
# fresh6: recorded in round 29 (projects in no other half), when all 73 cases above became
# tuning data (fresh5 too); the same rules as fresh3. Scored once in round 29; tuning data
# from round 30.
# fresh7: recorded in round 30 (projects in no other half), when all 86 cases above became
# tuning data (fresh6 too); the same rules as fresh3. Scored once in round 30; tuning data
# from round 31.
# fresh8: recorded in round 31 (projects in no other half), when all 99 cases above became
# tuning data (fresh7 too); the same rules as fresh3. Scored once in round 31; tuning data
# from round 32.
# fresh9: recorded in round 32 (projects in no other half), when all 114 cases above became
# tuning data (fresh8 too); the same rules as fresh3. Scored once in round 32; tuning data
# from round 33.
# fresh10: recorded in round 33 (projects in no other half), when all 129 cases above became
# tuning data (fresh9 too); the same rules as fresh3. Scored once in round 33; tuning data
# from round 34.
# fresh11: recorded in round 34 (projects in no other half), when all 141 cases above became
# tuning data (fresh10 too); the same rules as fresh3. Scored once in round 34; tuning data
# from round 35.
# fresh12: recorded in round 35 (projects in no other half), when all 154 cases above became
# tuning data (fresh11 too); the same rules as fresh3. Scored once in round 35; tuning data
# from round 36.
# fresh13: recorded in round 36 (projects in no other half), when all 169 cases above became
# tuning data (fresh12 too); the same rules as fresh3. Scored once in round 36; tuning data
# from round 37.
# fresh14: recorded in round 37 (projects in no other half), when all 183 cases above became
# tuning data (fresh13 too); the same rules as fresh3. Scored once in round 37; tuning data
# from round 38.
# fresh15: recorded in round 38 (projects in no other half), when all 198 cases above became
# tuning data (fresh14 too); the same rules as fresh3.
HALVES = ("tuning", "held-out", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7",
          "fresh8", "fresh9", "fresh10", "fresh11", "fresh12", "fresh13", "fresh14", "fresh15")
ROUND18_SEED = 18


@dataclass(frozen=True)
class Case:
    id: str
    project: str
    licence: str
    half: str
    sdist: str  # name==version
    sdist_file: str
    sdist_sha256: str
    path: str  # the before file, inside the sdist's top directory
    sha256: str
    modules: dict[str, list[str]]

    @property
    def k(self) -> int:
        return len(self.modules)


def load_case(path: Path) -> Case:
    """One historical split, benchmarks/maintainers/<id>.toml."""
    data = tomllib.loads(path.read_text())
    if data["half"] not in HALVES:
        raise SystemExit(f"{path}: half {data['half']!r} is none of {', '.join(HALVES)}")
    return Case(path.stem, data["project"], data["licence"], data["half"], data["sdist"],
                data["sdist-file"], data["sdist-sha256"], data["path"], data["sha256"],
                {m: list(v) for m, v in data["modules"].items()})


HELD_OUT = "fresh15"  # scored once, by this script; the tuning scripts leave it out


@dataclass(frozen=True)
class GraphCase:
    """A case's file as suggest's graph sees it, beside the maintainers' grouping."""

    graph: Graph
    first: dict[str, int]  # name -> the line of its node
    names: list[str]  # the names both the graph and the maintainers' grouping hold
    theirs: dict[str, str]  # name -> the maintainers' module
    file_order: dict[str, str]  # name -> its run of the K file-order runs


def file_lines(path: Path) -> int:
    """The file's physical lines, as `wc -l` and `godsplit check` count them (a last line
    without a newline counts too): the figure `--check` prints and the table's `lines`."""
    return count_physical(path.read_bytes())


def order_span(path: Path) -> int:
    """The span file order cuts into K runs: the file's newlines plus one (one more than
    `file_lines` for a file ending in a newline). Kept as scored since file order was first
    measured, so that its figures stay comparable from round to round; not a line count."""
    return path.read_text(errors="replace").count("\n") + 1


def graph_case(case: Case) -> GraphCase:
    """The graph of `case`'s file and what the scripts that score groupings of it need."""
    source = project_dir(case) / case.path
    g = build_graph(analyze(read_source(source)), ())
    truth = {n: m for m, names in case.modules.items() for n in names}
    first = {name: node.line for node in g.nodes for name in node.names}
    names = sorted(set(first) & set(truth))
    total = order_span(source)
    return GraphCase(g, first, names, {n: truth[n] for n in names},
                     file_order({n: first[n] for n in names}, total, case.k))


def tuning_cases(ids: list[str]) -> list[Case]:
    """The cases named by `ids`, or (none named) every case but the held-out half."""
    return [c for c in map(load_case, sorted(CASES.glob("*.toml")))
            if c.id in ids or (not ids and c.half != HELD_OUT)]


def chosen(cases: list[Case], half: str, ids: list[str]) -> list[Case]:
    """The cases of one half (`all`: every half), or only those named."""
    return [c for c in cases if (not ids or c.id in ids) and half in ("all", c.half)]


def _download(case: Case) -> Path:
    """The sdist, from the package index's JSON simple API, checked against its sha256."""
    archive = WORK / "sdists" / case.sdist_file
    if archive.is_file() and hashlib.sha256(archive.read_bytes()).hexdigest() == case.sdist_sha256:
        return archive
    name = case.sdist.split("==")[0]
    request = urllib.request.Request(f"{INDEX}/{name}/",
                                     headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        files = json.load(response)["files"]
    found = [f for f in files if f["filename"] == case.sdist_file]
    if not found:
        raise SystemExit(f"{case.id}: {case.sdist_file} is not on the index")
    with urllib.request.urlopen(found[0]["url"], timeout=600) as response:
        data = response.read()
    if hashlib.sha256(data).hexdigest() != case.sdist_sha256:
        raise SystemExit(f"{case.id}: {case.sdist_file} does not have the recorded sha256")
    archive.parent.mkdir(parents=True, exist_ok=True)
    archive.write_bytes(data)
    return archive


def project_dir(case: Case) -> Path:
    """The extracted sdist (extracted once), with the before file checked by hash."""
    root = WORK / "src" / case.sdist_file.removesuffix(".tar.gz").removesuffix(".zip")
    if not root.is_dir():
        archive = _download(case)
        root.parent.mkdir(parents=True, exist_ok=True)
        staging = root.with_name(root.name + ".part")
        if archive.suffix == ".zip":
            with zipfile.ZipFile(archive) as zipped:
                zipped.extractall(staging)
        else:
            with tarfile.open(archive) as tar:
                tar.extractall(staging, filter="data")
        (top,) = list(staging.iterdir())
        top.rename(root)
        staging.rmdir()
    before = root / case.path
    if hashlib.sha256(before.read_bytes()).hexdigest() != case.sha256:
        raise SystemExit(f"{case.id}: {before} does not have the recorded sha256")
    return root


def check(case: Case) -> str:
    """One line on the case's data, read without any suggestion: the sdist and its before
    file have the recorded sha256 (else SystemExit), and every name the case places is a
    top-level name of the before file (else SystemExit naming them)."""
    if str(HERE) not in sys.path:  # record_split.py lies beside this script
        sys.path.insert(0, str(HERE))
    from record_split import defined

    archive = _download(case)
    source = (project_dir(case) / case.path).read_text(errors="replace")
    placed = [n for names in case.modules.values() for n in names]
    missing = sorted(set(placed) - set(defined(source, dunders=True)))
    if missing:
        raise SystemExit(f"{case.id}: not top-level names of {case.path}: {', '.join(missing)}")
    lines = file_lines(project_dir(case) / case.path)
    return (f"{case.id} ({case.half}): {archive.name} and {case.path} match their sha256; "
            f"{lines:,} lines; {len(placed)} names, each a top-level name of the file, "
            f"in {case.k} modules")


def pairs(grouping: dict[str, str]) -> set[tuple[str, str]]:
    return {(a, b) for a, b in itertools.combinations(sorted(grouping), 2)
            if grouping[a] == grouping[b]}


def ari(ours: dict[str, str], theirs: dict[str, str]) -> float:
    """The adjusted Rand index of two groupings of the same names."""
    names = sorted(ours)
    n = len(names)

    def comb(x: int) -> float:
        return x * (x - 1) / 2

    cells = sum(comb(c) for c in Counter((ours[x], theirs[x]) for x in names).values())
    a = sum(comb(c) for c in Counter(ours[x] for x in names).values())
    b = sum(comb(c) for c in Counter(theirs[x] for x in names).values())
    expected = a * b / comb(n) if n > 1 else 0.0
    top = (a + b) / 2
    return 1.0 if math.isclose(top, expected) else (cells - expected) / (top - expected)


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    ari: float


def score(ours: dict[str, str], theirs: dict[str, str]) -> Score:
    mine, truth = pairs(ours), pairs(theirs)
    both = len(mine & truth)
    p = both / len(mine) if mine else 1.0
    r = both / len(truth) if truth else 1.0
    return Score(p, r, 2 * p * r / (p + r) if p + r else 0.0, ari(ours, theirs))


def file_order(lines: dict[str, int], total: int, k: int) -> dict[str, str]:
    """The baseline: the file cut into k runs of equal length."""
    return {name: f"run{min(k - 1, (line - 1) * k // max(total, 1))}"
            for name, line in lines.items()}


@dataclass(frozen=True)
class Result:
    case: Case
    names: int  # names evaluated (placed by both)
    lines: int
    suggest: Score
    baseline: Score
    default: Score | None
    modules: int  # what suggest made
    default_modules: int
    seconds: float
    objectives: tuple[float, float] | None = None  # (suggest's grouping, the maintainers')
    layers: tuple[int, int] | None = None  # modules in a cycle of reads (ours, theirs)
    # (line, name, the maintainers' module, suggest's, the file-order run), in file order
    placements: tuple[tuple[int, str, str, str, str], ...] = ()


def objectives(source: Path, ours: dict[str, str], theirs: dict[str, str]
               ) -> tuple[float, float]:
    """The greedy merging's objective for both groupings, over the definitions whose names
    both place (the graph they induce)."""
    g = build_graph(analyze(read_source(source)), ())
    node = {name: i for i, n in enumerate(g.nodes) for name in n.names}

    def groups(placed: dict[str, str]) -> list[list[int]]:
        out: dict[str, set[int]] = {}
        for name, module in placed.items():
            if name in node:
                out.setdefault(module, set()).add(node[name])
        return [sorted(members) for _, members in sorted(out.items())]

    return objective(g, groups(ours)), objective(g, groups(theirs))


def layers(source: Path, ours: dict[str, str], theirs: dict[str, str]) -> tuple[int, int]:
    """How many modules lie on a cycle of reads between modules (calls and import-time
    reads, not annotations), in each grouping, over the names both place."""
    g = build_graph(analyze(read_source(source)), ())
    node = {name: i for i, n in enumerate(g.nodes) for name in n.names}

    def tangled(placed: dict[str, str]) -> int:
        module = {node[name]: m for name, m in placed.items() if name in node}
        graph: nx.DiGraph[str] = nx.DiGraph()
        graph.add_edges_from((module[r], module[p]) for (r, p), strength in g.reads.items()
                             if strength >= 1.0 and r in module and p in module
                             and module[r] != module[p])
        return sum(len(c) for c in nx.strongly_connected_components(graph) if len(c) > 1)

    return tangled(ours), tangled(theirs)


def evaluate(case: Case, default: bool = False, scored: bool = False,
             layered: bool = False) -> Result:
    root = project_dir(case)
    source = root / case.path
    config = parse_config({"max-lines": UNBOUNDED}, root / "godsplit.toml")
    theirs_all = {n: m for m, names in case.modules.items() for n in names}
    start = time.perf_counter()
    made = suggest(source, config, UNBOUNDED, modules=case.k)
    seconds = time.perf_counter() - start
    placed = {n: p.module for p in made.plan.placements if p.module != FACADE for n in p.names}
    first = {n: p.line for p in made.plan.placements for n in p.names}
    names = sorted(set(placed) & set(theirs_all))
    theirs = {n: theirs_all[n] for n in names}
    base = file_order({n: first[n] for n in names}, order_span(source), case.k)
    other, count = None, 0
    if default:
        plain = suggest(source, parse_config({}, root / "godsplit.toml"))
        at = {n: p.module for p in plain.plan.placements for n in p.names}
        other, count = score({n: at[n] for n in names}, theirs), len(plain.plan.modules)
    ours = {n: placed[n] for n in names}
    return Result(case, len(names), file_lines(source), score(ours, theirs), score(base, theirs), other,
                  len(made.plan.modules), count, seconds,
                  objectives(source, ours, theirs) if scored else None,
                  layers(source, ours, theirs) if layered else None,
                  tuple(sorted((first[n], n, theirs[n], ours[n], base[n]) for n in names)))


def placements(r: Result) -> str:
    """Where each name went, in file order: a case read line by line."""
    out = [f"  {'line':>5}  {'maintainers':<24} {'suggest':<24} {'file order':<10} name"]
    out += [f"  {line:>5}  {theirs:<24} {ours:<24} {base:<10} {name}"
            for line, name, theirs, ours, base in r.placements]
    return "\n".join(out)


def table(results: list[Result]) -> str:
    default = any(r.default for r in results)
    head = ("| case | lines | names | K | suggest P / R | **suggest F1** | suggest ARI | "
            "file order F1 | file order ARI |" + (" default F1 (modules) |" if default else ""))
    out = [head, "|---|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---:|" if default else "")]
    for r in results:
        s, b = r.suggest, r.baseline
        row = (f"| {r.case.id} | {r.lines:,} | {r.names} | {r.case.k} | {s.precision:.2f} / "
               f"{s.recall:.2f} | **{s.f1:.2f}** | {s.ari:.2f} | {b.f1:.2f} | {b.ari:.2f} |")
        if default:
            row += f" {r.default.f1:.2f} ({r.default_modules}) |" if r.default else " |"
        out.append(row)
    n = len(results) or 1

    def mean(f: Callable[[Result], float]) -> float:
        return sum(f(r) for r in results) / n

    out.append(f"| **mean** | | | | | **{mean(lambda r: r.suggest.f1):.2f}** | "
               f"{mean(lambda r: r.suggest.ari):.2f} | {mean(lambda r: r.baseline.f1):.2f} | "
               f"{mean(lambda r: r.baseline.ari):.2f} |"
               + (f" {mean(lambda r: r.default.f1 if r.default else 0):.2f} |" if default else ""))
    return "\n".join(out)


def summary(results: dict[str, list[Result]]) -> str:
    """One table per half, in HALVES order, and how often suggest beats file order in each
    (F1 and ARI both higher): the halves are reported apart, never pooled into one mean."""
    out = [f"\n{half}:\n\n{table(results[half])}" for half in HALVES if half in results]
    won = {h: sum(r.suggest.f1 > r.baseline.f1 and r.suggest.ari > r.baseline.ari for r in rs)
           for h, rs in results.items()}
    out.append("\nsuggest beats the file-order baseline (F1 and ARI) on "
               + "; ".join(f"{won[h]} of {len(results[h])} ({h})" for h in HALVES if h in results)
               + f"; {sum(won.values())} of {sum(map(len, results.values()))} in all")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", help="case ids (default: all of the chosen half)")
    parser.add_argument("--half", choices=[*HALVES, "all"], default=None,
                        help="default: every half but the held-out one (HELD_OUT), which is "
                        "scored only when named (`--half fresh15`, `--half all` or its ids)")
    parser.add_argument("--default", action="store_true",
                        help="also evaluate suggest at default settings")
    parser.add_argument("--markdown", action="store_true", help="print only the tables")
    parser.add_argument("--objective", action="store_true",
                        help="also print the objective the greedy merging climbs, for the "
                        "suggestion and for the maintainers' grouping")
    parser.add_argument("--layers", action="store_true",
                        help="also print how many modules lie on a cycle of reads between "
                        "modules, in the suggestion and in the maintainers' grouping")
    parser.add_argument("--names", action="store_true",
                        help="also print, for each name in file order, the module the "
                        "maintainers chose, suggest's and the file-order run")
    parser.add_argument("--check", action="store_true",
                        help="only check the cases' data (downloads, sha256s, names); no "
                        "suggestion is made and no score printed")
    args = parser.parse_args(argv)
    cases = (tuning_cases(args.cases) if args.half is None else
             chosen([load_case(p) for p in sorted(CASES.glob("*.toml"))], args.half, args.cases))
    if args.check:  # every case is checked; the exit status says whether any failed
        failed = 0
        for case in cases:
            try:
                print(check(case), flush=True)
            except SystemExit as error:
                failed += 1
                print(error, file=sys.stderr, flush=True)
        print(f"checked {len(cases)} case{'s' * (len(cases) != 1)}, {failed} failed; "
              "no suggestion was made")
        return 1 if failed else 0
    results: dict[str, list[Result]] = {}
    raised: list[str] = []  # a case that raises is named and skipped; the run goes on
    for case in cases:
        try:
            r = evaluate(case, args.default, args.objective, args.layers)
        except (Exception, SystemExit) as error:  # SystemExit: a download or sha256 check
            raised.append(case.id)
            print(f"{case.id} ({case.half}): raised {type(error).__name__}: {error}",
                  file=sys.stderr, flush=True)
            continue
        results.setdefault(case.half, []).append(r)
        if not args.markdown:
            print(f"{case.id} ({case.half}): F1 {r.suggest.f1:.2f} vs file order "
                  f"{r.baseline.f1:.2f}; ARI {r.suggest.ari:.2f} vs {r.baseline.ari:.2f}; "
                  f"{r.modules} modules; {r.seconds:.1f}s"
                  + (f"; objective {r.objectives[0]:.3f} vs the maintainers' "
                     f"{r.objectives[1]:.3f}" if r.objectives else "")
                  + (f"; modules in a cycle of reads {r.layers[0]} vs the maintainers' "
                     f"{r.layers[1]}" if r.layers else ""), flush=True)
            if args.names:
                print(placements(r), flush=True)
    print(summary(results))
    if raised:
        print(f"{len(raised)} case{'s' * (len(raised) != 1)} raised (not scored): "
              + ", ".join(raised))
    return 1 if raised else 0


if __name__ == "__main__":
    sys.exit(main())
