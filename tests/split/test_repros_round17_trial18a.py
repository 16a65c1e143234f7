"""Round 17 (trial18a): bugs found splitting configobj's `__init__.py`, deepdiff's `diff.py`
and cmd2's `cmd2.py`, each a minimal `pkg/big.py`.

deepdiff's `diff.py` ends with `if __name__ == "__main__": doctest.testmod()` (its header:
"In order to run the docstrings: python3 -m deepdiff.diff"). In a package layout that block
moves to the package's `__main__.py`, where `doctest.testmod()` tests `__main__`, now a file
holding none of the module's code: `python -m deepdiff.diff` ran 19 doctests before the
split and 0 after, with the split "verified". `unittest.main()` in a test module split into
a package loads its tests from `__main__` the same way."""

from __future__ import annotations

from pathlib import Path

import libcst as cst

from godsplit.split.main_self import retarget_main_block

from splitkit import make_project, plan_texts
from splitkit import same_behaviour as _same

DOCTESTED = '''
    """A module whose doctests run under `python -m pkg.big`."""


    def double(x):
        """
        >>> double(2)
        4
        """
        return 2 * x


    class Box:
        """
        >>> Box(3).value
        3
        """

        def __init__(self, value):
            self.value = value


    if __name__ == "__main__":
        import doctest
        print(doctest.testmod())
'''
RUN_MAIN = """
    import runpy, sys
    sys.argv = ["big"]
    runpy.run_module("pkg.big", run_name="__main__", alter_sys=True)
"""


def test_doctest_testmod_of_a_moved_main_block_still_runs_the_modules_doctests(tmp_path: Path
                                                                               ) -> None:
    out = _same(tmp_path, DOCTESTED, {"numbers": ["double"], "boxes": ["Box"]}, RUN_MAIN,
                **{"keep-module-name": True})
    assert out.strip() == "TestResults(failed=0, attempted=2)"  # 0 attempted before the fix
    main = (tmp_path / "after" / "pkg" / "big" / "__main__.py").read_text()
    assert "doctest.testmod(_godsplit_module)" in main


def test_gs128_says_the_moved_doctests_need_keep_module_name(tmp_path: Path) -> None:
    config = make_project(tmp_path, DOCTESTED, {"numbers": ["double"], "boxes": ["Box"]})
    plan, _ = plan_texts(config)
    gs128 = [f for f in plan.findings if f.code == "GS128"]
    assert [(f.severity, f.line) for f in gs128] == [("warning", 22)]
    assert "keep-module-name = true" in gs128[0].message
    assert "python -m pkg.big" in gs128[0].message


TESTS = """
    import unittest


    class FirstTest(unittest.TestCase):
        def test_one(self):
            self.assertEqual(1, 1)


    class SecondTest(unittest.TestCase):
        def test_two(self):
            self.assertEqual(2, 2)


    if __name__ == "__main__":
        unittest.main()
"""
RUN_TESTS = """
    import contextlib, io, re, runpy, sys
    sys.argv = ["big"]
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            runpy.run_module("pkg.big", run_name="__main__", alter_sys=True)
        except SystemExit as exit:
            print("exit", exit.code)
    print(re.search(r"Ran \\d+ tests?", err.getvalue()).group())
"""


def test_unittest_main_of_a_moved_main_block_still_runs_the_modules_tests(tmp_path: Path
                                                                          ) -> None:
    out = _same(tmp_path, TESTS, {"first": ["FirstTest"], "second": ["SecondTest"]}, RUN_TESTS)
    assert out.split() == ["exit", "False", "Ran", "2", "tests"]  # "Ran 0 tests" before


def _retarget(code: str) -> tuple[str, list[str]]:
    stmt = cst.parse_statement(code)
    changed, calls = retarget_main_block(stmt, "pkg.big")
    return cst.Module(body=[changed]).code, calls


def test_a_call_naming_its_module_is_left_alone() -> None:
    for code in ('if __name__ == "__main__":\n    doctest.testmod(other)\n',
                 'if __name__ == "__main__":\n    doctest.testmod(m=other, verbose=True)\n',
                 'if __name__ == "__main__":\n    unittest.main("tests.other")\n',
                 'if __name__ == "__main__":\n    unittest.main(**options)\n',
                 'if __name__ == "__main__":\n    main()\n'):
        assert _retarget(code) == (code, [])


def test_keywords_are_kept_and_the_module_is_imported_first_in_the_block() -> None:
    text, calls = _retarget('if __name__ == "__main__":\n    import doctest\n'
                            '    doctest.testmod(verbose=True)\n    unittest.main(exit=False)\n')
    assert calls == ["doctest.testmod()", "unittest.main()"]
    assert text == ('if __name__ == "__main__":\n    import pkg.big as _godsplit_module\n'
                    '    import doctest\n    doctest.testmod(_godsplit_module, verbose=True)\n'
                    '    unittest.main(exit=False, module=_godsplit_module)\n')


# deepdiff's diff.py starts `#!/usr/bin/env python`, a blank line, then comments: every new
# module (and `__main__.py`) started with that blank line, which ruff format and black drop.
SHEBANG = '''#!/usr/bin/env python

# Header comment.
"""Doc."""


def a():
    return 1


def b():
    return a()
'''


def test_new_modules_do_not_start_with_the_blank_line_after_a_shebang(tmp_path: Path) -> None:
    config = make_project(tmp_path, SHEBANG, {"one": ["a"], "two": ["b"]})
    _, texts = plan_texts(config)
    for path in ("pkg/big/one.py", "pkg/big/two.py"):
        assert texts[path].startswith("# Header comment.\n"), texts[path][:40]
    assert texts["pkg/big/__init__.py"].startswith("#!/usr/bin/env python\n")
