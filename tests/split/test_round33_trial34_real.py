"""Round 33 (trial34): bugs found splitting regex's `_regex_core.py`, passlib's
`utils/handlers.py` and pydantic-settings' `sources.py` and running each library's own
suite before and after; each a minimal `pkg/big.py`, planned and applied with the import
check on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from splitkit import make_project, plan_texts, same_behaviour

# regex 2024.11.6, `_regex_core.py` line 124: `globals().update(RegexFlag.__members__)`
# binds VERSION0, VERSION1, ... through the namespace; line 128, `_ALL_VERSIONS = VERSION0
# | VERSION1`, reads them. Both stay in the old module; `RegexFlag` moved. The facade ran
# `_ALL_VERSIONS = ...` before its re-exports (a moved function imports it), so before the
# `globals().update(...)` that needs `RegexFlag`: the plan had 0 errors, the import check
# said "NameError: name 'VERSION0' is not defined" (GS406) and suggest ended with "no
# mapping without plan errors was found".
NAMESPACE_BOUND = """
    import enum


    class Flag(enum.IntFlag):
        A = 1
        B = 2


    globals().update(Flag.__members__)

    BOTH = A | B


    def both():
        return BOTH


    def other():
        return Flag.A
"""

CHECK = """
    import pkg.big as big
    print(big.both(), big.BOTH, big.A, big.other())
"""


def test_kept_code_reading_names_the_namespace_binds_runs_after_the_writer(
        tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, NAMESPACE_BOUND,
                         {"flags": ["Flag", "other"], "readers": ["both"]}, CHECK)
    assert out.split()[:2] == ["3", "3"]


def test_the_facade_keeps_the_writer_before_its_reader(tmp_path: Path) -> None:
    config = make_project(tmp_path, NAMESPACE_BOUND,
                          {"flags": ["Flag", "other"], "readers": ["both"]})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    facade = texts["pkg/big/__init__.py"]
    assert facade.index("globals().update(Flag.__members__)") < facade.index("BOTH = A | B")


# pydantic-settings 2.3.4, `sources.py` line 45: `if TYPE_CHECKING:` holds `if
# sys.version_info >= (3, 11): import tomllib / else: tomllib = None` beside the imports
# of `BaseSettings`, yaml and tomli (`else:` binds them None at run time). A new module
# reading only `BaseSettings` got the block trimmed to that import, and `import sys`, read
# only by the nested `if` it did not copy: F401 in three of six new modules (ruff 0.4.1,
# the project's pin, and ruff 0.17.6, pyflakes, flake8).
NESTED_CHECK = """
    from __future__ import annotations

    import sys
    from typing import TYPE_CHECKING

    if TYPE_CHECKING:
        if sys.version_info >= (3, 11):
            import tomllib
        else:
            tomllib = None
        from decimal import Decimal
    else:
        tomllib = None


    def load(text):
        global tomllib
        import tomllib as found

        tomllib = found
        return tomllib.loads(text)


    class Money:
        def __init__(self, amount: Decimal) -> None:
            self.amount = amount
"""


def test_a_module_gets_no_import_only_an_uncopied_part_of_a_type_checking_block_reads(
        tmp_path: Path) -> None:
    config = make_project(tmp_path, NESTED_CHECK, {"money": ["Money"], "loader": ["load"]})
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    money = texts["pkg/big/money.py"]
    assert "from decimal import Decimal" in money
    assert "version_info" not in money
    assert "import sys" not in money
    for path, text in texts.items():
        if text != "<delete>":
            (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / path).write_text(text)
    (tmp_path / "pkg/big.py").unlink()
    flakes = subprocess.run([sys.executable, "-m", "pyflakes", "pkg/big/money.py"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert flakes.returncode == 0, flakes.stdout
