import os
import sys

# `python -m godsplit` puts the current directory first on sys.path: a module of the
# project named like one of the standard library (`json.py`, `types.py`) would then be what
# godsplit itself imports. godsplit imports nothing from the project in this process (its
# import checks run in fresh interpreters), so the entry goes, as `python -P` would drop it.
if sys.path and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]

from .cli import run

if __name__ == "__main__":
    run()
