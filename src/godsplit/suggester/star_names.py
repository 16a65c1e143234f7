"""Names a star import gives that only importing its module shows.

matplotlib's `image.py` has `from matplotlib._image import *`: an extension module whose
stub is empty gives `resample`. suggest named a module `resample`, which as a package
attribute would replace the function (apply refuses it, GS415). Where godsplit reads no
name in a star-imported module (`split/star_exports.star_unread`) and the import check is
on, suggest imports that module, not the god file, in the project's interpreter and keeps
its names out of the module names it proposes. Nothing is imported when no such star
import exists; a module that fails to import gives no names.
"""

from __future__ import annotations

import json
import subprocess
from importlib import resources

from ..files import module_name_for
from ..split.analyze import Analysis
from ..split.star_exports import star_unread
from ..split.verify import interpreters
from ..types import Config


def runtime_star_names(analysis: Analysis, config: Config) -> frozenset[str]:
    """The names the source's unreadable star imports give, from the first interpreter
    that gives any (none when the import check is off)."""
    modules = star_unread(analysis)
    if not modules or not config.verify_import:
        return frozenset()
    _, root = module_name_for(analysis.path.resolve())
    driver = resources.files(__package__).joinpath("star_probe.py").read_text(encoding="utf-8")
    for python in interpreters(config.root):
        try:
            proc = subprocess.run([python, "-c", driver, *modules], cwd=root, timeout=60,
                                  capture_output=True, text=True, check=False)
        except (OSError, subprocess.TimeoutExpired):
            continue
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("godsplit-star: ")]
        names = json.loads(lines[-1].removeprefix("godsplit-star: ")) if lines else []
        if names:
            return frozenset(names)
    return frozenset()
