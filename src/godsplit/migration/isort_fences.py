"""What retire keeps of godsplit's `# isort: off` / `# isort: on` fence (round 32).

`grouping.protect` fences the facade's imports so the project's sorter keeps them as
written. retire drops those imports; a fence around no import does nothing, and a lone
`# isort: off` (its `# isort: on` went with the statement below the imports) would turn
the sorter off for whatever is written in the retired `__init__.py` later. mongomock's
retired `__init__.py` was that one line, said to be "its opening comments".
"""

from __future__ import annotations

from ..split.grouping import ISORT_OFF, ISORT_ON

_FENCE = (ISORT_OFF, ISORT_ON)


def is_fence(comment: str) -> bool:
    return comment.strip() in _FENCE


def without_empty_fences(text: str) -> str:
    """`text` without each `# isort: off` line that no import follows before its
    `# isort: on` (or the end), nor that `# isort: on`, nor an `# isort: on` no
    `# isort: off` opened."""
    lines = text.splitlines(keepends=True)
    drop: set[int] = set()
    opened: int | None = None
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped == ISORT_OFF and opened is None:
            opened = i
        elif stripped == ISORT_ON:
            if opened is None or not _imports(lines[opened + 1:i]):
                drop |= {i} if opened is None else {opened, i}
            opened = None
    if opened is not None and not _imports(lines[opened + 1:]):
        drop.add(opened)
    if not drop:
        return text
    kept = "".join(line for i, line in enumerate(lines) if i not in drop)
    kept = "\n\n".join(part.strip("\n") for part in kept.split("\n\n\n") if part.strip())
    return kept.strip("\n") + "\n" if kept.strip() else ""


def _imports(lines: list[str]) -> bool:
    return any(line.lstrip().startswith(("import ", "from ")) for line in lines)
