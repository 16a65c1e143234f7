"""Build settings that read the project's version from the god file by its path (GS146).

pyshp 3.1.6 builds with hatch and `[tool.hatch.version] path = "src/shapefile.py"`: split
into the package `src/shapefile/`, the file is gone, and `pip install .` stopped at
"Error getting the version from source `regex`: file does not exist: src/shapefile.py",
after a split "verified" from the source tree. Reported, with the line of the setting and
the file the split writes that assigns the version, where a split removes the file that:
- hatch's `regex` (its default) or `code` version source reads (`path` under
  [tool.hatch.version]);
- pdm-backend's `file` version source reads (`path` under [tool.pdm.version]).
Settings that name the module by its dotted name (setuptools' `attr:`, flit) still find it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..types import Finding
from .dist_metadata import project_dir, text_of, toml_data, toml_line

# hatchling's DEFAULT_PATTERN (version/source/regex.py) and pdm-backend's file source's
_HATCH = r"(?i)^(__version__|VERSION) *= *([\'\"])v?(?P<version>.+?)\2"
_PDM = r"^__version__\s*=\s*[\"'](.+?)[\"']\s*(?:#.*)?$"


def version_findings(source: Path, removed: Iterable[Path], texts: Mapping[Path, str],
                     root: Path | None) -> list[Finding]:
    """GS146 warnings for the version settings that read `source` by path, when the split
    removes it (`removed`: the files apply deletes; `texts`: the files it writes)."""
    target = source.resolve()
    if target not in {p.resolve() for p in removed}:
        return []
    project = project_dir(source, root)
    if project is None:
        return []
    path = project / "pyproject.toml"
    tool = toml_data(path).get("tool", {})
    settings: list[tuple[str, str, object, str | None]] = []
    hatch = tool.get("hatch", {}).get("version", {})
    if isinstance(hatch, dict) and hatch.get("source", "regex") in ("regex", "code"):
        pattern = hatch.get("pattern")  # `code` runs the file alone: no relative imports
        settings.append(("tool.hatch.version", "hatch", hatch.get("path"), None if hatch.get(
            "source") == "code" else pattern if isinstance(pattern, str) else _HATCH))
    pdm = tool.get("pdm", {}).get("version", {})
    if isinstance(pdm, dict) and pdm.get("source") == "file":
        settings.append(("tool.pdm.version", "pdm-backend", pdm.get("path"), _PDM))
    findings = []
    for header, backend, value, pattern in settings:
        if not isinstance(value, str) or (project / value).resolve() != target:
            continue
        holder = _holder(texts, pattern, project) if pattern else None
        edit = (f"set it to {holder!r}, the file the split writes that assigns the version"
                if holder else "point `path` at a file that defines the version and runs "
                "on its own" if pattern is None else "no file the split writes assigns the "
                f"version in the form {backend} reads ({pattern}): point `path` at one that does")
        findings.append(Finding(
            "GS146", "warning",
            f"{path.name} [{header}] path = {value!r}: {backend} reads the project's version "
            f"from {source.name}, which the split removes; building the project (`pip "
            "install .`) would fail with \"file does not exist\", although the split is "
            f"verified from the source tree; {edit}",
            str(path), toml_line(text_of(path), header, "path")))
    return findings


def _holder(texts: Mapping[Path, str], pattern: str, project: Path) -> str | None:
    """The first written file (the facade first) whose text the version pattern matches,
    relative to the project; None if none does."""
    order = sorted(texts, key=lambda p: (p.name != "__init__.py", str(p)))
    for file in order:
        try:
            if re.search(pattern, texts[file], flags=re.MULTILINE):
                return file.resolve().relative_to(project.resolve()).as_posix()
        except (re.error, ValueError):
            return None
    return None
