"""Why suggest's entry sets `keep-module-name`: the plan's GS208, GS209, GS119 and GS143,
counted as if everything moved."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import libcst as cst

from ..split.analyze import Analysis
from ..split.hazards import _EXCEPTION_SUFFIXES as EXCEPTION_SUFFIXES
from ..split.hazards import _bases as class_bases
from ..split.hazards import identity_findings
from ..split.spelled_names import spelled_anywhere
from ..types import SplitConfig


def _docstring_doctest(node: cst.ClassDef | cst.FunctionDef) -> bool:
    """A doctest in the docstring of `node` or of a definition in it: the cheap look,
    without visiting every node of a long class."""
    todo: list[cst.CSTNode] = [node]
    while todo:
        body = getattr(todo.pop(), "body", None)
        lines = body.body if isinstance(body, cst.IndentedBlock) else ()
        first = lines[0] if lines and isinstance(lines[0], cst.SimpleStatementLine) else None
        value = first.body[0] if first and isinstance(first.body[0], cst.Expr) else None
        if value is not None and isinstance(value.value, cst.SimpleString):
            text = value.value.evaluated_value
            if isinstance(text, str) and ">>>" in text:
                return True
        todo.extend(x for x in lines if isinstance(x, (cst.ClassDef, cst.FunctionDef)))
    return False


def keep_name(analysis: Analysis, split: SplitConfig, root: Path | None = None) -> str | None:
    """Why the entry sets keep-module-name (the plan's GS208, GS209 and GS119 if everything
    moved, and GS143 for the strings of the project under `root`), or None. A definition
    whose docstring holds a doctest is counted without the engine's full visit of its body;
    the others are the engine's to judge."""
    everything = {u.id: "m" for u in analysis.units if u.kind == "definition"}
    hazards: Counter[str] = Counter()
    for uid in list(everything):
        stmts = [analysis.module.body[i] for i in analysis.units[uid].stmts]
        doctests = [s for i, s in zip(analysis.units[uid].stmts, stmts, strict=True)
                    if ">>>" in analysis.code(i)]
        found = [s for s in doctests if isinstance(s, (cst.ClassDef, cst.FunctionDef))
                 and _docstring_doctest(s)]
        if found and len(found) == len(doctests):
            del everything[uid]
            hazards["GS209"] += len(found)
            hazards["GS208"] += sum(isinstance(s, cst.ClassDef) and any(
                b.endswith(EXCEPTION_SUFFIXES) for b in class_bases(s)) for s in stmts)
    for finding in identity_findings(analysis, everything, split):  # GS209: one a module
        hazards[finding.code] += len(finding.names) if finding.code == "GS209" else 1
    if root is not None:
        hazards["GS143"] += spelled_anywhere(root, split.source, analysis.source.text)
    return ", ".join(f"{hazards[c]} {what}{'' if hazards[c] == 1 else plural}{tail}"
                     for c, what, plural, tail in (("GS208", "exception class", "es", ""),
                                                   ("GS209", "definition", "s", " with doctests"),
                                                   ("GS119", "statement", "s",
                                                    " reading __module__"),
                                                   ("GS143", "string", "s",
                                                    " spelling a class's old module path"))
                     if hazards[c]) or None
