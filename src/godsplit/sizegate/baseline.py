"""The baseline file: today's oversized modules and their sizes, so they pass until they grow.

A small JSON file meant to be committed and reviewed: one module per line, sorted by
path, paths relative to the project root with `/` separators::

    {
      "godsplit-baseline": 1,
      "count": "physical",
      "modules": {
        "app/tasks.py": 1834,
        "legacy/views.py": 1620
      }
    }

The counting mode is recorded because code and physical sizes are not comparable.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..configtypes import CountMode, GodsplitError
from . import DEFAULT_BASELINE

FORMAT_VERSION = 1
DEFAULT_NAME = DEFAULT_BASELINE


@dataclass(frozen=True)
class Baseline:
    count: CountMode
    modules: Mapping[str, int] = field(default_factory=dict)


def read_baseline(path: Path) -> Baseline:
    """Read a baseline file; any problem is a GodsplitError naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GodsplitError(
            "baseline file not found (create it with `godsplit check --update-baseline`)", path
        ) from None
    except OSError as exc:
        raise GodsplitError(f"cannot read baseline: {exc.strerror}", path) from None
    import json

    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GodsplitError(f"invalid JSON in baseline: {exc.msg}", path, exc.lineno) from None
    if not isinstance(raw, dict) or raw.get("godsplit-baseline") != FORMAT_VERSION:
        raise GodsplitError(
            f"not a godsplit baseline (expected \"godsplit-baseline\": {FORMAT_VERSION})", path
        )
    count = raw.get("count")
    if count not in ("physical", "code"):
        raise GodsplitError(f"baseline 'count' must be 'physical' or 'code', not {count!r}", path)
    modules = raw.get("modules")
    if not isinstance(modules, dict) or not all(
        isinstance(size, int) and not isinstance(size, bool) and size >= 0
        for size in modules.values()
    ):
        raise GodsplitError("baseline 'modules' must map paths to line counts", path)
    return Baseline(count="code" if count == "code" else "physical", modules=dict(modules))


def render_baseline(baseline: Baseline) -> str:
    """The file's text: stable, sorted, one module per line, final newline."""
    import json

    data = {
        "godsplit-baseline": FORMAT_VERSION,
        "count": baseline.count,
        "modules": dict(sorted(baseline.modules.items())),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_baseline(path: Path, baseline: Baseline) -> None:
    """Write atomically (temporary file in the same directory, then rename)."""
    text = render_baseline(baseline)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(text, encoding="utf-8", newline="\n")
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise GodsplitError(f"cannot write baseline: {exc.strerror}", path) from None
