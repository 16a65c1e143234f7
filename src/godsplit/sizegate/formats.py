"""`godsplit check` results as JSON, GitHub Actions annotations and SARIF 2.1.0 (pure functions).

Every function returns a string and prints nothing. Paths are relative to the project
root with `/` separators; commands in `next_step` are meant to run from that root.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .. import __version__
from . import DEFAULT_BASELINE
from .core import CheckResult, ModuleResult

TYPE_CHECKING = False  # (no `typing` import at run time: see configtypes.py)
if TYPE_CHECKING:
    from typing import Any

JSON_VERSION = 1
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/godsplit/"

# Stable rule ids, shared by SARIF and the GitHub annotation titles.
RULES: dict[str, tuple[str, str]] = {
    "over": ("GS-SIZE001", "module-too-long"),
    "grown": ("GS-SIZE002", "module-grew-past-baseline"),
    "shrunk": ("GS-SIZE003", "baseline-can-shrink"),
    "fixed": ("GS-SIZE004", "baseline-entry-can-be-dropped"),
}
_RULE_HELP = {
    "over": "A module is longer than its line limit. Split it into focused modules "
            "behind a facade (`godsplit suggest`, then `godsplit plan`/`apply`).",
    "grown": "A module recorded in the baseline grew. Baselined modules may not grow; "
             "split it or shrink it back.",
    "shrunk": "A baselined module shrank but is still over its limit. Record the smaller "
              "size with `godsplit check --update-baseline` so it cannot grow back.",
    "fixed": "A baselined module is now within its limit. Drop it from the baseline "
             "with `godsplit check --update-baseline`.",
}


# Characters a shell takes as they are: a path made of them needs no quotes; others are
# single-quoted as shlex.quote does.
_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./+,:@%=")


def count_word(result: CheckResult) -> str:
    return "code lines" if result.count == "code" else "lines"


def next_step(module: ModuleResult, result: CheckResult, path: str | None = None) -> str:
    """The command that plans the module's split (or tends the baseline)."""
    where = path if path is not None else module.path
    quoted = where if _SAFE.issuperset(where) else "'" + where.replace("'", "'\"'\"'") + "'"
    if module.status in ("fixed", "shrunk", "gone"):
        baseline = result.baseline
        if baseline is None or baseline == result.root / DEFAULT_BASELINE:
            return "godsplit check --update-baseline"
        return f"godsplit check --update-baseline --baseline {_relative(baseline, result.root)}"
    if module.split_configured:
        return f"godsplit plan {quoted}"
    extra = f" --max-lines {module.limit}" if module.limit != result.config_max_lines else ""
    return f"godsplit suggest {quoted}{extra}"


def message(module: ModuleResult, result: CheckResult) -> str:
    """One sentence saying what is wrong (or what can be tidied) and by how much."""
    return f"{module.path} {predicate(module, result)}"


def predicate(module: ModuleResult, result: CheckResult) -> str:
    """The message without the module's path in front."""
    unit = count_word(result)
    if module.status == "over":
        return f"has {module.lines} {unit}, {module.overflow} over its limit of {module.limit}"
    if module.status == "grown":
        return (f"grew from {module.baseline} to {module.lines} {unit} "
                f"(limit {module.limit}, baselined modules may not grow)")
    if module.status == "shrunk":
        return (f"shrank from {module.baseline} to {module.lines} {unit}; "
                f"record the smaller size in the baseline")
    if module.status == "fixed":
        return (f"is within its limit now ({module.lines} of {module.limit} "
                f"{unit}); drop it from the baseline")
    if module.status == "gone":
        return "no longer exists; drop it from the baseline"
    return f"has {module.lines} {unit}, held at its baseline size (limit {module.limit})"


def summary(result: CheckResult) -> str:
    """The one-line summary that ends every text report."""
    counts = result.counts()
    checked = f"{result.files_checked} module{'s' if result.files_checked != 1 else ''} checked"
    unit = f"limit {result.max_lines} {count_word(result)}"
    parts = []
    if counts["over"]:
        parts.append(f"{counts['over']} over the limit")
    if counts["grown"]:
        parts.append(f"{counts['grown']} grew past the baseline")
    if counts["baselined"] + counts["shrunk"]:
        parts.append(f"{counts['baselined'] + counts['shrunk']} held by the baseline")
    tidy = counts["shrunk"] + counts["fixed"] + counts["gone"]
    if tidy:
        parts.append(f"{tidy} baseline entr{'ies' if tidy != 1 else 'y'} to update")
    verdict = "FAILED" if not result.passed else "passed"
    details = "; ".join(parts) if parts else "all within their limits"
    return f"godsplit check {verdict}: {details} ({checked}; {unit})"


def excluded_line(result: CheckResult) -> str | None:
    """The line that says baselined modules were skipped (an exclude now covers them), so
    they leave the report visibly rather than silently."""
    excluded = result.excluded_baselined
    if not excluded:
        return None
    names = ", ".join(excluded[:3]) + (", ..." if len(excluded) > 3 else "")
    return (f"{len(excluded)} baselined file{'s' if len(excluded) != 1 else ''} now excluded, "
            f"not checked ({names}); `godsplit check --update-baseline` drops "
            f"{'them' if len(excluded) != 1 else 'it'} from the baseline")


def module_data(module: ModuleResult, result: CheckResult) -> dict[str, Any]:
    return {
        "path": module.path,
        "lines": module.lines,
        "limit": module.limit,
        "overflow": module.overflow,
        "status": module.status,
        "failed": module.failed,
        "baseline": module.baseline,
        "message": message(module, result),
        "next_step": next_step(module, result),
    }


def to_json(result: CheckResult) -> str:
    """The documented, stable JSON document (see the README for every key)."""
    import json

    document = {
        "version": JSON_VERSION,
        "tool": {"name": "godsplit", "version": __version__},
        "passed": result.passed,
        "count": result.count,
        "max_lines": result.max_lines,
        "files_checked": result.files_checked,
        "baseline": _relative(result.baseline, result.root) if result.baseline else None,
        "summary": result.counts(),
        "modules": [module_data(module, result) for module in result.modules],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def to_github(result: CheckResult) -> str:
    """GitHub Actions workflow commands: an `::error` per failure, `::notice` per tidy-up."""
    lines = []
    for module in result.modules:
        if module.status in ("baselined", "gone"):
            continue
        level = "error" if module.failed else "notice"
        title = RULES[module.status][1]
        text = f"{message(module, result)}. Next: {next_step(module, result)}"
        lines.append(
            f"::{level} file={_escape_property(module.path)},line=1,"
            f"title={_escape_property(f'godsplit: {title}')}::{_escape_data(text)}"
        )
    lines.append(summary(result))
    return "\n".join(lines)


def to_concise(result: CheckResult, shown: Callable[[ModuleResult], str] | None = None) -> str:
    """One `path:line:col: CODE message` line per module to act on (what editors, grep and
    problem matchers read), then the summary. `shown` gives the path to print (default:
    relative to the project root)."""
    lines = []
    for module in result.modules:
        if module.status not in RULES:  # held at the baseline, or gone: no file to point at
            continue
        path = shown(module) if shown is not None else module.path
        lines.append(f"{path}:1:1: {RULES[module.status][0]} {predicate(module, result)} "
                     f"(next: {next_step(module, result, path)})")
    lines.append(summary(result))
    return "\n".join(lines)


def to_sarif(result: CheckResult) -> str:
    """A SARIF 2.1.0 log with one run, for code-scanning dashboards. Paths are URI
    references: percent-encoded (`my file.py` is `my%20file.py`)."""
    import json
    from urllib.parse import quote
    statuses = list(RULES)
    rules = [
        {
            "id": RULES[status][0],
            "name": RULES[status][1],
            "shortDescription": {"text": RULES[status][1].replace("-", " ")},
            "fullDescription": {"text": _RULE_HELP[status]},
            "help": {"text": _RULE_HELP[status]},
            "defaultConfiguration": {"level": "error" if status in ("over", "grown") else "note"},
        }
        for status in statuses
    ]
    results = []
    for module in result.modules:
        if module.status not in RULES:
            continue
        rule_id, _ = RULES[module.status]
        results.append({
            "ruleId": rule_id,
            "ruleIndex": statuses.index(module.status),
            "level": "error" if module.failed else "note",
            "message": {"text": f"{message(module, result)}. Next: {next_step(module, result)}"},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": quote(module.path), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": 1},
                },
            }],
            "partialFingerprints": {"godsplitModule/v1": f"{rule_id}:{module.path}"},
            "properties": {
                "lines": module.lines, "limit": module.limit, "overflow": module.overflow,
                "baseline": module.baseline, "count": result.count,
            },
            "baselineState": "updated" if module.status == "grown" else (
                "new" if module.status == "over" else "unchanged"
            ),
        })
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "godsplit",
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": result.root.as_uri() + "/"}},
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False)
