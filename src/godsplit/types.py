"""Plain data passed between godsplit's stages: config, findings, plans, results.

Every stage (analyze -> plan -> render -> write -> verify) takes and returns these
frozen dataclasses; nothing here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

# The configuration's own types live in configtypes.py, which `godsplit check` imports
# without this module; they are re-exported here, where every stage looks for them.
from .configtypes import Config, CountMode, GodsplitError, PerPathLimit

__all__ = [
    "FACADE", "Config", "CountMode", "Edge", "FacadeMode", "FileChange", "Finding",
    "GodsplitError", "ImportStyle", "PerPathLimit", "Placement", "PlacementReason", "Plan", "PlannedModule",
    "Severity", "SplitConfig",
]

Severity = Literal["error", "warning", "info"]
FacadeMode = Literal["live", "static", "deprecated"]
ImportStyle = Literal["relative", "absolute"]


@dataclass(frozen=True)
class Finding:
    """Something the plan or verify step wants a person to know, with a stable code."""

    code: str
    severity: Severity
    message: str
    path: str
    line: int = 1
    # the top-level names of the source it says must stay where they were (GS416, GS408):
    # what `suggest` keeps in the old module when its import check finds them; for GS405,
    # the names `import *` no longer gives
    names: tuple[str, ...] = ()

    def render(self) -> str:
        return f"{self.path}:{self.line}: {self.code} {self.severity}: {self.message}"


@dataclass(frozen=True)
class SplitConfig:
    """One `[[split]]` table: how to split one source module."""

    source: Path
    package: Path | None = None
    shared: str | None = None
    default: str | None = None
    modules: tuple[tuple[str, tuple[str, ...]], ...] = ()
    facade: FacadeMode = "live"
    pin_task_names: bool = True
    keep_module_name: bool = False
    task_decorators: tuple[str, ...] = ("shared_task", "task", "periodic_task")
    line: int = 1  # of the [[split]] header in the config file
    source_line: int | None = None  # of its `source` key, if known
    keep: tuple[str, ...] = ()  # names (or patterns) that stay in the old module
    import_style: ImportStyle | None = None  # between new modules; None: as the source does
    # Where the mapping is written, for findings about it (GS100, GS101, GS106, GS109):
    # the config file, (module, name, line) of each mapped name (module FACADE: of `keep`)
    # and (module, line) of each module key. Empty when the lines are not known (a config built in memory).
    config_path: Path | None = None
    name_lines: tuple[tuple[str, str, int], ...] = ()
    module_lines: tuple[tuple[str, int], ...] = ()
    # `module-name`: the name the project imports the source by, when its packages give it
    # a longer one (a package directory also on sys.path: GS423); None: the packages' name
    module_name: str | None = None


FACADE = "<facade>"
PlacementReason = Literal["mapped", "carried", "shared", "default", "facade"]


@dataclass(frozen=True)
class Placement:
    """Where one unit (a definition and what belongs to it) goes, and why."""

    names: tuple[str, ...]
    module: str  # a new module's name, or FACADE
    reason: PlacementReason
    detail: str
    line: int


@dataclass(frozen=True)
class Edge:
    """New module `source` imports `names` from new module `target`."""

    source: str
    target: str
    names: tuple[str, ...]
    import_time: bool  # needed while `source` is imported (not only inside functions)
    deferred: bool  # placed at the end of `source` to break a call-time cycle
    typing_only: bool  # read only in annotations (imported at run time all the same, as the
    # source had them: get_type_hints, pydantic and singledispatch evaluate annotations)
    backpatch: bool = False  # deferred in a cycle with import-time edges: guarded, and
    # `target` hands the names over when it finishes
    live: tuple[str, ...] = ()  # globals rebound at run time in `target`, read as
    # `target.name` (the module object is imported, so they are read live)
    live_last: bool = False  # that module object is imported at the end of `source` (read
    # only at call time in a cycle: at the top it would run `target` before `source` is done)


@dataclass(frozen=True)
class PlannedModule:
    name: str
    path: Path
    dotted: str
    lines: int
    names: tuple[str, ...]


@dataclass(frozen=True)
class FileChange:
    """One file apply writes (data is the encoded bytes) or deletes (data is None).
    `mode`: the permission bits it gets if it does not exist yet (a split's new files get
    the god file's: a private source makes a private package); None: the default. A file
    that exists keeps its own mode."""

    path: Path
    data: bytes | None
    mode: int | None = None


@dataclass(frozen=True)
class Plan:
    source: Path
    old_module: str
    facade: Path
    package: Path
    layout: Literal["package", "sibling"]
    max_lines: int
    modules: tuple[PlannedModule, ...] = ()
    facade_lines: int = 0
    placements: tuple[Placement, ...] = ()
    edges: tuple[Edge, ...] = ()
    findings: tuple[Finding, ...] = ()
    changes: tuple[FileChange, ...] = ()
    public_names: tuple[str, ...] = ()
    already_split: bool = False
    # name -> dotted new modules whose code looks the name up (where a patch must go)
    lookups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # class or function name -> the modules its `__module__` may name after the split when
    # it named the old module before (`split/module_homes.py`)
    homes: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")
