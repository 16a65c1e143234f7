"""Which rules a linter reports: a selection in layers (ruff's `extend` chain), per-file
ignores, and ruff's own reading of it (its default rules, its preview rules, the rules the
ruff run for the project knows: `split/ruff_pin.py`).
"""

from __future__ import annotations

import fnmatch
import re
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .ruff_pin import ProjectRuff, parse_version, unknown_rules
from .style_files import Section

RUFF_DEFAULT_SELECT = ("E4", "E7", "E9", "F")  # ruff's defaults before 0.17 (a fallback)
# Without a configuration: ruff's default rules plus I and E501 at 88, "ruff's defaults"
# being both the installed ruff's and the long-standing E4, E7, E9, F that older rufs and
# most projects' CI still check (E402 among them): lines clean under either set
NO_CONFIG_EXTRA = ("I", "E501", *RUFF_DEFAULT_SELECT)


@dataclass(frozen=True)
class RuleLayer:
    """One configuration's rule selection: `select` replaces what came before (None keeps
    it), `extend_select` adds, `ignore` removes; a more specific prefix wins, ignore on a tie."""

    select: tuple[str, ...] | None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rules:
    """A linter's effective rule selection, and its per-file ignores."""

    layers: tuple[RuleLayer, ...]
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # absolute glob -> codes
    off: frozenset[str] = frozenset()  # never reported: preview rules, preview off (ruff)

    def enables(self, code: str, path: Path | None = None) -> bool:
        """Whether `code` is reported (in `path`, when given: per-file ignores apply)."""
        if code in self.off:
            return False
        enabled = False
        for layer in self.layers:
            chosen = specificity(code, (*(layer.select or ()), *layer.extend_select))
            dropped = specificity(code, layer.ignore)
            if layer.select is not None:
                enabled = chosen > dropped
            elif chosen > dropped:
                enabled = True
            elif dropped >= 0:
                enabled = False
        if enabled and path is not None:
            return specificity(code, tuple(self.ignored(path))) < 0
        return enabled

    def ignored(self, path: Path) -> frozenset[str]:
        """The codes (prefixes) the per-file ignores that match `path` name."""
        out: set[str] = set()
        for pattern, codes in self.per_file_ignores:
            negated = pattern.startswith("!")  # ruff's: every file but those matching
            if glob_match(path, pattern.removeprefix("!")) != negated:
                out.update(codes)
        return frozenset(out)


def ruff_default_rules(executable: str = "") -> tuple[str, ...]:
    """The rules ruff enables when nothing selects any, as `executable` (default: the ruff
    installed with godsplit) reports them (`--isolated --show-settings`): E4, E7, E9 and F
    up to ruff 0.16; ruff 0.17 enables about 400 (PLC0414 and I001 among them, E402 no
    longer). The older set when that ruff cannot say. Asked again when the executable is
    replaced (`file_stamps`)."""
    from .file_stamps import stamp
    from .ruff_tool import ruff_binary

    executable = executable or ruff_binary()
    return _ruff_default_rules(executable, stamp(Path(executable)))


@lru_cache(maxsize=16)
def _ruff_default_rules(executable: str, _key: object) -> tuple[str, ...]:
    try:
        proc = subprocess.run(
            [executable, "check", "--isolated", "--show-settings", __file__],
            capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return RUFF_DEFAULT_SELECT
    enabled = re.search(r"^linter\.rules\.enabled = \[\n(.*?)^\]", proc.stdout,
                        re.MULTILINE | re.DOTALL)
    codes = re.findall(r"\(([A-Z]+[0-9]+)\),?$", enabled.group(1), re.MULTILINE) if (
        enabled) else []
    return tuple(codes) or RUFF_DEFAULT_SELECT


def _defaults(tool: ProjectRuff | None) -> tuple[str, ...]:
    """The default rules of the ruff the project runs: its own answer where godsplit runs
    it; ruff's defaults before 0.17 where the project pins such a ruff that was not found."""
    if tool is not None and not tool.own:
        return ruff_default_rules(tool.executable)
    if tool is not None and tool.differs and tool.pin is not None and (
            parse_version(tool.pin.version) < (0, 17)):
        return RUFF_DEFAULT_SELECT
    return ruff_default_rules()


def read_ruff_rules(ruff: Section | None, tool: ProjectRuff | None = None) -> Rules:
    """The rules the project's ruff reports, as the ruff it runs (`tool`) reads `ruff`:
    a rule that ruff does not know is never reported (so never named in a noqa)."""
    from .ruff_tool import preview_rules, redirected, ruff_binary

    previews = preview_rules(tool.executable if tool is not None else "")
    unknown = unknown_rules(tool, ruff_binary()) if tool is not None else frozenset()
    if ruff is None:
        return Rules((RuleLayer(_defaults(tool), NO_CONFIG_EXTRA),), off=previews | unknown)
    layers = [RuleLayer(_defaults(tool))]
    ignores: list[tuple[str, tuple[str, ...]]] = []
    for config in ruff.chain():  # the extended configs first
        lint = config.lint(inherit=False)
        select = lint.strings("select") if "select" in lint.keys(inherit=False) else None
        layers.append(RuleLayer(
            redirected(select) if select is not None else None,
            redirected(lint.strings("extend-select")),
            redirected(lint.strings("ignore") + lint.strings("extend-ignore")),
        ))
        for key in ("per-file-ignores", "extend-per-file-ignores"):
            table = lint.sub(key)
            if table is not None:
                for pattern in table.keys(inherit=False):
                    ignores.append((anchor(config.path, pattern, negatable=True),
                                    redirected(table.strings(pattern))))
    # `lint.preview`, else the top-level one (`extend` too); `explicit-preview-rules`: by full code
    preview, explicit = (ruff.lint().boolean(key, ruff.boolean(key, False))
                         for key in ("preview", "explicit-preview-rules"))
    named = {code for layer in layers[1:] for code in (*(layer.select or ()), *layer.extend_select)}
    off = previews - named if explicit else frozenset()
    return Rules(tuple(layers), tuple(ignores), (off if preview else previews) | unknown)


def specificity(code: str, prefixes: tuple[str, ...]) -> int:
    """The length of the longest prefix of `code` in `prefixes` (ALL: 0), or -1."""
    best = -1
    for prefix in prefixes:
        if prefix == "ALL":
            best = max(best, 0)
        elif code.startswith(prefix):
            best = max(best, len(prefix))
    return best


def anchor(config: Path, pattern: str, negatable: bool = False) -> str:
    """A per-file-ignores pattern: with a slash, relative to the config's directory; a bare
    file name pattern (`__init__.py`) matches that name anywhere. `negatable` (ruff's): a
    leading `!` applies the ignores to every file the rest does not match, and stays."""
    pattern = pattern.strip()
    if negatable and pattern.startswith("!"):
        return "!" + anchor(config, pattern[1:])
    if pattern.startswith("!"):  # flake8's: a name with a `!`, not a negation
        return (config.parent / pattern).as_posix()
    if "/" not in pattern or Path(pattern).is_absolute():
        return pattern
    return (config.parent / pattern.removeprefix("./")).as_posix()


def glob_match(path: Path, pattern: str) -> bool:
    if "/" not in pattern:
        return fnmatch.fnmatch(path.name, pattern)
    text = path.resolve().as_posix()
    return fnmatch.fnmatch(text, pattern) or fnmatch.fnmatch(text, pattern.replace("**/", ""))
