"""`godsplit verify`: each facade against the module as it was before the split.

The reference is the module before godsplit split it: the newest version, at or before
the git revision, of the source (or of the package facade that replaced it) that is not
itself a godsplit facade. So a broken facade committed to HEAD is still compared with the
real module. Where the split is applied and `verify-import` is on, the old module is also
imported in a fresh interpreter: it must import, and give every name the original bound.
Outside git, or with no earlier version, only that import check runs.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..files import decode_source, named_module, read_source
from ..types import Config, Finding, GodsplitError, SplitConfig
from .analyze import analyze
from .frameworks import import_setup
from .import_check import new_names
from .import_failure import ImportFailure
from .layout import make_layout
from .render import MARKER
from .runtime_bound import imported_before, runtime_binders
from .verify import Snapshot, compare_static, first_snapshot, static_names

HISTORY_LIMIT = 500  # commits searched back for the module before the split


@dataclass(frozen=True)
class Original:
    """The module before the split: its bytes, its path then, and the commit it is from."""

    data: bytes
    path: Path
    commit: str


def _git(top: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], cwd=top, capture_output=True, check=False)


def git_top(root: Path) -> Path | None:
    """The top of the git work tree holding `root`, or None outside git."""
    try:
        proc = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root,
                              capture_output=True, text=True, check=False)
    except OSError:  # no git installed
        return None
    return Path(proc.stdout.strip()) if proc.returncode == 0 else None


def resolve(top: Path, rev: str) -> str | None:
    """The commit `rev` names, or None if it names none."""
    proc = _git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    return proc.stdout.decode().strip() if proc.returncode == 0 else None


def original(top: Path, commit: str, paths: tuple[Path, ...]) -> Original | None:
    """The newest version at or before `commit` of any of `paths` that is not a facade."""
    relative = {path: path.resolve().relative_to(top.resolve()).as_posix() for path in paths}
    log = _git(top, "log", f"--max-count={HISTORY_LIMIT}", "--format=%H", commit, "--",
               *relative.values())
    for candidate in [commit, *log.stdout.decode().split()]:
        for path, rel in relative.items():
            shown = _git(top, "show", f"{candidate}:{rel}")
            if shown.returncode == 0 and MARKER.encode() not in shown.stdout:
                return Original(shown.stdout, path, candidate)
    return None


def verify_split(config: Config, split: SplitConfig, rev: str | None,
                 applied: bool = True) -> list[Finding]:
    """Findings for one split: what it was compared with (info), and every difference.
    A split not applied (no godsplit facade: `plan --check`) has nothing to compare: the
    module as it is would have been "compared with" itself, "before the split"."""
    layout = make_layout(split, config.root)
    path = str(split.source)
    facade = layout.facade_path
    current = facade if facade.exists() else split.source
    if not current.exists():
        return [Finding("GS401", "error", "the module and its facade are gone", path, 1)]
    top = git_top(config.root)
    if top is None and rev is not None:
        raise GodsplitError("--against needs a git repository", config.root)
    found: Original | None = None
    findings: list[Finding] = []
    if top is not None:
        commit = resolve(top, rev or "HEAD")
        if commit is None and rev is not None:
            raise GodsplitError(f"--against {rev}: no such git revision", config.root)
        if commit is not None:
            found = original(top, commit, (split.source, facade)) if applied else None
    if not applied and split.source.exists():  # (after --against is checked)
        return [Finding("GS407", "info", "not split yet (no godsplit facade at "
                        f"{facade.relative_to(config.root).as_posix()}): nothing to verify; "
                        "`godsplit apply` splits it", path, 1)]
    current_text = read_source(current)
    if found is None:
        why = "not in a git repository" if top is None else "no version before the split in git"
        findings.append(Finding("GS407", "info", f"{why}: nothing to compare the names with",
                                path, 1))
    else:
        old = decode_source(found.data, found.path)
        rel = found.path.resolve().relative_to(config.root.resolve()).as_posix()
        findings.append(Finding("GS407", "info", f"compared with {rel} as of commit "
                                f"{found.commit[:10]}, before the split", path, 1))
        findings.extend(compare_static(old, current_text, path))
    if config.verify_import and MARKER in current_text.text:
        findings.extend(_import_check(config, split, found, path))
    return findings


def _import_check(config: Config, split: SplitConfig, found: Original | None,
                  path: str) -> list[Finding]:
    """Import the old module (now the facade) in a fresh interpreter. A failure inside the
    split's own files is an error; one elsewhere (a framework not set up) skips the check,
    as apply does."""
    old_module, import_root = named_module(split.source, split.module_name)
    setup = import_setup(config, import_root)
    after, python = first_snapshot(config.root, import_root, old_module, setup.code,
                                   timeout=config.verify_timeout)
    if not isinstance(after, Snapshot):
        layout = make_layout(split, config.root)
        if _fails_in(after, (layout.package_dir, layout.facade_path, split.source)):
            return [Finding("GS406", "error", f"the old module {old_module} does not import: "
                            f"{after.error} (if it needs setup to import, set `verify-setup`)",
                            after.path or path, after.line or 1)]
        return [Finding("GS412", "info", "import check skipped: "
                        f"{setup.failed(after, old_module)}", path, 1)]
    said = ""
    if found is not None:
        analysis = analyze(decode_source(found.data, found.path))
        names, _ = static_names(analysis)
        missing = sorted(names - set(after.names))
        if missing:
            return [Finding("GS403", "error", f"importing {old_module} no longer gives: "
                            f"{', '.join(missing)}", path, 1)]
        # the count apply gave (the names before: its source's and the two every module
        # has) and what is new, which add up to this one
        names |= {"__name__", "__doc__"}
        said = f": the same {len(names)} as before the split{new_names(names, after.names)}"
        unread = runtime_binders(analysis)
        before = imported_before(split, config.root, import_root, old_module, found.data,
                                 setup.code, python, config.verify_timeout) if unread and (
            found.path.resolve() == split.source.resolve()) else None
        if before is not None:  # names the old text binds at run time: import it, as apply
            gone = sorted(set(before.names) - set(after.names))
            if gone:
                return [Finding("GS403", "error", f"importing {old_module} no longer gives: "
                                f"{', '.join(gone)}", path, 1)]
            added = new_names(before.names, after.names)
            # the old text with the other modules as they are now, as the facade imports
            # them: a difference is the split's, not a later edit of a module it imports
            said = (f": the same {len(before.names)} as before the split (its source as of "
                    f"commit {found.commit[:10]}, imported with today's other modules){added}")
        elif unread:  # and that import failed: not countable from the text
            said = (f", among them all {len(names)} the old source binds where it can be "
                    f"read; it bound more at run time ({'; '.join(unread)}), which only an "
                    "import of it before the split counts (apply's import check)")
    return [Finding("GS400", "info", f"imported {old_module} in a fresh interpreter: "
                    f"{len(after.names)} names{said}", path, 1)]


def _fails_in(failure: ImportFailure, own: tuple[Path, ...]) -> bool:
    """Whether the innermost frame of the failure's traceback is in one of the `own`
    files or directories."""
    if not failure.path:
        return False
    failed = Path(failure.path).resolve()
    return any(failed == place.resolve() or place.resolve() in failed.parents for place in own)
