"""Split real libraries' god files and run each library's own test suite before and after.

    python benchmarks/realworld.py [NAME ...] [--mode mapping|suggest|both] [--list] [--table]

Projects are described in `benchmarks/realworld/projects.toml` (name, PyPI version, the god
file inside the sdist, the test command, extra test dependencies, and a hand-written
mapping). A `maintainers = "<case>"` entry instead takes its
sdist, god file and mapping from the historical split `benchmarks/maintainers/<case>.toml`
(the maintainers' grouping, derived as `maintainers_apply.py` derives it, but here with the
project's dependencies installed: with the import check and the suite); its `mapping` run is
reported as `maintainers`. For each project this script:

1. downloads the sdist from PyPI (the simple JSON API; cached in ~/.cache/godsplit-realworld
   or $GODSPLIT_REALWORLD_DIR, its sha256 checked against the index and the spec);
2. makes a virtualenv (with the spec's `python`, for releases older than this Python)
   with the project's dependencies, its test dependencies, and godsplit from this
   checkout (editable, so a change to godsplit needs no reinstall);
3. runs the test suite on a pristine copy (junit XML: every test's outcome);
4. for each mode, on a fresh copy: writes the mapping (`mapping`) or lets
   `godsplit suggest --write` propose one (`suggest`), runs `godsplit plan` and
   `godsplit apply` (with the import check), then the test suite again;
5. compares every test's outcome before and after, and prints a Markdown table.

The work directory is outside this repository, so neither pytest nor godsplit finds this
repository's configuration; nothing downloaded is ever committed. Results go to
`results.json` there; `--table` prints them again.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import urllib.request
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import maintainers_apply  # noqa: E402

REPO = HERE.parent
SPECS = HERE / "realworld" / "projects.toml"
# Outside this repository: pytest and godsplit look for their config from the project's
# directory upward, and must not find this repository's pyproject.toml.
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "godsplit-realworld"
WORK = Path(os.environ.get("GODSPLIT_REALWORLD_DIR") or CACHE)
DOWNLOADS = WORK / "downloads"
RESULTS = WORK / "results.json"
INDEX = "https://pypi.org/simple/{name}/"


@dataclass
class Spec:
    tests: list[str]  # the test command's arguments after `python -m pytest`
    name: str = ""  # the PyPI distribution (a `maintainers` spec: from the record)
    version: str = ""
    module: str = ""  # the god file, relative to the sdist's root
    license: str = ""
    deps: list[str] = field(default_factory=list)  # test dependencies
    pythonpath: str = "."  # import root inside the sdist ("src" for src layouts)
    sha256: str = ""
    timeout: int = 1800
    split: dict[str, Any] = field(default_factory=dict)  # the [[split]] table, without source
    note: str = ""
    id: str = ""  # when one distribution has several specs (another version or god file)
    maintainers: str = ""  # a case of benchmarks/maintainers/: its sdist, file and grouping
    python: str = ""  # "3.10": the venv's Python, for an old release (default: this one)
    # installed first; the sdist is then built with them, not in an isolated environment
    # (an old setup.py needs an old setuptools)
    build_deps: list[str] = field(default_factory=list)
    # "owner/name@tag": when the sdist lacks its tests, `git_paths` (e.g. ["tests"]) are
    # taken from the repository at the release's tag (a clone in $GODSPLIT_REALWORLD_GIT
    # as <owner>+<name>/repo, else cloned from GitHub)
    git: str = ""
    git_paths: list[str] = field(default_factory=list)
    # a suite of scripts that call `unittest.main()` when imported (pytest cannot collect
    # them): each run as `python SCRIPT -v` from the directory `unittest_dir`, with the
    # import root on PYTHONPATH; each test's outcome read from unittest's verbose lines
    # (`tests` is then unused)
    unittest: list[str] = field(default_factory=list)
    unittest_dir: str = "."
    # an sdist with C extensions imported from the tree (PYTHONPATH): glob patterns of the
    # built files (e.g. "PIL/*.so"), relative to the venv's site-packages, copied into the
    # tree's import root before any run, so the tree imports the same compiled modules the
    # installed package does
    built: list[str] = field(default_factory=list)
    # the project itself is uninstalled from the venv once its dependencies are in: a
    # pkg_resources namespace package's `-nspkg.pth` imports the installed copy, not the
    # tree on PYTHONPATH (zope.interface)
    uninstall: bool = False
    # environment variables of the test runs (reportlab's tests write their output to
    # $RL_TEST_OUTDIR, else insist on being run as scripts)
    env: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.id or self.name


@dataclass
class Run:
    mode: str  # "before", "mapping" or "suggest"
    plan_exit: int | None = None
    plan_errors: int | None = None
    apply_exit: int | None = None
    apply_said: str = ""  # the last line apply printed
    modules: int | None = None
    largest: int | None = None
    facade_lines: int | None = None
    outcomes: dict[str, str] = field(default_factory=dict)  # test id -> outcome
    seconds: float = 0.0
    error: str = ""

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for outcome in self.outcomes.values():
            out[outcome] = out.get(outcome, 0) + 1
        return out


def load_specs() -> list[Spec]:
    data = tomllib.loads(SPECS.read_text())
    return [_historical(Spec(**entry)) for entry in data["project"]]


def _historical(spec: Spec) -> Spec:
    """A `maintainers` spec's sdist and god file, from its historical split's record."""
    if not spec.maintainers:
        if not (spec.name and spec.version and spec.module):
            raise ValueError(f"{SPECS}: a project needs name, version and module: {spec}")
        return spec
    case, _ = maintainers_apply.load(spec.maintainers)
    name, version = case.sdist.split("==")
    spec.name, spec.version, spec.module = name, version, case.path
    spec.sha256, spec.license = case.sdist_sha256, case.licence
    spec.id = spec.id or case.id
    return spec


def _default_sigint() -> None:
    # a run started in the background (`cmd &`, nohup) inherits SIGINT ignored, and suites
    # that test Ctrl-C by sending it to themselves (trio's KI tests) then wait forever
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 1800,
        check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
                          preexec_fn=_default_sigint if os.name == "posix" else None)
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return proc


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _sdist_name(filename: str) -> str:
    """`Foo_Bar-1.0.tar.gz` -> `foo-bar-1.0.tar.gz` (the name part normalised, PEP 503)."""
    name, _, rest = filename.rpartition("-")
    return f"{_normal(name)}-{rest}"


def download(spec: Spec) -> Path:
    """The sdist, from the cache or PyPI; its sha256 must match the index and the spec."""
    DOWNLOADS.mkdir(parents=True, exist_ok=True)
    request = urllib.request.Request(
        INDEX.format(name=spec.name), headers={"Accept": "application/vnd.pypi.simple.v1+json"}
    )
    # an old release's sdist can be a zip (pydocstyle 1.0.0)
    wanted = [f"{_normal(spec.name)}-{spec.version}{ext}" for ext in (".tar.gz", ".zip")]
    path = next((p for p in DOWNLOADS.iterdir() if _sdist_name(p.name) in wanted), None)
    if path is None:
        with urllib.request.urlopen(request, timeout=60) as response:
            files = json.load(response)["files"]
        entry = next((f for f in files if _sdist_name(f["filename"]) in wanted), None)
        if entry is None:
            raise RuntimeError(f"no sdist of {spec.name} {spec.version} on PyPI")
        path = DOWNLOADS / entry["filename"]
        with urllib.request.urlopen(entry["url"], timeout=300) as response:
            data = response.read()
        if hashlib.sha256(data).hexdigest() != entry["hashes"]["sha256"]:
            raise RuntimeError(f"{entry['filename']}: sha256 does not match the index")
        path.write_bytes(data)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if spec.sha256 and digest != spec.sha256:
        raise RuntimeError(f"{path.name}: sha256 {digest} is not the spec's {spec.sha256}")
    spec.sha256 = digest
    return path


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:10]


def unpack(sdist: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    if sdist.suffix == ".zip":
        with zipfile.ZipFile(sdist) as zipped:
            zipped.extractall(target)
    else:
        with tarfile.open(sdist) as archive:
            archive.extractall(target, filter="data")
    [root] = list(target.iterdir())
    return root


def copy_built(spec: Spec, python: Path, root: Path) -> None:
    """The spec's `built` files (compiled extensions), from the venv into the import root."""
    if not spec.built:
        return
    where = "import sysconfig; print(sysconfig.get_paths()['platlib'])"
    site = Path(subprocess.run([str(python), "-c", where], capture_output=True, text=True,
                               check=True).stdout.strip())
    for pattern in spec.built:
        found = sorted(site.glob(pattern))
        if not found:
            raise RuntimeError(f"{pattern}: nothing built in {site}")
        for path in found:
            target = root / spec.pythonpath / path.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)


def add_from_git(spec: Spec, root: Path) -> None:
    """The spec's `git_paths`, from its repository at the release's tag, into `root`."""
    if not spec.git:
        return
    repo, _, tag = spec.git.partition("@")
    local = Path(os.environ.get("GODSPLIT_REALWORLD_GIT", WORK / "git")) / repo.replace(
        "/", "+") / "repo"
    if not local.exists():
        run(["git", "clone", "--bare", f"https://github.com/{repo}", str(local)], cwd=WORK)
    archive = subprocess.run(["git", "--git-dir", str(local), "archive", "--format=tar", tag,
                              *spec.git_paths], capture_output=True, check=False)
    if archive.returncode != 0:
        raise RuntimeError(f"{spec.git}: git archive failed: {archive.stderr.decode()[-500:]}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as files:
        files.extractall(root, filter="data")


def interpreter(version: str) -> str:
    """`pythonX.Y` on PATH, else pyenv's (its shim fails for a version not selected)."""
    if not version:
        return sys.executable
    for found in [shutil.which(f"python{version}"),
                  *sorted(Path.home().glob(f".pyenv/versions/{version}.*/bin/python{version}"))]:
        if found and subprocess.run([str(found), "-c", ""], capture_output=True).returncode == 0:
            return str(found)
    raise RuntimeError(f"no Python {version} found (on PATH or under ~/.pyenv/versions)")


def venv(spec: Spec, sdist: Path, base: Path) -> Path:
    """A virtualenv with the project installed (for its dependencies), its test
    dependencies and godsplit from this checkout; shared by the specs that would make the
    same one (several god files of one release), reused while they are unchanged."""
    key = json.dumps({"sdist": sdist.name, "deps": spec.deps, "python": spec.python,
                      "build": spec.build_deps})
    env_dir = WORK / "venvs" / f"{_normal(spec.name)}-{spec.version}-{_digest(key)}"
    stamp = env_dir / "godsplit-realworld.json"
    python = env_dir / "bin" / "python"
    if stamp.exists() and stamp.read_text() == key:
        # godsplit's own dependencies may have changed since the venv was made
        run([str(python), "-m", "pip", "install", "--quiet", "-e", str(REPO)], cwd=base,
            timeout=1800)
        return python
    if env_dir.exists():
        shutil.rmtree(env_dir)
    env_dir.parent.mkdir(parents=True, exist_ok=True)
    run([interpreter(spec.python), "-m", "venv", str(env_dir)], cwd=base)
    pip = [str(python), "-m", "pip", "install", "--quiet"]
    isolation = []
    if spec.build_deps:
        run([*pip, *spec.build_deps], cwd=base, timeout=1800)
        isolation = ["--no-build-isolation"]
    run([*pip, *isolation, str(sdist), *spec.deps], cwd=base, timeout=1800)
    run([*pip, "-e", str(REPO)], cwd=base, timeout=1800)
    stamp.write_text(key)
    return python


# `test_name (module.Class.test_name) ... ok` (Python 3.11's spelling; 3.10 omits the name
# from the parenthesis): unittest's verbose line for one test
_UNITTEST_LINE = re.compile(r"^(\w+) \(([\w.]+)\) \.\.\. (ok|FAIL|ERROR|skipped|expected failure"
                            r"|unexpected success)", re.M)
# testlib's (markdown2's `test/test.py` harness): `markdown2/tm/admonitions [extra, ...] ... ok`
_TESTLIB_LINE = re.compile(r"^(\S+/\S+)(?: \[[^\]\n]*\])? \.\.\. (ok|FAIL|ERROR|skipped"
                           r"|expected failure|unexpected success)", re.M)
_UNITTEST_OUTCOME = {"ok": "passed", "FAIL": "failed", "ERROR": "error", "skipped": "skipped",
                     "expected failure": "passed", "unexpected success": "failed"}


def unittest_outcomes(spec: Spec, python: Path, tree: Path, env: dict[str, str]) -> dict[str, str]:
    outcomes: dict[str, str] = {}
    for script in spec.unittest:
        proc = run([str(python), script, "-v"], cwd=tree / spec.unittest_dir, env=env,
                   timeout=spec.timeout, check=False)
        text = proc.stderr + "\n" + proc.stdout  # (unittest writes to stderr, testlib stdout)
        found = _UNITTEST_LINE.findall(text) + [
            (name, name, outcome) for name, outcome in _TESTLIB_LINE.findall(text)]
        ran = re.search(r"^Ran (\d+) tests?", text, re.M)
        if not found or ran is None or int(ran.group(1)) != len(found):
            # a test that printed before its outcome: its line is not one line
            raise RuntimeError(f"{script}: {len(found)} outcomes read, {ran and ran.group(0)} "
                               f"({proc.returncode}):\n{proc.stderr[-2000:]}")
        for name, where, outcome in found:
            where = where if where == name or where.endswith(f".{name}") else f"{where}.{name}"
            outcomes[f"{script}::{where}"] = _UNITTEST_OUTCOME[outcome]
    return outcomes


def test_outcomes(spec: Spec, python: Path, tree: Path, report: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(tree / spec.pythonpath)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("PYTEST_ADDOPTS", None)
    env.update(spec.env)
    if spec.unittest:
        return unittest_outcomes(spec, python, tree, env)
    report.unlink(missing_ok=True)  # a report of an earlier run is no outcome of this one
    cmd = [str(python), "-m", "pytest", *spec.tests, "-p", "no:cacheprovider",
           f"--junitxml={report}", "-q"]
    proc = run(cmd, cwd=tree, env=env, timeout=spec.timeout, check=False)
    if not report.exists():
        raise RuntimeError(f"the test suite did not run ({proc.returncode}):\n{proc.stdout[-2000:]}"
                           f"\n{proc.stderr[-2000:]}")
    outcomes: dict[str, str] = {}
    for case in ET.parse(report).iter("testcase"):
        # parametrized ids may hold the tree's path, or the clock at collection
        # (marshmallow's `dt.datetime.now().strftime(...)`): the same test in every run
        test_id = _CLOCK.sub("<now>", f"{case.get('classname')}::{case.get('name')}".replace(
            str(tree), "<tree>"))
        kinds = {child.tag for child in case}
        outcome = ("error" if "error" in kinds else "failed" if "failure" in kinds
                   else "skipped" if "skipped" in kinds else "passed")
        outcomes[test_id] = outcome
    return outcomes


_CLOCK = re.compile(r"\d\d:\d\d:\d\d \d{4}-\d\d-\d\d|\d\d-\d\d-\d{4} \d\d:\d\d:\d\d")


def split_and_test(spec: Spec, mode: str, python: Path, pristine: Path, base: Path) -> Run:
    result = Run(mode)
    started = time.monotonic()
    tree = base / mode
    if tree.exists():
        shutil.rmtree(tree)
    shutil.copytree(pristine, tree, symlinks=True)
    godsplit = [str(python), "-m", "godsplit"]
    try:
        if mode in ("mapping", "maintainers"):
            (tree / "godsplit.toml").write_text(_config(spec, tree))
        elif mode == "suggest":
            proc = run([*godsplit, "suggest", spec.module, "--write"], cwd=tree, check=False)
            if proc.returncode != 0:
                result.error = f"suggest exit {proc.returncode}: {proc.stderr.strip()[-500:]}"
                return result
        proc = run([*godsplit, "plan", "--format", "json"], cwd=tree, check=False)
        result.plan_exit = proc.returncode
        if proc.stdout.strip().startswith("{"):
            [plan] = json.loads(proc.stdout)["splits"]
            result.plan_errors = sum(f["severity"] == "error" for f in plan["findings"])
            result.modules = len(plan["modules"])
            result.largest = max((m["lines"] for m in plan["modules"]), default=0)
            result.facade_lines = plan["facade_lines"]
        proc = run([*godsplit, "apply"], cwd=tree, check=False)
        result.apply_exit = proc.returncode
        said = [line.strip() for line in proc.stdout.splitlines() if line.strip()]
        result.apply_said = said[-1] if said else proc.stderr.strip()[-300:]
        if proc.returncode == 0:
            result.outcomes = test_outcomes(spec, python, tree, base / f"{mode}.xml")
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        result.error = str(exc)[-1000:]
    result.seconds = time.monotonic() - started
    return result


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(value)


def _config(spec: Spec, tree: Path) -> str:
    table = dict(spec.split)
    if spec.maintainers:  # the grouping from the record; the spec may add max-lines etc.
        case, kept = maintainers_apply.load(spec.maintainers)
        source = (tree / spec.module).read_text(encoding="utf-8")
        table = {"max-lines": maintainers_apply.UNBOUNDED,
                 **maintainers_apply.split_table(case, kept, source, tree / spec.module),
                 **table}
    modules = table.pop("modules", {})
    top = {k: table.pop(k) for k in ("max-lines", "verify-setup") if k in table}
    lines = [f"{k} = {_toml_value(v)}" for k, v in top.items()]
    lines += ["", "[[split]]", f"source = {json.dumps(spec.module)}"]
    lines += [f"{k} = {_toml_value(v)}" for k, v in table.items()]
    lines += ["", "[split.modules]"]
    lines += [f"{json.dumps(k)} = {_toml_value(v)}" for k, v in modules.items()]
    return "\n".join(lines) + "\n"


def trial(spec: Spec, modes: list[str]) -> dict[str, Any]:
    base = WORK / spec.key
    base.mkdir(parents=True, exist_ok=True)
    sdist = download(spec)
    pristine = unpack(sdist, base / "pristine")
    add_from_git(spec, pristine)
    lines = (pristine / spec.module).read_text(encoding="utf-8").count("\n")
    python = venv(spec, sdist, base)
    copy_built(spec, python, pristine)
    if spec.uninstall:  # (pip says so, and exits 0, when it is no longer installed)
        run([str(python), "-m", "pip", "uninstall", "--quiet", "--yes", spec.name], cwd=base)
    before = Run("before")
    started = time.monotonic()
    try:
        before.outcomes = test_outcomes(spec, python, pristine, base / "before.xml")
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        before.error = str(exc)[-1000:]
    before.seconds = time.monotonic() - started
    modes = [m for m in modes if m != "mapping" or spec.split or spec.maintainers]  # some
    # specs: suggest only; a historical split's mapping is the maintainers' grouping
    modes = ["maintainers" if m == "mapping" and spec.maintainers else m for m in modes]
    runs = [before] + [split_and_test(spec, mode, python, pristine, base) for mode in modes]
    return {"name": spec.key, "version": spec.version, "module": spec.module, "lines": lines,
            "sha256": spec.sha256, "license": spec.license, "note": spec.note,
            "runs": [asdict(r) for r in runs]}


def verdict(before: dict[str, str], after: Run) -> str:
    if after.error:
        return f"error: {after.error.splitlines()[0][:120]}"
    if after.apply_exit != 0:
        clean = "clean plan" if after.plan_errors == 0 else f"{after.plan_errors} plan errors"
        return f"not applied ({clean}): {after.apply_said[:120]}"
    changed = sorted(t for t in before if after.outcomes.get(t) != before[t])
    gained = sorted(set(after.outcomes) - set(before))
    if not changed and not gained:
        return "identical"
    return f"{len(changed)} tests changed outcome, {len(gained)} new (e.g. {(changed or gained)[0]})"


def table(results: list[dict[str, Any]]) -> str:
    rows = ["| project | god file | lines | mode | modules (largest) | facade | tests before | "
            "tests after | result |", "|---|---|---:|---|---|---:|---|---|---|"]
    for entry in results:
        runs = [Run(**r) for r in entry["runs"]]
        before = runs[0]
        for after in runs[1:]:
            counts = ", ".join(f"{n} {k}" for k, n in sorted(before.counts().items()))
            after_counts = ", ".join(f"{n} {k}" for k, n in sorted(after.counts().items()))
            rows.append(
                f"| {entry['name']} {entry['version']} | `{entry['module']}` | {entry['lines']:,} "
                f"| {after.mode} | {after.modules} ({after.largest}) | {after.facade_lines} | "
                f"{counts or before.error[:60]} | {after_counts or '-'} | "
                f"{verdict(before.outcomes, after)} |")
    return "\n".join(rows)


def load_results() -> dict[str, Any]:
    return dict(json.loads(RESULTS.read_text())) if RESULTS.exists() else {}


def save_result(key: str, entry: dict[str, Any]) -> dict[str, Any]:
    """Put one project's result into `results.json` and return all saved results. Runs
    sharing the work directory each keep the others' results: under an flock, the file is
    read again, this key replaced and the whole written to a temporary file and renamed
    (no reader sees half a file; a run killed mid-write leaves the old one)."""
    WORK.mkdir(parents=True, exist_ok=True)
    with open(WORK / "results.json.lock", "a") as lock:
        if sys.platform != "win32":
            import fcntl

            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)  # released when the file is closed
        saved = load_results()
        saved[key] = entry
        temporary = RESULTS.with_name(f".results.{os.getpid()}.json")
        temporary.write_text(json.dumps(saved, indent=1))
        os.replace(temporary, RESULTS)
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="projects to run (default: all)")
    parser.add_argument("--mode", choices=["mapping", "suggest", "both"], default="both")
    parser.add_argument("--list", action="store_true", help="list the projects and exit")
    parser.add_argument("--table", action="store_true", help="print the saved results")
    args = parser.parse_args()
    specs = load_specs()
    if args.list:
        for spec in specs:
            print(f"{spec.key} {spec.version}: {spec.module}")
        return
    saved = load_results()
    if not args.table:
        modes = ["mapping", "suggest"] if args.mode == "both" else [args.mode]
        chosen = [s for s in specs if not args.names or s.key in args.names]
        for spec in chosen:
            print(f"== {spec.name} {spec.version} ({spec.module})", file=sys.stderr, flush=True)
            saved = save_result(spec.key, trial(spec, modes))
            print(table([saved[spec.key]]), file=sys.stderr, flush=True)
    order = [s.key for s in specs]
    print(table([saved[n] for n in order if n in saved]))


if __name__ == "__main__":
    main()
