"""Round 32 (engine33, README item 29's first sentence): a guarded import block the facade
keeps whole (`try: import json as sshtunnel` / `except ImportError: ...`). Nothing in the
facade reads `sshtunnel` when the module's `__all__` does not list it: an aliased import
cannot take the `X as X` form, and `imports.explicit` marked one-line import statements
only, so the facade had a new ruff F401. Each such import in a kept block gets its own
`# noqa: F401` now, where the project reports F401, unless a later binding in the block
rebinds the name (`sshtunnel = None` in the handler): then neither ruff nor pyflakes
reports it, and a mark would be an unused noqa (RUF100). The same for the block copied
into a new module that reads only the flag it sets (mig32's `mark_tests`)."""

from __future__ import annotations

import shutil
from pathlib import Path

import libcst as cst
import pytest

from godsplit.split.import_noqa import explicit

from lintkit import compare, snapshot
from splitkit import apply, make_project, run_python

PYPROJECT = "[tool.ruff]\nline-length = 100\n"

ALIASED = '''
    """Big module."""
    try:
        import json as sshtunnel

        SSH_TUNNEL_SUPPORT = True
    except ImportError:
        SSH_TUNNEL_SUPPORT = False

    __all__ = ["cli", "tunnel"]


    def tunnel():
        return sshtunnel.dumps


    def cli(ssh):
        if ssh and not SSH_TUNNEL_SUPPORT:
            return "no tunnel"
        return "ok"
'''

REBOUND = ALIASED.replace(
    "    except ImportError:\n        SSH_TUNNEL_SUPPORT",
    "    except ImportError:\n        sshtunnel = None\n        SSH_TUNNEL_SUPPORT")

MAPPING = {"pgexecute": ["tunnel"], "main": ["cli"]}
TOOLS = ("ruff", "format")  # (pyflakes run alone reads no noqa)


def _split_and_lint(tmp_path: Path, source: str) -> tuple[str, str]:
    """Apply the split to a copy of the project; the facade's and `main.py`'s text, after
    checking that the split adds no finding of ruff (the project's config: ruff's
    defaults, RUF100 among them) or its formatter, and runs."""
    make_project(tmp_path / "before", source, MAPPING, files={"pyproject.toml": PYPROJECT})
    shutil.copytree(tmp_path / "before", tmp_path / "after")
    config = make_project(tmp_path / "after", source, MAPPING, files={"pyproject.toml": PYPROJECT})
    assert apply(config).written
    report = compare(snapshot(tmp_path / "before", ["pkg"], tools=TOOLS),
                     snapshot(tmp_path / "after", ["pkg"], tools=TOOLS))
    assert not report.failures, report.failures
    assert not report.new and not report.reformatted, report.summary()
    assert run_python(tmp_path / "after", "from pkg.big import cli, tunnel; print(cli(1), tunnel()([]))"
                      ) == "ok []\n"
    after = tmp_path / "after" / "pkg" / "big"
    return (after / "__init__.py").read_text(), (after / "main.py").read_text()


def test_an_aliased_import_in_a_kept_block_is_marked_in_the_facade(tmp_path: Path) -> None:
    facade, main = _split_and_lint(tmp_path, ALIASED)
    assert "    import json as sshtunnel  # noqa: F401\n" in facade, facade
    assert "    import json as sshtunnel  # noqa: F401\n" in main, main


def test_no_mark_where_the_handler_rebinds_the_name(tmp_path: Path) -> None:
    facade, main = _split_and_lint(tmp_path, REBOUND)
    assert "    import json as sshtunnel\n" in facade, facade
    assert "    import json as sshtunnel\n" in main, main


def _explicit(code: str) -> str:
    module = cst.parse_module(code)
    stmt, extra = explicit(module.body[0], used=())
    return module.with_changes(body=[stmt, *extra]).code


@pytest.mark.parametrize(("code", "expected"), [
    ("try:\n    import a.b\nexcept ImportError:\n    pass\n",
     "try:\n    import a.b  # noqa: F401\nexcept ImportError:\n    pass\n"),
    # one name a line, each with its comment (a sorter that splits the line keeps them)
    ("if X:\n    import a as b, c as d\n",
     "if X:\n    import a as b  # noqa: F401\n    import c as d  # noqa: F401\n"),
    # `os` needs no mark (`X as X`); `a as b` does, on its own line
    ("try:\n    import os, a as b  # old\nexcept ImportError:\n    pass\n",
     "try:\n    import os as os  # old\n    import a as b  # noqa: F401\n"
     "except ImportError:\n    pass\n"),
    # rebound later in the block (a handler, the other branch): not reported unused
    ("try:\n    import a as b\nexcept ImportError:\n    b = None\n",
     "try:\n    import a as b\nexcept ImportError:\n    b = None\n"),
    ("if X:\n    import a as b\nelse:\n    import c as b\n",
     "if X:\n    import a as b\nelse:\n    import c as b  # noqa: F401\n"),
])
def test_explicit_marks_imports_inside_a_block(code: str, expected: str) -> None:
    assert _explicit(code) == expected
