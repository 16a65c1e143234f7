"""`godsplit suggest --write` then `godsplit apply` on god files of installed packages.

    .venv/bin/python benchmarks/installed_god_files.py [--venv DIR] [--apply] [--min-lines N]
                                                         [--limit N] [--config DIR [--prefix src]]
                                                         [--format ruff|black]
                                                         [FILE ...]

A wider, cheaper net than benchmarks/realworld.py (which runs each library's own test
suite): every module of at least `--min-lines` lines (default 1,500) in the site-packages
of `--venv` (default: this interpreter's environment), leaving out tests, vendored copies
and generated tables, or the FILEs given (paths relative to site-packages). For each, its
package directory is copied into a temporary project (with `.venv` pointing at the
environment, so that the import check runs with the package's dependencies), and:

- `godsplit suggest FILE --write`: did it find a mapping whose plan has no errors;
- with `--apply`, `godsplit apply`: was it written and verified (the import check ran and
  the names, kinds, signatures and `import *` matched), checked statically only (the
  package cannot be imported on its own: GS412), or rolled back (a bug: the plan was clean);
  and what pyflakes-level checks (`ruff check --isolated --select F,E9`, the ruff beside
  this interpreter) find in the files apply wrote (the new modules and the facade): a
  new finding there is a bug in the generated code, whatever the project's own config says;
  one on a line the source has with the same finding (a block copied into each module that
  reads it, a re-based relative import) is printed as "copied from the source".
- with `--config DIR` (the project's pyproject.toml, ruff.toml, setup.cfg, tox.ini, .flake8
  or pylintrc, from its sdist or repository), those are copied to the temporary project's
  root (the package under `--prefix`, `src` for a src layout, so their paths match) and its
  own linters run too: ruff without `--isolated` where they configure ruff, flake8 where
  they have a `[flake8]` section, pylint where they have a pylintrc or a pylint section;
  the source is linted the same way before apply rewrites it, and findings are new or
  copied as above.
- with `--format ruff` or `--format black` (the project's formatter: `ruff format` or
  `black`, the one beside this interpreter, under the configuration copied with `--config`),
  `--check` on the source before apply and on the files apply wrote: is the written code
  formatter-stable (a file it would reformat is named; a source it would reformat already is
  said, since its copied lines are then the project's own).

Prints one Markdown row per file. Nothing here is committed or kept: the copies are
deleted. The installed files are whatever versions the environment has.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

# tests, vendored copies, and generated tables (character data, glyph lists, regexes)
SKIP = re.compile(r"(^|/)(tests?|testing|_vendor|vendor|locale|SelfTest)/|_pb2\.py$|unicode|_data"
                  r"|_tables?\.py$|table_grapheme|_known_|glyph|_regexes|idnadata|uts46|lang\w+model|/lexers/_"
                  r"|_emoji|licenses\.py$|tests?\.py$")


def site_packages(venv: Path | None) -> Path:
    if venv is None:
        return Path(sysconfig.get_paths()["purelib"])
    found = sorted(venv.glob("lib/python3*/site-packages"))
    if not found:
        raise SystemExit(f"no site-packages under {venv}")
    return found[0].resolve()  # absolute: ruff and godsplit run in other directories


def god_files(root: Path, min_lines: int) -> list[str]:
    out = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if SKIP.search(rel) or path.stat().st_size < 30 * min_lines:
            continue
        if path.read_text(errors="replace").count("\n") >= min_lines:
            out.append(rel)
    return out


def run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=900)


def python_files(work: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in work.rglob("*.py") if ".venv" not in path.parts}


class LintFailed(Exception):
    """A linter that did not run (its exit code says so): what it said."""


def ruff(work: Path, paths: list[str], own: bool = False) -> list[str]:
    """ruff's pyflakes-level findings in `paths` (the ruff beside this interpreter); with
    `own`, the findings of the project's own ruff configuration copied into `work`."""
    how = [] if own else ["--isolated", "--select", "F,E9"]
    done = run([str(Path(sys.executable).parent / "ruff"), "check", *how,
                "--output-format", "concise", "--no-cache", *paths], work)
    if done.returncode not in (0, 1):  # (a configuration this ruff cannot read): no "0 found"
        raise LintFailed(f"ruff exit {done.returncode}: {done.stderr.strip()[-200:]}")
    return [line.removeprefix(str(work) + "/") for line in done.stdout.splitlines()
            if re.match(r"\S+\.py:\d+:\d+: ", line)]


def flake8(work: Path, paths: list[str]) -> list[str]:
    """flake8's findings in `paths` under the project's configuration copied into `work`
    (the flake8 beside this interpreter, with whatever plugins it has)."""
    done = run([str(Path(sys.executable).parent / "flake8"), *paths], work)
    if done.returncode not in (0, 1):
        raise LintFailed(f"flake8 exit {done.returncode}: {done.stderr.strip()[-200:]}")
    return [line.removeprefix(str(work) + "/").removeprefix("./") for line in done.stdout.splitlines()
            if re.match(r"\S+\.py:\d+:\d+: ", line)]


def formatter(work: Path, paths: list[str], tool: str) -> dict[str, set[str]]:
    """The files of `paths` that `ruff format` or `black` (the one beside this interpreter,
    under the configuration in `work`) would reformat, each with the lines its `--diff` takes
    out or puts in (stripped)."""
    cmd = ["format", "--diff", "--no-cache"] if tool == "ruff" else ["--diff", "-q"]
    done = run([str(Path(sys.executable).parent / tool), *cmd, *paths], work)
    if done.returncode not in (0, 1):
        raise LintFailed(f"{tool} exit {done.returncode}: {done.stderr.strip()[-200:]}")
    out: dict[str, set[str]] = {}
    lines: set[str] = set()
    for line in done.stdout.splitlines():
        if line.startswith("+++ "):
            lines = out.setdefault(line[4:].split("\t")[0].strip().removeprefix(str(work) + "/"), set())
        elif line[:1] in "+-" and not line.startswith("--- ") and line[1:].strip():
            lines.add(line[:1] + line[1:].strip())
    return out


def formatted(work: Path, before: dict[Path, bytes], tool: str, old: dict[str, set[str]]) -> str:
    """What the formatter says of the files apply wrote, beside what it said of the source: a
    written file whose every changed line the source's diff has too (its own style, copied
    with its code: a newer formatter's) is counted "copied", the others are named."""
    written = sorted(str(path) for path, text in python_files(work).items() if before.get(path) != text)
    again = formatter(work, written, tool)
    source = set().union(*old.values())
    new = sorted(path for path, lines in again.items() if not lines <= source)
    return (f"{tool} format: source {'unstable' if old else 'stable'}, "
            + (f"would reformat {len(again)} of {len(written)} written" if again
               else f"{len(written)} written stable")
            + (f" ({len(again) - len(new)} copied from the source)" if len(again) > len(new) else "")
            + (f", new: {', '.join(new[:4])}" if new else ""))


def pylint(work: Path, paths: list[str]) -> list[str]:
    """pylint's findings in `paths` under the project's configuration copied into `work` (a
    pylintrc, or a `[tool.pylint` table or `[pylint` section: the pylint beside this
    interpreter, which finds it there)."""
    done = run([str(Path(sys.executable).parent / "pylint"), "--reports=n", "--score=n",
                "--msg-template", "{path}:{line}:{column}: {msg_id} {msg}", *paths], work)
    if done.returncode & (1 | 32):  # a fatal message, a usage error: not a list of findings
        raise LintFailed(f"pylint exit {done.returncode}: {(done.stdout + done.stderr).strip()[-200:]}")
    return [line.removeprefix(str(work) + "/") for line in done.stdout.splitlines()
            if re.match(r"\S+\.py:\d+:\d+: ", line)]


CONFIGS = ("pyproject.toml", "ruff.toml", ".ruff.toml", "setup.cfg", "tox.ini", ".flake8", "pylintrc",
           ".pylintrc")


def linters(config: Path) -> list[tuple[str, Callable[[Path, list[str]], list[str]]]]:
    """The project's own linters its configuration files in `config` set up: ruff (a
    `[tool.ruff]` table or a ruff.toml), flake8 (a `[flake8]` section) and pylint (a pylintrc,
    a `[tool.pylint` table or a `[pylint` section)."""
    texts = {name: (config / name).read_text(errors="replace") for name in CONFIGS
             if (config / name).is_file()}
    out: list[tuple[str, Callable[[Path, list[str]], list[str]]]] = []
    if "ruff.toml" in texts or ".ruff.toml" in texts or "[tool.ruff" in texts.get("pyproject.toml", ""):
        out.append(("ruff (own config)", lambda work, paths: ruff(work, paths, own=True)))
    if any("[flake8]" in texts.get(name, "") for name in ("setup.cfg", "tox.ini", ".flake8")):
        out.append(("flake8 (own config)", flake8))
    if ("pylintrc" in texts or ".pylintrc" in texts or "[tool.pylint" in texts.get("pyproject.toml", "")
            or any("[pylint" in texts.get(name, "") for name in ("setup.cfg", "tox.ini"))):
        out.append(("pylint (own config)", pylint))
    return out


def _key(work: Path, line: str) -> tuple[str, str, str]:
    """(code, message, the flagged line's text): what a finding says, wherever it is (a
    relative import re-based for the new depth, `from ..channel import *`, as written, and
    without a trailing comment: the facade's `# noqa: F401` on a copied star import; F811's
    "from line 208" of a class copied whole is "from line 84" in its new module)."""
    where, said = line.split(": ", 1)
    path, row = where.split(":")[:2]
    file = Path(path) if Path(path).is_absolute() else work / path
    text = re.sub(r"\s+#.*$", "", file.read_text(errors="replace").splitlines()[int(row) - 1].strip())
    code, _, message = said.partition(" ")
    message = message.removeprefix("[*] ")  # a fix ruff calls safe here, unsafe in an __init__.py
    message = re.sub(r"from line \d+", "from line N", message)  # F811's first line, moved
    return code, re.sub(r"from \.+", "from .", message), re.sub(r"^from \.+", "from .", text)


def _keys(work: Path, line: str) -> set[tuple[str, str, str]]:
    """`_key`, but a finding on a `from M import ...` line that names the imported names
    (ruff's UP035 "Import from `collections.abc` instead: `Iterable`, `Mapping`") is one key a
    name: the source's `from typing import Dict, Iterable, Mapping, ...` is split between the
    new modules, each importing the names it reads, and their findings on those statements are
    the source's, name by name (avro's `io.py`)."""
    code, message, text = key = _key(work, line)
    module = re.match(r"from (\S+) import ", text)
    names = re.findall(r"`([^`]+)`", message)
    if not module or not names:
        return {key}
    template = re.sub(r"`[^`]+`(, `[^`]+`)*", "`...`", message)
    return {(code, template, f"{module.group(1)}: {name}") for name in names}


def findings(work: Path, source: str, before: dict[Path, bytes],
             lint: Callable[[Path, list[str]], list[str]] = ruff, label: str = "ruff F,E9",
             old: tuple[list[str], set[tuple[str, str, str]]] | None = None) -> str:
    """The findings in the files apply wrote or changed, against those in the source.

    A finding on a line copied from the source that the source has too (the same code,
    message and line text: an `if sys.version_info` block copied into each module that
    reads its names) is "copied", not new: the code is the source's own. `old`: the
    source's findings and their keys, taken before apply (a configuration read by path
    needs the source where the project has it, which apply rewrites).
    """
    old_found, keys = old if old is not None else source_findings(work, source, lint)
    written = sorted(str(path) for path, text in python_files(work).items() if before.get(path) != text)
    found = lint(work, written)
    fresh = [line for line in found if not _keys(work, line) <= keys]
    old_count = Counter(line.split(": ")[1].split()[0] for line in old_found)
    new = Counter(line.split(": ")[1].split()[0] for line in fresh)
    copied = Counter(line.split(": ")[1].split()[0] for line in found if line not in fresh) - old_count
    return (f"{label}: source {old_count.total()}, written {len(found)}"
            + (f", copied from the source {dict(copied)}" if copied else "")
            + (f", new {dict(new)} ({'; '.join(fresh[:3])[:300]})" if new else ""))


def source_findings(work: Path, source: str, lint: Callable[[Path, list[str]], list[str]] = ruff,
                    ) -> tuple[list[str], set[tuple[str, str, str]]]:
    found = lint(work, [source])
    return found, {key for line in found for key in _keys(work, line)}


def trial(root: Path, rel: str, env: Path, apply: bool, config: Path | None = None,
          prefix: str = "", fmt: str = "") -> tuple[str, str, float]:
    """(lines, result, seconds) for one file; with `config`, a directory holding the
    project's configuration files (from its sdist or repository), those are copied to the
    project's root, the package under `prefix` (`src` for a src layout, so that the
    configuration's paths match), and its own linters run on the source and the files
    written."""
    source = root / rel
    lines = source.read_text(errors="replace").count("\n")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        home = work / prefix
        home.mkdir(parents=True, exist_ok=True)
        top = Path(rel).parts[0]
        if top == rel:  # a top-level module: it alone
            shutil.copy(source, home / source.name)
        else:  # its whole top-level package, compiled extensions included
            shutil.copytree(root / top, home / top, ignore=shutil.ignore_patterns("__pycache__"))
            for libs in root.glob("*.libs"):  # a wheel's bundled shared libraries (numpy.libs)
                shutil.copytree(libs, home / libs.name)
        (work / ".venv").symlink_to(env)
        own = linters(config) if config else []
        for file in [config / name for name in CONFIGS] if config else []:
            if file.is_file():
                shutil.copy(file, work / file.name)
        target = str(Path(prefix, rel))
        try:  # the source's findings, before apply rewrites it
            olds = [source_findings(work, target, lint) for _, lint in own]
            old_format = formatter(work, [target], fmt) if fmt else {}
        except LintFailed as failed:
            return f"{lines:,}", f"the project's linters did not run: {failed}", 0.0
        godsplit = [sys.executable, "-m", "godsplit"]
        done = run([*godsplit, "suggest", target, "--write"], work)
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["?"])[-1]
            return f"{lines:,}", f"suggest exit {done.returncode}: {last[:200]}", 0.0
        if not apply:
            return f"{lines:,}", "suggested, plan clean", time.perf_counter() - start
        before = python_files(work)
        done = run([*godsplit, "apply"], work)
        text = done.stdout + done.stderr
        if done.returncode != 0:
            errors = [line for line in text.splitlines() if " error: " in line][:2]
            errors = errors or text.strip().splitlines()[-1:]  # no finding: what it said last
            result = f"apply exit {done.returncode}: {' / '.join(errors)[:300]}"
        elif "GS412" in text:
            result = "written; checked statically (it does not import on its own: GS412)"
        elif "GS400" in text:
            result = "written and verified"
        else:
            result = "written"
        if done.returncode == 0:
            result += f"; {findings(work, str(source), before)}"
            for (label, lint), old in zip(own, olds, strict=True):
                try:
                    result += f"; {findings(work, target, before, lint, label, old)}"
                except LintFailed as failed:
                    result += f"; {label} did not run: {failed}"
            if fmt:
                result += f"; {formatted(work, before, fmt, old_format)}"
    return f"{lines:,}", result, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*")
    parser.add_argument("--venv", type=Path)
    parser.add_argument("--apply", action="store_true")
    parser.add_argument("--min-lines", type=int, default=1500)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--config", type=Path, help="a directory with the project's own "
                        "pyproject.toml / ruff.toml / setup.cfg / tox.ini / .flake8: lint with those")
    parser.add_argument("--prefix", default="", help="where the package lies under the "
                        "configuration's directory (`src` for a src layout)")
    parser.add_argument("--format", choices=("ruff", "black"), default="",
                        help="the project's formatter: --check the source and the files written")
    args = parser.parse_args(argv)
    root = site_packages(args.venv)
    env = args.venv.resolve() if args.venv else Path(sys.prefix)
    files = [str(Path(f).resolve().relative_to(root.resolve())) if Path(f).is_absolute() else f
             for f in args.files] or god_files(root, args.min_lines)
    if args.limit:
        files = files[:args.limit]
    print("| file | lines | result | seconds |\n|---|---:|---|---:|", flush=True)
    for rel in files:
        lines, result, seconds = trial(root, rel, env, args.apply, args.config, args.prefix, args.format)
        print(f"| `{rel}` | {lines} | {result} | {seconds:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
