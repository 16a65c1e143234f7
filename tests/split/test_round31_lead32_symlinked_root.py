"""Round 31 (lead): a package's `__init__.py` reached through a symlinked directory.

The config's root spelled through a symlink (`benchmarks/.work` linked to another checkout)
and the source resolved: the new modules' paths and the source's differed in spelling, and
planning the split of `pkg/__init__.py` stopped with "target already exists with other
content" for the source itself (tune32a and the lead, suggesting for black's `__init__.py`).
"""

from __future__ import annotations

from pathlib import Path

from godsplit.config import parse_config
from godsplit.suggester.core import suggest

SOURCE = '''\
def alpha():
    return 1


def beta():
    return alpha() + 1


class Gamma:
    def run(self):
        return beta()
'''


def test_a_package_init_through_a_symlinked_directory_is_split(tmp_path: Path) -> None:
    real = tmp_path / "real" / "proj"
    (real / "pkg").mkdir(parents=True)
    (real / "pkg" / "__init__.py").write_text(SOURCE)
    (tmp_path / "link").symlink_to(tmp_path / "real")
    root = tmp_path / "link" / "proj"
    made = suggest(root / "pkg" / "__init__.py",
                   parse_config({"max-lines": 100_000}, root / "godsplit.toml"), 100_000,
                   modules=2)
    assert not [f for f in made.plan.findings if f.severity == "error"]
    assert len(made.modules) == 2
    facade = next(c for c in made.plan.changes if c.path.name == "__init__.py")
    assert b"Gamma" in facade.data
