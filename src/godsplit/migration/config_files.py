"""Uses of an old module in the project's configuration files, which are not Python.

An entry point (`[project.scripts] tool = "pkg.big:main"`), pytest's
`DJANGO_SETTINGS_MODULE = proj.settings`, a Procfile's `gunicorn proj.wsgi:application`,
a workflow's `python -m pkg.big.tool` or a systemd unit's, supervisord program's or shell
script's command line load the old module by its name. The facade
answers them; a retired one does not. Each is listed (`file:line`, and where the name
lives now) for a person to edit, so `migrate --check` fails and `retire` refuses until
they are gone. Documentation is not searched: it does not break.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..split.project_walk import SKIP_DIRS
from .edit import Use
from .homes import Homes

_SUFFIXES = (".toml", ".cfg", ".ini", ".yml", ".yaml", ".sh", ".bash", ".conf", ".service",
             ".mk", ".dockerfile", ".env")
# `Procfile.dev`, `Dockerfile.worker`, `.env.production` too
_NAMES = ("Procfile", "Dockerfile", "Makefile", ".env")


def config_files(root: Path, skip: Path | None, docs: bool = False) -> Iterator[Path]:
    """The configuration files under `root` (not `skip`, godsplit's own); with `docs`, the
    documentation too (`.rst`, `.md`, `.txt`: a deployment guide's command lines) and the
    JSON files and templates that hold command lines (a Kubernetes manifest's `args`, a
    Helm chart's `.tpl`, a devcontainer's `postStartCommand`)."""
    suffixes = _SUFFIXES + ((".rst", ".md", ".txt", ".json", ".tpl") if docs else ())
    for directory, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if (d not in SKIP_DIRS or d == ".github")
                         and not d.endswith(".egg-info"))
        for name in sorted(files):
            path = Path(directory, name)
            if (name.endswith(suffixes) or name.startswith(_NAMES)) and not path.is_symlink() and (
                    skip is None or path.resolve() != skip.resolve()):
                yield path


def config_uses(root: Path, homes: Sequence[Homes], skip: Path | None) -> list[Use]:
    """Every mention of an old module, as a dotted name, in the configuration files."""
    found: list[Use] = []
    patterns = [(h, re.compile(rf"(?<![\w.]){re.escape(h.old_module)}(?:([.:])(\w+))?(?![\w])"))
                for h in homes]
    for path in config_files(root, skip):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for h, pattern in patterns:
            if h.old_module not in text:
                continue
            for match in pattern.finditer(text):
                if text.startswith(".*", match.end()):
                    continue  # `pkg.big.*` (mypy's overrides): the new modules too
                line = text.count("\n", 0, match.start()) + 1
                separator, name = match.group(1), match.group(2)
                if name is not None and h.submodule(name):
                    continue  # `pkg.big.tool`: a new module, which stays
                if not _a_use(h, text, match.start(), name):
                    continue
                home = h.new_home(name) if name is not None else None
                new = f"{home}{separator}{name}" if home is not None else None
                found.append(Use(path, line, h.old_module, name or "", "string", new, False,
                                 "in a configuration file: edit by hand"))
    return found


# what loads a module named by one word: `python -m`, Celery's `-A`/`--app`, a setting or
# variable whose name ends in MODULE (`DJANGO_SETTINGS_MODULE=settings`)
_LOADS = re.compile(r"(?:-m|-A|--app|MODULE\W{0,3}\s*[=:])\s*=?\s*[\"']?$", re.IGNORECASE)


def _a_use(homes: Homes, text: str, start: int, name: str | None) -> bool:
    """Whether the mention at `start` names the old module or one of its names. Not a
    `.name` the module never had, or one no Python name can be (`buku.1`, a man page;
    `buku.readthedocs`, a host; `buku.py`, its file); and, for a module named by one word,
    the project's and program's name too (`name = "buku"`, `pip install buku`, `install
    ... $(BINDIR)/buku`: round 30, 38 such lines kept buku's `retire` refused) unless the
    words before it load a module by that name."""
    if name is not None:
        return name.isidentifier() and not homes.kept(name) and (
            name in homes.homes or name in homes.imported or name in homes.stays
            or name in homes.lookups)
    if "." in homes.old_module:
        return True
    before = text[text.rfind("\n", 0, start) + 1:start]
    return bool(_LOADS.search(before))
