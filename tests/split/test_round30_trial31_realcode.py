"""Round 30 (trial31): defects found splitting real god files (pytz, configobj, inflect)
against their own test suites, each with a small synthetic case."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from godsplit.config import load_config
from godsplit.split.apply import apply_splits

from splitkit import make_project, plan_texts

# pytz's `__init__.py`: a line of eight spaces stood between `all_timezones = ...` and
# `all_timezones_set = ...`; moved after a def, the assignment got two blank lines more
# than that line, three in all (pycodestyle E303, black rewrote it)
SPACES_LINE = (
    "def alpha():\n"
    "    return 1\n"
    "\n"
    "\n"
    "Y = 2\n"
    "        \n"
    "X = alpha()\n"
)


def _pycodestyle(text: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "check.py"
    path.write_text(text)
    proc = subprocess.run([sys.executable, "-m", "pycodestyle", "--select=E3", str(path)],
                          capture_output=True, text=True, timeout=60)
    return proc.stdout.splitlines()


def test_a_line_of_spaces_counts_as_a_blank_line_above_a_moved_statement(
        tmp_path: Path) -> None:
    config = make_project(tmp_path / "p", "", {"one": ["alpha", "X"]})
    (tmp_path / "p" / "pkg" / "big.py").write_text(SPACES_LINE)
    _, texts = plan_texts(config)
    one = texts["pkg/big/one.py"]
    assert "    return 1\n\n        \nX = alpha()\n" in one, one  # two, the source's kept
    assert _pycodestyle(one, tmp_path) == [], one


# pytz's `__init__.py` has an `if __name__ == "__main__":` block and code reading
# `__name__`: GS417 said that under `python -m pytz` this file ran as `__main__`. A
# package's `__init__.py` never does (`python -m pkg` runs `pkg/__main__.py`, or refuses).
INIT = """\
import logging

log = logging.getLogger(__name__)


def alpha():
    log.warning("alpha ran")
    return 1


def beta():
    return alpha() + 1


if __name__ == "__main__":
    beta()
"""
INIT_CONFIG = ('[[split]]\nsource = "pkg/__init__.py"\npackage = "pkg"\n\n'
               '[split.modules]\none = ["alpha"]\ntwo = ["beta"]\n')


def _python_m(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pkg"], cwd=root, capture_output=True,
                          text=True, timeout=60)


def test_no_gs417_for_a_packages_init(tmp_path: Path) -> None:
    root = tmp_path / "p"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text(INIT)
    (root / "godsplit.toml").write_text(INIT_CONFIG)
    before = _python_m(root)
    assert before.returncode != 0 and "cannot be directly executed" in before.stderr
    result = apply_splits(load_config(root / "godsplit.toml"))
    assert result.written and not result.errors
    assert not [f for f in result.splits[0].findings if f.code == "GS417"]
    assert any(f.code == "GS400" for f in result.splits[0].findings)
    after = _python_m(root)
    assert after.returncode != 0 and "cannot be directly executed" in after.stderr


# pytz: `from pytz.lazy import LazyDict, LazyList, LazySet` with a bare noqa comment, its
# names used by moved code only, became one re-export a name in the facade: the first kept
# the bare comment and got a second one, targeted at F401, after it
BARE_NOQA = """\
from os.path import join, split  # noqa

__all__ = ["alpha"]


def alpha():
    return join("a", "b"), split("a/b")
"""


def test_a_bare_noqa_gets_no_second_noqa(tmp_path: Path) -> None:
    config = make_project(tmp_path / "p", BARE_NOQA, {"one": ["alpha"]},
                          files={"setup.cfg": "[flake8]\nmax-line-length = 120\n"})
    _, texts = plan_texts(config)
    facade = texts["pkg/big/__init__.py"]
    assert "# noqa  # noqa" not in facade, facade
    assert "import join as join  # noqa\n" in facade, facade
    assert "import split as split  # noqa: F401\n" in facade, facade
