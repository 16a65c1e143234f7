"""godsplit benchmark: LibCST's floor, godsplit plan and apply, and rope, on god files.

    .venv/bin/python benchmarks/bench_split.py [--sizes 1000,5000,20000,50000] [--rope]

For each synthetic size (benchmarks/synth.py, seeded) and each fixture god file
(fixtures/intelliwiz/background_tasks/*.py with fixtures/intelliwiz/godsplit.toml, when
present) it runs, each in a fresh interpreter and one after another:

- floor: `libcst.parse_module` + `MetadataWrapper(module)` (the default, which deep-copies
  the tree) + `wrapper.resolve(ScopeProvider)`: what a naive LibCST tool pays first;
- plan: `godsplit.split.plan.plan_split` in process (parse, scopes, assign, render in memory);
- apply: `godsplit.split.apply.apply_splits` on a fresh copy in a temporary directory (plan,
  journaled write, static verify), with `verify-import = false`, and again with the import
  check (the old module imported in a fresh interpreter before and after);

and reports wall time (in the worker, after its imports) and peak memory (the worker's
`ru_maxrss`, RUSAGE_SELF; the import-check subprocesses' peak, RUSAGE_CHILDREN, is given
apart). With --rope, the same moves are done with rope's MoveGlobal (rope lives in its own
venv, benchmarks/.work/venv, created on first use) on the ~1,500-line fixture, or on a
1,500-line synthetic file when the fixtures are not there. The Markdown table is printed
and written to benchmarks/results.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import import_module
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / ".work"
FIXTURES = REPO / "fixtures" / "intelliwiz"
FIXTURE_GLOB = "background_tasks/*.py"
ROPE_VENV = WORK / "venv"
BIG = 100_000  # max-lines for the benchmark, so size findings never stop apply


def _peak_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# ---------------------------------------------------------------------------------------------
# workers: each runs in a fresh interpreter and prints one JSON line


def _load(config_path: str, source: str, verify_import: bool | None) -> tuple[Any, Any]:
    import dataclasses

    from godsplit.config import load_config

    config = load_config(Path(config_path))
    changes: dict[str, Any] = {"max_lines": BIG}
    if verify_import is not None:
        changes["verify_import"] = verify_import
    config = dataclasses.replace(config, **changes)
    wanted = Path(source).resolve()
    split = next(s for s in config.splits if s.source.resolve() == wanted)
    return config, split


def worker_floor(args: argparse.Namespace) -> dict[str, Any]:
    import libcst as cst
    from libcst.metadata import MetadataWrapper, ScopeProvider

    text = Path(args.source).read_text()
    base = _peak_mib(resource.RUSAGE_SELF)
    c0 = time.process_time()
    t0 = time.perf_counter()
    module = cst.parse_module(text)
    t1 = time.perf_counter()
    wrapper = MetadataWrapper(module)  # default: deep copy of the tree
    t2 = time.perf_counter()
    scopes = wrapper.resolve(ScopeProvider)
    t3 = time.perf_counter()
    assert scopes
    return {"wall": t3 - t0, "cpu": time.process_time() - c0, "parse": t1 - t0,
            "copy": t2 - t1, "scope": t3 - t2, "base_mib": base}


def worker_plan(args: argparse.Namespace) -> dict[str, Any]:
    from godsplit.split.plan import plan_split

    config, split = _load(args.config, args.source, None)
    base = _peak_mib(resource.RUSAGE_SELF)
    c0 = time.process_time()
    t0 = time.perf_counter()
    plan, _analysis = plan_split(config, split)
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    moves = [[name, p.module] for p in plan.placements if p.module != "<facade>"
             for name in p.names]
    return {
        "wall": wall, "cpu": cpu, "base_mib": base,
        "errors": [f.render() for f in plan.errors][:20],
        "modules": len(plan.modules), "changes": len(plan.changes), "moves": moves,
        "mapped": [[n, p.module] for p in plan.placements if p.reason == "mapped" for n in p.names],
    }


class _SerialExecutor:
    """Stands in for ThreadPoolExecutor under cProfile: runs everything in this thread."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def __enter__(self) -> _SerialExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def map(self, func: Any, *iterables: Any) -> Any:
        return list(map(func, *iterables))


def worker_apply(args: argparse.Namespace) -> dict[str, Any]:
    import godsplit.split.apply as gapply
    import godsplit.split.write as gwrite
    from godsplit.split.apply import apply_splits

    verify_import = {"yes": True, "no": False, "config": None}[args.verify_import]
    config, split = _load(args.config, args.source, verify_import)
    phases: dict[str, float] = {"plan": 0.0, "references": 0.0, "write": 0.0,
                                "verify_static": 0.0, "verify_import": 0.0}

    def timed(phase: str, func: Any) -> Any:
        def wrapper(*a: Any, **k: Any) -> Any:
            start = time.perf_counter()
            try:
                return func(*a, **k)
            finally:
                phases[phase] += time.perf_counter() - start
        return wrapper

    if getattr(args, "cprofile", "") and hasattr(gapply, "ThreadPoolExecutor"):
        gapply.ThreadPoolExecutor = _SerialExecutor  # cProfile sees the calling thread only
    gapply.plan_all = timed("plan", gapply.plan_all)
    if hasattr(gapply, "references"):  # the patch-target scan of the project
        gapply.references = timed("references", gapply.references)
    gwrite.begin = timed("write", gwrite.begin)
    vars(gapply)["compare_static"] = timed("verify_static", vars(gapply)["compare_static"])
    # the import check's fresh interpreters (apply's own, or import_check's since round 14)
    checker = gapply if hasattr(gapply, "snapshot") else import_module("godsplit.split.import_check")
    vars(checker)["snapshot"] = timed("verify_import", vars(checker)["snapshot"])
    base = _peak_mib(resource.RUSAGE_SELF)
    c0, k0 = time.process_time(), _children_cpu()
    t0 = time.perf_counter()
    result = apply_splits(config, (split.source,))
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0 + _children_cpu() - k0
    findings = [f for s in result.splits for f in s.findings]
    return {
        "wall": wall, "cpu": cpu, "base_mib": base, "phases": phases, "written": result.written,
        "errors": [f.render() for f in result.errors][:20],
        "import_checked": phases["verify_import"] > 0,
        "verify_codes": sorted({f.code for f in findings if f.code.startswith("GS4")}),
        "children_mib": _peak_mib(resource.RUSAGE_CHILDREN),
    }


def _definition_offset(text: str, name: str) -> int | None:
    pattern = re.compile(
        rf"^(?:async[ \t]+def|def|class)[ \t]+({re.escape(name)})\b|^({re.escape(name)})[ \t]*[:=]",
        re.M,
    )
    match = pattern.search(text)
    if match is None:
        return None
    return match.start(1) if match.group(1) else match.start(2)


def _broken(root: Path, resources: Any) -> str | None:
    for changed in resources:
        path = root / changed.path
        if path.suffix == ".py" and path.exists():
            try:
                compile(path.read_text(), str(path), "exec")
            except SyntaxError as exc:
                return f"{changed.path}:{exc.lineno}: {exc.msg}"
    return None


def worker_rope(args: argparse.Namespace) -> dict[str, Any]:
    """Move each name to its module with rope's MoveGlobal, one refactoring at a time."""
    from rope.base.project import Project  # type: ignore[import-not-found, unused-ignore]
    from rope.refactor.move import MoveGlobal  # type: ignore[import-not-found, unused-ignore]

    root = Path(args.root)
    source = Path(args.source)
    moves = json.loads(Path(args.moves).read_text())
    relative = source.relative_to(root).as_posix()
    package = source.with_name(source.stem + "_rope")
    package.mkdir()
    (package / "__init__.py").write_text("")
    for module in sorted({m for _, m in moves}):
        (package / f"{module}.py").write_text("")
    base = _peak_mib(resource.RUSAGE_SELF)
    c0 = time.process_time()
    t0 = time.perf_counter()
    project = Project(str(root), ropefolder=None)
    done, failed, skipped, excluded = 0, [], 0, 0.0
    deadline = t0 + args.timeout
    for name, module in moves:
        if time.perf_counter() > deadline:
            skipped += 1
            continue
        resource_ = project.get_resource(relative)
        offset = _definition_offset(resource_.read(), name)
        if offset is None:
            failed.append(f"{name}: not found")
            continue
        try:
            dest = project.get_resource(f"{package.relative_to(root).as_posix()}/{module}.py")
            changes = MoveGlobal(project, resource_, offset).get_changes(dest)
            project.do(changes)
        except Exception as exc:
            failed.append(f"{name}: {type(exc).__name__}: {str(exc)[:100]}")
            continue
        check = time.perf_counter()
        broken = _broken(root, changes.get_changed_resources())
        excluded += time.perf_counter() - check  # our syntax check is not rope's time
        if broken:  # rope wrote invalid code: undo it, or every later move fails to parse
            project.history.undo()
            failed.append(f"{name}: the move wrote invalid Python ({broken}); undone")
            continue
        done += 1
    wall = time.perf_counter() - t0 - excluded
    cpu = time.process_time() - c0 - excluded
    project.close()
    return {"wall": wall, "cpu": cpu, "base_mib": base, "done": done, "failed": failed,
            "skipped": skipped, "total": len(moves)}


WORKERS = {"floor": worker_floor, "plan": worker_plan, "apply": worker_apply, "rope": worker_rope}


def run_worker(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=sorted(WORKERS))
    parser.add_argument("--source", required=True)
    parser.add_argument("--config", default="")
    parser.add_argument("--root", default="")
    parser.add_argument("--moves", default="")
    parser.add_argument("--verify-import", default="no", choices=["yes", "no", "config"])
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--cprofile", default="", help="write cProfile stats of the worker here")
    args = parser.parse_args(argv)
    if args.cprofile:
        import cProfile

        profiler = cProfile.Profile()
        data = profiler.runcall(WORKERS[args.kind], args)
        profiler.dump_stats(args.cprofile)
    else:
        data = WORKERS[args.kind](args)
    data["peak_mib"] = _peak_mib(resource.RUSAGE_SELF)
    print("BENCH-RESULT " + json.dumps(data))
    return 0


# ---------------------------------------------------------------------------------------------
# the driver


def spawn(python: str, kind: str, *extra: str, timeout: float = 3600) -> dict[str, Any]:
    cmd = [python, str(Path(__file__).resolve()), "--worker", kind, *extra]
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONHASHSEED="0")
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env,
                          cwd=str(REPO))
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("BENCH-RESULT "):
            result: dict[str, Any] = json.loads(line[len("BENCH-RESULT "):])
            return result
    raise RuntimeError(f"worker {kind} failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")


def best(python: str, kind: str, *extra: str, repeat: int = 1,
         prepare: Any = None) -> dict[str, Any]:
    """Run a worker `repeat` times (fresh process each), keep the fastest run."""
    runs = []
    for _ in range(repeat):
        args = prepare() if prepare else extra
        runs.append(spawn(python, kind, *args))
    return min(runs, key=lambda r: r["wall"])


class Case:
    """One god file with its config, copied to a fresh directory for every apply."""

    def __init__(self, label: str, root: Path, source: Path, config: Path) -> None:
        self.label, self.root, self.source, self.config = label, root, source, config
        self.lines = source.read_text().count("\n")

    def fresh_copy(self) -> tuple[Path, Path, Path]:
        tmp = Path(tempfile.mkdtemp(prefix="godsplit-bench-"))
        dest = tmp / "project"
        shutil.copytree(self.root, dest, ignore=shutil.ignore_patterns(
            "__pycache__", ".git", "*.sqlite3", ".pytest_cache"))
        return (tmp, dest / self.source.relative_to(self.root),
                dest / self.config.relative_to(self.root))


def synthetic_case(lines: int, seed: int) -> Case:
    sys.path.insert(0, str(HERE))
    import synth

    root = WORK / f"synth-{lines}-s{seed}"
    if root.exists():
        shutil.rmtree(root)
    made = synth.generate(lines, seed)
    config = synth.write_project(root, made, "big.py")
    return Case(f"synthetic {lines // 1000}k", root, root / "big.py", config)


def fixture_cases() -> list[Case]:
    config = FIXTURES / "godsplit.toml"
    if not config.is_file():
        return []
    cases = []
    for source in sorted(FIXTURES.glob(FIXTURE_GLOB)):
        if source.name == "__init__.py" or source.stat().st_size < 10_000:
            continue
        if f'"{source.relative_to(FIXTURES).as_posix()}"' not in config.read_text():
            continue
        cases.append(Case(f"fixture {source.name}", FIXTURES, source, config))
    return cases


def measure(case: Case, python: str, repeat: int) -> dict[str, Any]:
    row: dict[str, Any] = {"case": case.label, "lines": case.lines}
    print(f"[{case.label}] {case.lines} lines", flush=True)
    row["floor"] = best(python, "floor", "--source", str(case.source), repeat=repeat)
    print(f"  floor  {row['floor']['wall']:7.2f} s ({row['floor']['cpu']:.2f} CPU)  "
          f"{row['floor']['peak_mib']:7.0f} MiB", flush=True)
    row["plan"] = best(python, "plan", "--source", str(case.source), "--config", str(case.config),
                       repeat=repeat)
    print(f"  plan   {row['plan']['wall']:7.2f} s ({row['plan']['cpu']:.2f} CPU)  "
          f"{row['plan']['peak_mib']:7.0f} MiB  "
          f"{row['plan']['modules']} modules, {len(row['plan']['errors'])} errors", flush=True)
    for err in row["plan"]["errors"][:5]:
        print("    " + err)
    for key, verify in (("apply", "no"), ("apply_import", "config" if case.label.startswith(
            "fixture") else "yes")):
        temps: list[Path] = []

        def prepare(verify: str = verify, temps: list[Path] = temps) -> list[str]:
            tmp, source, config = case.fresh_copy()
            temps.append(tmp)
            return ["--source", str(source), "--config", str(config), "--verify-import", verify]

        try:
            row[key] = best(python, "apply", repeat=repeat, prepare=prepare)
        finally:
            for tmp in temps:
                shutil.rmtree(tmp, ignore_errors=True)
        r = row[key]
        print(f"  {key:<13}{r['wall']:7.2f} s ({r['cpu']:.2f} CPU)  {r['peak_mib']:7.0f} MiB  "
              f"written={r['written']} "
              f"phases={ {k: round(v, 2) for k, v in r['phases'].items()} }", flush=True)
        for err in r["errors"][:5]:
            print("    " + err)
    return row


def ensure_rope_venv() -> str:
    """The benchmark venv (shared with bench_check.py), with rope and pyinstrument in it."""
    python = ROPE_VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {ROPE_VENV} ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(ROPE_VENV)], check=True)
    probe = subprocess.run([str(python), "-c", "import rope, pyinstrument"], capture_output=True)
    if probe.returncode != 0:
        print(f"installing rope and pyinstrument into {ROPE_VENV} ...", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "rope", "pyinstrument"],
                       check=True)
    return str(python)


def rope_case(cases: list[Case], seed: int) -> Case:
    fixtures = [c for c in cases if c.label.startswith("fixture")]
    if fixtures:
        return min(fixtures, key=lambda c: abs(c.lines - 1500))
    sys.path.insert(0, str(HERE))
    import synth

    root = WORK / f"synth-1500-s{seed}"
    if root.exists():
        shutil.rmtree(root)
    config = synth.write_project(root, synth.generate(1500, seed), "big.py")
    return Case("synthetic 1.5k", root, root / "big.py", config)


def measure_rope(case: Case, python: str, timeout: float) -> dict[str, Any]:
    print(f"[rope] {case.label}", flush=True)
    plan = spawn(sys.executable, "plan", "--source", str(case.source), "--config", str(case.config))
    row: dict[str, Any] = {"case": case.label, "lines": case.lines}
    tmp, source, _config = case.fresh_copy()
    try:
        moves_file = tmp / "moves.json"
        moves_file.write_text(json.dumps(plan["mapped"]))
        row["rope"] = spawn(python, "rope", "--source", str(source), "--root", str(source.parent
                            if case.label.startswith("synthetic") else tmp / "project"),
                            "--moves", str(moves_file), "--timeout", str(timeout))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    r = row["rope"]
    print(f"  rope   {r['wall']:7.2f} s ({r['cpu']:.2f} CPU)  {r['done']}/{r['total']} moves, "
          f"{len(r['failed'])} failed, {r['skipped']} skipped (time limit)", flush=True)
    for failure in r["failed"][:5]:
        print("    " + failure)
    return row


def _s(seconds: float) -> str:
    return f"{seconds:.2f}" if seconds < 100 else f"{seconds:.0f}"


def _verified(apply: dict[str, Any]) -> str:
    if apply["written"]:
        return "ok"
    codes = ", ".join(c for c in apply["verify_codes"] if c not in ("GS400",)) or "plan errors"
    return f"rolled back ({codes})"


def table(rows: list[dict[str, Any]], rope: dict[str, Any] | None,
          godsplit_rope: dict[str, Any] | None) -> str:
    out = [
        "| file | lines | floor s (parse + copy + scope) | plan s | apply s "
        "| **apply / floor** wall (CPU) | apply + import check s | import check "
        "| peak MiB floor / plan / apply |",
        "|---|---:|---|---:|---:|---:|---:|---|---|",
    ]
    for row in rows:
        f, p, a, ai = row["floor"], row["plan"], row["apply"], row["apply_import"]
        out.append(
            f"| {row['case']} | {row['lines']:,} | {_s(f['wall'])} ({_s(f['parse'])} + "
            f"{_s(f['copy'])} + {_s(f['scope'])}) | {_s(p['wall'])} | {_s(a['wall'])} | "
            f"**{a['wall'] / f['wall']:.2f}x** ({a['cpu'] / f['cpu']:.2f}x) | {_s(ai['wall'])} | "
            f"{_verified(ai) if ai['import_checked'] else 'not run'} | "
            f"{f['peak_mib']:.0f} / {p['peak_mib']:.0f} / {a['peak_mib']:.0f} |"
        )
    out += [
        "",
        "Where apply's time goes (seconds; apply without, then with the import check):",
        "",
        "| file | modules | plan | reference scan | write | static verify | other "
        "| import check (2 fresh interpreters) | plan errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        a, ai = row["apply"]["phases"], row["apply_import"]["phases"]
        other = row["apply"]["wall"] - sum(a.values())
        out.append(f"| {row['case']} | {row['plan']['modules']} | {_s(a['plan'])} | "
                   f"{_s(a.get('references', 0.0))} | {_s(a['write'])} | "
                   f"{_s(a['verify_static'])} | {_s(other)} | {_s(ai['verify_import'])} | "
                   f"{len(row['plan']['errors'])} |")
    if rope is not None and godsplit_rope is not None:
        r = rope["rope"]
        g = godsplit_rope
        per = r["wall"] / max(r["done"], 1)
        moves = f"{r['done']}/{r['total']}"
        if r["failed"]:
            moves += f" ({len(r['failed'])} failed)"
        if r["skipped"]:
            moves += f" ({r['skipped']} not run: time limit)"
        out += [
            "",
            "| the same moves | file | moves | wall s (CPU s) | per move s | rope / godsplit "
            "wall (CPU) |",
            "|---|---|---:|---:|---:|---:|",
            f"| rope `MoveGlobal`, one name at a time | {rope['case']} ({rope['lines']:,} lines) "
            f"| {moves} | {_s(r['wall'])} ({_s(r['cpu'])}) | {per:.3f} | |",
        ]
        for key, label in (("apply", "godsplit apply (static verify)"),
                           ("apply_import", "godsplit apply + import check")):
            a = g[key]
            out.append(f"| {label} | same | all mapped names, one pass | {_s(a['wall'])} "
                       f"({_s(a['cpu'])}) | | **{r['wall'] / a['wall']:.1f}x** "
                       f"({r['cpu'] / a['cpu']:.1f}x) |")
    return "\n".join(out) + "\n"


def profile(lines: int, seed: int) -> int:
    """cProfile one apply (static verify) of a synthetic file; print where the time goes."""
    import pstats

    case = synthetic_case(lines, seed)
    tmp, source, config = case.fresh_copy()
    stats = WORK / f"apply-{lines}.pstats"
    try:
        result = spawn(sys.executable, "apply", "--source", str(source), "--config", str(config),
                       "--cprofile", str(stats))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"apply of {case.lines} lines under cProfile: {result['wall']:.1f} s; phases "
          f"{ {k: round(v, 2) for k, v in result['phases'].items()} }")
    view = pstats.Stats(str(stats))
    view.sort_stats("cumulative").print_stats(r"godsplit/|libcst/metadata/wrapper|parse_module", 30)
    print(f"stats in {stats} (python -m pstats {stats})")
    return 0


def write_report(rows: list[dict[str, Any]], rope_row: dict[str, Any] | None,
                 godsplit_rope: dict[str, Any] | None, command: str, out: Path,
                 env: str = "") -> None:
    text = table(rows, rope_row, godsplit_rope)
    report = (f"# godsplit benchmark results\n\n`{command}` — {env or environment()}\n\n"
              "Seconds, measured inside a fresh worker process after its imports (wall, and "
              "CPU where marked: the machine was shared, so the CPU ratio is the steadier one); "
              "peak memory is the worker's `ru_maxrss` (RUSAGE_SELF, so it includes the "
              "interpreter and LibCST, ~40 MiB). The floor is LibCST `parse_module` + default "
              "`MetadataWrapper` (deep copy) + `resolve(ScopeProvider)`.\n\n" + text)
    print()
    print(text)
    out.write_text(report)
    print(f"written to {out}")


def environment() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        libcst_version = version("libcst")
    except PackageNotFoundError:  # pragma: no cover
        libcst_version = "?"
    return (f"Python {platform.python_version()}, LibCST {libcst_version}, {platform.machine()}, "
            f"{os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        return run_worker(argv[1:])
    parser = argparse.ArgumentParser(description="godsplit benchmark (see benchmarks/README.md)")
    parser.add_argument("--sizes", default="1000,5000,20000,50000",
                        help="synthetic god file sizes in lines, comma-separated")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement (fastest kept)")
    parser.add_argument("--rope", action="store_true", help="also run rope's MoveGlobal (peer)")
    parser.add_argument("--rope-timeout", type=float, default=900)
    parser.add_argument("--no-fixtures", action="store_true")
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    parser.add_argument("--table-only", action="store_true",
                        help="re-render the table of the last run (benchmarks/.work/results.json)")
    parser.add_argument("--profile", type=int, metavar="LINES", default=0,
                        help="only profile apply (cProfile) on a synthetic file of LINES lines")
    args = parser.parse_args(argv)
    try:
        import libcst  # noqa: F401

        import godsplit  # noqa: F401
    except ImportError:
        print("run with the project's venv: .venv/bin/python benchmarks/bench_split.py",
              file=sys.stderr)
        return 2
    WORK.mkdir(parents=True, exist_ok=True)
    if args.profile:
        return profile(args.profile, args.seed)
    if args.table_only:
        last = json.loads((WORK / "results.json").read_text())
        rows, rope_row = last["rows"], last["rope"]
        godsplit_rope = next((r for r in rows if rope_row and r["case"] == rope_row["case"]), None)
        write_report(rows, rope_row, godsplit_rope,
                     last.get("command", "python benchmarks/bench_split.py --rope"), args.out,
                     last.get("env", ""))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    cases = [synthetic_case(n, args.seed) for n in sizes]
    if not args.no_fixtures:
        cases += fixture_cases()
    rows = [measure(case, sys.executable, args.repeat) for case in cases]
    rope_row = godsplit_rope = None
    if args.rope:
        case = rope_case(cases, args.seed)
        python = ensure_rope_venv()
        rope_row = measure_rope(case, python, args.rope_timeout)
        godsplit_rope = next((r for r in rows if r["case"] == case.label), None)
        if godsplit_rope is None:
            godsplit_rope = measure(case, sys.executable, args.repeat)
            rows.append(godsplit_rope)
    command = "python benchmarks/bench_split.py " + " ".join(argv)
    (WORK / "results.json").write_text(json.dumps(
        {"rows": rows, "rope": rope_row, "command": command.strip(), "env": environment()},
        indent=1))
    write_report(rows, rope_row, godsplit_rope, command.strip(), args.out, environment())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
