"""Lint harness: run a project's linters, formatter and type checkers on its tree before and
after a split, and report what the split added.

    before = snapshot(original_root, ["pkg", "tests"])
    ... godsplit apply on a copy ...
    report = compare(before, snapshot(split_root, ["pkg", "tests"]))
    assert not report.new and not report.reformatted and not report.types_changed

Tools (the versions pinned in pyproject's `test` extra), each run in the tree's root:
- ruff check with the project's config; without one, the issue's default rule set
  (ruff's defaults plus I and E501 at 88, `--isolated`);
- pyflakes always; flake8 when the project configures it;
- the formatter the project uses (`ruff format --diff`, or `black --diff`), and
  `isort --diff` when isort sorts the project;
- mypy (the project's config, no cache) and, when asked, pyright.

A finding is matched by tool, code and the text of its source line, never by line
number or file: moved code keeps its findings, and those are not new. Formatter changes
are matched the same way, by the lines they change. Type diagnostics also match by their
message (line numbers in it masked), and any difference counts, added or removed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from godsplit.split.style import NO_CONFIG_EXTRA, Style, detect_style

PYTHON = sys.executable
# the issue's rule set for a project without config: ruff's default rules (ruff 0.17's:
# about 400, PLC0414 and RUF100 among them, E402 no longer; and E4, E7, E9, F, ruff's
# defaults until 0.17, which CI still checks) plus I and E501 at 88 (style.NO_CONFIG_EXTRA)
RUFF_DEFAULTS = ["--isolated", "--extend-select", ",".join(NO_CONFIG_EXTRA), "--line-length", "88"]
LINT_TOOLS = ("ruff", "pyflakes", "flake8", "pycodestyle", "pylint")
FORMAT_TOOLS = ("format", "isort")
TYPE_TOOLS = ("mypy", "pyright")
# A library that is missing or untyped: mypy reports it once a run (at whichever import it
# meets first), pyright at every import; either way it is about the environment, once.
PER_RUN = ("import-untyped", "import-not-found", "reportMissingImports",
           "reportMissingModuleSource")


@dataclass(frozen=True)
class Finding:
    tool: str  # ruff, pyflakes, flake8, pylint, format, isort, mypy, pyright
    code: str  # the rule code (pyflakes: its message with names masked)
    path: str  # relative to the tree's root
    line: int
    message: str
    text: str  # the source line, stripped (formatter: the lines it changes)

    @property
    def key(self) -> tuple[str, str, str] | tuple[str, str, str, str]:
        if self.code in PER_RUN:
            return (self.tool, self.code, self.message, "")
        if self.tool in TYPE_TOOLS:
            return (self.tool, self.code, _mask(self.message), self.text)
        return (self.tool, self.code, self.text)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.tool} {self.code} {self.message}"


@dataclass(frozen=True)
class Snapshot:
    root: Path
    style: Style
    findings: tuple[Finding, ...]
    failures: tuple[str, ...] = ()  # a tool that did not run: its command and output


@dataclass(frozen=True)
class Report:
    new: tuple[Finding, ...]  # lint findings the split added
    reformat: tuple[Finding, ...]  # formatter/sorter changes the split added
    types_added: tuple[Finding, ...]
    types_removed: tuple[Finding, ...]
    failures: tuple[str, ...] = ()

    @property
    def reformatted(self) -> tuple[str, ...]:
        """Files the formatter (or isort) would now change where it did not before."""
        return tuple(sorted({f.path for f in self.reformat}))

    @property
    def types_changed(self) -> bool:
        return bool(self.types_added or self.types_removed)

    def counts(self) -> dict[str, int]:
        """`tool code` -> how many new findings; `format files`, `mypy +/-`, ..."""
        out: Counter[str] = Counter(f"{f.tool} {f.code}" for f in self.new)
        for tool in FORMAT_TOOLS:
            files = {f.path for f in self.reformat if f.tool == tool}
            if files:
                out[f"{tool} files"] = len(files)
        for sign, group in (("+", self.types_added), ("-", self.types_removed)):
            out.update(f"{f.tool} {sign}" for f in group)
        return dict(sorted(out.items()))

    def summary(self, limit: int = 40) -> str:
        lines = [f"counts: {self.counts()}"]
        lines += [f"new: {f}" for f in self.new[:limit]]
        lines += [f"reformat: {f.path}:{f.line}: {f.text[:200]!r}" for f in self.reformat[:limit]]
        lines += [f"type +: {f}" for f in self.types_added[:limit]]
        lines += [f"type -: {f}" for f in self.types_removed[:limit]]
        return "\n".join([*lines, *self.failures])


def snapshot(
    root: Path, targets: Sequence[str] = (".",), *, tools: Iterable[str] = (
        "ruff", "pyflakes", "flake8", "format", "isort", "mypy"),
    style: Style | None = None, mypy_args: Sequence[str] = (),
) -> Snapshot:
    """Run the tools on `targets` (paths relative to `root`) and collect their findings."""
    root = root.resolve()
    style = style or detect_style(root / "__probe__.py", stop=root)
    findings: list[Finding] = []
    failures: list[str] = []
    runner = _Runner(root, failures)
    chosen = set(tools)
    if "ruff" in chosen:
        findings += _ruff(runner, style, targets)
    if "pyflakes" in chosen:
        findings += _pyflakes(runner, targets)
    if "flake8" in chosen and style.flake8 is not None:
        findings += _flake8(runner, targets)
    if "format" in chosen:
        if style.formatter == "black":
            command = [PYTHON, "-m", "black", "--diff", "--quiet", *targets]
        else:
            command = [PYTHON, "-m", "ruff", "format", "--diff", "--no-cache", *targets]
            if not style.configured:
                command.insert(4, "--isolated")
        findings += _diff_changes(runner, "format", runner.run(command, ok=(0, 1)))
    if "isort" in chosen and style.sorter == "isort":
        command = [PYTHON, "-m", "isort", "--check-only", "--diff", "--quiet", *targets]
        findings += _diff_changes(runner, "isort", runner.run(command, ok=(0, 1)))
    if "mypy" in chosen:
        findings += _mypy(runner, targets, mypy_args)
    if "pyright" in chosen:
        findings += _pyright(runner, targets)
    return Snapshot(root, style, tuple(findings), tuple(failures))


def compare(before: Snapshot, after: Snapshot) -> Report:
    """What `after` has that `before` did not (types: also what it lost)."""

    def added(old: Iterable[Finding], new: Iterable[Finding]) -> tuple[Finding, ...]:
        budget = Counter(f.key for f in old)
        out = []
        for finding in sorted(new, key=lambda f: (f.path, f.line, f.tool, f.code)):
            if budget[finding.key] > 0:
                budget[finding.key] -= 1
            else:
                out.append(finding)
        return tuple(out)

    def of(snap: Snapshot, tools: tuple[str, ...]) -> list[Finding]:
        found = [f for f in snap.findings if f.tool in tools]
        once = {f.key: f for f in reversed(found) if f.code in PER_RUN}
        return [f for f in found if f.code not in PER_RUN] + list(once.values())

    return Report(
        new=added(of(before, LINT_TOOLS), of(after, LINT_TOOLS)),
        reformat=added(of(before, FORMAT_TOOLS), of(after, FORMAT_TOOLS)),
        types_added=added(of(before, TYPE_TOOLS), of(after, TYPE_TOOLS)),
        types_removed=added(of(after, TYPE_TOOLS), of(before, TYPE_TOOLS)),
        failures=before.failures + after.failures,
    )


@dataclass
class _Runner:
    root: Path
    failures: list[str]
    lines: dict[str, list[str]] = field(default_factory=dict)

    def run(self, command: list[str], ok: Sequence[int] = (0,)) -> str:
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "NO_COLOR": "1"}
        env.pop("PYTHONPATH", None)
        proc = subprocess.run(command, cwd=self.root, capture_output=True, text=True, env=env,
                              timeout=900)
        if proc.returncode not in ok:
            self.failures.append(f"{' '.join(command)} -> {proc.returncode}\n"
                                 f"{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
        return proc.stdout

    def text(self, path: str, line: int) -> str:
        """The stripped source line `line` (1-based) of `path`."""
        if path not in self.lines:
            try:
                self.lines[path] = (self.root / path).read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                self.lines[path] = []
        lines = self.lines[path]
        return lines[line - 1].strip() if 0 < line <= len(lines) else ""

    def relative(self, path: str) -> str:
        absolute = Path(path) if os.path.isabs(path) else self.root / path
        try:
            return absolute.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return Path(path).as_posix()


def _ruff(runner: _Runner, style: Style, targets: Sequence[str]) -> list[Finding]:
    command = [PYTHON, "-m", "ruff", "check", "--output-format", "json", "--no-cache",
               "--exit-zero", *targets]
    if not style.configured:
        command[4:4] = RUFF_DEFAULTS
    out = runner.run(command)
    findings = []
    for item in json.loads(out or "[]"):
        path = runner.relative(item["filename"])
        row = item["location"]["row"]
        findings.append(Finding("ruff", item["code"] or "syntax", path, row, item["message"],
                                runner.text(path, row)))
    return findings


_LOCATED = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?:(?P<col>\d+):?)? (?P<rest>.*)$")


def _pyflakes(runner: _Runner, targets: Sequence[str]) -> list[Finding]:
    out = runner.run([PYTHON, "-m", "pyflakes", *targets], ok=(0, 1))
    findings = []
    for line in out.splitlines():
        match = _LOCATED.match(line)
        if match:
            path, row = runner.relative(match["path"]), int(match["line"])
            code = re.sub(r"'[^']*'", "'*'", match["rest"])
            findings.append(Finding("pyflakes", code, path, row, match["rest"],
                                    runner.text(path, row)))
    return findings


def _flake8(runner: _Runner, targets: Sequence[str]) -> list[Finding]:
    out = runner.run([PYTHON, "-m", "flake8", "--exit-zero", *targets])
    findings = []
    for line in out.splitlines():
        match = _LOCATED.match(line)
        if match:
            code, _, message = match["rest"].partition(" ")
            path, row = runner.relative(match["path"]), int(match["line"])
            findings.append(Finding("flake8", code, path, row, message, runner.text(path, row)))
    return findings


def _diff_changes(runner: _Runner, tool: str, diff: str) -> list[Finding]:
    """Each line a unified diff removes (the line the tool would rewrite), and each run of
    lines it only adds, keyed by them and the first unchanged line after them (so an
    inserted blank line has a place)."""
    findings: list[Finding] = []
    path, line = "", 0
    removed: list[str] = []
    added: list[str] = []

    def flush(context: str) -> None:
        # each line the tool would rewrite is one change (hunks group differently when
        # neighbours moved); a run of lines it would only insert is one, with its context
        for text in removed:
            findings.append(Finding(tool, "reformat", path, line, "would reformat", f"-{text}"))
        if added and not removed:
            text = "\n".join([*(f"+{a}" for a in added), f" {context}"])
            findings.append(Finding(tool, "reformat", path, line, "would reformat", text))
        removed.clear()
        added.clear()

    for raw in diff.splitlines():
        if raw.startswith("--- "):
            flush("")
            path = runner.relative(raw[4:].split("\t")[0].removesuffix(":before").strip())
        elif raw.startswith("+++ "):
            continue
        elif raw.startswith("@@"):
            flush("")
            match = re.match(r"@@ -(\d+)", raw)
            line = int(match.group(1)) if match else 0
        elif raw.startswith("-"):
            removed.append(raw[1:].rstrip())
        elif raw.startswith("+"):
            added.append(raw[1:].rstrip())
        elif raw.startswith(" "):
            flush(raw[1:].strip())
            line += 1
    flush("")
    return findings


def _mypy(runner: _Runner, targets: Sequence[str], args: Sequence[str],
          python: str = PYTHON) -> list[Finding]:
    """mypy's errors (run by `python`: benchmarks/lint_realworld.py passes a project's)."""
    out = runner.run([python, "-m", "mypy", "--no-incremental", "--cache-dir", os.devnull,
                      "--show-error-codes", "--no-error-summary", "--no-pretty",
                      "--hide-error-context", "--no-color-output", *args, *targets], ok=(0, 1))
    findings = []
    for line in out.splitlines():
        match = re.match(r"^(.+?):(\d+): (error|note): (.*?)(?:  \[([\w-]+)\])?$", line)
        if match and match[3] == "error":
            path, row = runner.relative(match[1]), int(match[2])
            findings.append(Finding("mypy", match[5] or "error", path, row, match[4],
                                    runner.text(path, row)))
    return findings


def _pyright(runner: _Runner, targets: Sequence[str]) -> list[Finding]:
    out = runner.run([PYTHON, "-m", "pyright", "--outputjson", "--pythonpath", PYTHON, *targets],
                     ok=(0, 1))
    findings = []
    for item in json.loads(out or "{}").get("generalDiagnostics", []):
        if item.get("severity") != "error":
            continue
        path = runner.relative(item["file"])
        row = item["range"]["start"]["line"] + 1
        findings.append(Finding("pyright", item.get("rule", "error"), path, row, item["message"],
                                runner.text(path, row)))
    return findings


def _mask(message: str) -> str:
    """A type message with line numbers (`defined on line 12`) and the module part of
    qualified names (`"pkg.big.User"` -> `"...User"`) masked: both change when code moves."""
    message = re.sub(r"\bline \d+", "line N", message)
    return re.sub(r'"(?:\w+\.)+(\w+)"', r'"...\1"', message)
