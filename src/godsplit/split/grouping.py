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
# a noqa comment after a wrapped import's closing parenthesis: where ruff's isort puts those
# of the statements it merges (pyOpenSSL's eight `from OpenSSL._util import (x as _x)`,
# each marked for F401), and where ruff's F401 does not read it
_NOQA_AFTER_PAREN = re.compile(r"^\)\s*#\s*noqa\b", re.MULTILINE)
# several noqa comments one after another on a line (each merged statement's): isort joins
# the comments of the statements it merges with "; " (`noqa: E402; noqa: F401, E402` after
# the hash: flake8 reads the first list only; blessed's `keyboard.py` facade, 24 F401)
_NOQA_RUN = re.compile(r"#\s*noqa:\s*([\w, ]+?)((?:(?:\s*;\s*|\s+#\s*)noqa:\s*[\w, ]+?)+)$",
                       re.MULTILINE)
ISORT_OFF = "# isort: off"
ISORT_ON = "# isort: on"


def protect(text: str, style: Style) -> str | None:
    """Imports sorted with `X as X` names grouped by module, in an isort action-comment
    block that keeps them as they are (ruff's isort and isort both honour it): when the
    project's sorter would split them again (combine-as-imports off, the default) or drop
    the alias (isort's remove_redundant_aliases). The order inside is the sorter's own.
    None when the sorter's own form is the grouped one, or there is no `X as X`. A blank
    line comes before `# isort: on`: black puts one between imports and a comment (ruff
    format keeps it), and isort leaves what it does not sort as it is. None too when ruff's
    isort merged statements marked `# noqa` (their comments go after the `)`, where they
    no longer apply), or when a line's code is over the line limit (`_over`)."""
    if not text.strip() or not _AS_ITSELF.search(text) or (
            style.combine_as and not style.removes_redundant_aliases):
        return None
    if style.sorter != "isort" and _NOQA_AFTER_PAREN.search(text):
        return None  # merged noqa comments that no longer apply: the sorter's own form
    text = _NOQA_RUN.sub(_one_noqa, text)
    if _over(text, style.lint_line_length, style.long_line_code):
        return None  # the sorter's own form: each long name on a line of its own, marked
    return ISORT_OFF + "\n" + text.rstrip("\n") + "\n\n" + ISORT_ON + "\n"


def _over(text: str, limit: int | None, code: str) -> bool:
    """Whether code on a line of `text` (its comment left out) is over the line limit
    without a noqa for `code` (E501) of its own: isort's grid wraps a long `X as X` name
    after the `(` column (blessed's `_match_legacy_csi_letter_form as
    _match_legacy_csi_letter_form)`, 101 columns of 100), where no noqa of the statement's
    first line reaches ruff's E501."""
    return limit is not None and any(
        len(line.partition("  #")[0].rstrip()) > limit
        and not re.search(rf"#\s*noqa:[\w, ]*\b{code}\b", line) for line in text.splitlines())


def _one_noqa(match: re.Match[str]) -> str:
    """One `# noqa:` comment for a run of them (each merged statement's), with each code
    once, in their order."""
    codes = re.findall(r"\b[A-Z]+[0-9]+\b", match[0])
    return "# noqa: " + ", ".join(dict.fromkeys(codes))
