"""Round 16 (polish17): output-quality leftovers of round 15, each a minimal `pkg/big.py`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from godsplit.split.type_comments import type_comment_reads

from splitkit import apply, dedent, make_project, plan_texts, run_python

# pip 19.3.1's `wheel.py` types its functions with PEP 484 type comments and imports the
# types they name under `if MYPY_CHECK_RUNNING:`. godsplit did not read the comments: split
# by the maintainers' grouping, the new modules imported none of those names and mypy,
# clean on the source, reported 64 `name-defined` errors on the split package.
TYPE_COMMENTS = """
    from typing import TYPE_CHECKING, List

    from pkg.models import Thing

    if TYPE_CHECKING:
        from pkg.other import Bar, Foo


    def make(x):
        # type: (Foo) -> int
        return 1


    def keep(items):
        # type: (List[Bar]) -> None
        found = []  # type: List[Thing]  # the names a type comment reads
        print(items, found)  # type: ignore
"""
TYPE_FILES = {
    "pkg/models.py": "class Thing:\n    pass\n",
    "pkg/other.py": "class Foo:\n    pass\n\n\nclass Bar:\n    pass\n",
    "setup.cfg": "[mypy]\ndisallow_untyped_defs = True\n",
}


def _mypy(root: Path) -> list[str]:
    """The errors mypy (the project's setup.cfg) reports on the package, without lines."""
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", "/dev/null",
         "--no-error-summary", "pkg"], cwd=root, capture_output=True, text=True, timeout=300)
    return sorted(re.sub(r":\d+:", ":", line) for line in proc.stdout.splitlines()
                  if ": error:" in line)


def test_names_read_in_type_comments_are_imported_where_the_code_moves(tmp_path: Path) -> None:
    before = tmp_path / "before"
    make_project(before, TYPE_COMMENTS, {"one": ["make"], "two": ["keep"]}, files=TYPE_FILES)
    assert _mypy(before) == []
    after = tmp_path / "after"
    config = make_project(after, TYPE_COMMENTS, {"one": ["make"], "two": ["keep"]},
                          files=TYPE_FILES)
    plan, texts = plan_texts(config)
    assert not plan.errors, [f.render() for f in plan.errors]
    one, two = texts["pkg/big/one.py"], texts["pkg/big/two.py"]
    # under TYPE_CHECKING, as the source imports them; a linter that does not read type
    # comments (ruff, pyflakes 3+) takes them for unused: a targeted noqa
    assert "if TYPE_CHECKING:\n    from pkg.other import Foo  # noqa: F401\n" in one, one
    assert "if TYPE_CHECKING:\n    from pkg.other import Bar  # noqa: F401\n" in two, two
    assert "from pkg.models import Thing  # noqa: F401\n" in two, two
    assert re.search(r"^    List,  # noqa: F401$|^from typing import List  # noqa: F401$",
                     two, re.MULTILINE), two
    assert "Bar" not in one and "Thing" not in one and "List" not in one, one
    result = apply(config)
    assert result.written and not result.errors, result.errors
    assert _mypy(after) == []
    code = "import pkg.big as m; print(m.make(None)); m.keep([1])"
    assert run_python(after, code) == run_python(before, code) == "1\n[1] []\n"


def test_type_comment_reads_skip_ignores_and_map_to_their_statement() -> None:
    text = dedent("""
        import a  # type: ignore[import]
        x = []  # type: List[a.B]  # trailing words
        def f(y):  # type: (C) -> "D"
            z = 1  # type: E
    """)
    reads: dict[int, dict[str, list[bool]]] = {0: {}, 1: {}, 2: {"C": [True, False]}}
    hints = type_comment_reads(text, [1, 2, 3, 5], {"a", "List", "C", "D", "E"}, reads)
    assert hints == {1: {"a", "List"}, 2: {"D", "E"}}
    assert reads[2] == {"C": [True, False], "D": [False, True], "E": [False, True]}
    assert reads[0] == {}
