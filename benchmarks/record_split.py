"""Record one historical split as benchmarks/maintainers/<id>.toml, computed from git.

    .venv/bin/python benchmarks/record_split.py --git MIRROR --before-commit C1 --after-commit C2
        --before-path lib/pkg/big.py --after-root lib/pkg [--exclude lib/pkg/big_archive.py]
        --sdist pkg==1.2 --path lib/pkg/big.py --project pkg --repository URL --licence MIT
        --note "..." --kept __init__ [--half fresh11] --out benchmarks/maintainers/pkg-big.toml

The grouping is read, not typed: for every top-level name the before file (as shipped in
the sdist) defines, the module that defines it at the after commit. The modules looked at
are the Python files under `--after-root` that the commits from before to after added or
changed (a module the split did not touch is not where the maintainers put anything), less
`--exclude` and tests; a module's name is its path under the root, dotted, without `.py`.
A name defined by no such module (gone or renamed) or by several (written again in each)
is left out and listed in a comment; but a name one module defines by `def` or `class` and
others only assign (an alias, `x = other.x`) is placed where it is defined. A module that
existed before the split (not the before file) does not take a name it already defined then:
the split may have touched it only to mend imports, and its own `Formatter` is not where the
before file's went (gallery-dl's `output.py`).

"Defined" means bound at the module's top level by `def`, `class` or an assignment, also
inside top-level `if`, `try`, `with` and `for` blocks (not `if __name__ == "__main__"`).
Imports are not definitions, nor are dunder names (`__all__`, `__version__`: module
metadata). An after module Python 3 cannot parse (`async` as a name) is read from its
tokens at column 0 instead; a before file Python 3 cannot parse is refused (suggest could
not read it).

`--half` is one of the halves benchmarks/suggest_eval.py loads (its `HALVES`, read from that
file's text, not imported), so a record it would refuse is not written.

A record that breaks a rule of the recorded halves is refused with the rule, before anything
is written: a project (compared without case) some other record under benchmarks/maintainers
already has in another half, or in this half twice; a before file under 1,000 lines (as
`wc -l` counts them); fewer than 85% of its top-level names placed; fewer than 2 modules;
a project no record has yet that the README (`--readme`) names as a word (a held-out case is
code godsplit was never tried on: the README names the projects of its trials and sweeps).
Writing over `--out` itself (recording a case again) is not a second case of its project.

The sdist is the one given (the last release before the split), from the package index's
JSON simple API; its sha256 and the before file's are recorded. The fetched mirror and the
download stay outside the repository (`--work`, default benchmarks/.work/record_split).
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import io
import json
import keyword
import re
import subprocess
import sys
import tarfile
import tokenize
import urllib.request
import zipfile
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
INDEX = "https://pypi.org/simple"
MIN_LINES = 1000  # the before file's physical lines (`wc -l`)
MIN_PLACED = 0.85  # the share of its top-level names the record places
MIN_MODULES = 2
MAX_PER_PROJECT = 2  # cases of one project in one half

HEADER = """\
# The maintainers' grouping for one historical split: each top-level name of the
# before file -> the module that defines it after the split. Data only; the before file
# comes from the PyPI sdist at run time (benchmarks/suggest_eval.py) and is checked by hash.
# Recorded by benchmarks/record_split.py from the project's git history (not typed by hand).
"""


def defined(source: str, assignments: bool = True, dunders: bool = False) -> list[str]:
    """Names bound at the top level by a definition or assignment, in file order (inside
    top-level `if`, `try`, `with`, `for` and `while` blocks too); not imports, and not
    dunder names unless `dunders`."""
    out: list[str] = []

    def wanted(name: str) -> bool:
        return name not in out and (dunders or not dunder(name))

    def visit(body: list[ast.stmt]) -> None:
        for stmt in body:
            found: list[str] = []
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                found = [stmt.name]
            elif assignments and isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                found = [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
            elif isinstance(stmt, ast.If) and "__main__" in ast.unparse(stmt.test):
                continue  # the script's own code, not the module's
            elif isinstance(stmt, ast.For):  # the loop's variables are bound at the top level
                bound = [n.id for n in ast.walk(stmt.target) if isinstance(n, ast.Name)]
                out.extend(n for n in bound if wanted(n))
                visit(stmt.body)
                visit(stmt.orelse)
            elif isinstance(stmt, (ast.If, ast.With, ast.While)):
                visit(stmt.body)
                visit(getattr(stmt, "orelse", []))
            elif isinstance(stmt, ast.Try):
                visit(stmt.body)
                for handler in stmt.handlers:
                    visit(handler.body)
                visit(stmt.orelse)
                visit(stmt.finalbody)
            out.extend(n for n in found if wanted(n))

    try:
        visit(ast.parse(source).body)
    except SyntaxError:  # e.g. `async` as a parameter's name (valid before Python 3.7)
        return line_scan(source, assignments, dunders)
    return out


def line_scan(source: str, assignments: bool = True, dunders: bool = False) -> list[str]:
    """`defined` for a file Python 3 cannot parse: `def`, `class` and `name =` at column 0,
    read from the tokens (so not from inside strings)."""
    tokens = [
        t
        for t in tokenize.generate_tokens(io.StringIO(source).readline)
        if t.type not in (tokenize.NL, tokenize.COMMENT)
    ]
    out: list[str] = []
    for i, tok in enumerate(tokens[:-2]):
        if tok.type != tokenize.NAME or tok.start[1] != 0:
            continue
        after = tokens[i + 1]
        if tok.string in ("def", "class"):
            name = after.string
        elif tok.string == "async" and after.string == "def":
            name = tokens[i + 2].string
        elif assignments and after.string in ("=", ":") and not keyword.iskeyword(tok.string):
            name = tok.string
        else:
            continue
        if name not in out and (dunders or not dunder(name)):
            out.append(name)
    return out


def dunder(name: str) -> bool:
    """`__all__`, `__version__`, ...: module metadata, not a definition to place."""
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def halves() -> tuple[str, ...]:
    """suggest_eval.py's HALVES, read from its source (importing it would load godsplit)."""
    for stmt in ast.parse((HERE / "suggest_eval.py").read_text()).body:
        if isinstance(stmt, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "HALVES" for t in stmt.targets
        ):
            value = ast.literal_eval(stmt.value)
            if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
                return value
    raise SystemExit(f"no HALVES tuple of strings in {HERE / 'suggest_eval.py'}")


def git(mirror: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", str(mirror), *args], check=True, capture_output=True, text=True
    ).stdout


def after_modules(mirror: Path, before: str, after: str, root: str, exclude: list[str]) -> dict[str, str]:
    """module name -> source at the after commit, for the .py files under root that the
    commits from before to after added or changed."""
    changed = git(
        mirror, "diff", "--name-only", "--diff-filter=AMR", "--no-renames", before, after, "--", root
    ).split()
    out: dict[str, str] = {}
    for path in sorted(changed):
        if not path.endswith(".py") or path in exclude or "/tests/" in f"/{path}":
            continue
        name = path.removeprefix(root.rstrip("/") + "/").removesuffix(".py").replace("/", ".")
        out[name] = git(mirror, "show", f"{after}:{path}")
    return out


def already_defined(mirror: Path, before: str, root: str, modules: dict[str, str],
                    before_path: str) -> dict[str, set[str]]:
    """module -> the names it defined at the before commit, for the after modules that
    existed then (not the before file itself): a module the split touched only to mend its
    imports still defines its own, unrelated names (gallery-dl's `output.Formatter` beside
    `util.Formatter`), and those are not where the before file's names went."""
    out: dict[str, set[str]] = {}
    for module in modules:
        path = f"{root.rstrip('/')}/{module.replace('.', '/')}.py"
        if path == before_path:
            continue
        listed = git(mirror, "ls-tree", "--name-only", before, "--", path).split()
        if listed:
            out[module] = set(defined(git(mirror, "show", f"{before}:{path}")))
    return out


def place(names: list[str], modules: dict[str, str], already: dict[str, set[str]] | None = None
          ) -> tuple[dict[str, list[str]], list[str], list[str]]:
    """(module -> the names it defines, in the before file's order; names no module
    defines; names several define), for the before file's names and the after modules'
    sources; a module's definition of a name it `already` defined before the split is its
    own, not a placement."""
    where: dict[str, list[str]] = {}
    for module, source in modules.items():
        for name in defined(source):
            if name not in (already or {}).get(module, set()):
                where.setdefault(name, []).append(module)
    for name, places in where.items():  # an alias elsewhere (`x = module.x`) is a re-export
        classes = [m for m in places if name in defined(modules[m], assignments=False)]
        if len(places) > 1 and len(classes) == 1:
            where[name] = classes
    grouping: dict[str, list[str]] = {}
    gone: list[str] = []
    several: list[str] = []
    for name in names:
        places = where.get(name, [])
        if len(places) == 1:
            grouping.setdefault(places[0], []).append(name)
        else:
            (gone if not places else several).append(name)
    return grouping, gone, several


def sdist(spec: str, work: Path, wanted: str | None) -> tuple[str, bytes]:
    """(file name, bytes) of the sdist of name==version, from the index's JSON simple API."""
    name, version = spec.split("==")
    request = urllib.request.Request(
        f"{INDEX}/{name}/", headers={"Accept": "application/vnd.pypi.simple.v1+json"}
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        files = json.load(response)["files"]
    stems = {f"{n}-{version}" for n in (name, name.replace("-", "_"), name.capitalize())}
    found = [
        f
        for f in files
        if f["filename"] == wanted
        or (
            wanted is None
            and any(f["filename"].lower() in (f"{s.lower()}.tar.gz", f"{s.lower()}.zip") for s in stems)
        )
    ]
    if not found:
        raise SystemExit(f"no sdist of {spec} on the index")
    chosen = found[0]
    cached = work / chosen["filename"]
    if not cached.is_file():
        with urllib.request.urlopen(chosen["url"], timeout=600) as response:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(response.read())
    return chosen["filename"], cached.read_bytes()


def member(archive: str, data: bytes, path: str) -> bytes:
    """The file at `path` under the archive's single top directory; SystemExit naming the
    archive and the path (and the archive's files of that name, if any) when it is not
    there, or is not a regular file."""
    if archive.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as zipped:
            names = zipped.namelist()
            top = names[0].split("/")[0] if names else ""
            if f"{top}/{path}" in names:
                return zipped.read(f"{top}/{path}")
    else:
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            names = tar.getnames()
            top = names[0].split("/")[0] if names else ""
            try:
                extracted = tar.extractfile(f"{top}/{path}")
            except KeyError:
                extracted = None
            if extracted is not None:
                return extracted.read()
    base = path.rsplit("/", 1)[-1]
    alike = [n.removeprefix(f"{top}/") for n in names if n.rsplit("/", 1)[-1] == base]
    hint = f"; files of that name in it: {', '.join(alike[:5])}" if alike else ""
    raise SystemExit(f"--path {path}: no such file in {archive} (looked for {top}/{path}){hint}")


def line_count(data: bytes) -> int:
    """Physical lines, as `wc -l` counts them (plus one for a last line without a newline)."""
    return data.count(b"\n") + (not data.endswith(b"\n"))


def project_clash(project: str, half: str, maintainers: Path, out: Path | None) -> str | None:
    """Why `project` may not take a case in `half` (another half has it, or this half has
    it MAX_PER_PROJECT times already), from the records in `maintainers`; None when it may.
    The record at `out` is not counted: writing it again replaces it."""
    same: list[str] = []
    for path in sorted(maintainers.glob("*.toml")):
        if out is not None and path.resolve() == out.resolve():
            continue
        data = tomllib.loads(path.read_text())
        if str(data.get("project", "")).casefold() != project.casefold():
            continue
        if data.get("half") != half:
            return (
                f"project {project!r} is already recorded in {path.name} (half "
                f"{data.get('half')!r}): a half takes projects no other half has"
            )
        same.append(path.name)
    if len(same) >= MAX_PER_PROJECT:
        return (
            f"project {project!r} already has {len(same)} cases in half {half!r} "
            f"({', '.join(same)}): at most {MAX_PER_PROJECT} a project"
        )
    return None


def readme_clash(project: str, readme: str, recorded: bool) -> str | None:
    """Why a project no record has yet may not take a case: the README names it (a word,
    compared without case), so godsplit was tried on its code; None when it may."""
    found = None if recorded else re.search(
        rf"(?<![\w.-]){re.escape(project)}(?![\w-])", readme, re.IGNORECASE)
    if found is None:
        return None
    line = readme.count("\n", 0, found.start()) + 1
    return (f"project {project!r} is named in README.md (line {line}): godsplit was tried on "
            "it; a held-out case is code it never saw")


def rule_broken(path: str, lines: int, names: int, placed: int, modules: int) -> str | None:
    """The first rule of a recorded case the before file or its grouping breaks, said with
    the figures; None when it keeps them all."""
    if lines < MIN_LINES:
        return f"{path}: {lines} lines; a case's before file has at least {MIN_LINES:,}"
    if modules < MIN_MODULES:
        return f"only {modules} module(s) after the split: not a split"
    if placed < MIN_PLACED * names:
        return (
            f"{path}: {placed} of {names} top-level names placed ({placed / max(names, 1):.0%});"
            f" a case places at least {MIN_PLACED:.0%} (the rest were renamed or removed)"
        )
    return None


def wrap(label: str, names: list[str]) -> str:
    return f"# {label}: {', '.join(names)}\n" if names else ""


def record(args: argparse.Namespace) -> str:
    target = Path(args.out) if args.out else None
    clash = project_clash(args.project, args.half, Path(args.maintainers), target)
    if clash:
        raise SystemExit(clash)
    readme = Path(args.readme)
    recorded = any(str(tomllib.loads(p.read_text()).get("project", "")).casefold()
                   == args.project.casefold() for p in Path(args.maintainers).glob("*.toml"))
    named = readme_clash(args.project, readme.read_text() if readme.is_file() else "", recorded)
    if named:
        raise SystemExit(named)
    mirror = Path(args.git)
    args.before_commit = git(mirror, "rev-parse", args.before_commit).strip()
    args.after_commit = git(mirror, "rev-parse", args.after_commit).strip()
    archive, data = sdist(args.sdist, Path(args.work), args.sdist_file)
    before = member(archive, data, args.path)
    try:
        ast.parse(before)
    except SyntaxError as error:  # suggest reads the file with Python 3's parser
        raise SystemExit(f"{args.path} in {archive} is not Python 3 ({error})") from None
    names = defined(before.decode("utf-8", errors="replace"))
    at_commit = defined(git(mirror, "show", f"{args.before_commit}:{args.before_path}"))
    modules = after_modules(mirror, args.before_commit, args.after_commit, args.after_root, args.exclude)
    already = already_defined(mirror, args.before_commit, args.after_root, modules, args.before_path)
    grouping, gone, several = place(names, modules, already)
    lines = line_count(before)
    broken = rule_broken(args.path, lines, len(names), len(names) - len(gone) - len(several), len(grouping))
    if broken:
        raise SystemExit(broken)
    fields = {
        "project": args.project,
        "repository": args.repository,
        "licence": args.licence,
        "half": args.half,
        "note": args.note,
        "before-commit": args.before_commit,
        "after-commit": args.after_commit,
        "sdist": args.sdist,
        "sdist-file": archive,
        "sdist-sha256": hashlib.sha256(data).hexdigest(),
        "path": args.path,
        "sha256": hashlib.sha256(before).hexdigest(),
    }
    out = HEADER + "".join(f"{k} = {json.dumps(v)}\n" for k, v in fields.items())
    out += (
        f"kept = {json.dumps(args.kept)}  # the module that kept the old name (the "
        "package's __init__, or the file itself)\n"
    )
    out += (
        f"# recorded with: --before-path {args.before_path} --after-root {args.after_root}"
        + "".join(f" --exclude {e}" for e in args.exclude)
        + "\n"
    )
    out += (
        f"# before file: {lines} lines, {len(names)} top-level names; "
        f"{len(names) - len(gone) - len(several)} placed in {len(grouping)} modules\n"
    )
    out += wrap("left out, gone after the split", gone)
    out += wrap("left out, defined in several modules after the split", several)
    out += wrap("in the sdist's file, not in the before commit's", [n for n in names if n not in at_commit])
    out += wrap("in the before commit's file, not in the sdist's", [n for n in at_commit if n not in names])
    out += "\n[modules]\n"
    out += "".join(
        f"{json.dumps(m) if '.' in m else m} = {json.dumps(v)}\n" for m, v in sorted(grouping.items())
    )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--git", required=True, help="a bare mirror of the project")
    parser.add_argument("--before-commit", required=True)
    parser.add_argument("--after-commit", required=True)
    parser.add_argument("--before-path", required=True, help="the file at the before commit")
    parser.add_argument(
        "--after-root", required=True, help="the folder the split's modules are under, in the repository"
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        help="a path at the after commit not to read (e.g. an archived copy)",
    )
    parser.add_argument("--sdist", required=True, help="name==version")
    parser.add_argument("--sdist-file", help="the archive's file name, when not the usual one")
    parser.add_argument("--path", required=True, help="the before file inside the sdist")
    parser.add_argument("--project", required=True)
    parser.add_argument("--repository", required=True)
    parser.add_argument("--licence", required=True)
    parser.add_argument("--note", required=True)
    parser.add_argument("--kept", required=True)
    parser.add_argument("--half", default="fresh", choices=halves(), help="the half the case joins")
    parser.add_argument("--work", default=str(HERE / ".work" / "record_split"))
    parser.add_argument(
        "--maintainers", default=str(HERE / "maintainers"), help="the records a new one may not clash with"
    )
    parser.add_argument("--out", help="the .toml to write (default: print it)")
    parser.add_argument(
        "--readme", default=str(HERE.parent / "README.md"), help="a new project it names is refused"
    )
    args = parser.parse_args(argv)
    text = record(args)
    if args.out:
        Path(args.out).write_text(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
