"""Round 22 (smalls22): README item 18's small leftovers.

18(d): pycodestyle before 2.6 (flake8 3.7.9, asn1crypto's pinned lint) ends the import
block at a top-level `if`; the generated imports (a new module's imports of its siblings,
the facade's re-exports) came after the source's import-only `if sys.version_info <=
(3,):` block: E402 on each. They now go before it where that keeps behaviour."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from godsplit.split.apply import plan_splits
from godsplit.split.doc_length import wrap_comments
from godsplit.split.head_order import generated_at
from godsplit.split.history import verify_split
from godsplit.split.package_order import marked
from godsplit.types import Finding

from splitkit import apply, make_project, plan_texts, same_behaviour

VALUES = '''\
    """Values."""

    from __future__ import unicode_literals

    import re
    import sys

    from . import helper

    if sys.version_info <= (3,):
        from cStringIO import StringIO as BytesIO

        range = xrange  # noqa
        _PY2 = True

    else:
        from io import BytesIO

        _PY2 = False


    class Base(object):
        def dump(self):
            return BytesIO(b"x").read(), _PY2, helper.X, bool(re.compile("a"))


    class Child(Base):
        def more(self):
            return list(range(3)), _PY2
'''
HELPER = {"pkg/helper.py": "X = 1\n"}
MODULES = {"base": ["Base"], "child": ["Child"]}


def pycodestyle_25_e402(text: str) -> list[int]:
    """The lines pycodestyle 2.5's `module_imports_on_top_of_file` reports: top-level
    imports after a top-level statement other than an import, `try`, a docstring or a
    dunder assignment (2.6 added `if`, `elif` and `with` to what it allows)."""
    seen_code, lines = False, []
    for stmt in ast.parse(text).body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            if seen_code:
                lines.append(stmt.lineno)
        elif isinstance(stmt, ast.Try) or (
                isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)):
            continue
        elif isinstance(stmt, ast.Assign) and all(
                isinstance(t, ast.Name) and t.id.startswith("__") for t in stmt.targets):
            continue
        else:
            seen_code = True
    return lines


def test_generated_imports_come_before_an_import_only_if_block(tmp_path: Path) -> None:
    config = make_project(tmp_path, VALUES, MODULES, files=HELPER)
    _, texts = plan_texts(config)
    for path in ("pkg/big/__init__.py", "pkg/big/child.py"):
        assert pycodestyle_25_e402(texts[path]) == [], (path, texts[path])
    assert texts["pkg/big/child.py"].index("from .base import Base") < texts[
        "pkg/big/child.py"].index("if sys.version_info")


@pytest.mark.slow
def test_moved_before_the_if_block_behaves_and_is_ruff_clean(tmp_path: Path) -> None:
    out = same_behaviour(tmp_path, VALUES, MODULES, """\
        from pkg.big import Base, Child, BytesIO, _PY2
        print(Base().dump(), Child().more(), BytesIO.__name__, _PY2)
        """, files=HELPER)
    assert "False" in out
    ruff = Path(sys.executable).with_name("ruff")  # E402 and I001 as ruff sees them
    proc = subprocess.run([str(ruff), "check", "--isolated", "--select", "E4,I,F", "pkg"],
                          cwd=tmp_path / "after", capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout


def test_nothing_moves_before_code_that_does_more_or_names_the_imports() -> None:
    imports = "from .base import Base\n"
    version = "if sys.version_info <= (3,):\n    from cStringIO import StringIO\n"
    assert generated_at(["import sys\n", version], imports, "pkg") == 1
    # a guard that raises, a project import, a test that calls, a name the imports bind
    for text in ("if sys.version_info < (3,):\n    raise ImportError('py3')\n",
                 "if sys.version_info <= (3,):\n    from . import compat\n",
                 "if platform.system() == 'Windows':\n    import winreg\n",
                 "if sys.version_info <= (3,):\n    Base = object\n"):
        assert generated_at(["import sys\n", text], imports, "pkg") is None, text
    # the last such code bounds the stretch: an `if` after it can still go after
    assert generated_at(["import sys\n", "sys.path.insert(0, 'x')\n", version], imports,
                        "pkg") == 2


# 18(h): on Plane `apply` said "the same 66 names" and `verify` "67 names": the package
# facade's generated `__all__` is a name the module did not have. Both now say so.
TWO = '''\
    def first():
        return 1


    def second():
        return first() + 1
'''


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=root,
                   check=True, capture_output=True)


@pytest.mark.slow
def test_apply_and_verify_count_the_names_alike(tmp_path: Path) -> None:
    config = make_project(tmp_path, TWO, {"one": ["first"], "two": ["second"]})
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "before the split")
    result = apply(config)
    assert result.written and not result.errors, result.errors
    [applied] = [f.message for f in result.splits[0].findings if f.code == "GS400"]
    before = int(re.search(r"the same (\d+) names, and 1 new: `__all__`,", applied)[1])
    [verified] = [f.message for f in verify_split(config, config.splits[0], None)
                  if f.code == "GS400"]
    assert f": {before + 1} names: the same {before} as before the split, and 1 new: " \
           "`__all__`" in verified, verified


# 18(j): GS143 warned at a message the code makes from a literal that opens with the old
# qualified name ("pkg.big.spawn does not take None"): the split does not change such a
# literal, and where it is made it is not compared with a repr. An expected value with the
# same words (twisted's deprecation message, compared whole) still warns.
SPAWN = """
    def spawn(command):
        return command


    def timeout(d):
        return d
"""
MESSAGES = '''
    import logging
    import warnings

    from pkg.big import spawn

    log = logging.getLogger(__name__)


    def run(command):
        if command is None:
            raise TypeError("pkg.big.spawn does not take None")
        if not command:
            warnings.warn(f"pkg.big.spawn got an empty command {command!r}")
            log.warning("pkg.big.spawn: nothing to run")
            print("pkg.big.spawn " + "is starting")
        return spawn(command)


    DEPRECATED = "pkg.big.timeout was deprecated in Pkg 17.1.0"


    def test_message(caught):
        assert str(caught) == "pkg.big.spawn was deprecated"
'''


def test_gs143_skips_messages_the_code_makes_from_a_literal(tmp_path: Path) -> None:
    config = make_project(tmp_path, SPAWN, {"running": ["spawn", "timeout"]},
                          files={"pkg/cli.py": MESSAGES})
    result = plan_splits(config, import_check=False)
    found = sorted((f.line, f.message.split(" spells ")[1].split()[0])
                   for s in result.splits for f in s.findings if f.code == "GS143")
    assert found == [(19, "pkg.big.timeout"), (23, "pkg.big.spawn")], found


# package_order's GS153 comment was wrapped by hand with a hanging `#  ` beside
# doc_length's wrapping: under a project's max-doc-length it was wrapped again with the
# extra space inside ("changing  `a`"). One wrapping now, godsplit's `# ` for every line.
def test_the_order_comment_wraps_like_godsplit_s_other_comments() -> None:
    notes = [Finding("GS153", "info", f"code run at import time changes `registry_number_{i}` "
                     "from several modules", "pkg/big.py", 1) for i in range(4)]
    facade = '"""Doc."""\n\n# godsplit: facade: the code lives in `pkg.big` now.\n\nimport x\n'
    text = marked(facade, notes, "# godsplit: facade")
    comment = [line for line in text.splitlines() if line.startswith("#")][1:]
    assert len(comment) == 3 and all(len(line) <= 79 for line in comment), comment
    assert all(line.startswith("# ") and not line.startswith("#  ") for line in comment)
    rewrapped = wrap_comments(text, 60, "")
    assert "  " not in rewrapped.replace('"""', ""), rewrapped
    assert "`registry_number_0`, `registry_number_1`," in rewrapped
