"""The one place godsplit reads source files: bytes -> text with encoding and newline kept.

Writing goes through `split/write.py`, which encodes with the `SourceText` it was read as.
"""

from __future__ import annotations

import ast
import codecs
import importlib.machinery
import io
import re
import sys
import tokenize
import unicodedata
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .nesting import check_depth, python_gave_up
from .types import GodsplitError

# PEP 263: a coding cookie on line 1 or 2.
_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)")
_CONFLICT = re.compile(r"^<{7}(?: |$)", re.MULTILINE)  # git's "<<<<<<< HEAD"


@dataclass(frozen=True)
class SourceText:
    """A decoded source file and how to encode text like it."""

    path: Path
    text: str  # newlines normalised to "\n"
    encoding: str
    newline: str  # the dominant line ending of the file: "\n", "\r\n" or "\r"
    bom: bool
    mixed_newlines: bool

    def encode(self, text: str) -> bytes:
        """Encode new text (with "\n" newlines) the way this file is encoded."""
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        data = text.encode(self.encoding)
        return codecs.BOM_UTF8 + data if self.bom else data


def detect_encoding(data: bytes, path: Path) -> tuple[str, bool]:
    """The source's encoding and whether it has a UTF-8 BOM, as Python reads it (PEP 263)."""
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8):] if bom else data
    for number, line in enumerate(body.splitlines()[:2], start=1):
        match = _COOKIE.match(line)
        if match:
            return _cookie_encoding(match.group(1).decode("ascii"), bom, path, number), bom
        if line.strip() and not line.lstrip().startswith(b"#"):
            break
    return "utf-8", bom


def _cookie_encoding(name: str, bom: bool, path: Path, line: int) -> str:
    try:
        encoding = codecs.lookup(name).name
    except LookupError:
        raise GodsplitError(f"unknown encoding {name!r} in coding cookie", path, line) from None
    try:
        compatible = "# coding".encode(encoding) == b"# coding"
    except (LookupError, UnicodeError):  # not a text encoding (rot13), or cannot encode ASCII
        compatible = False
    if not compatible:
        raise GodsplitError(f"encoding {name!r} in coding cookie is not ASCII-compatible; "
                            "Python cannot read such a source either", path, line)
    if bom and encoding not in ("utf-8", "utf-8-sig"):
        raise GodsplitError(f"the file starts with a UTF-8 BOM but its coding cookie says "
                            f"{name!r}", path, line)
    return "utf-8" if bom else encoding


def decode_source(data: bytes, path: Path) -> SourceText:
    encoding, bom = detect_encoding(data, path)
    body = data[len(codecs.BOM_UTF8):] if bom else data
    try:
        raw = body.decode(encoding)
    except UnicodeDecodeError as exc:
        line = body[: exc.start].count(b"\n") + 1
        hint = "add a PEP 263 coding cookie?" if encoding == "utf-8" else "is the coding cookie right?"
        raise GodsplitError(f"cannot decode as {encoding}: {exc.reason} ({hint})", path, line) from None
    crlf = raw.count("\r\n")
    lone_cr = raw.count("\r") - crlf
    lone_lf = raw.count("\n") - crlf
    counts = {"\r\n": crlf, "\n": lone_lf, "\r": lone_cr}
    newline = max(counts, key=lambda k: (counts[k], k == "\n"))
    mixed = sum(1 for value in counts.values() if value) > 1
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in text:  # Python refuses it too: "source code cannot contain null bytes"
        line = text.count("\n", 0, text.index("\0")) + 1
        raise GodsplitError("the source contains a NUL byte, which Python cannot compile "
                            "(in a string, write \\0 instead)", path, line)
    return SourceText(path, text, encoding, newline, bom, mixed)


def not_a_file(path: Path, what: str, kind: str = "a file") -> str:
    """Why `path`, given as `what` ("the config", "source") and no regular file, cannot be
    read: a directory is not `kind`, a FIFO would wait for a writer, a device gives
    nothing to read (`/dev/null`), or there is nothing at the path."""
    if path.is_dir():
        return f"{what} is a directory, not {kind}"
    if path.exists():
        return f"{what} is not a regular file (a pipe, a device)"
    return f"{what.removeprefix('the ')} file not found"


def read_source(path: Path) -> SourceText:
    try:
        if path.exists() and not path.is_file() and not path.is_dir():  # reading would block
            raise GodsplitError(not_a_file(path, "source"), path)
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        raise GodsplitError(not_a_file(path, "source", "a .py file"), path) from None
    except OSError as exc:
        raise GodsplitError(f"cannot read source: {exc.strerror}", path) from None
    return decode_source(data, path)


def read_python(path: Path) -> SourceText:
    """`read_source` for a module to split or suggest for: the interpreter godsplit runs on
    must compile it too. LibCST parses newer syntax than it may (PEP 695's `type X = int`
    under Python 3.11), and a split checked, verified and formatted by a Python that cannot
    read the module proves nothing: a GodsplitError at Python's line and cause."""
    source = read_source(path)
    with warnings.catch_warnings():  # SyntaxWarnings (invalid escapes) are not ours to print
        warnings.simplefilter("ignore")
        try:  # Python's parse first: how deep it nests decides whether LibCST may read it
            tree = ast.parse(source.text, str(path))
        except SyntaxError as exc:
            raise GodsplitError(*_unparsable(source, exc)) from None
        except (RecursionError, MemoryError) as exc:
            raise python_gave_up(source.text, path, exc) from None
        except ValueError:
            return source  # LibCST's parse reports what it finds
        check_depth(tree, source.text, path)
        _check_nfkc(source)
        try:
            compile(tree, str(path), "exec", flags=0, dont_inherit=True)
        except SyntaxError as exc:
            raise GodsplitError(*_unparsable(source, exc)) from None
        except (ValueError, RecursionError, MemoryError):
            pass  # LibCST's parse reports what it finds
    return source


def _check_nfkc(source: SourceText) -> None:
    """Python reads an identifier in its NFKC form (`ﬁnd`, with the ligature, binds `find`);
    godsplit reads names as written, so it would take the two spellings for two names: a
    mapping naming either fails, or a moved use is left without its import (round 29)."""
    if source.text.isascii():
        return
    try:
        for token in tokenize.generate_tokens(io.StringIO(source.text).readline):
            if token.type == tokenize.NAME and not token.string.isascii() and (
                    norm := unicodedata.normalize("NFKC", token.string)) != token.string:
                raise GodsplitError(
                    f"the identifier {token.string!r} is not in NFKC form: Python reads it as "
                    f"{norm!r}, godsplit as written; write it as {norm!r}",
                    source.path, token.start[0])
    except (tokenize.TokenError, SyntaxError):
        return  # (Python's parse above took it; LibCST's reports what it finds)


CONFLICT = "an unresolved merge conflict (git's conflict markers): resolve it first"


def conflict_line(text: str) -> int | None:
    """The line of the first `<<<<<<< ` conflict marker, if any."""
    marker = _CONFLICT.search(text)
    return None if marker is None else text.count("\n", 0, marker.start()) + 1


def _unparsable(source: SourceText, error: SyntaxError) -> tuple[str, Path, int | None]:
    """Python's cause and line; git's conflict markers named as such; when LibCST parses
    the file, the syntax is newer than this Python."""
    import libcst

    conflict = conflict_line(source.text)
    if conflict is not None:
        return CONFLICT, source.path, conflict
    try:  # it parses, and fails later: `return` outside a function, `nonlocal` at top level
        ast.parse(source.text)
        return f"Python cannot compile this: {error.msg}", source.path, error.lineno
    except SyntaxError:
        pass
    try:
        if "too many" in error.msg:  # a limit of Python's parser ("nested parentheses")
            raise RecursionError
        libcst.parse_module(source.text)
    except (libcst.ParserSyntaxError, RecursionError):
        return f"cannot parse: {error.msg}", source.path, error.lineno
    version = f"Python {sys.version_info.major}.{sys.version_info.minor}"
    return (f"cannot parse with {version}, which godsplit runs on: {error.msg} (syntax of a "
            "newer Python? run godsplit with the Python the project uses)",
            source.path, error.lineno)


def check_not_shadowed(path: Path) -> None:
    """A compiled extension module beside the source (`_difflib.cpython-311-x86_64-linux-
    gnu.so` next to `_difflib.py`, as lxml ships) is what `import` loads, not the source;
    after a split the new package would be imported instead. A GodsplitError naming it."""
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        twin = path.with_name(path.stem + suffix)
        if twin.is_file():
            raise GodsplitError(f"`import` loads the compiled extension {twin.name} beside it, "
                                "not this source; splitting the source would change what is "
                                "imported", path)


def module_name_for(path: Path) -> tuple[str, Path]:
    """The dotted module name of a file and its import root: the first directory up that is
    not a package. Directories without __init__.py inside a regular package are packages
    too (namespace subpackages, PEP 420: Read the Docs' `readthedocs/projects/tasks/
    builds.py` is `readthedocs.projects.tasks.builds`, not a top-level `builds`), a run of
    them as well (round 29: Onyx's `onyx/background/celery/tasks/user_file_processing/
    tasks.py`, where only `onyx/` and `user_file_processing/` have one, is
    `onyx.background.celery.tasks.user_file_processing.tasks`)."""
    parts = [path.stem] if path.name != "__init__.py" else []
    directory = path.parent
    while True:
        if (directory / "__init__.py").is_file():
            parts.insert(0, directory.name)
            directory = directory.parent
            continue
        run = _namespace_run(directory)
        if not run:
            return ".".join(parts), directory
        parts[:0] = [d.name for d in run]
        directory = run[0].parent


def _namespace_run(directory: Path) -> list[Path]:
    """`directory` and the directories up from it without __init__.py, top first, when
    the directory above them is a regular package and each is named as a module can be;
    otherwise none."""
    run: list[Path] = []
    while (directory.name.isidentifier() and directory.parent != directory
           and not (directory / "__init__.py").is_file()):
        run.insert(0, directory)
        directory = directory.parent
    return run if run and (directory / "__init__.py").is_file() else []


def named_module(path: Path, name: str | None) -> tuple[str, Path]:
    """`module_name_for`, or, given the dotted `name` the module is imported by (a split's
    `module-name`, which ends with the file's path), that name and the directory that must
    be on sys.path for it (a plan's `old_module` gives its own import root)."""
    if name is None:
        return module_name_for(path)
    depth = name.count(".") + (path.name == "__init__.py")
    if depth >= len(path.parents):
        path = path.resolve()
    return name, path.parents[depth]


def run_name(path: Path, tops: Iterable[Path] = ()) -> str:
    """`path`'s dotted name as the project runs it: `module_name_for`'s, or its name from
    one of `tops` (the directories splits' `module-name` put on sys.path) that holds it
    below its packages' import root: EvalAI's `apps/challenges/admin.py` runs as
    `challenges.admin`, so its `from .aws_utils import x` is `challenges.aws_utils`."""
    name, root = module_name_for(path)
    for top in tops:
        if top == root:
            continue
        resolved, top_resolved = path.resolve(), top.resolve()
        if resolved.is_relative_to(top_resolved) and top_resolved.is_relative_to(root.resolve()):
            parts = resolved.relative_to(top_resolved).parts
            return ".".join([*parts[:-1], *([] if path.name == "__init__.py" else [path.stem])])
    return name


def run_package(path: Path, tops: Iterable[Path] = ()) -> str:
    """The package `path`'s relative imports start from (its own, for an `__init__.py`),
    named as `run_name` names it."""
    name = run_name(path, tops)
    return name if path.name == "__init__.py" else name.rpartition(".")[0]
