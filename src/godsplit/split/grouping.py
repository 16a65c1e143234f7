"""A facade's `X as X` imports grouped one statement per module, as sorted by the project's
sorter with combine-as-imports on; wrapped in an isort action-comment block where the
sorter would split them again (normalize.py keeps that form when it is shorter)."""

from __future__ import annotations

import re

from .style import Style


def can_group(text: str, style: Style) -> bool:
    """Whether a facade's imports may be grouped: not for a project that wants one name
    per import, nor around the source's own isort action comments (they would nest)."""
    return not style.force_single_line and not _ISORT_ACTION.search(text)


_ISORT_ACTION = re.compile(r"#\s*isort\s*:\s*(off|on|skip_file)\b")
_AS_ITSELF = re.compile(r"\b(\w+) as \1\b")
ISORT_OFF = "# isort: off"
ISORT_ON = "# isort: on"


def protect(text: str, style: Style) -> str | None:
    """Imports sorted with `X as X` names grouped by module, in an isort action-comment
    block that keeps them as they are (ruff's isort and isort both honour it): when the
    project's sorter would split them again (combine-as-imports off, the default) or drop
    the alias (isort's remove_redundant_aliases). The order inside is the sorter's own.
    None when the sorter's own form is the grouped one, or there is no `X as X`. A blank
    line comes before `# isort: on`: black puts one between imports and a comment (ruff
    format keeps it), and isort leaves what it does not sort as it is."""
    if not text.strip() or not _AS_ITSELF.search(text) or (
            style.combine_as and not style.removes_redundant_aliases):
        return None
    return ISORT_OFF + "\n" + text.rstrip("\n") + "\n\n" + ISORT_ON + "\n"
