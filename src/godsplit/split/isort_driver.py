"""The pinned isort's side of `isort_server`: run with `python -c` in the interpreter that
has the project's isort (5.0 or later; it need not have godsplit).

It reads one JSON request per line on stdin (the document, its path, isort's settings path
and overrides, and whether to group the imports) and writes one JSON line per request: the
sorted document, or the error sorting it raised. It exits when stdin closes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import isort  # type: ignore[import-not-found,unused-ignore]


def sort(request: dict[str, Any]) -> str:
    """The document sorted as the project's isort sorts it, to a fixed point (3 passes at
    most); unchanged when isort skips the file."""
    config = isort.Config(settings_path=request["settings_path"], **request["overrides"])
    config = isort.Config(config=config, atomic=False, add_imports=frozenset(),
                          verbose=False, quiet=True)  # debug lines would break the protocol
    if request["group"]:
        config = isort.Config(config=config, combine_as_imports=True)
    document: str = request["document"]
    try:
        for _ in range(3):
            document, before = isort.code(document, config=config,
                                          file_path=Path(request["path"])), document
            if document == before:
                break
    except isort.exceptions.FileSkipped:
        pass
    return document


def reply(line: str) -> dict[str, str]:
    try:
        return {"document": sort(json.loads(line))}
    except Exception as exc:  # named as a traceback's last line names it
        kind = type(exc)
        name = kind.__qualname__ if kind.__module__ == "builtins" else (
            f"{kind.__module__}.{kind.__qualname__}")
        return {"error": f"{name}: {exc}"}


def main() -> None:
    for line in sys.stdin:
        sys.stdout.write(json.dumps(reply(line)) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
