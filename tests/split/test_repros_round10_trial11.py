"""Bugs found in round 10 (trial11) splitting FastAPI's `routing.py` and Django REST
framework's `fields.py` and running their own suites and linters before and after: each a
minimal `pkg/big.py`, planned (and applied where behaviour is at stake)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from splitkit import make_project, plan_texts

# DRF's fields.py: a section comment, a blank line, then the class it heads. Moved to the
# top of a new module, right after its imports.
SECTION = """
    import re


    def helper():
        return re.compile("x")


    # Boolean types...

    class BooleanField:
        pattern = re


    def tail():
        return BooleanField
"""


def test_a_detached_section_comment_after_the_imports_keeps_e302_clean(tmp_path: Path) -> None:
    """isort and ruff want one blank line between the imports and a comment that is not
    the def's (a blank line keeps it apart); pycodestyle counts the blank lines before
    the comment for the class below it and wanted two (E302 on every new module of DRF's
    fields.py whose first class had such a comment). The class now gets two below the
    comment, as formatters write it."""
    modules = {"one": ["helper", "tail"], "two": ["BooleanField"]}
    _, texts = plan_texts(make_project(tmp_path, SECTION, modules))
    two = texts["pkg/big/two.py"]
    assert "import re\n\n# Boolean types...\n\n\nclass BooleanField:" in two
    (tmp_path / "two.py").write_text(two)
    proc = subprocess.run([sys.executable, "-m", "pycodestyle", "--select=E3", "two.py"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert proc.stdout == "", proc.stdout


# DRF keeps flake8's settings in pyproject.toml (`[tool.flake8]`, read by the
# flake8-pyproject plugin, lists allowed) with flake8-tidy-imports' `banned-modules`.
PRIVATE = """
    class _Unvalidated:
        pass


    class ListField:
        child = _Unvalidated


    def public():
        return ListField
"""
PYPROJECT = """
    [tool.flake8]
    extend-ignore = ["E501", "W503", "W504", "B"]
    banned-modules = "json = use from rest_framework.utils import json!"
"""


def test_flake8_settings_in_pyproject_are_read_and_tidy_imports_i250_is_answered(
    tmp_path: Path,
) -> None:
    """The facade re-exports a private name as `_X as _X`: pyflakes reports it (F401) and
    flake8-tidy-imports calls the alias unneeded (I250). godsplit read no
    `[tool.flake8]` (only `.flake8`, `setup.cfg`, `tox.ini`), so it took the project for
    one linted by ruff's defaults, and knew nothing of I250; DRF's flake8 reported both
    on the facade of its fields.py. Now the settings are read (lists as well as strings)
    and the line carries `# noqa: F401, I250`."""
    from godsplit.split.style import detect_style

    modules = {"fields": ["ListField", "_Unvalidated"]}
    config = make_project(tmp_path, PRIVATE, modules, files={"pyproject.toml": PYPROJECT})
    style = detect_style(tmp_path / "pkg" / "big.py", stop=tmp_path)
    assert style.linters == ("flake8",) and style.flake8 is not None
    assert not style.flake8.enables("E501") and style.flake8.enables("I250")
    _, texts = plan_texts(config)
    facade = texts["pkg/big/__init__.py"]
    line = next(x for x in facade.splitlines() if "_Unvalidated as _Unvalidated" in x)
    assert line.endswith("  # noqa: F401, I250"), line


def test_tidy_imports_codes_are_off_without_its_options(tmp_path: Path) -> None:
    """Without flake8-tidy-imports' options nothing says the plugin is installed: no I250."""
    from godsplit.split.style import detect_style

    make_project(tmp_path, PRIVATE, {"fields": ["ListField"]},
                 files={"pyproject.toml": "[tool.flake8]\nmax-line-length = 100\n"})
    style = detect_style(tmp_path / "pkg" / "big.py", stop=tmp_path)
    assert style.flake8 is not None and not style.flake8.enables("I250")
    assert style.lint_line_length == 100


# black's linegen.py: flake8 with `select = B,E,F,W,T4,B9` and E501 ignored (bugbear's
# B950 instead: max-line-length + 10%), black at 88 columns; the facade re-exports
# private helpers whose `name as name,` lines are 89 and 93 columns.
LONG = """
    def _over_length_only_due_to_bracket_comment():
        return 1


    def _over_length_only_due_to_subscript_comment():
        return 2


    def rhs():
        return _over_length_only_due_to_bracket_comment() + (
            _over_length_only_due_to_subscript_comment())


    def other():
        return rhs()
"""
BLACK_FLAKE8 = """
    [flake8]
    ignore = E203, E266, E501, E701, E704, W503, B907
    max-line-length = 80
    select = B,E,F,W,T4,B9
"""


def test_bugbear_b950_is_the_line_limit_where_it_replaces_e501(tmp_path: Path) -> None:
    """godsplit knew E501's limit only: with E501 ignored it saw no limit, wrote the
    re-exports too long for B950 (89 and 93 > 88) and marked none. Now B950 is a limit
    (int(80 * 1.1) = 88) and its code goes on the lines no form can shorten."""
    from godsplit.split.style import detect_style

    modules = {"rhs": ["rhs", "_over_length_only_due_to_bracket_comment",
                       "_over_length_only_due_to_subscript_comment"], "rest": ["other"]}
    config = make_project(tmp_path, LONG, modules, files={
        ".flake8": BLACK_FLAKE8, "pyproject.toml": "[tool.black]\nline-length = 88\n"})
    style = detect_style(tmp_path / "pkg" / "big.py", stop=tmp_path)
    assert (style.lint_line_length, style.long_line_code) == (88, "B950")
    _, texts = plan_texts(config)
    long = [x for x in texts["pkg/big/__init__.py"].splitlines() if len(x) > 88]
    assert long and all(x.endswith("  # noqa: B950") for x in long), long


# DRF's serializers.py: `self.__class__.__module__` in `build_unknown_field` (line 1407)
# and again in `get_extra_kwargs` (1459), the one GS216 named.
TWICE = """
    class Model:
        def first(self):
            return self.__class__.__module__

        def second(self):
            return self.__class__.__module__ + "!"


    NAME = Model().second()
"""


def test_a_module_read_finding_points_at_the_read_it_names(tmp_path: Path) -> None:
    """GS216 named the read in `Model.second` but gave the line of the same expression's
    first occurrence in the class (in `first`): the line is now looked up inside the
    method named."""
    config = make_project(tmp_path, TWICE, {"models": ["Model"]}, **{"keep-module-name": True})
    plan, _ = plan_texts(config)
    [finding] = [f for f in plan.findings if f.code == "GS216"]
    assert "Model.second" in finding.message and finding.line == 6, finding.render()
