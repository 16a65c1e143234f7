"""GS143: a string in the project spells a moved class's or function's old qualified name
inside other text.

alembic 1.20.1's `test_replace_error` expects the message "Can not set dispatch function for
object <class 'alembic.operations.ops.CreateTableOp'>: ...": the repr of a class names its
`__module__`, which a split changes to the new module's unless `keep-module-name` is set.
The import check compares names, kinds and signatures, not reprs, so that split said
verified and one test failed. A string that is only a dotted path (`"old.Name"`: a patch
target, a setting, a logger name) still finds the object through the facade (GS213,
GS215); a string that holds `old.Name` among other text (`<class 'old.Name'>`,
`"old.Name object at"`, an expected message) is what code or a test compares against a
repr or an error message, and that changes. Docstrings are not counted (Sphinx roles look
the name up). Each such string is a warning, unless keep-module-name is set.

Only where the text can have been made from the object's `__module__`: the name opens the
string (twisted's `fullyQualifiedName(f) + " was deprecated in Twisted 17.1.0"`, which
`test_deprecatedTimeout` compares whole; a traceback's `pkg.Error: message`), or follows a
quote or `<` (`<class 'old.Name'>`, `<function old.f at`, `<old.Name object at`). The old
path in the middle of prose (pexpect's "maybe you want to use pexpect.spawn", a test's
"should have raised a pexpect.ExceptionPexpect") is a reference, and stays true through the
facade; so is code held in a string (tabulate's benchmark setup: `return tabulate.tabulate(
table)`), which imports the name through the facade; and so is a message the code makes
from a literal (`raise TypeError("pkg.f takes no None")`, a warning, a log line, `print`):
the split does not change it, and where it is made nothing compares it with a repr. The
same words as an expected value (a constant, an `assertEqual` argument) still warn.

Text of the same kind, not counted either (`documented`): a `__doc__ = "..."` assignment
(a docstring by another spelling); the help of a command-line option or command (`help=`
of `add_argument`, `add_parser`, click's `option`; an `ArgumentParser`'s `description=`
and `epilog=`), which the program prints; and a module constant whose every use in its
file is such output (`raise TypeError(_MESSAGE)`) and that no other file of the project
names (a test that imports it may compare it with a message made from `__module__`, as
twisted's tests compare their deprecation messages: that still warns, and so does a
constant nothing reads, as the expected value it may be).
"""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Collection, Iterator, Mapping, Sequence
from pathlib import Path

from ..files import module_name_for, read_source
from ..types import FACADE, Config, Finding, GodsplitError, Plan
from .project_walk import project_files
from .spelled_text import documented, named_elsewhere, output_constants

_DEFINED = re.compile(r"^(?:async[ \t]+def|def|class)[ \t]+(\w+)", re.M)
_DOTTED = re.compile(r"[\w.]+")
# what may stand before a name a repr or a message made from `__module__` spells: nothing
# (but blanks), a quote, `<` or `<class `, `<function `, `<bound method ` ...
_BEFORE = re.compile(r"(?:\A\s*|[<'\"]|<[A-Za-z][\w -]*\s)\Z")


def defined_names(text: str) -> frozenset[str]:
    """The classes and functions a module's text defines at its top level."""
    return frozenset(_DEFINED.findall(text))


def _pattern(old: str, names: Collection[str]) -> re.Pattern[str]:
    words = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    return re.compile(rf"(?<![\w.]){re.escape(old)}\.({words})(?!\w)")


def _strings(text: str, path: Path) -> list[tuple[int, str, str | None]]:
    """The string literals of a file (f-strings' text parts too, implicit concatenations
    joined), with their lines, but not docstrings or other bare string statements. Read
    with Python's own parser: LibCST's, with positions, took 9 s on pyparsing's 10,000-line
    test file, once for every suggest and apply in its tree. Each comes with the name of
    the module constant it is, if that constant is only output (`output_constants`)."""
    with warnings.catch_warnings():  # SyntaxWarnings (invalid escapes) are not ours to print
        warnings.simplefilter("ignore")
        tree = ast.parse(text, str(path))
    produced = _produced(tree)
    bare = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr)} | produced
    bare |= documented(tree)
    owners = output_constants(tree, produced)
    return [(n.lineno, n.value, owners.get(id(n))) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in bare]


# calls whose arguments are text the program puts out: `print`, `warnings.warn`, a logger's
# methods, `parser.error`
_OUTPUT_NAMES = frozenset({"print", "warn"})
_OUTPUT_METHODS = frozenset({"warn", "warning", "debug", "info", "error", "critical",
                             "exception", "log"})


def _produced(tree: ast.AST) -> set[int]:
    """The string constants of messages the code makes: the arguments of the exception a
    `raise` makes, and of the calls in `_OUTPUT_*`. A split does not change such a literal
    (it is not made from `__module__`), and it is not compared with a repr where it is
    made: "pkg.f does not take None" raised or logged is prose, not an expected value."""
    calls = [n.exc for n in ast.walk(tree) if isinstance(n, ast.Raise)
             and isinstance(n.exc, ast.Call)]
    calls += [n for n in ast.walk(tree) if isinstance(n, ast.Call) and (
        (isinstance(n.func, ast.Name) and n.func.id in _OUTPUT_NAMES)
        or (isinstance(n.func, ast.Attribute) and n.func.attr in _OUTPUT_METHODS))]
    return {id(c) for call in calls if isinstance(call, ast.Call)
            for arg in (*call.args, *(k.value for k in call.keywords))
            for c in ast.walk(arg) if isinstance(c, (ast.Constant, ast.Name))}


def _hits(path: Path, pattern: re.Pattern[str], files: Collection[Path]
          ) -> Iterator[tuple[int, str, str]]:
    """(line, string, name) of each string literal in `path` spelling `old.Name` among other
    text (not a dotted path alone) where a repr or a message made from `__module__` would
    (see the module docstring); `files`: the project's others, which may name a constant."""
    source = read_source(path)
    if not pattern.search(source.text):
        return
    for line, value, owner in _strings(source.text, path):
        if _DOTTED.fullmatch(value.strip()) or (
                owner is not None and not named_elsewhere(owner, path, files)):
            continue
        for match in pattern.finditer(value):
            if _BEFORE.search(value[:match.start()]) and not _code(value):
                yield line, value, match.group(1)
                break


def _code(value: str) -> bool:
    """Lines of Python held in a string (`timeit`'s setup): their names are references."""
    if "\n" not in value.strip():
        return False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(value.strip())
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def spelled_findings(plan: Plan, files: Collection[Path], moved: Mapping[str, str]
                     ) -> list[Finding]:
    """GS143 for each string of `files` that spells `plan.old_module.Name` among other
    text, for the moved classes and functions `moved` (name -> new dotted module)."""
    if not moved:
        return []
    pattern = _pattern(plan.old_module, moved)
    out = []
    for path in files:
        try:
            hits = list(_hits(path, pattern, [*files, plan.source]))
        except (OSError, GodsplitError, SyntaxError, RecursionError, MemoryError, ValueError):
            continue  # the patch-target scan reports files it cannot read (GS212)
        for line, value, name in hits:
            shown = value if len(value) <= 80 else value[:77] + "..."
            out.append(Finding(
                "GS143", "warning", f"{shown!r} spells {plan.old_module}.{name} among other "
                f"text (a repr or a message naming it?): after the split {name} reports "
                f"{moved[name]}.{name} (its __module__), so a repr, an error message or a "
                "pickle naming it changes; set `keep-module-name = true` to keep the old "
                "name", str(path), line))
    return out


def moved_definitions(plan: Plan, source_text: str) -> dict[str, str]:
    """The top-level classes and functions of the source the plan moves -> new dotted
    module."""
    dotted = {m.name: m.dotted for m in plan.modules}
    defined = defined_names(source_text)
    return {name: dotted[p.module] for p in plan.placements if p.module != FACADE
            and p.module in dotted for name in p.names if name in defined}


def spelled_in_project(config: Config, plans: Sequence[Plan], exclude: Collection[Path]
                       ) -> dict[str, list[Finding]]:
    """GS143 for each plan whose split does not keep the module name, by old module: the
    project's Python files but `exclude` (the sources and the files the splits write)."""
    keep = {s.source.resolve() for s in config.splits if s.keep_module_name}
    out: dict[str, list[Finding]] = {}
    files: list[Path] | None = None
    for plan in plans:
        if plan.source.resolve() in keep:
            continue
        try:
            moved = moved_definitions(plan, read_source(plan.source).text)
        except (OSError, GodsplitError):
            continue
        if not moved:
            continue
        if files is None:
            files = [p for p in project_files(config.root) if p.resolve() not in exclude]
        out[plan.old_module] = spelled_findings(plan, files, moved)
    return out


def spelled_anywhere(root: Path, source: Path, text: str) -> int:
    """How many strings of the project's other Python files spell one of the source's
    classes and functions by its old qualified name among other text (GS143 if all moved):
    suggest keeps the module name for them."""
    old = module_name_for(source)[0]
    names = defined_names(text)
    if not old or not names:
        return 0
    pattern = _pattern(old, names)
    count = 0
    files = list(project_files(root))
    for path in files:
        if path.resolve() == source.resolve():
            continue
        try:
            count += sum(1 for _ in _hits(path, pattern, files))
        except (OSError, GodsplitError, SyntaxError, RecursionError, MemoryError, ValueError):
            continue
    return count
