"""Apply the maintainers' own groupings (benchmarks/maintainers/*.toml) as hand mappings.

Usage:
    .venv/bin/python benchmarks/maintainers_apply.py [--keep-module-name] [CASE ...]

For each historical split, the before file's sdist (downloaded and checked by hash, as
suggest_eval.py does) is copied to a work directory, made a git repository, and given a
godsplit.toml whose modules are the ones the maintainers chose. Names they left in the old
module are `keep`; an `__init__.py` is split beside it (`package`); names the record leaves
out (gone or defined in several modules after the split) go to `default = "_rest"`, names it
lists that the before file does not define (written during the split) are left out, a
module the record names by its file (`seq.__init__`, a subpackage's `__init__.py`) is
mapped as Python imports it (`seq`, which godsplit writes to `seq/__init__.py`), and
imports the maintainers listed are left to follow their users (at the top level, or in a
top-level `try`, `if` or `with`). With `--keep-module-name`, moved classes and functions
keep the old module's `__module__` (what GS119 asks for where code reads it). `godsplit plan`, then
`godsplit apply`, run there. The projects' dependencies are not installed, so the import
check is off (`verify-import = false`) and apply checks statically; their test suites are
not run here (see realworld.py for that). Prints one line per case.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
import tokenize
from pathlib import Path

import libcst as cst

from godsplit.split.type_guards import guards_of

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

sys.path.insert(0, str(Path(__file__).resolve().parent))
import suggest_eval

WORK = suggest_eval.HERE / ".work" / "maintainers_apply"
GODSPLIT = str(Path(sys.executable).with_name("godsplit"))
UNBOUNDED = 100_000  # max-lines: the maintainers chose the sizes
KEEP_MODULE_NAME = "--keep-module-name"


def imported_names(source: str) -> set[str]:
    """Names the module binds by a top-level import, in top-level `try`, `if` and `with`
    blocks too (`try: import enum` / `except ImportError: enum = None`): they cannot be
    mapped."""
    names: set[str] = set()
    todo: list[cst.CSTNode] = list(cst.parse_module(source).body)
    while todo:
        stmt = todo.pop()
        if isinstance(stmt, (cst.Try, cst.If, cst.With, cst.Else, cst.ExceptHandler, cst.Finally)):
            todo += list(stmt.body.body) if isinstance(stmt.body, cst.IndentedBlock) else []
            todo += [s for s in (getattr(stmt, "orelse", None), getattr(stmt, "finalbody", None)) if s]
            todo += list(getattr(stmt, "handlers", ()))
            continue
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if isinstance(small, (cst.Import, cst.ImportFrom)) and not isinstance(
                small.names, cst.ImportStar
            ):
                for alias in small.names:
                    dotted = cst.Module([]).code_for_node(alias.name)
                    names.add(alias.asname.name.value if alias.asname  # type: ignore[union-attr]
                              else dotted.split(".")[0])
    return names


def defined_names(source: str, path: Path | None = None) -> set[str]:
    """Names the module's top-level code binds by a definition or assignment (in `if`,
    `try` and `with` blocks too): the record also lists names the maintainers wrote in
    the split itself, which a mapping of the before file cannot name (GS101). Not those
    declared for type checkers only (under `if TYPE_CHECKING:` or pip's `if
    MYPY_CHECK_RUNNING:`): like imports, they are copied to the modules that read them."""
    names: set[str] = set()
    body = list(ast.parse(source).body)
    guards = guards_of(body, path)
    while body:
        stmt = body.pop()
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(stmt.name)
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            names |= {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
        elif isinstance(stmt, ast.If) and guards.is_guard(stmt.test):
            body += stmt.orelse
        elif isinstance(stmt, (ast.If, ast.Try, ast.With)):
            body += stmt.body + getattr(stmt, "orelse", []) + getattr(stmt, "finalbody", [])
            body += [s for h in getattr(stmt, "handlers", []) for s in h.body]
    return names


def load(case_id: str) -> tuple[suggest_eval.Case, str | None]:
    """The historical split `benchmarks/maintainers/<case_id>.toml` and the module that
    kept the old name."""
    path = suggest_eval.CASES / f"{case_id}.toml"
    return suggest_eval.load_case(path), tomllib.loads(path.read_text()).get("kept")


def split_table(case: suggest_eval.Case, kept: str | None, source: str,
                path: Path | None = None) -> dict[str, object]:
    """The maintainers' grouping as a godsplit `[[split]]` table, without `source`."""
    imported, defined = imported_names(source), defined_names(source, path)
    modules = {m: [n for n in names if n not in imported and n in defined]
               for m, names in case.modules.items()}
    # the new package's `__init__` is the facade: what the maintainers put there stays in the
    # old module, and the module that kept the old name is then a module like the others
    # (cantools' arxml: `load_string` in `__init__`, `SystemLoader` in `system_loader`)
    kept = "__init__" if "__init__" in modules else kept
    keep = modules.pop(kept, []) if kept else []
    table: dict[str, object] = {"default": "_rest"}
    if case.path.endswith("__init__.py"):
        table["package"] = case.path.rsplit("/", 1)[0]
    if keep:
        table["keep"] = keep
    table["modules"] = {m.replace("/", ".").removesuffix(".__init__"): n for m, n in modules.items() if n}
    return table


def mapping(case: suggest_eval.Case, kept: str | None, source: str,
            path: Path | None = None) -> str:
    table = split_table(case, kept, source, path)
    modules = table.pop("modules")
    assert isinstance(modules, dict)
    lines = [f"max-lines = {UNBOUNDED}", "verify-import = false", "", "[[split]]",
             f"source = {json.dumps(case.path)}"]
    if KEEP_MODULE_NAME in sys.argv:
        lines.append("keep-module-name = true")
    lines += [f"{k} = {json.dumps(v)}" for k, v in table.items()]
    lines.append("[split.modules]")
    lines += [f"{json.dumps(m)} = {json.dumps(n)}" for m, n in modules.items()]
    return "\n".join(lines) + "\n"


def run(case: suggest_eval.Case, kept: str | None) -> dict[str, object]:
    work = WORK / case.id
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(suggest_eval.project_dir(case), work)
    god = work / case.path
    (work / "godsplit.toml").write_text(mapping(case, kept, _text(god), god))
    subprocess.run("git init -q && git add -A && git -c user.name=b -c user.email=b@b "
                   "commit -qm before", shell=True, cwd=work, check=True)
    plan = subprocess.run([GODSPLIT, "plan"], cwd=work, capture_output=True, text=True)
    said = (plan.stdout + plan.stderr).strip().splitlines()
    result: dict[str, object] = {"plan": plan.returncode,
                                 "errors": [s.strip() for s in said if " error" in s][:3]}
    if plan.returncode == 0:
        applied = subprocess.run([GODSPLIT, "apply"], cwd=work, capture_output=True, text=True)
        result["apply"] = applied.returncode
        result["said"] = (applied.stdout + applied.stderr).strip().splitlines()[-1]
    return result


def _text(path: Path) -> str:
    """The file's text as Python reads it: its coding cookie or BOM decides, and a BOM is
    not part of the text (imbalanced-learn's `_smote.py` starts with one)."""
    with tokenize.open(path) as f:
        return f.read()


def main() -> None:
    wanted = set(sys.argv[1:]) - {KEEP_MODULE_NAME}
    for path in sorted(suggest_eval.CASES.glob("*.toml")):
        if wanted and path.stem not in wanted:
            continue
        case, kept = load(path.stem)
        print(case.id, json.dumps(run(case, kept)), flush=True)


if __name__ == "__main__":
    main()
