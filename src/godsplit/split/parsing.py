"""LibCST's parse of a source, and what godsplit says when LibCST cannot read it: a syntax
error at Python's line, or code nested deeper than LibCST can walk (a 400-term
`a + b + ...` chain, `a or b or ...`, a long implicit string concatenation).

LibCST's trees nest such chains one level a term, and its visitors and code generation
recurse once a level (about three Python frames), so at Python's recursion limit (1,000
frames by default: some 330 terms) they raise RecursionError wherever they first walk
that statement. godsplit cannot analyse such a file: it says which statement and why (a
GodsplitError: nothing is written), instead of a traceback.
"""

from __future__ import annotations

import ast
import sys

import libcst as cst

from ..files import CONFLICT, SourceText, conflict_line
from ..nesting import TooDeep
from ..types import GodsplitError

_SYMBOLS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//",
            ast.Mod: "%", ast.Pow: "**", ast.LShift: "<<", ast.RShift: ">>", ast.BitOr: "|",
            ast.BitXor: "^", ast.BitAnd: "&", ast.MatMult: "@", ast.And: "and", ast.Or: "or"}


def parse(source: SourceText) -> cst.Module:
    try:
        return cst.parse_module(source.text)
    except cst.ParserSyntaxError as exc:
        raise syntax_error(source, exc) from None
    except RecursionError:
        raise too_deep(source, None) from None


def syntax_error(source: SourceText, exc: cst.ParserSyntaxError) -> GodsplitError:
    """The error for a source LibCST cannot parse: git's conflict markers named as such,
    else the cause on one line, at the line Python's own parser points at (LibCST's
    tokenizer errors say "@ 1:1", and its line can be one later)."""
    if (conflict := conflict_line(source.text)) is not None:
        return GodsplitError(CONFLICT, source.path, conflict)
    line, cause = exc.raw_line, exc.message.splitlines()[0] if exc.message else "syntax error"
    try:
        compile(source.text, str(source.path), "exec", dont_inherit=True)
    except SyntaxError as python:
        line = python.lineno or line
    except (ValueError, RecursionError, MemoryError):
        pass
    else:  # Python reads it, LibCST does not: say so, at the statement LibCST stops on
        line, why = _libcst_only(source.text, line)
        cause = f"{cause}; Python compiles this file, LibCST (which godsplit reads code with) does not{why}"
    return GodsplitError(f"cannot parse: {cause}", source.path, line)


def _libcst_only(text: str, line: int) -> tuple[int, str]:
    """(line, why) for a source Python compiles and LibCST cannot parse: the first
    top-level statement LibCST cannot parse alone (its tokenizer errors all say line 1),
    and in it the first line indented with a tab beside spaces, if any."""
    lines = text.splitlines(keepends=True)
    for stmt in ast.parse(text).body:
        start, end = stmt.lineno, stmt.end_lineno or stmt.lineno
        start = min([start, *(d.lineno for d in getattr(stmt, "decorator_list", ()))])
        try:
            cst.parse_module("".join(lines[start - 1:end]))
        except cst.ParserSyntaxError:
            pass
        except RecursionError:
            continue
        else:
            continue
        for number in range(start, end + 1):
            indent = lines[number - 1][:len(lines[number - 1]) - len(lines[number - 1].lstrip(" \t"))]
            if "\t" in indent and (" " in indent or _spaces_above(lines, start, number)):
                return number, ": this line's indentation mixes a tab with spaces (use spaces only)"
        return start, " (the statement starting here)"
    return line, ""


def _spaces_above(lines: list[str], start: int, number: int) -> bool:
    """Whether a line of the statement before `number` is indented with spaces."""
    return any(text[:1] == " " for text in lines[start - 1:number - 1])


class _Probe(cst.CSTVisitor):
    """Visits everything, records nothing: whether a statement can be walked."""


def too_deep_line(module: cst.Module) -> int | None:
    """The line of the first top-level statement LibCST cannot generate or walk within the
    recursion limit."""
    line = 1 + len(module.header)
    for stmt in module.body:
        try:
            code = module.code_for_node(stmt)
            stmt.visit(_Probe())
        except RecursionError:
            return line + len(getattr(stmt, "leading_lines", ()))
        line += code.count("\n")
    return None


def longest_chain(text: str, line: int | None) -> tuple[int, str] | None:
    """(terms, operator) of the longest chain of one binary or boolean operator in the
    statement at `line` (anywhere, without a line), by Python's own parser."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    best: tuple[int, str] | None = None
    for stmt in tree.body:
        if line is not None and not stmt.lineno <= line <= (stmt.end_lineno or stmt.lineno):
            continue
        found = chain_in(stmt)
        if found is not None and (best is None or found[0] > best[0]):
            best = found
    return best


def chain_in(stmt: ast.AST) -> tuple[int, str] | None:
    """(terms, operator) of the longest chain of one operator in `stmt`."""
    best: tuple[int, str] | None = None
    stack: list[ast.AST] = [stmt]
    while stack:
        node = stack.pop()
        found = _chain(node, stack)
        if found is not None and (best is None or found[0] > best[0]):
            best = found
    return best


def _chain(node: ast.AST, stack: list[ast.AST]) -> tuple[int, str] | None:
    """(terms, operator) of the chain `node` heads, if any; pushes what is below it. `a + b
    + c` is `(a + b) + c`: the chain is walked once, from its head."""
    if isinstance(node, ast.BoolOp):
        stack.extend(node.values)
        return len(node.values), _SYMBOLS.get(type(node.op), "?")
    if not isinstance(node, ast.BinOp):
        stack.extend(ast.iter_child_nodes(node))
        return None
    op, terms = type(node.op), 1  # `a + b`: one BinOp, two terms
    inner: ast.expr = node
    while isinstance(inner, ast.BinOp) and type(inner.op) is op:
        stack.append(inner.right)
        terms, inner = terms + 1, inner.left
    stack.append(inner)
    return terms, _SYMBOLS.get(op, "?")


def too_deep(source: SourceText, module: cst.Module | None) -> GodsplitError:
    """The error for a source LibCST ran out of recursion on (`module`: its tree, when
    the parse itself worked)."""
    line = too_deep_line(module) if module is not None else None
    chain = longest_chain(source.text, line)
    what = (f": a chain of {chain[0]:,} `{chain[1]}` terms" if chain and chain[0] > 100
            else " (brackets nested over about 100 deep, or a long chain of operators or of implicitly "
            "concatenated strings)")
    return GodsplitError(
        f"cannot analyse: {'this' if line else 'a'} statement nests too deep for LibCST{what}; LibCST, which "
        "godsplit reads code with, recurses once a level and stops at Python's recursion "
        f"limit ({sys.getrecursionlimit():,}). Build such a value from a list (`sum(...)`, "
        "`''.join(...)`), or leave this file out of the split", source.path, line)


DEEP = ("code nested deeper than LibCST walks within Python's recursion limit (a chain of "
        "hundreds of operators)")


def not_parsed(source: SourceText | None, exc: Exception) -> tuple[str, int]:
    """Why a file a scan skips could not be read or parsed, and the line (else 1): the
    cause alone, as the finding names the file."""
    if isinstance(exc, (RecursionError, TooDeep)):
        return DEEP, 1
    error = syntax_error(source, exc) if isinstance(exc, cst.ParserSyntaxError) and source else exc
    if isinstance(error, GodsplitError):
        return error.message, error.line or 1
    return str(exc), 1
