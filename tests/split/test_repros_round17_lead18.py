"""Round 17 (lead): repros from real god files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from splitkit import make_project, plan_texts, ruff_check

# cmd2 4.3.1's `cmd2/cmd2.py` imports its siblings relatively (`from .utils import ...`)
# and its ruff config selects TID (flake8-tidy-imports: TID252 bans relative imports from
# a parent package, by default). Split into the package `cmd2/cmd2/`, those imports became
# `from ..utils import ...`: 138 new TID252 findings. Where the project's linter reports
# them, the new modules import those modules by their absolute name.
SOURCE = """
    from .utils import helper


    def one():
        return helper(1)


    def two():
        return one() + 1
"""
RUFF = {
    "parents": '[lint]\nselect = ["F", "I", "TID"]\n',
    "all": '[lint]\nselect = ["F", "I", "TID"]\n'
           '[lint.flake8-tidy-imports]\nban-relative-imports = "all"\n',
    "off": '[lint]\nselect = ["F", "I"]\n',
}


@pytest.mark.parametrize("ban", sorted(RUFF))
def test_relative_imports_the_project_bans_are_written_absolute(tmp_path: Path, ban: str) -> None:
    config = make_project(tmp_path, SOURCE, {"a": ["one"], "b": ["two"]},
                          files={"ruff.toml": RUFF[ban], "pkg/utils.py": "def helper(x):\n"
                                 "    return x\n"})
    _, texts = plan_texts(config)
    module = texts["pkg/big/a.py"]
    if ban == "off":
        assert "from ..utils import helper" in module, module
    else:
        assert "from pkg.utils import helper" in module, module
    # between new modules: one dot, reported only under "all"
    assert ("from pkg.big.a import one" in texts["pkg/big/b.py"]) == (ban == "all"), texts
    from godsplit.split.apply import apply_splits

    assert apply_splits(config).written
    proc = ruff_check(tmp_path, "pkg")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    run = subprocess.run([sys.executable, "-c", "import pkg.big; print(pkg.big.two())"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == "2", run.stderr


@pytest.mark.parametrize(("value", "expected"), [("parents", "parents"), ("true", "all"),
                                                  ("", "")])
def test_flake8_tidy_imports_ban_is_read(tmp_path: Path, value: str, expected: str) -> None:
    from godsplit.split.relative_ban import relative_ban
    from godsplit.split.style import detect_style

    (tmp_path / ".git").mkdir()
    option = f"ban-relative-imports = {value}\n" if value else ""
    (tmp_path / "setup.cfg").write_text(f"[flake8]\nselect = F,I25\n{option}")
    assert relative_ban(detect_style(tmp_path / "x.py"), tmp_path / "x.py") == expected


def test_absolute_target() -> None:
    from godsplit.split.relative_ban import absolute_target

    assert absolute_target("pkg.big", 2, "utils") == "pkg.utils"
    assert absolute_target("pkg.big", 1, None) == "pkg.big"
    assert absolute_target("pkg", 3, "x") is None  # above the top-level package


# cmd2's `NoConsoleScreenBufferError` and yt-dlp's Windows-only helpers are bound only
# under a condition, so the facade (and a module reading them) imports each in
# `try: ... except ImportError: pass`; cmd2's and yt-dlp's ruff select SIM105, which
# reports that form: 1-2 findings in cmd2, 11 in yt-dlp. Marked where it is reported.
CONDITIONAL = """
    import sys

    if sys.platform == "win32":
        class WinError(Exception):
            pass


    def one():
        return 1


    def two():
        return one() + 1
"""


@pytest.mark.parametrize("select", ['["F", "SIM"]', '["F"]'])
def test_a_guarded_import_is_marked_where_sim105_reports_it(tmp_path: Path, select: str) -> None:
    config = make_project(tmp_path, CONDITIONAL, {"win": ["WinError", "one"], "b": ["two"]},
                          files={"ruff.toml": f"[lint]\nselect = {select}\n"})
    _, texts = plan_texts(config)
    facade = texts["pkg/big/__init__.py"]
    assert "except ImportError:" in facade, facade
    assert ("try:  # noqa: SIM105\n" in facade) == ("SIM" in select), facade
    from godsplit.split.apply import apply_splits

    assert apply_splits(config).written
    proc = ruff_check(tmp_path, "pkg")
    assert proc.returncode == 0, proc.stdout + proc.stderr


# cmd2's `cmd2.py` imports its siblings in two groups, separated by a `try:` block that
# binds `NoConsoleScreenBufferError`; in the new module holding `CommandParsers` that
# block is gone, and the second group came below the first after a blank line: one
# block to ruff's isort, which wanted the blank line gone (I001).
TWO_GROUPS = """
    import sys

    from .types_ import T

    try:
        if sys.platform == "win32":
            from os import startfile
        else:
            raise ImportError
    except ImportError:

        def startfile(x):
            return x


    from .utils import helper


    def one() -> T:
        return helper(1)


    def two():
        return startfile(one())
"""


def test_import_groups_a_moved_block_separated_are_one_group(tmp_path: Path) -> None:
    config = make_project(tmp_path, TWO_GROUPS, {"parsers": ["one"], "rest": ["two", "startfile"]},
                          files={"ruff.toml": '[lint]\nselect = ["F", "I"]\n',
                                 "pkg/utils.py": "def helper(x):\n    return x\n",
                                 "pkg/types_.py": "T = int\n"})
    _, texts = plan_texts(config)
    assert "from ..types_ import T\nfrom ..utils import helper\n" in texts[
        "pkg/big/parsers.py"], texts["pkg/big/parsers.py"]
    from godsplit.split.apply import apply_splits

    assert apply_splits(config).written
    proc = ruff_check(tmp_path, "pkg")
    assert proc.returncode == 0, proc.stdout + proc.stderr
